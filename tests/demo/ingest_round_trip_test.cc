// Generate -> read with ingest -> the accepted, rejected and repaired rows match the ground
// truth, for CSV and XLSX, clean and damaged, debtor and client lists.
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <unordered_map>

#include <gtest/gtest.h>

#include "adempauze/demo/generator.h"
#include "adempauze/ingest/ingest.h"
#include "demo/demo_test_util.h"

namespace adempauze::demo {
namespace {

using ingest::Severity;
using testing::TempDir;

constexpr CivilDate kToday{2026, 3, 1};

struct Variant {
  std::string name;
  FileFormat format;
  bool stray_columns;
  bool title_line;
  bool windows_1252;
  char delimiter;
};

// Names the variant in test output instead of dumping its bytes.
void PrintTo(const Variant& variant, std::ostream* out) { *out << variant.name; }

// Damage at rates high enough that every kind occurs in a few hundred rows.
DamageRates HeavyDamage(FileFormat format) {
  DamageRates rates;
  rates.lost_leading_zero = 0.08;
  rates.scientific_rounded = 0.04;
  rates.scientific_exact = 0.05;
  rates.trailing_decimal = 0.05;
  rates.separators = 0.1;
  rates.invalid_number = 0.04;
  rates.missing_number = 0.03;
  rates.number_as_number = format == FileFormat::kXlsx ? 0.3 : 0;
  rates.missing_key = 0.03;
  rates.duplicate_key = 0.03;
  rates.blank_row = 0.03;
  return rates;
}

DemoOptions OptionsFor(const Variant& variant) {
  DemoOptions options = testing::SmallOptions(11);
  options.debtors = 600;
  options.clients = 500;
  options.overlap = 0.3;
  for (ListOptions* list : {&options.debtor_list, &options.client_list}) {
    list->format = variant.format;
    list->stray_columns = variant.stray_columns;
    list->title_line = variant.title_line;
    list->windows_1252 = variant.windows_1252;
    list->delimiter = variant.delimiter;
    list->damage = HeavyDamage(variant.format);
  }
  return options;
}

// Rows of the report that have an entry with `severity` whose key starts with `prefix`.
std::set<std::size_t> RowsWith(const ingest::ValidationReport& report, Severity severity,
                               std::string_view prefix) {
  std::set<std::size_t> rows;
  for (const ingest::ReportEntry& entry : report.entries()) {
    if (entry.severity == severity && entry.message_key.starts_with(prefix)) rows.insert(entry.row);
  }
  return rows;
}

std::set<std::size_t> TruthRows(const ListTruth& truth, NumberState state) {
  std::set<std::size_t> rows;
  for (const RowTruth& row : truth.rows) {
    if (row.number_state == state) rows.insert(row.row);
  }
  return rows;
}

// Ingest rejects rows without a dossier number and every row of a repeated dossier number.
std::set<std::size_t> ExpectedRejected(const ListTruth& truth) {
  std::map<std::string, std::vector<std::size_t>> by_key;
  std::set<std::size_t> rejected;
  for (const RowTruth& row : truth.rows) {
    if (row.key.empty()) {
      rejected.insert(row.row);
    } else {
      by_key[row.key].push_back(row.row);
    }
  }
  for (const auto& [key, rows] : by_key) {
    if (rows.size() > 1) rejected.insert(rows.begin(), rows.end());
  }
  return rejected;
}

// Checks that every accepted row carries the number the ground truth expects.
template <typename Row>
void ExpectNumbers(const std::vector<Row>& rows, const ListTruth& truth) {
  std::unordered_map<std::size_t, const RowTruth*> by_row;
  for (const RowTruth& row : truth.rows) by_row[row.row] = &row;
  for (const Row& row : rows) {
    auto found = by_row.find(row.source_row);
    ASSERT_NE(found, by_row.end()) << "ingest row " << row.source_row << " is not a data row";
    const RowTruth& expected = *found->second;
    const bool readable = expected.number_state == NumberState::kValid ||
                          expected.number_state == NumberState::kRepairable;
    ASSERT_EQ(row.national_number.number.has_value(), readable) << "row " << row.source_row;
    if (readable) {
      EXPECT_EQ(row.national_number.number->digits, expected.national_number)
          << "row " << row.source_row << " damage " << expected.damage << " raw " << row.national_number.raw;
    }
  }
}

class IngestRoundTrip : public ::testing::TestWithParam<Variant> {
 protected:
  void SetUp() override {
    const std::string extension = GetParam().format == FileFormat::kCsv ? ".csv" : ".xlsx";
    debtor_file_ = dir_.path() / ("debiteuren" + extension);
    client_file_ = dir_.path() / ("clienten" + extension);
    auto truth = GenerateDemo(OptionsFor(GetParam()), debtor_file_, client_file_);
    ASSERT_TRUE(truth.ok()) << truth.error().Render(Language::kEnglish);
    truth_ = std::move(*truth);
    options_.today = kToday;
  }

  TempDir dir_;
  std::filesystem::path debtor_file_;
  std::filesystem::path client_file_;
  DemoTruth truth_;
  ingest::IngestOptions options_;
};

TEST_P(IngestRoundTrip, DebtorListMatchesGroundTruth) {
  auto list = ingest::ReadDebtorList(debtor_file_, options_);
  ASSERT_TRUE(list.ok()) << list.error().Render(Language::kEnglish);
  const ListTruth& truth = truth_.debtors;

  EXPECT_EQ(list->header_row, truth.header_row);
  EXPECT_EQ(list->rows_read, truth.data_rows);

  const std::set<std::size_t> rejected = ExpectedRejected(truth);
  EXPECT_EQ(RowsWith(list->report, Severity::kRejected, "ingest.row.dossier"), rejected);
  EXPECT_EQ(list->report.Count(Severity::kRejected), truth.Count(Damage::kMissingKey) +
                                                         (rejected.size() - truth.Count(Damage::kMissingKey)));
  EXPECT_EQ(list->rows.size(), truth.data_rows - rejected.size());

  EXPECT_EQ(RowsWith(list->report, Severity::kRepaired, "ingest.row.nn_repaired"),
            TruthRows(truth, NumberState::kRepairable));
  EXPECT_EQ(RowsWith(list->report, Severity::kWarning, "ingest.row.nn_invalid"),
            TruthRows(truth, NumberState::kInvalid));
  EXPECT_EQ(RowsWith(list->report, Severity::kWarning, "ingest.row.nn_missing"),
            TruthRows(truth, NumberState::kMissing));
  ExpectNumbers(list->rows, truth);

  const std::size_t dropped = GetParam().stray_columns ? 5 : 0;  // birth date, amount, phone, e-mail, remark
  EXPECT_EQ(list->report.Count(Severity::kColumnDropped), dropped);
}

TEST_P(IngestRoundTrip, ClientListMatchesGroundTruth) {
  auto list = ingest::ReadClientList(client_file_, options_);
  ASSERT_TRUE(list.ok()) << list.error().Render(Language::kEnglish);
  const ListTruth& truth = truth_.clients;

  EXPECT_EQ(list->header_row, truth.header_row);
  EXPECT_EQ(list->rows_read, truth.data_rows);
  EXPECT_EQ(list->rows.size(), truth.data_rows);
  EXPECT_EQ(list->report.Count(Severity::kRejected), 0u);

  EXPECT_EQ(RowsWith(list->report, Severity::kRepaired, "ingest.row.nn_repaired"),
            TruthRows(truth, NumberState::kRepairable));
  EXPECT_EQ(RowsWith(list->report, Severity::kWarning, "ingest.row.nn_invalid"),
            TruthRows(truth, NumberState::kInvalid));
  EXPECT_EQ(RowsWith(list->report, Severity::kWarning, "ingest.row.client_reference_missing").size(),
            truth.Count(Damage::kMissingKey));
  ExpectNumbers(list->rows, truth);

  const std::size_t dropped = GetParam().stray_columns ? 4 : 0;  // birth date, municipality, phone, remark
  EXPECT_EQ(list->report.Count(Severity::kColumnDropped), dropped);
}

TEST_P(IngestRoundTrip, ExactMatchesAreTheReadableClients) {
  auto debtors = ingest::ReadDebtorList(debtor_file_, options_);
  auto clients = ingest::ReadClientList(client_file_, options_);
  ASSERT_TRUE(debtors.ok());
  ASSERT_TRUE(clients.ok());

  std::set<std::string> client_numbers;
  for (const ingest::ClientRow& row : clients->rows) {
    if (row.national_number.number) client_numbers.insert(row.national_number.number->digits);
  }
  std::map<std::string, NumberState> client_state;
  for (const RowTruth& row : truth_.clients.rows) client_state[row.national_number] = row.number_state;
  std::unordered_map<std::size_t, const RowTruth*> debtor_truth;
  for (const RowTruth& row : truth_.debtors.rows) debtor_truth[row.row] = &row;

  // A debtor matches on the number exactly when the person is a client and the number is
  // readable on both lists.
  std::size_t matches = 0;
  for (const ingest::DebtorRow& row : debtors->rows) {
    if (!row.national_number.number) continue;
    const RowTruth& truth = *debtor_truth.at(row.source_row);
    auto state = client_state.find(truth.national_number);
    const bool readable_at_ocmw = state != client_state.end() && (state->second == NumberState::kValid ||
                                                                  state->second == NumberState::kRepairable);
    const bool matched = client_numbers.count(row.national_number.number->digits) > 0;
    EXPECT_EQ(matched, truth.on_both_lists && readable_at_ocmw) << "row " << row.source_row;
    matches += matched ? 1 : 0;
  }
  EXPECT_GT(matches, 100u);
}

INSTANTIATE_TEST_SUITE_P(
    Variants, IngestRoundTrip,
    ::testing::Values(Variant{"csv_plain", FileFormat::kCsv, false, false, false, ';'},
                      Variant{"csv_stray_title_1252", FileFormat::kCsv, true, true, true, ';'},
                      Variant{"csv_comma_stray", FileFormat::kCsv, true, false, false, ','},
                      Variant{"xlsx_plain", FileFormat::kXlsx, false, false, false, ';'},
                      Variant{"xlsx_stray_title", FileFormat::kXlsx, true, true, false, ';'}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace adempauze::demo
