// Unicode folding: case, diacritics, Turkish i, typographic punctuation, invalid UTF-8.
#include "adempauze/fuzzy/text.h"

#include <gtest/gtest.h>

#include <string>

namespace adempauze::fuzzy {
namespace {

struct FoldingCase {
  const char* input;
  const char* folded;
};

TEST(FoldForComparison, FoldsEachRule) {
  const FoldingCase cases[] = {
      {"Peeters", "peeters"},
      {"  VAN DEN   BROECK ", "van den broeck"},
      {"Noël", "noel"},      // diaeresis
      {"Hélène", "helene"},  // acute and grave
      {"Çelik", "celik"},    // cedilla
      {"Wiśniewski", "wisniewski"},
      {"Nguyễn", "nguyen"},  // two marks on one letter
      {"İnce", "ince"},      // Turkish dotted capital I
      {"Yılmaz", "yilmaz"},  // Turkish dotless small i
      {"IŞIK", "isik"},
      {"Søren", "soren"},  // letters without decomposition
      {"Æsop", "aesop"},
      {"Œuvre", "oeuvre"},
      {"Łódź", "lodz"},
      {"Straße", "strasse"},
      {"ﬁne", "fine"},                                   // compatibility ligature (NFKC)
      {"Ａｂｃ１", "abc1"},                              // full-width letters and digits
      {"D’Hondt", "d'hondt"},                            // typographic apostrophe
      {"Van de Velde‐Peeters", "van de velde-peeters"},  // U+2010 hyphen
      {"Jean–Pierre", "jean-pierre"},                    // en dash
      {"Ma\xC2\xADrie", "marie"},                        // soft hyphen removed
      {"St.-Jansstr.", "st -jansstr"},                   // dots separate words
      {"Kerk\tstraat\n", "kerk straat"},
      {"", ""},
      {"...", ""},
  };
  for (const FoldingCase& c : cases) {
    EXPECT_EQ(FoldForComparison(c.input), c.folded) << "input: " << c.input;
  }
}

TEST(FoldForComparison, ReadsInvalidUtf8AsLatin1) {
  // "café" in Windows-1252: the é is the single byte E9.
  EXPECT_EQ(FoldForComparison("caf\xE9"), "cafe");
  EXPECT_EQ(FoldForComparison("M\xFCller"), "muller");
}

TEST(FoldForComparison, KeepsLettersOfOtherScripts) {
  EXPECT_EQ(FoldForComparison("Ольга"), "ольга");
  EXPECT_EQ(FoldForComparison("محمد"), "محمد");
}

TEST(FoldCase, KeepsDiacritics) {
  EXPECT_EQ(FoldCase("Noël"), "noël");
  EXPECT_EQ(FoldCase("ÇELIK"), "çelik");
  EXPECT_EQ(FoldCase("İstanbul"), "istanbul");  // no combining dot left behind
  EXPECT_EQ(FoldCase("ıspanak"), "ispanak");
  EXPECT_EQ(FoldCase("Straße"), "strasse");
}

TEST(StripDiacritics, KeepsCase) {
  EXPECT_EQ(StripDiacritics("Çelik"), "Celik");
  EXPECT_EQ(StripDiacritics("Zoë Noël"), "Zoe Noel");
  EXPECT_EQ(StripDiacritics("İnce"), "Ince");
  EXPECT_EQ(StripDiacritics("Peeters"), "Peeters");
}

TEST(HasNonAscii, DetectsBytesAbove127) {
  EXPECT_FALSE(HasNonAscii("Peeters 12"));
  EXPECT_TRUE(HasNonAscii("Noël"));
}

}  // namespace
}  // namespace adempauze::fuzzy
