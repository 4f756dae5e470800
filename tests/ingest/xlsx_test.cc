// XLSX input: files written by libxlsxwriter, and hand-made packages for layouts it cannot
// produce (inline strings, prefixed elements, missing cell references, a lying dimension).
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include "adempauze/ingest/ingest.h"
#include "adempauze/nn/national_number.h"
#include "ingest/xlsx_reader.h"
#include "test_files.h"

namespace adempauze::ingest {
namespace {

using testing::kToday;
using testing::SheetXml;
using testing::TempDir;
using testing::WriteZip;
using testing::XlsxParts;

std::string ReadBytes(const std::filesystem::path& file) {
  std::ifstream stream(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
}

class XlsxTest : public ::testing::Test {
 protected:
  Result<DebtorList> Read(const std::filesystem::path& file, IngestOptions options = {}) {
    options.today = kToday;
    return ReadDebtorList(file, options);
  }

  DebtorList ReadOk(const std::filesystem::path& file, IngestOptions options = {}) {
    auto list = Read(file, std::move(options));
    if (!list.ok()) {
      ADD_FAILURE() << list.error().Render(Language::kEnglish) << " / " << list.error().detail;
    }
    return list.ok() ? std::move(list).value() : DebtorList{};
  }

  // Writes a hand-made workbook with one sheet "Blad1".
  std::filesystem::path WriteRawSheet(const std::string& rows, const std::string& shared = "") {
    std::filesystem::path file = dir_.path() / "handgemaakt.xlsx";
    WriteZip(file, XlsxParts({{"Blad1", SheetXml(rows)}}, shared));
    return file;
  }

  TempDir dir_;
  const std::string jan_ = nn::Make(1985, 7, 30, 33);
  const std::string els_ = nn::Make(1990, 2, 14, 124);
  const std::string lotte_ = nn::Make(2003, 4, 5, 122);
};

// libxlsxwriter writes text cells as shared strings.
TEST_F(XlsxTest, SharedStringsAndNumbers) {
  std::filesystem::path file = dir_.path() / "debiteuren.xlsx";
  lxw_workbook* workbook = workbook_new(file.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Debiteuren");
  const char* headers[] = {"Dossiernummer", "Naam", "Voornaam", "Rijksregisternummer"};
  for (int col = 0; col < 4; ++col) worksheet_write_string(sheet, 0, col, headers[col], nullptr);
  worksheet_write_string(sheet, 1, 0, "D-001", nullptr);
  worksheet_write_string(sheet, 1, 1, "Peeters", nullptr);
  worksheet_write_string(sheet, 1, 2, "Jan", nullptr);
  worksheet_write_number(sheet, 1, 3, std::stod(jan_), nullptr);   // number as number
  worksheet_write_number(sheet, 2, 0, 2002, nullptr);              // dossier number as number
  worksheet_write_string(sheet, 2, 1, "Maes", nullptr);
  worksheet_write_string(sheet, 2, 3, els_.c_str(), nullptr);      // number as text
  worksheet_write_number(sheet, 3, 0, 3003, nullptr);
  worksheet_write_string(sheet, 3, 1, "Claes", nullptr);
  worksheet_write_number(sheet, 3, 3, std::stod(lotte_), nullptr);  // loses its leading zero
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);

  DebtorList list = ReadOk(file);
  ASSERT_EQ(list.rows.size(), 3u);
  EXPECT_EQ(list.rows[0].last_name, "Peeters");
  ASSERT_TRUE(list.rows[0].national_number.number.has_value());
  EXPECT_EQ(list.rows[0].national_number.raw, jan_);  // no "8.5E+10", no ".0"
  EXPECT_EQ(list.rows[1].dossier_number, "2002");
  ASSERT_TRUE(list.rows[1].national_number.number.has_value());
  EXPECT_EQ(list.rows[1].national_number.number->digits, els_);
  ASSERT_TRUE(list.rows[2].national_number.number.has_value());
  EXPECT_EQ(list.rows[2].national_number.number->digits, lotte_);
  ASSERT_EQ(list.report.entries().size(), 1u);
  EXPECT_EQ(list.report.entries()[0].message_key, "ingest.row.nn_repaired.leading_zero");
  EXPECT_EQ(list.report.entries()[0].row, 4u);
}

// In constant-memory mode libxlsxwriter writes inline strings instead of shared ones.
TEST_F(XlsxTest, InlineStringsFromLibxlsxwriter) {
  std::filesystem::path file = dir_.path() / "inline.xlsx";
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* workbook = workbook_new_opt(file.c_str(), &options);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, nullptr);
  worksheet_write_string(sheet, 0, 0, "Dossiernummer", nullptr);
  worksheet_write_string(sheet, 0, 1, "Naam", nullptr);
  worksheet_write_string(sheet, 1, 0, "D-001", nullptr);
  worksheet_write_string(sheet, 1, 1, "Ma\xC3\xABs", nullptr);
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);

  DebtorList list = ReadOk(file);
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].last_name, "Ma\xC3\xABs");
}

TEST_F(XlsxTest, RichTextRunsJoined) {
  std::filesystem::path file = dir_.path() / "rijk.xlsx";
  lxw_workbook* workbook = workbook_new(file.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, nullptr);
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  worksheet_write_string(sheet, 0, 0, "Dossiernummer", nullptr);
  worksheet_write_string(sheet, 0, 1, "Naam", nullptr);
  worksheet_write_string(sheet, 1, 0, "D-001", nullptr);
  lxw_rich_string_tuple plain = {nullptr, const_cast<char*>("Van den ")};
  lxw_rich_string_tuple strong = {bold, const_cast<char*>("Broeck")};
  lxw_rich_string_tuple* runs[] = {&plain, &strong, nullptr};
  worksheet_write_rich_string(sheet, 1, 1, runs, nullptr);
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);

  DebtorList list = ReadOk(file);
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].last_name, "Van den Broeck");
}

TEST_F(XlsxTest, SecondSheetChosenByName) {
  std::filesystem::path file = dir_.path() / "bladen.xlsx";
  lxw_workbook* workbook = workbook_new(file.c_str());
  lxw_worksheet* notes = workbook_add_worksheet(workbook, "Toelichting");
  worksheet_write_string(notes, 0, 0, "Lijst voor het OCMW", nullptr);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Debiteuren 2021");
  worksheet_write_string(sheet, 0, 0, "Dossiernummer", nullptr);
  worksheet_write_string(sheet, 0, 1, "Naam", nullptr);
  worksheet_write_string(sheet, 1, 0, "D-001", nullptr);
  worksheet_write_string(sheet, 1, 1, "Peeters", nullptr);
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);

  IngestOptions by_name;
  by_name.sheet = "Debiteuren 2021";
  DebtorList list = ReadOk(file, by_name);
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].last_name, "Peeters");

  IngestOptions other_case;
  other_case.sheet = "debiteuren 2021";
  EXPECT_EQ(ReadOk(file, other_case).rows.size(), 1u);

  // The first sheet has no header row.
  auto first = Read(file);
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.error().message_key, "ingest.header.not_found");
}

TEST_F(XlsxTest, WrongSheetNameIsError) {
  std::filesystem::path file = dir_.path() / "bladen.xlsx";
  lxw_workbook* workbook = workbook_new(file.c_str());
  workbook_add_worksheet(workbook, "Blad1");
  workbook_add_worksheet(workbook, "Blad2");
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);

  IngestOptions options;
  options.sheet = "Debiteuren";
  auto list = Read(file, options);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(list.error().message_key, "ingest.xlsx.sheet_not_found");
  EXPECT_EQ(list.error().args,
            (std::vector<std::string>{"bladen.xlsx", "Debiteuren", "\"Blad1\", \"Blad2\""}));
}

TEST_F(XlsxTest, BlankAndTrailingRowsSkipped) {
  std::filesystem::path file = dir_.path() / "leeg.xlsx";
  lxw_workbook* workbook = workbook_new(file.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, nullptr);
  lxw_format* yellow = workbook_add_format(workbook);
  format_set_bg_color(yellow, LXW_COLOR_YELLOW);
  worksheet_write_string(sheet, 0, 0, "Dossiernummer", nullptr);
  worksheet_write_string(sheet, 0, 1, "Naam", nullptr);
  worksheet_write_string(sheet, 1, 0, "D-001", nullptr);
  worksheet_write_string(sheet, 1, 1, "Peeters", nullptr);
  worksheet_write_blank(sheet, 2, 0, yellow);    // a formatted empty row
  worksheet_write_string(sheet, 4, 0, "D-002", nullptr);
  worksheet_write_string(sheet, 4, 1, "Maes", nullptr);
  worksheet_write_string(sheet, 5, 1, "", nullptr);  // an empty string
  worksheet_write_blank(sheet, 9, 3, yellow);    // trailing formatting
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);

  DebtorList list = ReadOk(file);
  ASSERT_EQ(list.rows.size(), 2u);
  EXPECT_EQ(list.rows_read, 2u);
  EXPECT_EQ(list.rows[1].source_row, 5u);
}

TEST_F(XlsxTest, HandMadeInlineStringsAndSkippedColumns) {
  std::string rows =
      R"(<row r="1"><c r="A1" t="inlineStr"><is><t>Dossiernummer</t></is></c>)"
      R"(<c r="C1" t="inlineStr"><is><t>Naam</t></is></c>)"
      R"(<c r="E1" t="inlineStr"><is><t>INSZ</t></is></c></row>)"
      R"(<row r="4"><c r="A4" t="inlineStr"><is><t>D-001</t></is></c>)"
      R"(<c r="C4" t="inlineStr"><is><r><t xml:space="preserve">Van </t></r><r><t>Damme</t></r></is></c>)"
      R"(<c r="E4"><v>8.5073003328E+10</v></c></row>)"
      R"(<row r="7"><c r="C7" t="str"><f>UPPER("maes")</f><v>MAES</v></c>)"
      R"(<c r="A7" t="inlineStr"><is><t>D-002</t></is></c></row>)";
  DebtorList list = ReadOk(WriteRawSheet(rows));
  ASSERT_EQ(list.rows.size(), 2u);
  EXPECT_EQ(list.rows[0].source_row, 4u);
  EXPECT_EQ(list.rows[0].last_name, "Van Damme");
  EXPECT_EQ(list.rows[0].national_number.raw, "85073003328");
  ASSERT_TRUE(list.rows[0].national_number.number.has_value());
  EXPECT_EQ(list.rows[1].source_row, 7u);
  EXPECT_EQ(list.rows[1].last_name, "MAES");
  EXPECT_EQ(list.rows[1].dossier_number, "D-002");
}

TEST_F(XlsxTest, SharedStringsWithPhoneticRunsAndSpaces) {
  std::string shared =
      R"(<?xml version="1.0" encoding="UTF-8"?>)"
      R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4">)"
      R"(<si><t>Dossiernummer</t></si><si><t>Naam</t></si>)"
      R"(<si><r><rPr><b/></rPr><t>Pee</t></r><r><t>ters</t></r><rPh sb="0" eb="1"><t>X</t></rPh></si>)"
      R"(<si><t xml:space="preserve"> D-001 </t></si></sst>)";
  std::string rows =
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>)"
      R"(<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>2</v></c></row>)";
  DebtorList list = ReadOk(WriteRawSheet(rows, shared));
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].last_name, "Peeters");
  EXPECT_EQ(list.rows[0].dossier_number, "D-001");
}

TEST_F(XlsxTest, MissingReferencesPrefixesAndLyingDimension) {
  // The Open XML SDK writes prefixed elements; some writers leave out r attributes.
  std::string sheet =
      R"(<?xml version="1.0" encoding="UTF-8"?>)"
      R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
      R"(<x:dimension ref="A1:B1"/><x:sheetData>)"
      R"(<x:row><x:c t="inlineStr"><x:is><x:t>Dossiernummer</x:t></x:is></x:c>)"
      R"(<x:c t="inlineStr"><x:is><x:t>Naam</x:t></x:is></x:c>)"
      R"(<x:c t="inlineStr"><x:is><x:t>Actief</x:t></x:is></x:c></x:row>)"
      R"(<x:row><x:c t="inlineStr"><x:is><x:t>D-001</x:t></x:is></x:c>)"
      R"(<x:c t="inlineStr"><x:is><x:t>Peeters</x:t></x:is></x:c>)"
      R"(<x:c t="b"><x:v>1</x:v></x:c></x:row>)"
      R"(<x:row r="40"><x:c r="A40"><x:v>3.0</x:v></x:c><x:c r="B40" t="inlineStr"><x:is><x:t>Maes</x:t></x:is></x:c></x:row>)"
      R"(</x:sheetData></x:worksheet>)";
  std::filesystem::path file = dir_.path() / "sdk.xlsx";
  WriteZip(file, XlsxParts({{"Blad1", sheet}}));
  DebtorList list = ReadOk(file);
  ASSERT_EQ(list.rows.size(), 2u);
  EXPECT_EQ(list.rows[0].source_row, 2u);
  EXPECT_EQ(list.rows[0].last_name, "Peeters");
  EXPECT_EQ(list.rows[1].source_row, 40u);
  EXPECT_EQ(list.rows[1].dossier_number, "3");  // "3.0" without the decimal
  ASSERT_EQ(list.report.Count(Severity::kColumnDropped), 1u);
}

TEST_F(XlsxTest, NotAZipIsCorrupt) {
  std::filesystem::path file = dir_.Write("kapot.xlsx", std::string("PK\x03\x04garbage-not-a-zip", 21));
  auto list = Read(file);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().code, ErrorCode::kCorrupt);
  EXPECT_EQ(list.error().message_key, "ingest.xlsx.corrupt");
  EXPECT_EQ(list.error().args[0], "kapot.xlsx");
}

TEST_F(XlsxTest, TruncatedPackageIsCorrupt) {
  std::filesystem::path whole = dir_.path() / "heel.xlsx";
  lxw_workbook* workbook = workbook_new(whole.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, nullptr);
  worksheet_write_string(sheet, 0, 0, "Dossiernummer", nullptr);
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);
  std::string bytes = ReadBytes(whole);

  // Cut at several points: inside local headers, inside compressed data, before the directory.
  for (std::size_t size : {bytes.size() / 4, bytes.size() / 2, bytes.size() - 30}) {
    SCOPED_TRACE(size);
    auto list = Read(dir_.Write("half.xlsx", bytes.substr(0, size)));
    ASSERT_FALSE(list.ok());
    EXPECT_EQ(list.error().code, ErrorCode::kCorrupt);
    EXPECT_EQ(list.error().message_key, "ingest.xlsx.corrupt");
  }
}

TEST_F(XlsxTest, ZipWithoutWorkbookIsCorrupt) {
  std::filesystem::path file = dir_.path() / "leeg.xlsx";
  WriteZip(file, {{"word/document.xml", "<document/>"}});
  auto list = Read(file);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().message_key, "ingest.xlsx.corrupt");
}

TEST_F(XlsxTest, BrokenSheetXmlIsCorrupt) {
  std::filesystem::path file = dir_.path() / "xml.xlsx";
  WriteZip(file, XlsxParts({{"Blad1", "<worksheet><sheetData><row>"}}));
  auto list = Read(file);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().message_key, "ingest.xlsx.corrupt");
}

TEST_F(XlsxTest, SharedStringIndexOutOfRangeIsCorrupt) {
  auto list = Read(WriteRawSheet(R"(<row r="1"><c r="A1" t="s"><v>7</v></c></row>)"));
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().message_key, "ingest.xlsx.corrupt");
}

TEST_F(XlsxTest, PartAboveLimitIsRejected) {
  // A highly compressible sheet: small in the zip, large when unpacked.
  std::string rows;
  for (int r = 1; r <= 2000; ++r) {
    rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) +
            "\" t=\"inlineStr\"><is><t>" + std::string(200, 'x') + "</t></is></c></row>";
  }
  std::filesystem::path file = WriteRawSheet(rows);
  std::string bytes = ReadBytes(file);
  ASSERT_LT(bytes.size(), 100'000u);

  auto sheet = ReadXlsxSheet(bytes, "", "bom.xlsx", XlsxLimits{100'000});
  ASSERT_FALSE(sheet.ok());
  EXPECT_EQ(sheet.error().message_key, "ingest.xlsx.part_too_large");

  auto within = ReadXlsxSheet(bytes, "", "bom.xlsx", XlsxLimits{10'000'000});
  ASSERT_TRUE(within.ok());
  EXPECT_EQ(within->rows.size(), 2000u);
}

TEST_F(XlsxTest, ListsSheetsInWorkbookOrder) {
  std::filesystem::path file = dir_.path() / "bladen.xlsx";
  WriteZip(file, XlsxParts({{"Eerste", SheetXml("")}, {"Tweede", SheetXml("")}}));
  auto names = ListXlsxSheets(ReadBytes(file), "bladen.xlsx");
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, (std::vector<std::string>{"Eerste", "Tweede"}));
}

struct NumberCase {
  const char* value;
  const char* text;
};

TEST(NumberCellText, Table) {
  const NumberCase cases[] = {
      {"85073003328", "85073003328"},
      {"8.5073003328E+10", "85073003328"},
      {"8.5073003328e10", "85073003328"},
      {"3040512222", "3040512222"},
      {"12.50", "12.5"},
      {"3.0", "3"},
      {"-4", "-4"},
      {"1.5E-3", "0.0015"},
      {"0", "0"},
      {"-0.0", "0"},
      {"1E+300", "1E+300"},
      {"", ""},
      {"abc", "abc"},
      {"12e", "12e"},
  };
  for (const NumberCase& c : cases) EXPECT_EQ(NumberCellText(c.value), c.text) << c.value;
}

TEST(ColumnIndexOfReference, Table) {
  EXPECT_EQ(ColumnIndexOfReference("A1"), 0);
  EXPECT_EQ(ColumnIndexOfReference("C5"), 2);
  EXPECT_EQ(ColumnIndexOfReference("Z9"), 25);
  EXPECT_EQ(ColumnIndexOfReference("AA10"), 26);
  EXPECT_EQ(ColumnIndexOfReference("XFD1"), 16383);
  EXPECT_EQ(ColumnIndexOfReference("XFE1"), -1);
  EXPECT_EQ(ColumnIndexOfReference("15"), -1);
}

}  // namespace
}  // namespace adempauze::ingest
