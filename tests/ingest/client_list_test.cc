// ReadClientList: the OCMW's list, with a client reference instead of a dossier number.
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

class ClientListTest : public ::testing::Test {
 protected:
  Result<ClientList> Read(const std::string& bytes, IngestOptions options = {}) {
    options.today = kToday;
    return ReadClientList(dir_.Write("clienten.csv", bytes), options);
  }

  ClientList ReadOk(const std::string& bytes, IngestOptions options = {}) {
    auto list = Read(bytes, std::move(options));
    if (!list.ok()) ADD_FAILURE() << list.error().Render(Language::kEnglish);
    return list.ok() ? std::move(list).value() : ClientList{};
  }

  TempDir dir_;
  const std::string jan_ = nn::Make(1985, 7, 30, 33);
  const std::string els_ = nn::Make(1990, 2, 14, 124);
};

TEST_F(ClientListTest, ReadsAllFields) {
  ClientList list = ReadOk("Cliëntnummer;INSZ;Familienaam;Voornaam;Straat;Huisnr;Postcode\n"
                           "C-17;" + jan_ + ";Peeters;Jan;Kerkstraat;12;9000\n");
  ASSERT_EQ(list.rows.size(), 1u);
  const ClientRow& row = list.rows[0];
  EXPECT_EQ(row.source_row, 2u);
  EXPECT_EQ(row.client_reference, "C-17");
  EXPECT_EQ(row.last_name, "Peeters");
  EXPECT_EQ(row.first_name, "Jan");
  EXPECT_EQ(row.street, "Kerkstraat");
  EXPECT_EQ(row.house_number, "12");
  EXPECT_EQ(row.postcode, "9000");
  ASSERT_TRUE(row.national_number.number.has_value());
  EXPECT_EQ(row.national_number.number->digits, jan_);
  EXPECT_TRUE(list.report.entries().empty());
}

TEST_F(ClientListTest, DossiernummerOcmwIsClientReference) {
  ClientList list = ReadOk("Dossiernummer OCMW,Naam,Rijksregisternummer\nO-5,Maes," + els_ + "\n");
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].client_reference, "O-5");
}

TEST_F(ClientListTest, MissingClientReferenceWarned) {
  ClientList list = ReadOk("Clientnr;Naam;INSZ\n;Peeters;" + jan_ + "\n");
  ASSERT_EQ(list.rows.size(), 1u);
  ASSERT_EQ(list.report.entries().size(), 1u);
  EXPECT_EQ(list.report.entries()[0].severity, Severity::kWarning);
  EXPECT_EQ(list.report.entries()[0].message_key, "ingest.row.client_reference_missing");
  EXPECT_EQ(list.report.entries()[0].column, "Clientnr");
}

TEST_F(ClientListTest, NoClientReferenceColumnNeeded) {
  ClientList list = ReadOk("Naam;INSZ\nPeeters;" + jan_ + "\nMaes;" + els_ + "\n");
  ASSERT_EQ(list.rows.size(), 2u);
  ASSERT_EQ(list.report.entries().size(), 1u);  // one remark for the file, none per row
  EXPECT_EQ(list.report.entries()[0].message_key, "ingest.file.no_client_reference_column");
  EXPECT_EQ(list.report.entries()[0].row, 0u);
}

TEST_F(ClientListTest, SameNumberTwiceWarnedAndBothKept) {
  ClientList list = ReadOk("Clientnr;Naam;INSZ\n"
                           "C-1;Peeters;" + jan_ + "\n"
                           "C-2;Maes;" + els_ + "\n"
                           "C-3;Peeters;" + nn::Format(jan_) + "\n");
  ASSERT_EQ(list.rows.size(), 3u);
  ASSERT_EQ(list.report.entries().size(), 1u);
  const ReportEntry& entry = list.report.entries()[0];
  EXPECT_EQ(entry.row, 4u);
  EXPECT_EQ(entry.severity, Severity::kWarning);
  EXPECT_EQ(entry.message_key, "ingest.row.client_duplicate_number");
  EXPECT_EQ(entry.args, (std::vector<std::string>{"2"}));
  EXPECT_EQ(entry.masked_value, nn::Mask(jan_));
}

TEST_F(ClientListTest, NoNumberAndNoNameRejected) {
  ClientList list = ReadOk("Clientnr;Naam;INSZ\nC-1;;\nC-2;Maes;" + els_ + "\n");
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.report.Count(Severity::kRejected), 1u);
  EXPECT_EQ(list.report.entries()[0].message_key, "ingest.row.no_number_no_name");
}

TEST_F(ClientListTest, DebtorFieldInMappingIsError) {
  IngestOptions options;
  options.mapping = ParseColumnMapping({"dossiernummer=Ref"}).value();
  auto list = Read("Ref;Naam\nX;Peeters\n", options);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().message_key, "ingest.map.field_not_in_client_list");
}

TEST_F(ClientListTest, NeitherNumberNorNameColumnIsError) {
  auto list = Read("Clientnr;Straat\nC-1;Kerkstraat 1\n");
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().message_key, "ingest.header.required_missing");
  EXPECT_EQ(list.error().args[2], "rijksregisternummer, naam");
}

}  // namespace
}  // namespace adempauze::ingest
