// Each kind of damage: present in every eligible row at 100%, absent at 0%, and visible in
// the file as the ground truth records it.
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adempauze/demo/generator.h"
#include "adempauze/nn/national_number.h"
#include "demo/demo_test_util.h"
#include "demo/number_damage.h"

namespace adempauze::demo {
namespace {

using testing::Fields;
using testing::Lines;
using testing::ReadAll;
using testing::SmallOptions;
using testing::TempDir;

constexpr std::size_t kNumberColumn = 2;  // debtor list without stray columns
constexpr std::size_t kKeyColumn = 5;

// Damages that a CSV debtor list can carry, and whether every row is eligible.
struct CsvDamage {
  Damage damage;
  bool every_row;
};

void PrintTo(const CsvDamage& damage, std::ostream* out) { *out << DamageCode(damage.damage); }

const std::vector<CsvDamage>& CsvDamages() {
  static const std::vector<CsvDamage> damages = {
      {Damage::kLostLeadingZero, false}, {Damage::kScientificRounded, true},
      {Damage::kScientificExact, true},  {Damage::kTrailingDecimal, true},
      {Damage::kSeparators, true},       {Damage::kInvalidNumber, true},
      {Damage::kMissingNumber, true},    {Damage::kMissingKey, true},
      {Damage::kDuplicateKey, false},    {Damage::kBlankRowAfter, true},
  };
  return damages;
}

struct Result {
  DemoTruth truth;
  std::vector<std::string> lines;
};

Result GenerateDebtors(const DamageRates& rates, const TempDir& dir, FileFormat format = FileFormat::kCsv) {
  DemoOptions options = SmallOptions();
  options.debtor_list.damage = rates;
  options.debtor_list.format = format;
  const auto file = dir.path() / (format == FileFormat::kCsv ? "d.csv" : "d.xlsx");
  auto truth = GenerateDemo(options, file, "");
  EXPECT_TRUE(truth.ok());
  if (!truth.ok()) return {};
  return {std::move(*truth), format == FileFormat::kCsv ? Lines(ReadAll(file)) : std::vector<std::string>()};
}

// Checks that the number cell of `row` shows `damage` as the ground truth records it.
void ExpectNumberCell(Damage damage, const RowTruth& row, const std::string& cell) {
  const std::string& digits = row.national_number;
  switch (damage) {
    case Damage::kLostLeadingZero:
      EXPECT_EQ(cell, WithoutLeadingZeros(digits));
      EXPECT_EQ(row.number_state, NumberState::kRepairable);
      break;
    case Damage::kScientificRounded:
      EXPECT_TRUE(cell == ScientificRounded(digits, ',') || cell == ScientificRounded(digits, '.')) << cell;
      EXPECT_EQ(row.number_state, NumberState::kInvalid);
      break;
    case Damage::kScientificExact:
      EXPECT_TRUE(cell == ScientificExact(digits, ',') || cell == ScientificExact(digits, '.')) << cell;
      EXPECT_EQ(row.number_state, NumberState::kRepairable);
      break;
    case Damage::kTrailingDecimal:
      EXPECT_TRUE(cell == WithTrailingDecimal(digits, ',') || cell == WithTrailingDecimal(digits, '.')) << cell;
      EXPECT_EQ(row.number_state, NumberState::kRepairable);
      break;
    case Damage::kSeparators:
      EXPECT_EQ(cell, nn::Format(digits));
      EXPECT_EQ(row.number_state, NumberState::kValid);
      break;
    case Damage::kInvalidNumber:
      EXPECT_EQ(cell, WithWrongCheckDigits(digits));
      EXPECT_EQ(row.number_state, NumberState::kInvalid);
      break;
    case Damage::kMissingNumber:
      EXPECT_EQ(cell, "");
      EXPECT_EQ(row.number_state, NumberState::kMissing);
      break;
    default:
      EXPECT_EQ(cell, digits);
      break;
  }
}

class DamageAtFullRate : public ::testing::TestWithParam<CsvDamage> {};

TEST_P(DamageAtFullRate, ReachesEveryEligibleRow) {
  const Damage damage = GetParam().damage;
  TempDir dir;
  Result result = GenerateDebtors(DamageRates::None().With(damage, 1.0), dir);
  const ListTruth& truth = result.truth.debtors;
  ASSERT_EQ(truth.rows.size(), 400u);

  std::size_t eligible = 0;
  std::string previous_key;
  for (const RowTruth& row : truth.rows) {
    bool is_eligible = GetParam().every_row;
    if (damage == Damage::kLostLeadingZero) is_eligible = row.national_number[0] == '0';
    if (damage == Damage::kDuplicateKey) is_eligible = !previous_key.empty();
    eligible += is_eligible ? 1 : 0;
    EXPECT_EQ(row.Has(damage), is_eligible) << row.row;
    EXPECT_EQ(row.damage & ~static_cast<std::uint32_t>(damage), 0u) << row.row;

    // The file matches the ground truth.
    ASSERT_LT(row.row - 1, result.lines.size());
    std::vector<std::string> fields = Fields(result.lines[row.row - 1]);
    ASSERT_EQ(fields.size(), 6u) << row.row;
    ExpectNumberCell(row.Has(damage) ? damage : Damage::kBlankRowAfter, row, fields[kNumberColumn]);
    EXPECT_EQ(fields[kKeyColumn], row.key);
    if (damage == Damage::kMissingKey) {
      EXPECT_EQ(row.key, "");
    }
    if (damage == Damage::kDuplicateKey && is_eligible) {
      EXPECT_EQ(row.key, previous_key);
    }
    if (damage == Damage::kBlankRowAfter) {
      ASSERT_LT(row.row, result.lines.size());
      const std::string& next = result.lines[row.row];
      EXPECT_TRUE(next.empty() || next == ";;;;;") << next;
    }
    if (!row.key.empty()) previous_key = row.key;
  }
  EXPECT_EQ(truth.Count(damage), eligible);
  if (damage == Damage::kLostLeadingZero) {
    // Births 2000-2008 are about an eighth of the people.
    EXPECT_GT(eligible, 20u);
  }
  if (damage == Damage::kBlankRowAfter) {
    EXPECT_EQ(truth.blank_rows, 400u);
    EXPECT_EQ(result.lines.size(), 1u + 2 * 400u);
  }
}

INSTANTIATE_TEST_SUITE_P(EachKind, DamageAtFullRate, ::testing::ValuesIn(CsvDamages()),
                         [](const auto& info) { return std::string(DamageCode(info.param.damage)); });

TEST(Damage, AbsentAtZeroRate) {
  TempDir dir;
  Result result = GenerateDebtors(DamageRates::None(), dir);
  for (Damage damage : kAllDamages) EXPECT_EQ(result.truth.debtors.Count(damage), 0u) << DamageCode(damage);
  for (const RowTruth& row : result.truth.debtors.rows) {
    EXPECT_EQ(row.damage, 0u);
    std::vector<std::string> fields = Fields(result.lines[row.row - 1]);
    EXPECT_EQ(fields[kNumberColumn], row.national_number);
  }
  EXPECT_EQ(result.truth.debtors.Count(NumberState::kValid), 400u);
}

TEST(Damage, NumberAsNumberNeedsXlsx) {
  TempDir dir;
  const DamageRates rates = DamageRates::None().With(Damage::kNumberAsNumber, 1.0);
  EXPECT_EQ(GenerateDebtors(rates, dir).truth.debtors.Count(Damage::kNumberAsNumber), 0u);

  const ListTruth truth = GenerateDebtors(rates, dir, FileFormat::kXlsx).truth.debtors;
  EXPECT_EQ(truth.Count(Damage::kNumberAsNumber), 400u);
  for (const RowTruth& row : truth.rows) {
    const NumberState expected = row.national_number[0] == '0' ? NumberState::kRepairable : NumberState::kValid;
    EXPECT_EQ(row.number_state, expected);
  }
}

TEST(Damage, RatesAreExactShares) {
  TempDir dir;
  DamageRates rates;
  rates.separators = 0.5;
  rates.invalid_number = 0.25;
  rates.missing_key = 0.1;
  DemoOptions options = SmallOptions();
  options.debtors = 20000;
  options.clients = 0;
  options.overlap = 0;
  options.debtor_list.damage = rates;
  auto truth = GenerateDemo(options, dir.path() / "d.csv", "");
  ASSERT_TRUE(truth.ok());
  // Binomial spread at n = 20,000 is below 0.4 percentage points per standard deviation.
  EXPECT_NEAR(truth->debtors.Count(Damage::kSeparators) / 20000.0, 0.5, 0.02);
  EXPECT_NEAR(truth->debtors.Count(Damage::kInvalidNumber) / 20000.0, 0.25, 0.02);
  EXPECT_NEAR(truth->debtors.Count(Damage::kMissingKey) / 20000.0, 0.1, 0.02);
  EXPECT_EQ(truth->debtors.Count(Damage::kScientificExact), 0u);
}

}  // namespace
}  // namespace adempauze::demo
