// Unicode folding of names and addresses before they are compared.
//
// The record-linkage rules built on these functions are specified in
// docs/formats/fuzzy-matching.md. The caller keeps the original text for display: every
// function here returns a new string and leaves its input alone.
#pragma once

#include <string>
#include <string_view>

namespace adempauze::fuzzy {

// Folds case the way a comparison needs it, keeping diacritics: Unicode NFKC, then Unicode
// case folding (utf8proc 2.8). Turkish dotted capital İ and dotless ı both become "i"
// first, because default case folding turns İ into "i" plus a combining dot and leaves ı
// alone. Invalid UTF-8 is read as Latin-1, byte by byte, so no input is lost. Thread-safe.
std::string FoldCase(std::string_view text);

// Folds `text` for comparison. After FoldCase, diacritics are stripped (é → e, ë → e,
// ç → c) and letters without a decomposition are spelled out (ø → o, æ → ae, œ → oe,
// ł → l, đ → d, ð → d, þ → th, ß → ss). Typographic apostrophes and dashes become ASCII '
// and -, and soft hyphens and other invisible characters are removed. Every character
// that is not a letter, a digit, an apostrophe or a hyphen becomes a space; runs of spaces
// collapse and the ends are trimmed. Letters of non-Latin scripts are kept, case-folded.
// Thread-safe.
std::string FoldForComparison(std::string_view text);

// Removes diacritics but keeps case and everything else: "Çelik" → "Celik",
// "Noël" → "Noel". Used to imitate a system that lost the accents. Thread-safe.
std::string StripDiacritics(std::string_view text);

// Returns true when `text` contains a byte outside ASCII.
bool HasNonAscii(std::string_view text);

}  // namespace adempauze::fuzzy
