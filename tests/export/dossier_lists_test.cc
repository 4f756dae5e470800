// The pause and resume lists: column layout, language of the headers, order and flags.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adempauze/common/messages.h"
#include "adempauze/export/dossier_lists.h"
#include "adempauze/export/writers.h"

namespace adempauze::exports {
namespace {

std::vector<FlagRow> PauseRows() {
  return {
      {"2026/000123", Flag::kClient, {2026, 3, 2}, CivilDate{2026, 5, 1}},
      {"2026/000101", Flag::kClient, {2026, 3, 1}, std::nullopt},
  };
}

std::string Csv(const Table& table) {
  auto bytes = CsvBytes(table);
  EXPECT_TRUE(bytes.ok());
  return bytes.ok() ? *bytes : std::string();
}

TEST(PauseTable, HasDutchLayoutByDefault) {
  EXPECT_EQ(Csv(MakePauseTable(PauseRows(), Language::kDutch)),
            "\xEF\xBB\xBF"
            "dossiernummer;vlag;geschorst sinds;opvolgen tegen\r\n"
            "2026/000101;cliënt OCMW;2026-03-01;\r\n"
            "2026/000123;cliënt OCMW;2026-03-02;2026-05-01\r\n");
}

TEST(PauseTable, HasEnglishHeadersInEnglish) {
  Table table = MakePauseTable(PauseRows(), Language::kEnglish);
  EXPECT_EQ(table.header,
            (std::vector<std::string>{"dossier number", "flag", "paused since", "follow up by"}));
  // The flag is the protocol's value in every language.
  EXPECT_EQ(table.rows[0][1].text, "cliënt OCMW");
}

TEST(PauseTable, KeepsDatesTyped) {
  Table table = MakePauseTable(PauseRows(), Language::kDutch);
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[1][2].date, (CivilDate{2026, 3, 2}));
  EXPECT_EQ(table.rows[1][3].date, (CivilDate{2026, 5, 1}));
  EXPECT_FALSE(table.rows[0][3].date.has_value());
  EXPECT_TRUE(table.rows[0][3].text.empty());
}

TEST(ResumeTable, HasDutchLayoutByDefault) {
  std::vector<FlagRow> rows = {
      {"B-7", Flag::kResumeCollection, {2026, 4, 10}, CivilDate{2026, 6, 1}},
      {"A-3", Flag::kResumeCollection, {2026, 4, 9}, std::nullopt},
  };
  EXPECT_EQ(Csv(MakeResumeTable(rows, Language::kDutch)),
            "\xEF\xBB\xBF"
            "dossiernummer;vlag;datum\r\n"
            "A-3;invordering voortzetten;2026-04-09\r\n"
            "B-7;invordering voortzetten;2026-04-10\r\n");
}

TEST(ResumeTable, HasEnglishHeadersInEnglish) {
  Table table = MakeResumeTable({}, Language::kEnglish);
  EXPECT_EQ(table.header, (std::vector<std::string>{"dossier number", "flag", "date"}));
  EXPECT_TRUE(table.rows.empty());
}

TEST(DossierLists, NeutraliseDossierNumbersThatLookLikeFormulas) {
  std::vector<FlagRow> rows = {{"=cmd|' /C calc'!A0", Flag::kClient, {2026, 3, 1}, std::nullopt}};
  std::string csv = Csv(MakePauseTable(rows, Language::kDutch));
  EXPECT_NE(csv.find("\r\n'=cmd|' /C calc'!A0;"), std::string::npos) << csv;
}

TEST(DossierLists, SheetNamesAreValidInBothLanguages) {
  for (Language language : {Language::kDutch, Language::kEnglish}) {
    for (const std::string& name : {PauseSheetName(language), ResumeSheetName(language)}) {
      EXPECT_FALSE(name.empty());
      EXPECT_LE(name.size(), 31u);
      EXPECT_EQ(name.find_first_of("[]:*?/\\"), std::string::npos) << name;
    }
  }
  EXPECT_EQ(PauseSheetName(Language::kDutch), "Invordering schorsen");
}

TEST(ExportCatalog, EveryKeyHasBothLanguages) {
  const std::vector<std::string> keys = {
      "export.header.dossier_number", "export.header.flag",        "export.header.paused_since",
      "export.header.follow_up_by",   "export.header.date",        "export.sheet.pause",
      "export.sheet.resume",          "export.table.no_header",    "export.table.shape",
      "export.file.create_failed",    "export.file.write_failed",  "export.file.rename_failed",
      "export.xlsx.write_failed",     "export.xlsx.sheet_name",    "export.xlsx.too_many_rows",
  };
  for (const std::string& key : keys) {
    EXPECT_TRUE(HasMessage(key)) << key;
  }
  for (const MessageEntry& entry : AllMessages()) {
    if (!entry.key.starts_with("export.")) continue;
    EXPECT_FALSE(entry.nl.empty()) << entry.key;
    EXPECT_FALSE(entry.en.empty()) << entry.key;
    EXPECT_NE(entry.nl, entry.en) << entry.key;
  }
}

}  // namespace
}  // namespace adempauze::exports
