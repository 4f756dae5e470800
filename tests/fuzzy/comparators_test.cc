// Jaro-Winkler against hand-computed values, edit distances and the Dutch phonetic key.
#include "adempauze/fuzzy/comparators.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "adempauze/fuzzy/text.h"

namespace adempauze::fuzzy {
namespace {

// Jaro as its definition reads, with byte flags, to check the bit-mask implementation.
double ReferenceJaro(const std::string& a, const std::string& b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  const std::size_t longest = std::max(a.size(), b.size());
  const std::size_t window = longest / 2 > 0 ? longest / 2 - 1 : 0;
  std::vector<bool> a_flags(a.size()), b_flags(b.size());
  double matches = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::size_t low = i > window ? i - window : 0;
    for (std::size_t j = low; j < std::min(b.size(), i + window + 1); ++j) {
      if (!b_flags[j] && a[i] == b[j]) {
        a_flags[i] = b_flags[j] = true;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  double half_transpositions = 0;
  for (std::size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!a_flags[i]) continue;
    while (!b_flags[j]) ++j;
    if (a[i] != b[j]) ++half_transpositions;
    ++j;
  }
  const double t = half_transpositions / 2;
  return (matches / a.size() + matches / b.size() + (matches - t) / matches) / 3;
}

TEST(JaroWinkler, MatchesHandComputedValues) {
  EXPECT_NEAR(Jaro("MARTHA", "MARHTA"), 0.944, 0.001);
  EXPECT_NEAR(JaroWinkler("MARTHA", "MARHTA"), 0.961, 0.001);
  EXPECT_NEAR(Jaro("DWAYNE", "DUANE"), 0.822, 0.001);
  EXPECT_NEAR(JaroWinkler("DWAYNE", "DUANE"), 0.840, 0.001);
  EXPECT_NEAR(Jaro("DIXON", "DICKSONX"), 0.767, 0.001);
  EXPECT_NEAR(JaroWinkler("DIXON", "DICKSONX"), 0.813, 0.001);
}

TEST(JaroWinkler, HandlesEdgeCases) {
  EXPECT_DOUBLE_EQ(JaroWinkler("", ""), 1.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("", "jan"), 0.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("peeters", "peeters"), 1.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("abc", "xyz"), 0.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("MARTHA", "MARHTA"), JaroWinkler("MARHTA", "MARTHA"));
  // Without boost the Winkler prefix adds nothing.
  EXPECT_DOUBLE_EQ(JaroWinkler("MARTHA", "MARHTA", 0.0), Jaro("MARTHA", "MARHTA"));
}

TEST(Jaro, AgreesWithDefinitionOnRandomStrings) {
  // Short strings take the bit-mask path, strings above 64 bytes the flag arrays.
  std::uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>(state >> 33);
  };
  for (int round = 0; round < 2000; ++round) {
    const std::size_t max_length = round % 10 == 0 ? 120 : 20;
    std::string a(next() % max_length, ' ');
    std::string b(next() % max_length, ' ');
    for (char& c : a) c = static_cast<char>('a' + next() % 4);
    for (char& c : b) c = static_cast<char>('a' + next() % 4);
    ASSERT_NEAR(Jaro(a, b), ReferenceJaro(a, b), 1e-12) << a << " / " << b;
  }
}

struct DistanceCase {
  const char* a;
  const char* b;
  int osa;
  int damerau_levenshtein;
};

TEST(EditDistance, KnownValues) {
  const DistanceCase cases[] = {
      {"", "", 0, 0},
      {"", "abc", 3, 3},
      {"peeters", "peeters", 0, 0},
      {"peeters", "peters", 1, 1},
      {"peeters", "peetres", 1, 1},  // one adjacent transposition
      {"kitten", "sitting", 3, 3},
      {"CA", "ABC", 3, 2},  // OSA may not edit the transposed pair again
      {"ab", "ba", 1, 1},
      {"janssens", "jansens", 1, 1},
      {"85073003328", "85070303328", 1, 1},
  };
  for (const DistanceCase& c : cases) {
    SCOPED_TRACE(std::string(c.a) + " / " + c.b);
    EXPECT_EQ(OsaDistance(c.a, c.b), c.osa);
    EXPECT_EQ(OsaDistance(c.b, c.a), c.osa);
    EXPECT_EQ(DamerauLevenshteinDistance(c.a, c.b), c.damerau_levenshtein);
  }
}

TEST(EditDistance, LongStringsUseTheHeap) {
  const std::string a(100, 'a');
  std::string b = a;
  b[50] = 'b';
  EXPECT_EQ(OsaDistance(a, b), 1);
  EXPECT_EQ(OsaDistance(a, a + "xy"), 2);
}

TEST(IsWithinOneEdit, AgreesWithOsaDistance) {
  const std::vector<std::string> words = {"",     "a",      "ab",      "ba",     "abc",   "acb",
                                          "abcd", "abdc",   "bacd",    "abd",    "xbcd",  "abcde",
                                          "aabc", "peters", "peeters", "petres", "pieter"};
  for (const std::string& a : words) {
    for (const std::string& b : words) {
      EXPECT_EQ(IsWithinOneEdit(a, b), OsaDistance(a, b) <= 1) << a << " / " << b;
    }
  }
}

struct PhoneticCase {
  const char* name;
  const char* key;
};

TEST(DutchPhoneticKey, GroupsFlemishSpellings) {
  const PhoneticCase cases[] = {
      {"Peeters", "PTRS"},
      {"Pieters", "PTRS"},
      {"Peters", "PTRS"},
      {"Verhaegen", "FRGN"},
      {"Verhagen", "FRGN"},  // ae, v/f, ch/g
      {"Hendrickx", "HNDRKS"},
      {"Hendrix", "HNDRKS"},
      {"Hendriks", "HNDRKS"},
      {"Ysebaert", "ASBRT"},
      {"IJsebaert", "ASBRT"},
      {"Eysebaert", "ASBRT"},  // ij, y, ey
      {"D'Hondt", "DNT"},
      {"Dhont", "DNT"},  // dt, h
      {"Schepers", "SPRS"},
      {"Sepers", "SPRS"},  // sch
      {"Claeys", "KLS"},
      {"Claes", "KLS"},
      {"Klaas", "KLS"},  // c before a consonant
      {"Gijsels", "GSLS"},
      {"Gysels", "GSLS"},
      {"Wuyts", "WTS"},
      {"Wuijts", "WTS"},
      {"Broeck", "BRK"},
      {"Broek", "BRK"},
      {"Brouck", "BRK"},  // ck, vowels
      {"Philips", "FLPS"},
      {"Filips", "FLPS"},  // ph
      {"Thys", "TS"},
      {"Tys", "TS"},  // th
      {"Quintens", "KWNTNS"},
      {"Kwintens", "KWNTNS"},  // qu
      {"Geerard", "GRT"},
      {"Geeraert", "GRT"},  // final d
      {"Çelik", "SLK"},
      {"Celik", "SLK"},                        // c before e
      {"Zeynep", "SNP"},                       // z
      {"Vandenbroeckstraatkerk", "FNDNBRKS"},  // at most eight characters
      {"", ""},
      {"123", ""},
  };
  for (const PhoneticCase& c : cases) {
    EXPECT_EQ(DutchPhoneticKey(FoldForComparison(c.name)), c.key) << "name: " << c.name;
  }
}

TEST(DutchPhoneticKey, SeparatesDifferentNames) {
  EXPECT_NE(DutchPhoneticKey("peeters"), DutchPhoneticKey("janssens"));
  EXPECT_NE(DutchPhoneticKey("maes"), DutchPhoneticKey("mertens"));
}

}  // namespace
}  // namespace adempauze::fuzzy
