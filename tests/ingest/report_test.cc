// ValidationReport::ToCsv and ToText.
#include <string>

#include <gtest/gtest.h>

#include "adempauze/ingest/report.h"

namespace adempauze::ingest {
namespace {

ValidationReport SampleReport() {
  ValidationReport report;
  report.Add({"lijst.csv", 0, "Telefoon", "", Severity::kColumnDropped, "ingest.column.dropped",
              {"Telefoon"}});
  report.Add({"lijst.csv", 7, "Dossiernummer", "", Severity::kRejected,
              "ingest.row.dossier_missing", {}});
  report.Add({"lijst.csv", 9, "Naam; voluit", "=HYPERLINK(\"x\")", Severity::kWarning,
              "ingest.row.control_characters_removed", {}});
  return report;
}

TEST(ValidationReport, CountsBySeverity) {
  ValidationReport report = SampleReport();
  EXPECT_EQ(report.Count(Severity::kRejected), 1u);
  EXPECT_EQ(report.Count(Severity::kColumnDropped), 1u);
  EXPECT_EQ(report.Count(Severity::kRepaired), 0u);
  EXPECT_FALSE(report.HasFileError());
}

TEST(ValidationReport, CsvInDutchWithBomAndHeader) {
  std::string csv = SampleReport().ToCsv(Language::kDutch);
  ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(csv.substr(3, csv.find("\r\n") - 3), "bestand;rij;kolom;waarde;ernst;melding");
  EXPECT_NE(csv.find("lijst.csv;7;Dossiernummer;;afgewezen;Het dossiernummer ontbreekt."),
            std::string::npos);
  EXPECT_NE(csv.find("lijst.csv;;Telefoon;;kolom niet opgeslagen;"), std::string::npos);
}

TEST(ValidationReport, CsvQuotesAndNeutralisesFormulas) {
  std::string csv = SampleReport().ToCsv(Language::kEnglish);
  EXPECT_NE(csv.find("\"Naam; voluit\""), std::string::npos);
  EXPECT_NE(csv.find("'=HYPERLINK(\"\"x\"\")"), std::string::npos);
  EXPECT_NE(csv.find("file;row;column;value;severity;message"), std::string::npos);
}

TEST(ValidationReport, TextOneLinePerEntry) {
  std::string text = SampleReport().ToText(Language::kDutch);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 3);
  EXPECT_NE(text.find("lijst.csv, rij 7, kolom \"Dossiernummer\": [afgewezen] Het dossiernummer ontbreekt."),
            std::string::npos);
  std::string english = SampleReport().ToText(Language::kEnglish);
  EXPECT_NE(english.find("lijst.csv, row 7, column \"Dossiernummer\": [rejected] The dossier number is missing."),
            std::string::npos);
}

TEST(ValidationReport, EmptyReportSaysSo) {
  ValidationReport report;
  EXPECT_EQ(report.ToText(Language::kEnglish), "No remarks: every row was imported without remarks.\n");
}

TEST(ValidationReport, EveryKeyInCatalog) {
  // Keys the ingest code can emit; a missing catalog entry would show the bare key.
  const char* keys[] = {
      "ingest.file.not_found", "ingest.file.unreadable", "ingest.file.empty",
      "ingest.file.too_large", "ingest.file.old_xls", "ingest.file.not_text",
      "ingest.file.no_rows", "ingest.file.invalid_utf8", "ingest.file.no_number_column",
      "ingest.file.no_client_reference_column", "ingest.xlsx.corrupt",
      "ingest.xlsx.part_too_large", "ingest.xlsx.sheet_not_found", "ingest.header.not_found",
      "ingest.header.required_missing", "ingest.map.syntax", "ingest.map.unknown_field",
      "ingest.map.duplicate_field", "ingest.map.header_not_found",
      "ingest.map.field_not_in_debtor_list", "ingest.map.field_not_in_client_list",
      "ingest.option.encoding_unknown", "ingest.column.dropped", "ingest.column.duplicate_field",
      "ingest.row.malformed_quotes", "ingest.row.too_many_fields", "ingest.row.too_few_fields",
      "ingest.row.field_too_long", "ingest.row.control_characters_removed",
      "ingest.row.no_number_no_name", "ingest.row.nn_missing",
      "ingest.row.nn_invalid.characters", "ingest.row.nn_invalid.length",
      "ingest.row.nn_invalid.checksum", "ingest.row.nn_invalid.month",
      "ingest.row.nn_invalid.date", "ingest.row.nn_invalid.serial",
      "ingest.row.nn_invalid.future_date", "ingest.row.nn_invalid.digits_lost",
      "ingest.row.nn_invalid.other", "ingest.row.nn_repaired.leading_zero",
      "ingest.row.nn_repaired.scientific_notation", "ingest.row.nn_repaired.trailing_decimal",
      "ingest.row.nn_repaired.other", "ingest.row.dossier_missing",
      "ingest.row.dossier_duplicate", "ingest.row.client_reference_missing",
      "ingest.row.client_duplicate_number", "ingest.severity.rejected",
      "ingest.severity.repaired", "ingest.severity.warning", "ingest.severity.column_dropped",
      "ingest.severity.file_error", "ingest.report.column.file", "ingest.report.column.row",
      "ingest.report.column.column", "ingest.report.column.value",
      "ingest.report.column.severity", "ingest.report.column.message", "ingest.report.text.row",
      "ingest.report.text.column", "ingest.report.text.value", "ingest.report.text.empty",
  };
  for (const char* key : keys) EXPECT_TRUE(HasMessage(key)) << key;
}

}  // namespace
}  // namespace adempauze::ingest
