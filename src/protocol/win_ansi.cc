#include "protocol/win_ansi.h"

#include <array>
#include <cstdint>
#include <optional>

namespace adempauze::protocol {
namespace {

// Windows-1252 bytes 0x80..0x9F and the Unicode characters they encode (0 = unassigned).
constexpr std::array<char32_t, 32> kHighControls = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 0x80
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,       // 0x88
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 0x90
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,  // 0x98
};

// A combining accent and, for each base letter it composes with, the composed byte.
struct Composition {
  char32_t mark;
  std::string_view bases;
  std::string_view composed;  // composed[i] is bases[i] with the accent
};

constexpr std::array<Composition, 8> kCompositions = {{
    {0x0300, "AEIOUaeiou", "\xC0\xC8\xCC\xD2\xD9\xE0\xE8\xEC\xF2\xF9"},            // grave
    {0x0301, "AEIOUYaeiouy", "\xC1\xC9\xCD\xD3\xDA\xDD\xE1\xE9\xED\xF3\xFA\xFD"},  // acute
    {0x0302, "AEIOUaeiou", "\xC2\xCA\xCE\xD4\xDB\xE2\xEA\xEE\xF4\xFB"},            // circumflex
    {0x0303, "ANOano", "\xC3\xD1\xD5\xE3\xF1\xF5"},                                // tilde
    {0x0308, "AEIOUYaeiouy", "\xC4\xCB\xCF\xD6\xDC\x9F\xE4\xEB\xEF\xF6\xFC\xFF"},  // diaeresis
    {0x030A, "Aa", "\xC5\xE5"},                                                    // ring
    {0x030C, "SZsz", "\x8A\x8E\x9A\x9E"},                                          // caron
    {0x0327, "Cc", "\xC7\xE7"},                                                    // cedilla
}};

bool IsCombiningMark(char32_t code_point) { return code_point >= 0x0300 && code_point <= 0x036F; }

// Decodes one UTF-8 sequence at the start of `text` into `code_point` and returns its
// length, or returns 0 for an invalid sequence (overlong, surrogate, beyond U+10FFFF,
// truncated).
std::size_t DecodeOne(std::string_view text, char32_t& code_point) {
  const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[i]); };
  const std::uint8_t lead = byte(0);
  std::size_t length = 0;
  char32_t minimum = 0;
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2, code_point = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code_point = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code_point = lead & 0x07, minimum = 0x10000;
  } else {
    return 0;
  }
  if (text.size() < length) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(i) & 0x3F);
  }
  if (code_point < minimum || code_point > 0x10FFFF) return 0;
  if (code_point >= 0xD800 && code_point <= 0xDFFF) return 0;
  return length;
}

std::optional<char> Encode(char32_t code_point) {
  if (code_point < 0x20 || code_point == 0x7F) return ' ';
  if (code_point < 0x80) return static_cast<char>(code_point);
  if (code_point >= 0xA0 && code_point <= 0xFF) return static_cast<char>(code_point);
  for (std::size_t i = 0; i < kHighControls.size(); ++i) {
    if (kHighControls[i] != 0 && kHighControls[i] == code_point) return static_cast<char>(0x80 + i);
  }
  return std::nullopt;
}

// Replaces the last byte of `out` with its composition with `mark`. Returns false when
// Windows-1252 has no such letter.
bool Compose(std::string& out, char32_t mark) {
  if (out.empty()) return false;
  for (const Composition& composition : kCompositions) {
    if (composition.mark != mark) continue;
    const std::size_t index = composition.bases.find(out.back());
    if (index == std::string_view::npos) return false;
    out.back() = composition.composed[index];
    return true;
  }
  return false;
}

}  // namespace

std::string Utf8ToWinAnsi(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  while (!utf8.empty()) {
    char32_t code_point = 0;
    const std::size_t length = DecodeOne(utf8, code_point);
    if (length == 0) {
      out += '?';
      utf8.remove_prefix(1);
      continue;
    }
    utf8.remove_prefix(length);

    if (IsCombiningMark(code_point)) {
      // An accent that cannot be composed is left out: the bare letter reads better than "?".
      Compose(out, code_point);
      continue;
    }
    out += Encode(code_point).value_or('?');
  }
  return out;
}

}  // namespace adempauze::protocol
