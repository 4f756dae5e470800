// The Dutch phonetic key. Each rule is listed, with examples, in
// docs/formats/fuzzy-matching.md, section "Phonetic key"; keep the two in step.
#include <array>
#include <string>
#include <string_view>

#include "adempauze/fuzzy/comparators.h"

namespace adempauze::fuzzy {
namespace {

constexpr std::size_t kMaxKeyLength = 8;

struct Rewrite {
  std::string_view from;
  std::string_view to;
};

// Rule 2: spellings of one sound, longest first so "sch" wins over "ch".
constexpr std::array<Rewrite, 11> kRewrites = {{
    {"sch", "s"},  // Schepers / Sepers, Bosch / Bos
    {"ch", "g"},   // ch and g are the same fricative in Flemish
    {"ck", "k"},   // Hendrickx / Hendrikx
    {"ph", "f"},   // Philips / Filips
    {"th", "t"},   // Thys / Tys
    {"dt", "t"},   // D'Hondt / Dhont
    {"qu", "kw"},  // Quintens / Kwintens
    {"kh", "k"},   // Khalid / Kalid
    {"gh", "g"},   // Ghysels / Gysels
    {"ij", "y"},   // IJsebaert / Ysebaert, Dijck / Dyck
    {"ae", "a"},   // Verhaegen / Verhagen (a vowel either way; keeps "e" from reaching "c")
}};

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// Rule 3: single letters. Returns the replacement of `c`, given the letter after it.
std::string_view MapLetter(char c, char next) {
  switch (c) {
    case 'c':
      return next == 'e' || next == 'i' || next == 'y' ? "s" : "k";
    case 'q':
      return "k";
    case 'x':
      return "ks";
    case 'z':
      return "s";
    case 'v':
      return "f";
    default:
      return {};
  }
}

}  // namespace

std::string DutchPhoneticKey(std::string_view folded) {
  // Rule 1: letters a-z only.
  std::string letters;
  letters.reserve(folded.size());
  for (char c : folded) {
    if (c >= 'a' && c <= 'z') letters.push_back(c);
  }
  if (letters.empty()) return {};

  // Rules 2 and 3: rewrite spellings of one sound, left to right.
  std::string sounds;
  sounds.reserve(letters.size() + 4);
  for (std::size_t i = 0; i < letters.size();) {
    const std::string_view rest = std::string_view(letters).substr(i);
    bool rewritten = false;
    for (const Rewrite& rewrite : kRewrites) {
      if (rest.starts_with(rewrite.from)) {
        sounds.append(rewrite.to);
        i += rewrite.from.size();
        rewritten = true;
        break;
      }
    }
    if (rewritten) continue;
    const char next = i + 1 < letters.size() ? letters[i + 1] : '\0';
    const std::string_view mapped = MapLetter(letters[i], next);
    if (mapped.empty()) {
      sounds.push_back(letters[i]);
    } else {
      sounds.append(mapped);
    }
    ++i;
  }

  // Rule 4: the first sound stays, every initial vowel as "A"; after it vowels and "h" are
  // dropped and repeated consonants collapse.
  std::string key;
  key.push_back(IsVowel(sounds[0]) ? 'A' : static_cast<char>(sounds[0] - 'a' + 'A'));
  char last = sounds[0];
  for (std::size_t i = 1; i < sounds.size(); ++i) {
    const char c = sounds[i];
    if (IsVowel(c) || c == 'h') continue;
    if (c == last) continue;
    key.push_back(static_cast<char>(c - 'a' + 'A'));
    last = c;
  }

  // Rule 5: a final d sounds as t (Geerard / Geeraert); the key stops at eight characters.
  if (key.size() > 1 && key.back() == 'D') key.back() = 'T';
  if (key.size() > kMaxKeyLength) key.resize(kMaxKeyLength);
  return key;
}

}  // namespace adempauze::fuzzy
