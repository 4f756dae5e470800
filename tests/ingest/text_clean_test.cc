// Field clean-up, header keys and the street/house number split.
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "ingest/text_clean.h"

namespace adempauze::ingest {
namespace {

TEST(CleanField, TrimsAndCollapsesWhitespace) {
  CleanText clean = CleanField("  Van   den\tBroeck \r\n");
  EXPECT_EQ(clean.text, "Van den Broeck");
  EXPECT_FALSE(clean.removed_control);
}

TEST(CleanField, NoBreakSpaceCountsAsWhitespace) {
  EXPECT_EQ(CleanField("\xC2\xA0Jan\xC2\xA0\xC2\xA0Peeters\xC2\xA0").text, "Jan Peeters");
}

TEST(CleanField, RemovesControlCharacters) {
  CleanText clean = CleanField("Pee\x01ters\x7F");
  EXPECT_EQ(clean.text, "Peeters");
  EXPECT_TRUE(clean.removed_control);
}

TEST(CleanField, RemovesC1ControlAndZeroWidthSpace) {
  CleanText clean = CleanField("Ma\xC2\x81\xE2\x80\x8B" "es");
  EXPECT_EQ(clean.text, "Maes");
  EXPECT_TRUE(clean.removed_control);
}

TEST(CleanField, NormalisesToNfc) {
  // "e" followed by a combining diaeresis becomes the single character ë.
  EXPECT_EQ(CleanField("Mae\xCC\x88s").text, "Ma\xC3\xABs");
}

TEST(CleanField, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(CleanField("a\xFFz").text, "a\xEF\xBF\xBDz");
}

struct HeaderKeyCase {
  const char* header;
  const char* key;
};

TEST(HeaderKey, Table) {
  const HeaderKeyCase cases[] = {
      {"Cliëntnummer", "clientnummer"},
      {"INSZ-nummer", "insznummer"},
      {" Dossier nr. ", "dossiernr"},
      {"First name", "firstname"},
      {"PRÉNOM", "prenom"},
      {"Rijksregister_nr", "rijksregisternr"},
  };
  for (const HeaderKeyCase& c : cases) EXPECT_EQ(HeaderKey(c.header), c.key) << c.header;
}

TEST(Abbreviate, CutsOnCharacterBoundaries) {
  EXPECT_EQ(Abbreviate("Éloïse", 3), "Élo…");
  EXPECT_EQ(Abbreviate("Jan", 3), "Jan");
}

struct SplitCase {
  const char* address;
  std::optional<std::pair<const char*, const char*>> expected;
};

TEST(SplitStreetAndNumber, Table) {
  const SplitCase cases[] = {
      {"Kerkstraat 12", {{"Kerkstraat", "12"}}},
      {"Kerkstraat 12 bus 3", {{"Kerkstraat", "12 bus 3"}}},
      {"Kerkstraat 12A", {{"Kerkstraat", "12A"}}},
      {"Kerkstraat 12 A", {{"Kerkstraat", "12 A"}}},
      {"Kerkstraat 12/3", {{"Kerkstraat", "12/3"}}},
      {"Kerkstraat 12 b. 3", {{"Kerkstraat", "12 b. 3"}}},
      {"Kerkstraat, 12", {{"Kerkstraat", "12"}}},
      {"Sint-Pietersnieuwstraat 41 box 2", {{"Sint-Pietersnieuwstraat", "41 box 2"}}},
      {"Straat van 1830 45", {{"Straat van 1830", "45"}}},
      {"Kerkstraat", std::nullopt},
      {"12 Kerkstraat", std::nullopt},
      {"Plein 1918", {{"Plein", "1918"}}},
  };
  for (const SplitCase& c : cases) {
    SCOPED_TRACE(c.address);
    std::optional<StreetAndNumber> split = SplitStreetAndNumber(c.address);
    ASSERT_EQ(split.has_value(), c.expected.has_value());
    if (!split) continue;
    EXPECT_EQ(split->street, c.expected->first);
    EXPECT_EQ(split->house_number, c.expected->second);
  }
}

}  // namespace
}  // namespace adempauze::ingest
