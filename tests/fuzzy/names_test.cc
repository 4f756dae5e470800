// Surnames with particles and double names, given names with initials, and nicknames.
#include "adempauze/fuzzy/names.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace adempauze::fuzzy {
namespace {

using Strings = std::vector<std::string>;

struct SurnameCase {
  const char* written;
  const char* full;
  Strings variants;
  Strings cores;
};

TEST(AnalyseSurname, HandlesParticlesAndDoubleNames) {
  const SurnameCase cases[] = {
      {"Peeters", "peeters", {"peeters"}, {"peeters"}},
      {"Van den Broeck", "vandenbroeck", {"vandenbroeck", "broeck"}, {"broeck"}},
      {"VAN DEN BROECK", "vandenbroeck", {"vandenbroeck", "broeck"}, {"broeck"}},
      {"van den Broeck", "vandenbroeck", {"vandenbroeck", "broeck"}, {"broeck"}},
      {"Vandenbroeck", "vandenbroeck", {"vandenbroeck", "broeck"}, {"broeck"}},
      {"Van-den-Broeck", "vandenbroeck", {"vandenbroeck", "broeck"}, {"broeck"}},
      {"Vander Elst", "vanderelst", {"vanderelst", "elst"}, {"elst"}},
      {"Vanderelst", "vanderelst", {"vanderelst", "elst"}, {"elst"}},
      {"Van Hoof", "vanhoof", {"vanhoof", "hoof"}, {"hoof"}},
      {"De Smet", "desmet", {"desmet", "smet"}, {"smet"}},
      {"Desmet", "desmet", {"desmet"}, {"desmet"}},  // "de" joined is not stripped
      {"D'Hondt", "dhondt", {"dhondt", "hondt"}, {"hondt"}},
      {"D’Hondt", "dhondt", {"dhondt", "hondt"}, {"hondt"}},
      {"'t Kindt", "tkindt", {"tkindt", "kindt"}, {"kindt"}},
      {"De la Croix", "delacroix", {"delacroix", "croix"}, {"croix"}},
      {"Du Bois", "dubois", {"dubois", "bois"}, {"bois"}},
      {"Le Roy", "leroy", {"leroy", "roy"}, {"roy"}},
      {"Ten Kate", "tenkate", {"tenkate", "kate"}, {"kate"}},
      {"Ter Beke", "terbeke", {"terbeke", "beke"}, {"beke"}},
      {"Op de Beeck", "opdebeeck", {"opdebeeck", "beeck"}, {"beeck"}},
      {"Van de Velde-Peeters",
       "vandeveldepeeters",
       {"vandeveldepeeters", "vandevelde", "velde", "peeters"},
       {"velde", "peeters"}},
      {"Peeters Janssens",
       "peetersjanssens",
       {"peetersjanssens", "peeters", "janssens"},
       {"peeters", "janssens"}},
      {"De", "de", {"de"}, {"de"}},  // a particle alone is the name
      {"Yılmaz", "yilmaz", {"yilmaz"}, {"yilmaz"}},
      {"", "", {}, {}},
  };
  for (const SurnameCase& c : cases) {
    SCOPED_TRACE(c.written);
    const SurnameForms forms = AnalyseSurname(c.written);
    EXPECT_EQ(forms.full, c.full);
    EXPECT_EQ(forms.variants, c.variants);
    EXPECT_EQ(forms.cores, c.cores);
  }
}

TEST(AnalyseSurname, LimitsVariants) {
  const SurnameForms forms = AnalyseSurname("Van der Linden-Van Hoof-De Smet-Peeters");
  EXPECT_EQ(forms.variants.size(), kMaxSurnameVariants);
  EXPECT_EQ(forms.variants.front(), "vanderlindenvanhoofdesmetpeeters");
}

TEST(IsSurnameParticle, RecognisesTheList) {
  for (const char* particle :
       {"van", "de", "der", "den", "vander", "vanden", "la", "du", "le", "ten", "ter", "t", "d"}) {
    EXPECT_TRUE(IsSurnameParticle(particle)) << particle;
  }
  for (const char* word : {"peeters", "broeck", "vd", "sint"}) {
    EXPECT_FALSE(IsSurnameParticle(word)) << word;
  }
}

struct GivenCase {
  const char* written;
  const char* full;
  Strings tokens;
  bool initials_only;
};

TEST(AnalyseGivenName, SplitsNamesAndInitials) {
  const GivenCase cases[] = {
      {"Jan", "jan", {"jan"}, false},
      {"Jean-Pierre", "jeanpierre", {"jean", "pierre"}, false},
      {"Marie Louise", "marielouise", {"marie", "louise"}, false},
      {"J.", "j", {"j"}, true},
      {"J.-P.", "jp", {"j", "p"}, true},
      {"JAN F.", "janf", {"jan", "f"}, false},
      {"Zoë", "zoe", {"zoe"}, false},
      {"", "", {}, false},
  };
  for (const GivenCase& c : cases) {
    SCOPED_TRACE(c.written);
    const GivenNameForms forms = AnalyseGivenName(c.written);
    EXPECT_EQ(forms.full, c.full);
    EXPECT_EQ(forms.tokens, c.tokens);
    EXPECT_EQ(forms.initials_only, c.initials_only);
  }
}

TEST(Nicknames, PairsFromTheTable) {
  const std::pair<const char*, const char*> pairs[] = {
      {"Jef", "Jozef"},      {"Fien", "Josephine"}, {"Mieke", "Maria"},  {"Staf", "Gustaaf"},
      {"Lowie", "Lodewijk"}, {"Tine", "Christine"}, {"Tine", "Martine"}, {"Bart", "Bartholomeus"},
      {"Wim", "Willem"},     {"Jan", "Johannes"},   {"Toon", "Antoon"},  {"Lies", "Elisabeth"},
      {"Jos", "Jef"},        {"JEF", "jozef"},      {"Piet", "Pieter"},  {"Rik", "Hendrik"},
  };
  for (const auto& [a, b] : pairs) {
    EXPECT_TRUE(AreNicknameVariants(a, b)) << a << " / " << b;
    EXPECT_TRUE(AreNicknameVariants(b, a)) << b << " / " << a;
  }
}

TEST(Nicknames, RejectsUnrelatedAndEqualNames) {
  EXPECT_FALSE(AreNicknameVariants("Jef", "Jan"));
  EXPECT_FALSE(AreNicknameVariants("Christine", "Martine"));  // share "Tine", not a group
  EXPECT_FALSE(AreNicknameVariants("Jozef", "Jozef"));
  EXPECT_FALSE(AreNicknameVariants("", "Jozef"));
  EXPECT_EQ(NicknameGroupsOf("peeters"), 0u);
}

TEST(Nicknames, TableEntriesAreFolded) {
  for (std::string_view entry : NicknameTable()) {
    for (char c : entry) {
      EXPECT_TRUE((c >= 'a' && c <= 'z') || c == ' ') << "entry: " << entry;
    }
  }
}

}  // namespace
}  // namespace adempauze::fuzzy
