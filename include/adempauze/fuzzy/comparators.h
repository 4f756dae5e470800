// String comparators and the phonetic key used for blocking. Each works on bytes: callers
// pass text folded with FoldForComparison, which is ASCII for Latin-script names.
#pragma once

#include <string>
#include <string_view>

namespace adempauze::fuzzy {

// Returns the Jaro similarity in [0, 1]: 1 for equal strings, 0 when one is empty and the
// other not, or when no characters match within the window max(|a|, |b|) / 2 - 1.
// Two empty strings give 1. Allocates nothing for strings up to 64 bytes. Thread-safe.
double Jaro(std::string_view a, std::string_view b);

// Returns the Jaro-Winkler similarity: Jaro plus `prefix_scale` times the common prefix
// (at most four bytes) times (1 - Jaro), applied only when Jaro exceeds
// `boost_threshold`. With the defaults (Winkler's 0.1 and 0.7) MARTHA/MARHTA gives 0.961,
// DWAYNE/DUANE 0.840 and DIXON/DICKSONX 0.813. REQUIRES: 0 <= prefix_scale <= 0.25.
double JaroWinkler(std::string_view a, std::string_view b, double prefix_scale = 0.1,
                   double boost_threshold = 0.7);

// Returns the optimal string alignment distance: the fewest insertions, deletions,
// substitutions and transpositions of two adjacent bytes, where no substring is edited
// twice ("CA" → "ABC" is 3). Allocates nothing for strings up to 64 bytes. Thread-safe.
int OsaDistance(std::string_view a, std::string_view b);

// Returns true when OsaDistance(a, b) <= 1, in linear time and without allocating.
bool IsWithinOneEdit(std::string_view a, std::string_view b);

// Returns the unrestricted Damerau-Levenshtein distance, in which a transposed pair may
// be edited again ("CA" → "ABC" is 2). Thread-safe.
int DamerauLevenshteinDistance(std::string_view a, std::string_view b);

// Returns a Dutch-aware phonetic key for blocking: names that Flemish spelling writes in
// several ways ("Peeters"/"Pieters", "Verhaegen"/"Verhagen", "Hendrickx"/"Hendrix",
// "Ysebaert"/"IJsebaert", "D'Hondt"/"Dhont") get the same key. The rules, in order, are
// listed in docs/formats/fuzzy-matching.md, section "Phonetic key". The key has at most
// eight characters, upper case ASCII; it is empty when `folded` has no letters a-z.
std::string DutchPhoneticKey(std::string_view folded);

}  // namespace adempauze::fuzzy
