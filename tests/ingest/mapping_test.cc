// Field names, the "field=Header" parser and header guessing.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adempauze/ingest/fields.h"
#include "ingest/header_mapping.h"
#include "ingest/text_clean.h"

namespace adempauze::ingest {
namespace {

TEST(ParseFieldName, AcceptsDutchEnglishAndAliases) {
  EXPECT_EQ(ParseFieldName("rijksregisternummer"), Field::kNationalNumber);
  EXPECT_EQ(ParseFieldName("National_Number"), Field::kNationalNumber);
  EXPECT_EQ(ParseFieldName("INSZ"), Field::kNationalNumber);
  EXPECT_EQ(ParseFieldName("first-name"), Field::kFirstName);
  EXPECT_EQ(ParseFieldName("achternaam"), Field::kLastName);
  EXPECT_EQ(ParseFieldName("cliëntreferentie"), Field::kClientReference);
  EXPECT_EQ(ParseFieldName("telefoon"), std::nullopt);
}

TEST(ParseMappingEntry, SplitsFieldAndHeader) {
  auto entry = ParseMappingEntry(" rijksregisternummer = INSZ ");
  ASSERT_TRUE(entry.ok());
  EXPECT_EQ(entry->first, Field::kNationalNumber);
  EXPECT_EQ(entry->second, "INSZ");
}

TEST(ParseMappingEntry, HeaderMayContainEquals) {
  auto entry = ParseMappingEntry("dossiernummer=Ref=A");
  ASSERT_TRUE(entry.ok());
  EXPECT_EQ(entry->second, "Ref=A");
}

TEST(ParseMappingEntry, MissingEqualsIsSyntaxError) {
  auto entry = ParseMappingEntry("rijksregisternummer");
  ASSERT_FALSE(entry.ok());
  EXPECT_EQ(entry.error().message_key, "ingest.map.syntax");
  EXPECT_EQ(entry.error().code, ErrorCode::kInvalidArgument);
}

TEST(ParseMappingEntry, EmptyHeaderIsSyntaxError) {
  auto entry = ParseMappingEntry("naam=  ");
  ASSERT_FALSE(entry.ok());
  EXPECT_EQ(entry.error().message_key, "ingest.map.syntax");
}

TEST(ParseMappingEntry, UnknownFieldNamesTheAcceptedOnes) {
  auto entry = ParseMappingEntry("telefoon=GSM");
  ASSERT_FALSE(entry.ok());
  EXPECT_EQ(entry.error().message_key, "ingest.map.unknown_field");
  ASSERT_EQ(entry.error().args.size(), 2u);
  EXPECT_EQ(entry.error().args[0], "telefoon");
  EXPECT_NE(entry.error().args[1].find("rijksregisternummer"), std::string::npos);
  EXPECT_NE(entry.error().Render(Language::kDutch).find("telefoon"), std::string::npos);
}

TEST(ParseColumnMapping, RejectsFieldTwice) {
  auto mapping = ParseColumnMapping({"naam=A", "achternaam=B"});
  ASSERT_FALSE(mapping.ok());
  EXPECT_EQ(mapping.error().message_key, "ingest.map.duplicate_field");
}

TEST(ColumnMapping, RoundTripsThroughStrings) {
  auto mapping = ParseColumnMapping({"rijksregisternummer=INSZ", "last_name=Familie naam"});
  ASSERT_TRUE(mapping.ok());
  EXPECT_EQ(mapping->ToStrings(),
            (std::vector<std::string>{"rijksregisternummer=INSZ", "naam=Familie naam"}));
  auto again = ParseColumnMapping(mapping->ToStrings());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->columns, mapping->columns);
}

struct SynonymCase {
  const char* header;
  ListKind kind;
  std::optional<Field> field;
};

TEST(GuessField, EverySynonym) {
  using enum Field;
  constexpr ListKind D = ListKind::kDebtor;
  constexpr ListKind C = ListKind::kClient;
  const SynonymCase cases[] = {
      {"Voornaam", D, kFirstName}, {"Voornamen", D, kFirstName}, {"First name", D, kFirstName},
      {"Given name", C, kFirstName}, {"Naam", D, kLastName}, {"Achternaam", D, kLastName},
      {"Familienaam", C, kLastName}, {"Last name", D, kLastName}, {"Surname", D, kLastName},
      {"Name", C, kLastName}, {"Rijksregisternummer", D, kNationalNumber},
      {"Rijksregisternr.", D, kNationalNumber}, {"RRN", D, kNationalNumber},
      {"INSZ", C, kNationalNumber}, {"INSZ-nummer", D, kNationalNumber},
      {"NN", D, kNationalNumber}, {"National number", D, kNationalNumber},
      {"SSIN", C, kNationalNumber}, {"BIS", D, kNationalNumber},
      {"BIS-nummer", C, kNationalNumber}, {"Straat", D, kStreet}, {"Straatnaam", D, kStreet},
      {"Street", C, kStreet}, {"Adres", D, kStreet}, {"Huisnummer", D, kHouseNumber},
      {"Huisnr", D, kHouseNumber}, {"Nr", C, kHouseNumber}, {"Nummer", D, kHouseNumber},
      {"House number", D, kHouseNumber}, {"Number", C, kHouseNumber}, {"Bus", D, kBox},
      {"Dossiernummer", D, kDossierNumber}, {"Dossiernr", D, kDossierNumber},
      {"Dossier", D, kDossierNumber}, {"Dossier nr", D, kDossierNumber},
      {"Referentie", D, kDossierNumber}, {"Case number", D, kDossierNumber},
      {"Postcode", C, kPostcode}, {"Postnummer", C, kPostcode}, {"Zip", C, kPostcode},
      {"Cliëntnummer", C, kClientReference}, {"Clientnr", C, kClientReference},
      {"Dossiernummer OCMW", C, kClientReference}, {"Referentie", C, kClientReference},
      {"Client reference", C, kClientReference}, {"Dossiernummer", C, kClientReference},
      {"Postcode", D, std::nullopt}, {"Cliëntnummer", D, std::nullopt},
      {"Bedrag", D, std::nullopt}, {"Telefoon", C, std::nullopt}, {"E-mail", D, std::nullopt},
      {"Geboortedatum", D, std::nullopt},
  };
  for (const SynonymCase& c : cases) {
    EXPECT_EQ(GuessField(c.kind, HeaderKey(c.header)), c.field)
        << c.header << (c.kind == D ? " (debtor list)" : " (client list)");
  }
}

TEST(PlanColumns, ExplicitMappingOverridesGuess) {
  std::vector<std::string_view> header = {"Naam", "Familienaam", "Dossiernummer"};
  ColumnMapping mapping{{{Field::kLastName, "familienaam"}}};
  ColumnPlan plan = PlanColumns(ListKind::kDebtor, header, mapping);
  EXPECT_EQ(plan.ColumnOf(Field::kLastName), 1);
  ASSERT_EQ(plan.duplicate_columns.size(), 1u);
  EXPECT_EQ(plan.duplicate_columns[0].first, 0u);
  EXPECT_TRUE(MissingRequiredFields(ListKind::kDebtor, plan).empty());
}

TEST(PlanColumns, ReportsMissingMappedHeader) {
  std::vector<std::string_view> header = {"Naam", "Dossiernummer"};
  ColumnMapping mapping{{{Field::kNationalNumber, "INSZ"}}};
  ColumnPlan plan = PlanColumns(ListKind::kDebtor, header, mapping);
  EXPECT_EQ(plan.missing_mapped_headers, (std::vector<std::string>{"INSZ"}));
}

TEST(MissingRequiredFields, DebtorListNeedsDossierAndNumberOrName) {
  std::vector<std::string_view> header = {"Voornaam", "Straat"};
  ColumnPlan plan = PlanColumns(ListKind::kDebtor, header, {});
  EXPECT_EQ(MissingRequiredFields(ListKind::kDebtor, plan),
            (std::vector<Field>{Field::kDossierNumber, Field::kNationalNumber, Field::kLastName}));
  EXPECT_EQ(MissingRequiredFields(ListKind::kClient, PlanColumns(ListKind::kClient, header, {})),
            (std::vector<Field>{Field::kNationalNumber, Field::kLastName}));
}

}  // namespace
}  // namespace adempauze::ingest
