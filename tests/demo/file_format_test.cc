// The file-level options: byte order mark, Windows-1252, delimiter, title line, stray
// columns, and XLSX workbooks that open as packages with one sheet.
#include <string>

#include <gtest/gtest.h>

#include "adempauze/demo/generator.h"
#include "demo/demo_test_util.h"
#include "export/xlsx_inspect.h"

namespace adempauze::demo {
namespace {

using testing::Lines;
using testing::ReadAll;
using testing::SmallOptions;
using testing::TempDir;

std::string DebtorBytes(const ListOptions& list, const TempDir& dir, DemoTruth* truth = nullptr) {
  DemoOptions options = SmallOptions();
  options.debtor_list = list;
  const auto file = dir.path() / "d.csv";
  auto result = GenerateDemo(options, file, "");
  EXPECT_TRUE(result.ok());
  if (truth != nullptr && result.ok()) *truth = std::move(*result);
  return ReadAll(file);
}

bool IsValidUtf8(const std::string& bytes) {
  for (std::size_t i = 0; i < bytes.size();) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > bytes.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(bytes[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

TEST(FileFormat, Utf8WithOrWithoutBom) {
  TempDir dir;
  ListOptions list;
  list.byte_order_mark = true;
  std::string with_bom = DebtorBytes(list, dir);
  EXPECT_EQ(with_bom.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_TRUE(IsValidUtf8(with_bom));

  list.byte_order_mark = false;
  std::string without_bom = DebtorBytes(list, dir);
  EXPECT_EQ(without_bom.substr(0, 8), "Voornaam");
  EXPECT_EQ(with_bom.substr(3), without_bom);
}

TEST(FileFormat, Windows1252EncodesAccents) {
  TempDir dir;
  DemoOptions options = SmallOptions();
  options.client_list.windows_1252 = true;
  options.client_list.byte_order_mark = true;  // ignored: a BOM is UTF-8 only
  const auto file = dir.path() / "c.csv";
  ASSERT_TRUE(GenerateDemo(options, "", file).ok());
  const std::string bytes = ReadAll(file);

  EXPECT_EQ(bytes.substr(0, 4), "INSZ");
  EXPECT_NE(bytes.find("Cli\xEBntnummer"), std::string::npos);
  EXPECT_FALSE(IsValidUtf8(bytes));
  EXPECT_EQ(bytes.find('?'), std::string::npos);
}

TEST(FileFormat, CommaDelimiter) {
  TempDir dir;
  ListOptions list;
  list.delimiter = ',';
  list.stray_columns = true;
  std::string bytes = DebtorBytes(list, dir);
  std::vector<std::string> lines = Lines(bytes);
  EXPECT_EQ(lines[0],
            "\xEF\xBB\xBFVoornaam,Naam,Rijksregisternummer,Geboortedatum,Straat,Huisnummer,Dossiernummer,"
            "Bedrag,Telefoon,E-mail,Opmerking");
  // Belgian amounts hold a decimal comma, so they are quoted.
  EXPECT_NE(bytes.find(",\"1"), std::string::npos);
}

TEST(FileFormat, TitleLineAboveHeader) {
  TempDir dir;
  ListOptions list;
  list.title_line = true;
  list.byte_order_mark = false;
  DemoTruth truth;
  std::vector<std::string> lines = Lines(DebtorBytes(list, dir, &truth));
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(lines[0], "Debiteurenlijst Stad Adembeek - dwangbevel - 01/03/2026");
  EXPECT_EQ(lines[1], ";;;;;");
  EXPECT_EQ(lines[2].substr(0, 8), "Voornaam");
  EXPECT_EQ(truth.debtors.header_row, 3u);
  EXPECT_EQ(truth.debtors.rows.front().row, 4u);
}

TEST(FileFormat, StrayColumnsOutsideProtocol) {
  TempDir dir;
  ListOptions list;
  list.stray_columns = true;
  std::string bytes = DebtorBytes(list, dir);
  std::vector<std::string> lines = Lines(bytes);
  EXPECT_EQ(lines[0],
            "\xEF\xBB\xBFVoornaam;Naam;Rijksregisternummer;Geboortedatum;Straat;Huisnummer;Dossiernummer;"
            "Bedrag;Telefoon;E-mail;Opmerking");
  EXPECT_NE(bytes.find("@adembeek.example"), std::string::npos);
  // Remarks with ';' and '"' are quoted as RFC 4180 requires.
  EXPECT_NE(bytes.find("\"Betaalt volgende maand; terugbellen\""), std::string::npos);
}

TEST(FileFormat, XlsxOpensWithOneSheet) {
  TempDir dir;
  DemoOptions options = SmallOptions();
  options.debtor_list.format = FileFormat::kXlsx;
  options.debtor_list.stray_columns = true;
  options.debtor_list.damage.number_as_number = 0.5;
  options.client_list.format = FileFormat::kXlsx;
  options.client_list.xlsx_constant_memory = true;
  const auto debtors = dir.path() / "d.xlsx";
  const auto clients = dir.path() / "c.xlsx";
  auto truth = GenerateDemo(options, debtors, clients);
  ASSERT_TRUE(truth.ok());

  auto sheet = exports::testing::ReadFirstSheet(debtors);
  ASSERT_TRUE(sheet.has_value());
  EXPECT_EQ(sheet->cells["A1"].value, "Voornaam");
  EXPECT_EQ(sheet->cells["G1"].value, "Dossiernummer");
  EXPECT_EQ(sheet->cells["A1"].type, "s");
  std::size_t numeric_numbers = 0;
  for (const RowTruth& row : truth->debtors.rows) {
    const auto& cell = sheet->cells["C" + std::to_string(row.row)];
    const bool numeric = cell.type.empty() || cell.type == "n";
    EXPECT_EQ(numeric, row.Has(Damage::kNumberAsNumber)) << row.row;
    if (numeric) {
      ++numeric_numbers;
      EXPECT_EQ(cell.value, row.national_number.substr(row.national_number.find_first_not_of('0')));
    }
    EXPECT_EQ(sheet->cells["D" + std::to_string(row.row)].number_format, "dd/mm/yyyy");
  }
  EXPECT_GT(numeric_numbers, 150u);

  auto client_sheet = exports::testing::ReadFirstSheet(clients);
  ASSERT_TRUE(client_sheet.has_value());
  EXPECT_EQ(client_sheet->cells["A1"].type, "inlineStr");
  EXPECT_EQ(client_sheet->cells["G1"].value, "Cliëntnummer");
  EXPECT_EQ(client_sheet->cells["F2"].value, "9999");
}

TEST(FileFormat, XlsxSheetIsReproducible) {
  TempDir dir;
  DemoOptions options = SmallOptions();
  options.debtor_list.format = FileFormat::kXlsx;
  options.debtor_list.damage = DamageRates::Realistic();
  ASSERT_TRUE(GenerateDemo(options, dir.path() / "a.xlsx", "").ok());
  ASSERT_TRUE(GenerateDemo(options, dir.path() / "b.xlsx", "").ok());
  for (const std::string part : {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "docProps/core.xml"}) {
    auto a = exports::testing::ReadPart(dir.path() / "a.xlsx", part);
    auto b = exports::testing::ReadPart(dir.path() / "b.xlsx", part);
    ASSERT_TRUE(a.has_value()) << part;
    EXPECT_EQ(a, b) << part;
  }
}

}  // namespace
}  // namespace adempauze::demo
