// ReadDebtorList: which rows are rejected, repaired or warned, and the report entries for them.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adempauze/ingest/ingest.h"
#include "adempauze/nn/national_number.h"
#include "test_files.h"

namespace adempauze::ingest {
namespace {

using testing::kToday;
using testing::TempDir;

const std::string kHeader = "Dossiernummer;Naam;Voornaam;Rijksregisternummer\n";

// Returns a copy of an 11-digit number with a wrong last check digit.
std::string WithWrongCheckDigit(const std::string& digits) {
  std::string wrong = digits;
  wrong[10] = static_cast<char>('0' + (wrong[10] - '0' + 1) % 10);
  return wrong;
}

class DebtorValidationTest : public ::testing::Test {
 protected:
  DebtorList ReadOk(const std::string& body) {
    IngestOptions options;
    options.today = kToday;
    auto list = ReadDebtorList(dir_.Write("debiteuren.csv", kHeader + body), options);
    if (!list.ok()) ADD_FAILURE() << list.error().Render(Language::kEnglish);
    return list.ok() ? std::move(list).value() : DebtorList{};
  }

  // Returns the only report entry of `row`; fails the test when there is not exactly one.
  static ReportEntry OnlyEntryOfRow(const DebtorList& list, std::size_t row) {
    std::vector<ReportEntry> found;
    for (const ReportEntry& entry : list.report.entries()) {
      if (entry.row == row) found.push_back(entry);
    }
    EXPECT_EQ(found.size(), 1u) << "entries on row " << row;
    return found.empty() ? ReportEntry{} : found.front();
  }

  TempDir dir_;
  const std::string jan_ = nn::Make(1985, 7, 30, 33);
  const std::string els_ = nn::Make(1990, 2, 14, 124);
  const std::string lotte_ = nn::Make(2003, 4, 5, 122);  // starts with "0"
};

TEST_F(DebtorValidationTest, MissingDossierNumberRejected) {
  DebtorList list = ReadOk(";Peeters;Jan;" + jan_ + "\nD-002;Maes;Els;" + els_ + "\n");
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].dossier_number, "D-002");
  EXPECT_EQ(list.rows_read, 2u);
  ReportEntry entry = OnlyEntryOfRow(list, 2);
  EXPECT_EQ(entry.severity, Severity::kRejected);
  EXPECT_EQ(entry.message_key, "ingest.row.dossier_missing");
  EXPECT_EQ(entry.column, "Dossiernummer");
  EXPECT_EQ(entry.file, "debiteuren.csv");
}

TEST_F(DebtorValidationTest, DuplicateDossierRejectsEveryOccurrence) {
  DebtorList list = ReadOk("D-001;Peeters;Jan;" + jan_ + "\n"
                           "D-002;Maes;Els;" + els_ + "\n"
                           "D-001;Janssens;An;" + lotte_ + "\n");
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].dossier_number, "D-002");
  for (std::size_t row : {2u, 4u}) {
    ReportEntry entry = OnlyEntryOfRow(list, row);
    EXPECT_EQ(entry.severity, Severity::kRejected);
    EXPECT_EQ(entry.message_key, "ingest.row.dossier_duplicate");
    EXPECT_EQ(entry.masked_value, "D-001");
    EXPECT_EQ(entry.args, (std::vector<std::string>{"2, 4"}));
  }
}

// Regression: removing the duplicates once moved each row before the first duplicate onto
// itself, which emptied its strings.
TEST_F(DebtorValidationTest, RowsBeforeDuplicateKeepTheirFields) {
  DebtorList list = ReadOk("D-001;Peeters;Jan;" + jan_ + "\n"
                           "D-002;Maes;Els;" + els_ + "\n"
                           "D-003;Claes;Tom;" + lotte_ + "\n"
                           "D-002;Janssens;An;\n");
  ASSERT_EQ(list.rows.size(), 2u);
  EXPECT_EQ(list.rows[0].dossier_number, "D-001");
  EXPECT_EQ(list.rows[0].last_name, "Peeters");
  EXPECT_EQ(list.rows[0].first_name, "Jan");
  EXPECT_EQ(list.rows[0].national_number.raw, jan_);
  EXPECT_EQ(list.rows[1].dossier_number, "D-003");
  EXPECT_EQ(list.rows[1].last_name, "Claes");
}

TEST_F(DebtorValidationTest, DuplicateCountsRowRejectedForOtherReason) {
  std::string long_name(201, 'a');
  DebtorList list = ReadOk("D-001;Peeters;Jan;" + jan_ + "\nD-001;" + long_name + ";Els;" + els_ + "\n");
  EXPECT_TRUE(list.rows.empty());
  EXPECT_EQ(list.report.Count(Severity::kRejected), 3u);  // too long, and two duplicates
}

TEST_F(DebtorValidationTest, NoNumberAndNoNameRejected) {
  DebtorList list = ReadOk("D-001;;Jan;\nD-002;;Els;" + WithWrongCheckDigit(els_) + "\n");
  EXPECT_TRUE(list.rows.empty());
  EXPECT_EQ(OnlyEntryOfRow(list, 2).message_key, "ingest.row.no_number_no_name");
  // Row 3 has an invalid number: that is warned, and the row is rejected for lack of a name.
  EXPECT_EQ(list.report.Count(Severity::kRejected), 2u);
  EXPECT_EQ(list.report.Count(Severity::kWarning), 1u);
}

TEST_F(DebtorValidationTest, NumberWithoutNameAccepted) {
  DebtorList list = ReadOk("D-001;;;" + jan_ + "\n");
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_TRUE(list.report.entries().empty());
}

TEST_F(DebtorValidationTest, MissingNumberWarnedAndKept) {
  DebtorList list = ReadOk("D-001;Peeters;Jan;\n");
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_FALSE(list.rows[0].national_number.number.has_value());
  ReportEntry entry = OnlyEntryOfRow(list, 2);
  EXPECT_EQ(entry.severity, Severity::kWarning);
  EXPECT_EQ(entry.message_key, "ingest.row.nn_missing");
}

TEST_F(DebtorValidationTest, InvalidNumberWarnedAndRawKept) {
  std::string wrong = WithWrongCheckDigit(jan_);
  DebtorList list = ReadOk("D-001;Peeters;Jan;" + wrong + "\n");
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_FALSE(list.rows[0].national_number.number.has_value());
  EXPECT_EQ(list.rows[0].national_number.raw, wrong);
  ReportEntry entry = OnlyEntryOfRow(list, 2);
  EXPECT_EQ(entry.severity, Severity::kWarning);
  EXPECT_EQ(entry.message_key, "ingest.row.nn_invalid.checksum");
  EXPECT_EQ(entry.masked_value, nn::MaskRaw(wrong));
  EXPECT_EQ(entry.masked_value.find(wrong), std::string::npos);
}

TEST_F(DebtorValidationTest, UnrepairableScientificNotationWarned) {
  // "8,5073E+10": Excel showed the number with 5 significant digits and the rest is lost.
  DebtorList list = ReadOk("D-001;Peeters;Jan;8,5073E+10\n");
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_FALSE(list.rows[0].national_number.number.has_value());
  EXPECT_EQ(OnlyEntryOfRow(list, 2).message_key, "ingest.row.nn_invalid.digits_lost");
}

struct RepairCase {
  const char* name;
  std::string value;
  std::string expected_digits;
  const char* key;
};

TEST_F(DebtorValidationTest, SpreadsheetDamageRepairedAndReported) {
  const RepairCase cases[] = {
      {"lost leading zero", lotte_.substr(1), lotte_, "ingest.row.nn_repaired.leading_zero"},
      {"scientific notation, decimal comma",
       jan_.substr(0, 1) + "," + jan_.substr(1) + "E+10", jan_,
       "ingest.row.nn_repaired.scientific_notation"},
      {"scientific notation, decimal point",
       jan_.substr(0, 1) + "." + jan_.substr(1) + "E+10", jan_,
       "ingest.row.nn_repaired.scientific_notation"},
      {"trailing decimal", jan_ + ",0", jan_, "ingest.row.nn_repaired.trailing_decimal"},
  };
  for (const RepairCase& c : cases) {
    SCOPED_TRACE(c.name);
    DebtorList list = ReadOk("D-001;Peeters;Jan;" + c.value + "\n");
    ASSERT_EQ(list.rows.size(), 1u);
    ASSERT_TRUE(list.rows[0].national_number.number.has_value());
    EXPECT_EQ(list.rows[0].national_number.number->digits, c.expected_digits);
    EXPECT_EQ(list.rows[0].national_number.raw, c.value);
    ReportEntry entry = OnlyEntryOfRow(list, 2);
    EXPECT_EQ(entry.severity, Severity::kRepaired);
    EXPECT_EQ(entry.message_key, c.key);
    EXPECT_EQ(entry.masked_value, nn::Mask(c.expected_digits));
  }
}

TEST_F(DebtorValidationTest, FormattedNumberAcceptedWithoutRemark) {
  DebtorList list = ReadOk("D-001;Peeters;Jan;" + nn::Format(jan_) + "\n");
  ASSERT_EQ(list.rows.size(), 1u);
  ASSERT_TRUE(list.rows[0].national_number.number.has_value());
  EXPECT_EQ(list.rows[0].national_number.number->digits, jan_);
  EXPECT_TRUE(list.report.entries().empty());
}

TEST_F(DebtorValidationTest, FieldTooLongRejected) {
  std::string street(201, 'x');
  IngestOptions options;
  options.today = kToday;
  auto list = ReadDebtorList(
      dir_.Write("lang.csv", "Dossiernummer;Naam;Straat\nD-001;Peeters;" + street + "\nD-002;Maes;" +
                                 std::string(200, 'y') + "\n"),
      options);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->rows.size(), 1u);
  EXPECT_EQ(list->rows[0].dossier_number, "D-002");
  ReportEntry entry = OnlyEntryOfRow(*list, 2);
  EXPECT_EQ(entry.message_key, "ingest.row.field_too_long");
  EXPECT_EQ(entry.column, "Straat");
  EXPECT_EQ(entry.masked_value, "xxx…");  // personal text is cut in the report
  EXPECT_EQ(entry.args, (std::vector<std::string>{"201", "200"}));
}

TEST_F(DebtorValidationTest, ControlCharactersStrippedAndReported) {
  DebtorList list = ReadOk("D-001;Pee\x01ters;Jan;" + jan_ + "\n");
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].last_name, "Peeters");
  ReportEntry entry = OnlyEntryOfRow(list, 2);
  EXPECT_EQ(entry.severity, Severity::kRepaired);
  EXPECT_EQ(entry.message_key, "ingest.row.control_characters_removed");
  EXPECT_EQ(entry.column, "Naam");
}

TEST_F(DebtorValidationTest, NamesNormalisedToNfc) {
  DebtorList list = ReadOk("D-001;Mae\xCC\x88s;Jan;" + jan_ + "\n");
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].last_name, "Ma\xC3\xABs");
}

TEST_F(DebtorValidationTest, ReportNeverHoldsFullNumber) {
  std::string wrong = WithWrongCheckDigit(els_);
  DebtorList list = ReadOk("D-001;Peeters;Jan;" + lotte_.substr(1) + "\n"     // repaired
                           "D-002;Maes;Els;" + wrong + "\n"                   // invalid
                           "D-003;;;" + WithWrongCheckDigit(jan_) + "\n"      // rejected
                           "D-004;Janssens;An;" + nn::Format(jan_) + "\n"     // valid
                           "D-004;Claes;Tom;" + jan_ + "\n");                 // duplicate
  ASSERT_GE(list.report.entries().size(), 5u);

  const std::vector<std::string> full_numbers = {
      lotte_, lotte_.substr(1), wrong, WithWrongCheckDigit(jan_), jan_, nn::Format(jan_),
      nn::Format(lotte_)};
  for (Language language : {Language::kDutch, Language::kEnglish}) {
    std::string csv = list.report.ToCsv(language);
    std::string text = list.report.ToText(language);
    for (const std::string& number : full_numbers) {
      EXPECT_EQ(csv.find(number), std::string::npos) << number;
      EXPECT_EQ(text.find(number), std::string::npos) << number;
    }
  }
}

}  // namespace
}  // namespace adempauze::ingest
