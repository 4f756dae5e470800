// XLSX export, read back with libzip and pugixml: string cells, neutralised values,
// typed dates, header layout and atomic replacement.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adempauze/export/writers.h"
#include "export/export_test_util.h"
#include "export/xlsx_inspect.h"

namespace adempauze::exports {
namespace {

using testing::ReadAll;
using testing::ReadFirstSheet;
using testing::TempDir;
using testing::WriteAll;
using testing::XlsxSheet;

// Excel's serial day number: days since 1899-12-30 (serial 1 is 1900-01-01 because of the
// 1900 leap-year bug Excel keeps).
long ExcelSerial(CivilDate date) { return date.DaysSinceEpoch() + 25569; }

Table SampleTable() {
  Table table;
  table.header = {"dossiernummer", "tekst", "datum"};
  table.rows.push_back({Cell::Text("2026/000101"), Cell::Text("=1+1"), Cell::Date({2026, 3, 1})});
  table.rows.push_back({Cell::Text("00123"), Cell::Text("+32"), Cell::OptionalDate(std::nullopt)});
  table.rows.push_back({Cell::Text("0000042"), Cell::Text("-5"), Cell::Date({1999, 12, 31})});
  table.rows.push_back({Cell::Text("7"), Cell::Text("@A1"), Cell::Text("")});
  table.rows.push_back({Cell::Text("8"), Cell::Text("\tx"), Cell::Text("")});
  table.rows.push_back({Cell::Text("9"), Cell::Text("\rx"), Cell::Text("")});
  return table;
}

class XlsxWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    file_ = dir_.path() / "schorsen.xlsx";
    Status status = WriteXlsx(SampleTable(), file_, "Invordering schorsen");
    ASSERT_TRUE(status.ok()) << status.error().Render(Language::kEnglish);
    auto sheet = ReadFirstSheet(file_);
    ASSERT_TRUE(sheet.has_value());
    sheet_ = std::move(*sheet);
  }

  const testing::XlsxCell& At(const std::string& reference) {
    static const testing::XlsxCell kMissing{"missing", "", false, "", false};
    auto found = sheet_.cells.find(reference);
    return found == sheet_.cells.end() ? kMissing : found->second;
  }

  TempDir dir_;
  std::filesystem::path file_;
  XlsxSheet sheet_;
};

TEST_F(XlsxWriterTest, TextCellsAreStringsNeverFormulas) {
  int text_cells = 0;
  for (const auto& [reference, cell] : sheet_.cells) {
    EXPECT_FALSE(cell.has_formula) << reference;
    if (reference[0] == 'C' && reference != "C1") continue;  // the date column
    EXPECT_TRUE(cell.type == "s" || cell.type == "inlineStr") << reference << " t=" << cell.type;
    ++text_cells;
  }
  EXPECT_EQ(text_cells, 3 + 2 * 6);
}

TEST_F(XlsxWriterTest, KeepsDossierNumbersAsWritten) {
  EXPECT_EQ(At("A2").value, "2026/000101");
  EXPECT_EQ(At("A3").value, "00123");
  EXPECT_EQ(At("A4").value, "0000042");
  EXPECT_EQ(At("A3").number_format, "@");
}

TEST_F(XlsxWriterTest, NeutralisesEachFormulaLead) {
  EXPECT_EQ(At("B2").value, "'=1+1");
  EXPECT_EQ(At("B3").value, "'+32");
  EXPECT_EQ(At("B4").value, "'-5");
  EXPECT_EQ(At("B5").value, "'@A1");
  EXPECT_EQ(At("B6").value, "'\tx");
  EXPECT_EQ(At("B7").value, "'\rx");
}

TEST_F(XlsxWriterTest, WritesDatesAsNumbersWithDateStyle) {
  const auto& date = At("C2");
  EXPECT_TRUE(date.type.empty() || date.type == "n") << date.type;
  EXPECT_EQ(date.value, std::to_string(ExcelSerial({2026, 3, 1})));
  EXPECT_EQ(date.number_format, "dd/mm/yyyy");
  EXPECT_EQ(At("C4").value, std::to_string(ExcelSerial({1999, 12, 31})));
  EXPECT_EQ(At("C3").type, "missing");
}

TEST_F(XlsxWriterTest, HeaderIsBoldFrozenAndFiltered) {
  EXPECT_EQ(At("A1").value, "dossiernummer");
  EXPECT_TRUE(At("A1").bold);
  EXPECT_FALSE(At("A2").bold);

  pugi::xml_node worksheet = sheet_.sheet_xml.child("worksheet");
  pugi::xml_node pane = worksheet.child("sheetViews").child("sheetView").child("pane");
  EXPECT_STREQ(pane.attribute("ySplit").value(), "1");
  EXPECT_STREQ(pane.attribute("state").value(), "frozen");
  EXPECT_STREQ(worksheet.child("autoFilter").attribute("ref").value(), "A1:C7");
}

TEST_F(XlsxWriterTest, FitsColumnWidthsToContent) {
  std::vector<double> widths;
  for (pugi::xml_node col : sheet_.sheet_xml.child("worksheet").child("cols").children("col")) {
    widths.push_back(col.attribute("width").as_double());
  }
  ASSERT_EQ(widths.size(), 3u);
  // "dossiernummer" has 13 characters, and Excel adds its own padding to the stored width.
  EXPECT_GE(widths[0], 15);
  EXPECT_LT(widths[0], 17);
  EXPECT_GE(widths[2], 12);
}

TEST_F(XlsxWriterTest, NamesTheSheet) {
  auto workbook = testing::ReadPart(file_, "xl/workbook.xml");
  ASSERT_TRUE(workbook.has_value());
  EXPECT_NE(workbook->find("name=\"Invordering schorsen\""), std::string::npos);
}

TEST(XlsxWriter, RejectsInvalidSheetNameAndKeepsPreviousFile) {
  TempDir dir;
  const auto file = dir.path() / "schorsen.xlsx";
  WriteAll(file, "vorige export");
  for (const std::string& name : std::vector<std::string>{"", "a/b", "[x]", "'begint", std::string(32, 'x')}) {
    Status status = WriteXlsx(SampleTable(), file, name);
    ASSERT_FALSE(status.ok()) << name;
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(status.error().message_key, "export.xlsx.sheet_name");
  }
  EXPECT_EQ(ReadAll(file), "vorige export");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            1);
}

TEST(XlsxWriter, MissingDirectoryIsIoError) {
  TempDir dir;
  Status status = WriteXlsx(SampleTable(), dir.path() / "nergens" / "x.xlsx", "blad");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message_key, "export.file.create_failed");
}

TEST(XlsxWriter, WritesEmptyTableWithHeaderOnly) {
  TempDir dir;
  Table table;
  table.header = {"dossiernummer"};
  const auto file = dir.path() / "leeg.xlsx";
  ASSERT_TRUE(WriteXlsx(table, file, "blad").ok());
  auto sheet = ReadFirstSheet(file);
  ASSERT_TRUE(sheet.has_value());
  EXPECT_EQ(sheet->cells.size(), 1u);
  EXPECT_EQ(sheet->cells["A1"].value, "dossiernummer");
}

}  // namespace
}  // namespace adempauze::exports
