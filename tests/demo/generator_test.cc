// The demo generator end to end: files, ground truth, determinism, overlap and options.
#include <algorithm>
#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "adempauze/demo/generator.h"
#include "adempauze/nn/national_number.h"
#include "demo/demo_test_util.h"

namespace adempauze::demo {
namespace {

using testing::Fields;
using testing::Lines;
using testing::ReadAll;
using testing::SmallOptions;
using testing::TempDir;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

struct Generated {
  DemoTruth truth;
  std::string debtors;
  std::string clients;
};

Generated Generate(const DemoOptions& options, const TempDir& dir, const std::string& suffix = "") {
  const auto debtor_file = dir.path() / ("debiteuren" + suffix);
  const auto client_file = dir.path() / ("clienten" + suffix);
  auto truth = GenerateDemo(options, debtor_file, client_file);
  EXPECT_TRUE(truth.ok()) << (truth.ok() ? "" : truth.error().Render(Language::kEnglish));
  if (!truth.ok()) return {};
  return {std::move(*truth), ReadAll(debtor_file), ReadAll(client_file)};
}

TEST(Generator, SameSeedSameBytes) {
  TempDir dir;
  DemoOptions options = SmallOptions();
  options.debtor_list.damage = DamageRates::Realistic();
  options.debtor_list.stray_columns = true;
  options.client_list.windows_1252 = true;

  Generated first = Generate(options, dir, "-1.csv");
  Generated second = Generate(options, dir, "-2.csv");

  EXPECT_FALSE(first.debtors.empty());
  EXPECT_EQ(first.debtors, second.debtors);
  EXPECT_EQ(first.clients, second.clients);
  EXPECT_EQ(first.truth.client_dossier_numbers, second.truth.client_dossier_numbers);
}

TEST(Generator, OtherSeedOtherPeople) {
  TempDir dir;
  Generated first = Generate(SmallOptions(1), dir, "-1.csv");
  Generated second = Generate(SmallOptions(2), dir, "-2.csv");
  EXPECT_NE(first.debtors, second.debtors);
}

TEST(Generator, DamageLeavesPeopleUnchanged) {
  TempDir dir;
  DemoOptions clean = SmallOptions();
  DemoOptions damaged = clean;
  damaged.debtor_list.damage = DamageRates::Realistic();
  damaged.debtor_list.stray_columns = true;
  damaged.debtor_list.format = FileFormat::kXlsx;

  Generated a = Generate(clean, dir, "-a.csv");
  Generated b = Generate(damaged, dir, "-b.xlsx");

  ASSERT_EQ(a.truth.debtors.rows.size(), b.truth.debtors.rows.size());
  for (std::size_t i = 0; i < a.truth.debtors.rows.size(); ++i) {
    EXPECT_EQ(a.truth.debtors.rows[i].national_number, b.truth.debtors.rows[i].national_number);
  }
  EXPECT_EQ(a.clients, b.clients);
}

TEST(Generator, UndamagedNumbersAreValid) {
  TempDir dir;
  Generated generated = Generate(SmallOptions(), dir);
  std::set<std::string> numbers;
  for (const ListTruth* list : {&generated.truth.debtors, &generated.truth.clients}) {
    for (const RowTruth& row : list->rows) {
      nn::CheckResult checked = nn::Check(row.national_number, CivilDate{2026, 3, 1});
      EXPECT_TRUE(checked.valid()) << nn::MaskRaw(row.national_number);
      EXPECT_EQ(row.number_state, NumberState::kValid);
      numbers.insert(row.national_number);
    }
  }
  // Unique apart from the people on both lists.
  EXPECT_EQ(numbers.size(), 400u + 300u - 100u);
}

TEST(Generator, HonoursOverlap) {
  TempDir dir;
  Generated generated = Generate(SmallOptions(), dir);
  const DemoTruth& truth = generated.truth;

  EXPECT_EQ(truth.people_on_both_lists, 100u);  // 25% of 400 debtors
  EXPECT_EQ(truth.debtors.on_both_lists, 100u);
  EXPECT_EQ(truth.clients.on_both_lists, 100u);
  EXPECT_EQ(truth.client_dossier_numbers.size(), 100u);

  std::set<std::string> debtor_side;
  std::set<std::string> client_side;
  std::set<std::string> all_clients;
  for (const RowTruth& row : truth.debtors.rows) {
    if (row.on_both_lists) debtor_side.insert(row.national_number);
  }
  for (const RowTruth& row : truth.clients.rows) {
    all_clients.insert(row.national_number);
    if (row.on_both_lists) client_side.insert(row.national_number);
  }
  EXPECT_EQ(debtor_side, client_side);
  for (const RowTruth& row : truth.debtors.rows) {
    EXPECT_EQ(all_clients.count(row.national_number) == 1, row.on_both_lists);
  }
}

TEST(Generator, OverlapOfZeroAndOne) {
  TempDir dir;
  DemoOptions options = SmallOptions();
  options.overlap = 0;
  EXPECT_EQ(Generate(options, dir, "-0.csv").truth.people_on_both_lists, 0u);
  options.overlap = 1;
  options.clients = 400;
  Generated all = Generate(options, dir, "-1.csv");
  EXPECT_EQ(all.truth.clients.on_both_lists, 400u);
}

TEST(Generator, WritesTheProtocolHeaders) {
  TempDir dir;
  Generated generated = Generate(SmallOptions(), dir);
  std::vector<std::string> debtor_lines = Lines(generated.debtors);
  std::vector<std::string> client_lines = Lines(generated.clients);
  ASSERT_FALSE(debtor_lines.empty());
  ASSERT_FALSE(client_lines.empty());
  EXPECT_EQ(debtor_lines[0], std::string(kBom) + "Voornaam;Naam;Rijksregisternummer;Straat;Huisnummer;Dossiernummer");
  EXPECT_EQ(client_lines[0], std::string(kBom) + "INSZ;Familienaam;Voornaam;Straat;Nr;Postcode;Cliëntnummer");
  EXPECT_EQ(debtor_lines.size(), 401u);
  EXPECT_EQ(client_lines.size(), 301u);
}

TEST(Generator, KeysHaveTheRealForms) {
  TempDir dir;
  Generated generated = Generate(SmallOptions(), dir);
  std::set<std::string> dossiers;
  for (const RowTruth& row : generated.truth.debtors.rows) {
    ASSERT_EQ(row.key.size(), 11u) << row.key;
    EXPECT_EQ(row.key.substr(0, 5), "2026/");
    EXPECT_EQ(row.key.find_first_not_of("0123456789", 5), std::string::npos);
    dossiers.insert(row.key);
  }
  EXPECT_EQ(dossiers.size(), 400u);
  for (const RowTruth& row : generated.truth.clients.rows) {
    ASSERT_EQ(row.key.size(), 9u) << row.key;
    EXPECT_EQ(row.key.substr(0, 3), "CL-");
  }
}

TEST(Generator, AddressesAreInFictitiousMunicipality) {
  TempDir dir;
  DemoOptions options = SmallOptions();
  options.client_list.stray_columns = true;
  Generated generated = Generate(options, dir);
  std::vector<std::string> lines = Lines(generated.clients);
  ASSERT_GT(lines.size(), 1u);
  std::vector<std::string> header = Fields(lines[0]);
  const auto postcode = std::find(header.begin(), header.end(), "Postcode") - header.begin();
  const auto municipality = std::find(header.begin(), header.end(), "Gemeente") - header.begin();
  ASSERT_LT(static_cast<std::size_t>(municipality), header.size());
  for (std::size_t i = 1; i < lines.size(); ++i) {
    // The remark column may hold a quoted ';', so count fields from the front only.
    std::vector<std::string> fields = Fields(lines[i]);
    EXPECT_EQ(fields[static_cast<std::size_t>(postcode)], "9999") << i;
    EXPECT_EQ(fields[static_cast<std::size_t>(municipality)], "Adembeek") << i;
  }
}

TEST(Generator, OcmwStyleDiffersFromFinanceStyle) {
  TempDir dir;
  Generated generated = Generate(SmallOptions(), dir);
  EXPECT_NE(generated.debtors.find(" bus "), std::string::npos);
  EXPECT_EQ(generated.clients.find(" bus "), std::string::npos);
  EXPECT_NE(generated.clients.find("str.;"), std::string::npos);
}

TEST(Generator, NamesCarryAccents) {
  TempDir dir;
  DemoOptions options = SmallOptions();
  options.debtors = 2000;
  options.overlap = 0.1;
  Generated generated = Generate(options, dir);
  int accented = 0;
  for (const std::string& line : Lines(generated.debtors)) {
    if (std::any_of(line.begin(), line.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
      ++accented;
    }
  }
  EXPECT_GT(accented, 40);
}

TEST(Generator, RejectsInvalidOptions) {
  struct Case {
    std::string name;
    DemoOptions options;
    std::string key;
  };
  std::vector<Case> cases;
  DemoOptions base = SmallOptions();
  {
    DemoOptions o = base;
    o.today = CivilDate{};
    cases.push_back({"no today", o, "demo.option.today"});
  }
  {
    DemoOptions o = base;
    o.overlap = 1.5;
    cases.push_back({"overlap above 1", o, "demo.option.rate_range"});
  }
  {
    DemoOptions o = base;
    o.debtor_list.damage.blank_row = -0.1;
    cases.push_back({"negative rate", o, "demo.option.rate_range"});
  }
  {
    DemoOptions o = base;
    o.debtor_list.damage.separators = 0.7;
    o.debtor_list.damage.invalid_number = 0.4;
    cases.push_back({"number rates above 1", o, "demo.option.number_rates_sum"});
  }
  {
    DemoOptions o = base;
    o.client_list.damage.missing_key = 0.6;
    o.client_list.damage.duplicate_key = 0.6;
    cases.push_back({"key rates above 1", o, "demo.option.key_rates_sum"});
  }
  {
    DemoOptions o = base;
    o.overlap = 1.0;
    o.clients = 100;
    cases.push_back({"overlap above clients", o, "demo.option.overlap_too_large"});
  }
  {
    DemoOptions o = base;
    o.debtors = 4'000'000;
    o.clients = 2'000'000;
    o.overlap = 0;
    cases.push_back({"too many people", o, "demo.option.too_many_people"});
  }
  {
    DemoOptions o = base;
    o.debtor_list.delimiter = '\t';
    cases.push_back({"tab delimiter", o, "demo.option.delimiter"});
  }

  for (const Case& c : cases) {
    Status status = ValidateOptions(c.options);
    ASSERT_FALSE(status.ok()) << c.name;
    EXPECT_EQ(status.error().message_key, c.key) << c.name;
    EXPECT_TRUE(HasMessage(c.key)) << c.key;
  }

  EXPECT_TRUE(ValidateOptions(base).ok());
  EXPECT_TRUE(ValidateOptions(RealisticOptions(1, CivilDate{2026, 3, 1})).ok());
}

TEST(Generator, MissingDirectoryFailsWithoutFiles) {
  TempDir dir;
  auto truth = GenerateDemo(SmallOptions(), dir.path() / "nergens" / "d.csv", dir.path() / "c.csv");
  ASSERT_FALSE(truth.ok());
  EXPECT_EQ(truth.error().code, ErrorCode::kIo);
  EXPECT_EQ(truth.error().message_key, "demo.file.create_failed");
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(Generator, SkipsAListWithoutFile) {
  TempDir dir;
  const auto debtor_file = dir.path() / "d.csv";
  auto truth = GenerateDemo(SmallOptions(), debtor_file, "");
  ASSERT_TRUE(truth.ok());
  EXPECT_EQ(truth->debtors.data_rows, 400u);
  EXPECT_EQ(truth->clients.data_rows, 0u);
  EXPECT_EQ(truth->client_dossier_numbers.size(), 100u);

  // The debtor list is the same as when the client list is written too.
  Generated both = Generate(SmallOptions(), dir, ".csv");
  EXPECT_EQ(ReadAll(debtor_file), both.debtors);
}

}  // namespace
}  // namespace adempauze::demo
