// Person names prepared for comparison: surname particles, double surnames, given names,
// initials and nicknames. The rules are specified in docs/formats/fuzzy-matching.md,
// section "Names".
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace adempauze::fuzzy {

// Returns true when `folded_token` (one word after FoldForComparison) is a surname
// particle. The particles are van, vanden, vander, vande, von, de, der, den, des, del,
// della, di, da, du, la, le, les, ten, ter, te, het, op, in, el, al, and the elided "t"
// ('t) and "d" (d').
bool IsSurnameParticle(std::string_view folded_token);

// The maximum number of variants AnalyseSurname returns; further spellings are dropped.
inline constexpr std::size_t kMaxSurnameVariants = 6;

// A surname prepared for comparison. Every string is folded (FoldForComparison) and has
// its spaces, apostrophes and hyphens removed, so "Van den Broeck", "Vandenbroeck" and
// "VAN DEN BROECK" all give `full` == "vandenbroeck".
struct SurnameForms {
  // Every part with its particles, joined: "Van de Velde-Peeters" → "vandeveldepeeters".
  std::string full;
  // Spellings that count as the same surname, `full` first, deduplicated, at most
  // kMaxSurnameVariants: each part of a double name with and without its particles
  // ("vandevelde", "velde", "peeters"). A one-word name that starts with van, vande, vanden
  // or vander also gives the rest ("Vandenbroeck" → "broeck") when at least three letters
  // remain. Empty when the surname has no letters or digits.
  std::vector<std::string> variants;
  // Each part without particles ("velde", "peeters"), for blocking; a subset of variants.
  std::vector<std::string> cores;
};

// Splits a surname as written into the forms above. Never fails: an empty or unreadable
// name gives empty forms. Thread-safe.
SurnameForms AnalyseSurname(std::string_view surname);

// A given name prepared for comparison; strings folded as for SurnameForms.
struct GivenNameForms {
  std::string full;                   // every given name joined: "Jean-Pierre" → "jeanpierre"
  std::vector<std::string> tokens;    // each given name: "jean", "pierre"
  bool initials_only = false;         // every token is one letter: "J.", "J.-P."
  std::uint64_t nickname_groups = 0;  // NicknameGroupsOf(tokens[0]), 0 without tokens
};

// Splits a given name (first name) as written. Never fails. Thread-safe.
GivenNameForms AnalyseGivenName(std::string_view given_name);

// Returns the bitmask of nickname groups that a folded given name belongs to (bit i is
// entry i of NicknameTable()), 0 when it is in none. "jef" and "jozef" share a bit; "tine"
// has the bits of both "christine" and "martine". Thread-safe.
std::uint64_t NicknameGroupsOf(std::string_view folded_name);

// Returns true when the two given names, as written, are different names of one nickname
// group ("Jef" and "Jozef", "Mieke" and "Maria"). Equal names return false.
bool AreNicknameVariants(std::string_view a, std::string_view b);

// The nickname table: each entry lists a formal given name and its usual Flemish short
// and foreign forms, folded and separated by single spaces, formal name first.
std::span<const std::string_view> NicknameTable();

}  // namespace adempauze::fuzzy
