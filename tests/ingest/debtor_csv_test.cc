// ReadDebtorList on CSV files: the format quirks of real exports.
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

// Returns the entries about single rows, leaving out those about the file or a column.
std::vector<ReportEntry> RowEntries(const DebtorList& list) {
  std::vector<ReportEntry> entries;
  for (const ReportEntry& entry : list.report.entries()) {
    if (entry.row > 0) entries.push_back(entry);
  }
  return entries;
}

class DebtorCsvTest : public ::testing::Test {
 protected:
  Result<DebtorList> Read(const std::string& bytes, IngestOptions options = {}) {
    options.today = kToday;
    return ReadDebtorList(dir_.Write("debiteuren.csv", bytes), options);
  }

  DebtorList ReadOk(const std::string& bytes, IngestOptions options = {}) {
    auto list = Read(bytes, std::move(options));
    if (!list.ok()) ADD_FAILURE() << list.error().Render(Language::kEnglish);
    return list.ok() ? std::move(list).value() : DebtorList{};
  }

  TempDir dir_;
  const std::string jan_ = nn::Make(1985, 7, 30, 33);
  const std::string els_ = nn::Make(1990, 2, 14, 124);
};

TEST_F(DebtorCsvTest, SemicolonFile) {
  DebtorList list = ReadOk("Dossiernummer;Naam;Voornaam;Rijksregisternummer;Straat;Huisnummer\n"
                           "D-001;Peeters;Jan;" + jan_ + ";Kerkstraat;12\n");
  ASSERT_EQ(list.rows.size(), 1u);
  const DebtorRow& row = list.rows[0];
  EXPECT_EQ(row.source_row, 2u);
  EXPECT_EQ(row.dossier_number, "D-001");
  EXPECT_EQ(row.last_name, "Peeters");
  EXPECT_EQ(row.first_name, "Jan");
  ASSERT_TRUE(row.national_number.number.has_value());
  EXPECT_EQ(row.national_number.number->digits, jan_);
  EXPECT_EQ(row.street, "Kerkstraat");
  EXPECT_EQ(row.house_number, "12");
  EXPECT_EQ(list.rows_read, 1u);
  EXPECT_EQ(list.header_row, 1u);
  EXPECT_EQ(list.source_name, "debiteuren.csv");
  EXPECT_TRUE(list.report.entries().empty());
}

TEST_F(DebtorCsvTest, CommaFile) {
  DebtorList list = ReadOk("Dossiernummer,Naam,Voornaam\nD-001,Peeters,Jan\nD-002,Maes,Els\n");
  ASSERT_EQ(list.rows.size(), 2u);
  EXPECT_EQ(list.rows[1].first_name, "Els");
}

TEST_F(DebtorCsvTest, TabFile) {
  DebtorList list = ReadOk("Dossiernummer\tNaam\nD-001\tPeeters\n");
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].last_name, "Peeters");
}

TEST_F(DebtorCsvTest, QuotedFieldWithSemicolonAndDoubledQuotes) {
  DebtorList list = ReadOk("Dossiernummer;Naam;Straat\n"
                           "D-001;\"Peeters; Jan\";\"Residentie \"\"De Kroon\"\"\"\n");
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].last_name, "Peeters; Jan");
  EXPECT_EQ(list.rows[0].street, "Residentie \"De Kroon\"");
}

TEST_F(DebtorCsvTest, EmbeddedNewlineKeepsRowNumbers) {
  DebtorList list = ReadOk("Dossiernummer;Naam;Straat\n"
                           "D-001;Peeters;\"Kerkstraat\n12\"\n"
                           "D-002;Maes;Markt 1\n"
                           ";Janssens;Markt 2\n");
  ASSERT_EQ(list.rows.size(), 2u);
  EXPECT_EQ(list.rows[0].street, "Kerkstraat");  // the line break became a space, then split
  EXPECT_EQ(list.rows[0].house_number, "12");
  EXPECT_EQ(list.rows[1].source_row, 3u);
  ASSERT_EQ(RowEntries(list).size(), 1u);
  EXPECT_EQ(RowEntries(list)[0].row, 4u);  // the spreadsheet row, not physical line 5
}

TEST_F(DebtorCsvTest, Utf8WithBom) {
  DebtorList list = ReadOk("\xEF\xBB\xBF" "Dossiernummer;Naam\nD-001;Fran\xC3\xA7ois\n");
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].last_name, "Fran\xC3\xA7ois");
  EXPECT_EQ(list.mapping.columns.front().second, "Dossiernummer");  // no BOM in the header
}

TEST_F(DebtorCsvTest, Utf8WithoutBom) {
  DebtorList list = ReadOk("Dossiernummer;Naam\nD-001;Ma\xC3\xABs\n");
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].last_name, "Ma\xC3\xABs");
}

TEST_F(DebtorCsvTest, Windows1252Accents) {
  // é ë ç and € as Windows-1252 bytes; the file is not valid UTF-8.
  DebtorList list = ReadOk("Dossiernummer;Naam;Voornaam;Straat\n"
                           "D-\x80" "1;Ma\xEBs;Ren\xE9;Fran\xE7oisstraat 3\n");
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].dossier_number, "D-\xE2\x82\xAC" "1");
  EXPECT_EQ(list.rows[0].last_name, "Ma\xC3\xABs");
  EXPECT_EQ(list.rows[0].first_name, "Ren\xC3\xA9");
  EXPECT_EQ(list.rows[0].street, "Fran\xC3\xA7oisstraat");
}

TEST_F(DebtorCsvTest, EncodingOverrideWindows1252) {
  IngestOptions options;
  options.encoding = Encoding::kWindows1252;
  // Valid UTF-8 bytes, read as Windows-1252 because the user chose that encoding.
  DebtorList list = ReadOk("Dossiernummer;Naam\nD-001;\xC3\xA9\n", options);
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].last_name, "\xC3\x83\xC2\xA9");
}

TEST_F(DebtorCsvTest, CrlfLineEnds) {
  DebtorList list = ReadOk("Dossiernummer;Naam\r\nD-001;Peeters\r\nD-002;Maes\r\n");
  ASSERT_EQ(list.rows.size(), 2u);
  EXPECT_EQ(list.rows[0].last_name, "Peeters");
  EXPECT_EQ(list.rows[1].dossier_number, "D-002");
}

TEST_F(DebtorCsvTest, BlankAndTrailingRowsAreSkipped) {
  DebtorList list = ReadOk("Dossiernummer;Naam\n"
                           "D-001;Peeters\n"
                           ";\n"
                           "\n"
                           "D-002;Maes\n"
                           "\n\n;;\n");
  ASSERT_EQ(list.rows.size(), 2u);
  EXPECT_EQ(list.rows_read, 2u);
  EXPECT_EQ(list.rows[1].source_row, 5u);
  EXPECT_TRUE(RowEntries(list).empty());
}

TEST_F(DebtorCsvTest, TitleRowAboveHeader) {
  DebtorList list = ReadOk("Debiteurenlijst stad, januari 2021\n"
                           "\n"
                           "Dossiernummer;Naam;Voornaam\n"
                           "D-001;Peeters;Jan\n");
  EXPECT_EQ(list.header_row, 3u);
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].source_row, 4u);
  EXPECT_EQ(list.rows_read, 1u);
}

TEST_F(DebtorCsvTest, HeaderBeyondTenRowsIsNotFound) {
  std::string text;
  for (int i = 0; i < 10; ++i) text += "Titel " + std::to_string(i) + "\n";
  text += "Dossiernummer;Naam\nD-001;Peeters\n";
  auto list = Read(text);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().message_key, "ingest.header.not_found");
  EXPECT_EQ(list.error().args[0], "debiteuren.csv");
}

TEST_F(DebtorCsvTest, ExplicitMappingOverridesGuess) {
  IngestOptions options;
  options.mapping = ParseColumnMapping({"dossiernummer=Ons kenmerk", "rijksregisternummer=ID"}).value();
  DebtorList list = ReadOk("Dossiernummer;Ons kenmerk;Naam;ID\n"
                           "OLD-1;D-001;Peeters;" + jan_ + "\n", options);
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].dossier_number, "D-001");
  ASSERT_TRUE(list.rows[0].national_number.number.has_value());
  // The guessed "Dossiernummer" column lost its field to the mapping and is dropped.
  ASSERT_EQ(list.report.Count(Severity::kColumnDropped), 1u);
  EXPECT_EQ(list.report.entries()[0].column, "Dossiernummer");
  EXPECT_EQ(list.report.entries()[0].message_key, "ingest.column.duplicate_field");
}

TEST_F(DebtorCsvTest, MappingHeaderNotInFileIsError) {
  IngestOptions options;
  options.mapping = ParseColumnMapping({"rijksregisternummer=INSZ"}).value();
  auto list = Read("Dossiernummer;Naam\nD-001;Peeters\n", options);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().message_key, "ingest.map.header_not_found");
  EXPECT_EQ(list.error().args[1], "INSZ");
}

TEST_F(DebtorCsvTest, MappingFieldOfClientListIsError) {
  IngestOptions options;
  options.mapping = ParseColumnMapping({"postcode=Postnummer"}).value();
  auto list = Read("Dossiernummer;Naam;Postnummer\nD-001;Peeters;9000\n", options);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().message_key, "ingest.map.field_not_in_debtor_list");
}

TEST_F(DebtorCsvTest, DroppedColumnsReported) {
  DebtorList list = ReadOk("Dossiernummer;Naam;INSZ;Bedrag;Telefoon;E-mail;Geboortedatum;Opmerking;\n"
                           "D-001;Peeters;" + jan_ + ";125,50;0470 00 00 00;jan@example.org;1985-07-30;x;\n");
  ASSERT_EQ(list.rows.size(), 1u);
  std::vector<std::string> dropped;
  for (const ReportEntry& entry : list.report.entries()) {
    EXPECT_EQ(entry.severity, Severity::kColumnDropped);
    EXPECT_EQ(entry.row, 0u);
    EXPECT_EQ(entry.message_key, "ingest.column.dropped");
    EXPECT_TRUE(entry.masked_value.empty());
    dropped.push_back(entry.column);
  }
  EXPECT_EQ(dropped, (std::vector<std::string>{"Bedrag", "Telefoon", "E-mail", "Geboortedatum",
                                               "Opmerking"}));
}

TEST_F(DebtorCsvTest, TooManyFieldsRejected) {
  DebtorList list = ReadOk("Dossiernummer;Naam;Straat\n"
                           "D-001;Peeters;Kerkstraat 12; bus 3\n"
                           "D-002;Maes;Markt 1;\n");
  ASSERT_EQ(list.rows.size(), 1u);  // an empty extra field is harmless
  EXPECT_EQ(list.rows[0].dossier_number, "D-002");
  std::vector<ReportEntry> entries = RowEntries(list);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].message_key, "ingest.row.too_many_fields");
  EXPECT_EQ(entries[0].severity, Severity::kRejected);
  EXPECT_EQ(entries[0].row, 2u);
}

TEST_F(DebtorCsvTest, TooFewFieldsWarned) {
  DebtorList list = ReadOk("Dossiernummer;Naam;Straat\nD-001;Peeters\n");
  ASSERT_EQ(list.rows.size(), 1u);
  std::vector<ReportEntry> entries = RowEntries(list);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].message_key, "ingest.row.too_few_fields");
  EXPECT_EQ(entries[0].severity, Severity::kWarning);
}

TEST_F(DebtorCsvTest, AddressColumnSplitIntoStreetAndNumber) {
  DebtorList list = ReadOk("Dossiernummer;Naam;Adres\nD-001;Peeters;Kerkstraat 12 bus 3\n");
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].street, "Kerkstraat");
  EXPECT_EQ(list.rows[0].house_number, "12 bus 3");
}

TEST_F(DebtorCsvTest, BoxColumnAppendedToHouseNumber) {
  DebtorList list = ReadOk("Dossiernummer;Naam;Straat;Nr;Bus\nD-001;Peeters;Kerkstraat;12;3\n");
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].house_number, "12 bus 3");
}

TEST_F(DebtorCsvTest, NamesTrimmedAndCollapsed) {
  DebtorList list = ReadOk("Dossiernummer;Naam;Voornaam\n D-001 ;  Van   den  Broeck ; Jan\t\n");
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].last_name, "Van den Broeck");
  EXPECT_EQ(list.rows[0].first_name, "Jan");
  EXPECT_EQ(list.rows[0].dossier_number, "D-001");
}

TEST_F(DebtorCsvTest, MissingNumberColumnWarnedOnce) {
  DebtorList list = ReadOk("Dossiernummer;Naam\nD-001;Peeters\nD-002;Maes\n");
  ASSERT_EQ(list.report.entries().size(), 1u);
  EXPECT_EQ(list.report.entries()[0].message_key, "ingest.file.no_number_column");
  EXPECT_EQ(list.report.entries()[0].row, 0u);
  EXPECT_EQ(list.rows.size(), 2u);
}

TEST_F(DebtorCsvTest, UncommonSynonymsInOneFile) {
  DebtorList list = ReadOk("Dossier nr.;Familienaam;Voornamen;INSZ-nummer;Straatnaam;Huisnr;Bus\n"
                           "D-001;Peeters;Jan Karel;" + jan_ + ";Kerkstraat;12;3\n");
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].dossier_number, "D-001");
  EXPECT_EQ(list.rows[0].last_name, "Peeters");
  EXPECT_EQ(list.rows[0].first_name, "Jan Karel");
  EXPECT_TRUE(list.rows[0].national_number.number.has_value());
  EXPECT_EQ(list.rows[0].street, "Kerkstraat");
  EXPECT_EQ(list.rows[0].house_number, "12 bus 3");
  EXPECT_TRUE(list.report.entries().empty());
  EXPECT_EQ(list.mapping.ToStrings(),
            (std::vector<std::string>{"dossiernummer=Dossier nr.", "naam=Familienaam",
                                      "voornaam=Voornamen", "rijksregisternummer=INSZ-nummer",
                                      "straat=Straatnaam", "huisnummer=Huisnr", "bus=Bus"}));
}

TEST_F(DebtorCsvTest, ForcedUtf8ReportsReplacedBytes) {
  IngestOptions options;
  options.encoding = Encoding::kUtf8;
  DebtorList list = ReadOk("Dossiernummer;Naam\nD-001;Ren\xE9\n", options);
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].last_name, "Ren\xEF\xBF\xBD");
  ASSERT_FALSE(list.report.entries().empty());
  EXPECT_EQ(list.report.entries()[0].message_key, "ingest.file.invalid_utf8");
  EXPECT_EQ(list.report.entries()[0].args, (std::vector<std::string>{"1"}));
}

TEST(ParseEncoding, AcceptsNamesAndRejectsOthers) {
  EXPECT_EQ(ParseEncoding("auto").value(), Encoding::kAuto);
  EXPECT_EQ(ParseEncoding("UTF-8").value(), Encoding::kUtf8);
  EXPECT_EQ(ParseEncoding("windows-1252").value(), Encoding::kWindows1252);
  EXPECT_EQ(ParseEncoding("cp1252").value(), Encoding::kWindows1252);
  auto unknown = ParseEncoding("ebcdic");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().message_key, "ingest.option.encoding_unknown");
}

TEST_F(DebtorCsvTest, FileNotFoundIsError) {
  IngestOptions options;
  options.today = kToday;
  auto list = ReadDebtorList(dir_.path() / "ontbreekt.csv", options);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(list.error().message_key, "ingest.file.not_found");
  EXPECT_NE(list.error().Render(Language::kDutch).find("ontbreekt.csv"), std::string::npos);
}

TEST_F(DebtorCsvTest, DisplayNameUsedInErrors) {
  IngestOptions options;
  options.today = kToday;
  options.display_name = "upload-17.csv";
  auto list = ReadDebtorList(dir_.Write("x.csv", "Naam\nPeeters\n"), options);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().message_key, "ingest.header.required_missing");
  EXPECT_EQ(list.error().args[0], "upload-17.csv");
  EXPECT_EQ(list.error().args[2], "dossiernummer");
}

TEST_F(DebtorCsvTest, EmptyFileIsError) {
  auto list = Read("");
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().message_key, "ingest.file.empty");
}

TEST_F(DebtorCsvTest, BinaryFileIsError) {
  auto list = Read(std::string("\x7F" "ELF\0\0\0\x01", 8));
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().message_key, "ingest.file.not_text");
  EXPECT_EQ(list.error().code, ErrorCode::kCorrupt);
}

TEST_F(DebtorCsvTest, OldXlsIsError) {
  auto list = Read(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10));
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().message_key, "ingest.file.old_xls");
}

TEST_F(DebtorCsvTest, OnlyBlankRowsIsError) {
  auto list = Read("\n;;\n\n");
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().message_key, "ingest.file.no_rows");
}

TEST_F(DebtorCsvTest, Utf16FromExcelUnicodeText) {
  std::string utf16 = "\xFF\xFE";
  for (char c : std::string("Dossiernummer\tNaam\r\nD-001\tMa")) {
    utf16 += c;
    utf16 += '\0';
  }
  utf16 += std::string("\xEB\0s\0\r\0\n\0", 8);
  DebtorList list = ReadOk(utf16);
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].last_name, "Ma\xC3\xABs");
}

}  // namespace
}  // namespace adempauze::ingest
