// Unicode folding with utf8proc. The rules are listed in docs/formats/fuzzy-matching.md,
// section "Normalisation".
#include <utf8proc.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "adempauze/fuzzy/text.h"

namespace adempauze::fuzzy {
namespace {

constexpr utf8proc_int32_t kTurkishCapitalDottedI = 0x0130;  // İ
constexpr utf8proc_int32_t kTurkishSmallDotlessI = 0x0131;   // ı
constexpr utf8proc_int32_t kSmallI = 0x0069;
constexpr utf8proc_int32_t kCapitalI = 0x0049;

void AppendCodepoint(std::string& out, utf8proc_int32_t codepoint) {
  utf8proc_uint8_t buffer[4];
  const utf8proc_ssize_t length = utf8proc_encode_char(codepoint, buffer);
  out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

// Returns `text` as valid UTF-8: a byte that does not start a valid sequence is read as a
// Latin-1 character. With `fold_turkish_i` the Turkish İ and ı both become "i"; without it
// İ becomes "I" and ı becomes "i", so the case stays.
std::string PrepareInput(std::string_view text, bool fold_turkish_i) {
  std::string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t at = 0;
  const auto size = static_cast<utf8proc_ssize_t>(text.size());
  while (at < size) {
    utf8proc_int32_t codepoint = 0;
    const utf8proc_ssize_t length = utf8proc_iterate(bytes + at, size - at, &codepoint);
    if (length <= 0) {
      codepoint = bytes[at];  // Latin-1: the byte value is the code point
      at += 1;
    } else {
      at += length;
    }
    if (codepoint == kTurkishCapitalDottedI) codepoint = fold_turkish_i ? kSmallI : kCapitalI;
    if (codepoint == kTurkishSmallDotlessI) codepoint = kSmallI;
    AppendCodepoint(out, codepoint);
  }
  return out;
}

// Runs utf8proc_map on valid UTF-8 (from PrepareInput). When utf8proc fails anyway (out
// of memory), the prepared text is returned unchanged.
std::string MapWithUtf8proc(const std::string& valid_utf8, utf8proc_option_t options) {
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(valid_utf8.data()),
                   static_cast<utf8proc_ssize_t>(valid_utf8.size()), &mapped, options);
  if (length < 0) return valid_utf8;
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
  return std::string(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
}

// Letters that Unicode does not decompose into a base letter and a mark. Lower case only:
// the table is applied after case folding.
std::string_view SpelledOut(utf8proc_int32_t codepoint) {
  switch (codepoint) {
    case 0x00F8:
      return "o";  // ø
    case 0x00E6:
      return "ae";  // æ
    case 0x0153:
      return "oe";  // œ
    case 0x0142:
      return "l";  // ł
    case 0x0111:   // đ
    case 0x00F0:   // ð
      return "d";
    case 0x00FE:
      return "th";  // þ
    case 0x0127:
      return "h";  // ħ
    case 0x00DF:
      return "ss";  // ß, in case case folding kept it
    default:
      return {};
  }
}

bool IsLetterOrDigit(utf8proc_int32_t codepoint) {
  switch (utf8proc_category(codepoint)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
      return true;
    default:
      return false;
  }
}

// Appends a space unless `out` is empty or ends in one, so runs collapse and the start is
// trimmed; the caller trims the end.
void AppendSeparator(std::string& out) {
  if (!out.empty() && out.back() != ' ') out.push_back(' ');
}

void TrimTrailingSpace(std::string& out) {
  while (!out.empty() && out.back() == ' ') out.pop_back();
}

std::string FoldAsciiForComparison(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' || c == '-') {
      out.push_back(c);
    } else {
      AppendSeparator(out);
    }
  }
  TrimTrailingSpace(out);
  return out;
}

}  // namespace

bool HasNonAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

std::string FoldCase(std::string_view text) {
  const std::string prepared = PrepareInput(text, /*fold_turkish_i=*/true);
  return MapWithUtf8proc(prepared,
                         static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                        UTF8PROC_COMPAT | UTF8PROC_CASEFOLD));
}

std::string FoldForComparison(std::string_view text) {
  if (!HasNonAscii(text)) return FoldAsciiForComparison(text);

  // Step 1: NFKC, case folding, marks stripped, dashes and quotes lumped to ASCII.
  const std::string prepared = PrepareInput(text, /*fold_turkish_i=*/true);
  const std::string mapped = MapWithUtf8proc(
      prepared, static_cast<utf8proc_option_t>(
                    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                    UTF8PROC_STRIPMARK | UTF8PROC_LUMP | UTF8PROC_IGNORE | UTF8PROC_STRIPCC));

  // Step 2: keep letters, digits, apostrophes and hyphens; everything else separates words.
  std::string out;
  out.reserve(mapped.size());
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(mapped.data());
  const auto size = static_cast<utf8proc_ssize_t>(mapped.size());
  utf8proc_ssize_t at = 0;
  while (at < size) {
    utf8proc_int32_t codepoint = 0;
    const utf8proc_ssize_t length = utf8proc_iterate(bytes + at, size - at, &codepoint);
    at += length > 0 ? length : 1;
    if (length <= 0) continue;
    if (codepoint < 0x80) {
      const char c = static_cast<char>(codepoint);
      const bool kept = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' || c == '-';
      if (kept) {
        out.push_back(c);
      } else {
        AppendSeparator(out);
      }
      continue;
    }
    const std::string_view spelled = SpelledOut(codepoint);
    if (!spelled.empty()) {
      out.append(spelled);
    } else if (IsLetterOrDigit(codepoint)) {
      AppendCodepoint(out, codepoint);
    } else if (utf8proc_category(codepoint) != UTF8PROC_CATEGORY_MN) {
      AppendSeparator(out);
    }
  }
  TrimTrailingSpace(out);
  return out;
}

std::string StripDiacritics(std::string_view text) {
  if (!HasNonAscii(text)) return std::string(text);
  const std::string prepared = PrepareInput(text, /*fold_turkish_i=*/false);
  return MapWithUtf8proc(prepared, static_cast<utf8proc_option_t>(
                                       UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK));
}

}  // namespace adempauze::fuzzy
