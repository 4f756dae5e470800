#include "ingest/text_clean.h"

#include <utf8proc.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <vector>

namespace adempauze::ingest {
namespace {

bool IsAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool IsWhitespace(utf8proc_int32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

// Characters that are invisible and carry no text: zero-width space and joiners, the
// word joiner, direction marks and the byte order mark.
bool IsInvisibleFormat(utf8proc_int32_t c) {
  return (c >= 0x200B && c <= 0x200F) || c == 0x2060 || c == 0xFEFF;
}

bool IsControl(utf8proc_int32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

struct FreeDeleter {
  void operator()(utf8proc_uint8_t* p) const { std::free(p); }
};

// Applies utf8proc_map; returns `text` unchanged when utf8proc reports an error.
std::string MapWithUtf8proc(std::string_view text, int options) {
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                         static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                                         static_cast<utf8proc_option_t>(options));
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owner(mapped);
  if (length < 0) return std::string(text);
  return std::string(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
}

void AppendCodePoint(std::string& out, utf8proc_int32_t c) {
  utf8proc_uint8_t buffer[4];
  utf8proc_ssize_t length = utf8proc_encode_char(c, buffer);
  out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

// Returns true when `raw` needs no change: printable ASCII, no space at either end and no two
// spaces in a row. Most values of a list are like that, and copying them is all it takes.
bool IsCleanAscii(std::string_view raw) {
  if (raw.empty()) return true;
  if (raw.front() == ' ' || raw.back() == ' ') return false;
  char previous = 0;
  for (char c : raw) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7F || (c == ' ' && previous == ' ')) return false;
    previous = c;
  }
  return true;
}

}  // namespace

CleanText CleanField(std::string_view raw) {
  CleanText result;
  if (IsCleanAscii(raw)) {
    result.text.assign(raw);
    return result;
  }
  std::string& out = result.text;
  out.reserve(raw.size());
  bool pending_space = false;

  // One pass over the code points: drop controls, fold whitespace runs into one space, and
  // leave out leading and trailing whitespace.
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(raw.data());
  auto size = static_cast<utf8proc_ssize_t>(raw.size());
  utf8proc_ssize_t i = 0;
  while (i < size) {
    utf8proc_int32_t c;
    utf8proc_ssize_t length;
    if (bytes[i] < 0x80) {
      c = bytes[i];
      length = 1;
    } else {
      length = utf8proc_iterate(bytes + i, size - i, &c);
      if (length < 0) {
        c = 0xFFFD;
        length = 1;
      }
    }
    i += length;

    if (IsWhitespace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (IsControl(c) || IsInvisibleFormat(c)) {
      result.removed_control = true;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      AppendCodePoint(out, c);
    }
  }

  if (!IsAscii(out)) out = MapWithUtf8proc(out, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
  return result;
}

std::string HeaderKey(std::string_view header) {
  std::string folded = MapWithUtf8proc(
      header, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
  std::string key;
  for (char c : folded) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return key;
}

std::size_t CodePointCount(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string Abbreviate(std::string_view text, std::size_t max_code_points) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (seen == max_code_points) return std::string(text.substr(0, i)) + "…";
    ++seen;
  }
  return std::string(text);
}

namespace {

std::vector<std::string_view> SplitWords(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t space = text.find(' ', start);
    if (space == std::string_view::npos) space = text.size();
    if (space > start) words.push_back(text.substr(start, space - start));
    start = space + 1;
  }
  return words;
}

std::string_view WithoutTrailingComma(std::string_view word) {
  while (!word.empty() && word.back() == ',') word.remove_suffix(1);
  return word;
}

// "12", "12A", "12/3", "12-14", "12b3": starts with a digit, then letters, digits, '/', '-'.
bool IsHouseNumberWord(std::string_view word) {
  word = WithoutTrailingComma(word);
  if (word.empty() || !std::isdigit(static_cast<unsigned char>(word.front()))) return false;
  return std::all_of(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '-';
  });
}

bool IsBoxWord(std::string_view word) {
  std::string lower;
  for (char c : WithoutTrailingComma(word)) {
    if (c != '.') lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return lower == "bus" || lower == "box" || lower == "bte" || lower == "b";
}

bool IsSingleLetter(std::string_view word) {
  return word.size() == 1 && std::isalpha(static_cast<unsigned char>(word.front()));
}

std::string Join(const std::vector<std::string_view>& words, std::size_t begin, std::size_t end) {
  std::string joined;
  for (std::size_t i = begin; i < end; ++i) {
    if (!joined.empty()) joined += ' ';
    joined += words[i];
  }
  return joined;
}

}  // namespace

std::optional<StreetAndNumber> SplitStreetAndNumber(std::string_view address) {
  std::vector<std::string_view> words = SplitWords(address);
  for (std::size_t k = 1; k < words.size(); ++k) {
    if (!IsHouseNumberWord(words[k])) continue;
    std::size_t rest = words.size() - k - 1;
    bool tail_fits = rest == 0 || (rest == 1 && IsSingleLetter(words[k + 1])) ||
                     (rest == 2 && IsBoxWord(words[k + 1]));
    if (!tail_fits) continue;

    StreetAndNumber parts;
    parts.street = std::string(WithoutTrailingComma(Join(words, 0, k)));
    parts.house_number = Join(words, k, words.size());
    return parts;
  }
  return std::nullopt;
}

}  // namespace adempauze::ingest
