// Street, house number and postcode normalisation; see docs/formats/fuzzy-matching.md,
// section "Addresses".
#include "adempauze/fuzzy/address.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adempauze/fuzzy/text.h"

namespace adempauze::fuzzy {
namespace {

struct Abbreviation {
  std::string_view written;
  std::string_view expanded;
};

// Street-type abbreviations as a whole word ("Kerk str.") or, for the last word, as its end
// ("Kerkstr."). Longer forms first, so "stwg" is tried before "stw" and "str".
constexpr std::array<Abbreviation, 14> kStreetTypes = {{
    {"steenwg", "steenweg"},
    {"stwg", "steenweg"},
    {"stw", "steenweg"},
    {"str", "straat"},
    {"blvd", "boulevard"},
    {"boul", "boulevard"},
    {"bld", "boulevard"},
    {"bd", "boulevard"},
    {"ln", "laan"},
    {"pl", "plein"},
    {"dr", "dreef"},
    {"wg", "weg"},
    {"av", "avenue"},
    {"st", "straat"},
}};

// Abbreviations that only stand as a whole word: "bd" and "av" would otherwise cut
// ordinary words, and "st" at the end of a word is common Dutch ("Oost").
bool OnlyAsWholeWord(std::string_view written) {
  return written == "bd" || written == "av" || written == "st" || written == "boul";
}

std::vector<std::string> Words(std::string_view folded) {
  std::vector<std::string> words;
  std::string current;
  for (char c : folded) {
    if (c == ' ' || c == '-' || c == '\'') {
      if (!current.empty()) words.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

std::string ExpandLastWord(const std::string& word) {
  for (const Abbreviation& abbreviation : kStreetTypes) {
    if (word == abbreviation.written) return std::string(abbreviation.expanded);
  }
  for (const Abbreviation& abbreviation : kStreetTypes) {
    if (OnlyAsWholeWord(abbreviation.written)) continue;
    if (word.size() > abbreviation.written.size() && word.ends_with(abbreviation.written)) {
      return word.substr(0, word.size() - abbreviation.written.size()) +
             std::string(abbreviation.expanded);
    }
  }
  return word;
}

std::string ExpandInnerWord(const std::string& word) {
  if (word == "st") return "sint";
  if (word == "ste") return "sinte";
  if (word == "dr") return "dokter";  // "Dr. Vandeveldestraat"
  if (word == "kon") return "koning";
  if (word == "burg") return "burgemeester";
  for (const Abbreviation& abbreviation : kStreetTypes) {
    if (word == abbreviation.written) return std::string(abbreviation.expanded);
  }
  return word;
}

bool IsDigits(std::string_view token) {
  return !token.empty() &&
         std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsLetters(std::string_view token) {
  return !token.empty() &&
         std::all_of(token.begin(), token.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool IsBoxMarker(std::string_view token) {
  return token == "bus" || token == "bte" || token == "bt" || token == "boite" || token == "box" ||
         token == "b";
}

bool IsNumberPrefix(std::string_view token) {
  return token == "nr" || token == "no" || token == "n" || token == "nummer" ||
         token == "huisnummer";
}

// Splits folded text into runs of digits, runs of letters and single hyphens.
std::vector<std::string> HouseNumberTokens(std::string_view folded) {
  std::vector<std::string> tokens;
  auto kind = [](char c) { return c >= '0' && c <= '9' ? 1 : (c == '-' ? 2 : (c == ' ' ? 0 : 3)); };
  for (std::size_t i = 0; i < folded.size();) {
    const int k = kind(folded[i]);
    if (k == 0 || k == 2) {
      if (k == 2) tokens.emplace_back("-");
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < folded.size() && kind(folded[end]) == k) ++end;
    tokens.emplace_back(folded.substr(i, end - i));
    i = end;
  }
  return tokens;
}

std::string WithoutLeadingZeros(std::string_view digits) {
  std::size_t first = 0;
  while (first + 1 < digits.size() && digits[first] == '0') ++first;
  return std::string(digits.substr(first));
}

// Parses up to five digits; returns 0 for anything longer.
int SmallNumber(std::string_view digits) {
  if (digits.size() > 5) return 0;
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

std::string NormaliseStreet(std::string_view street) {
  const std::vector<std::string> words = Words(FoldForComparison(street));
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const bool last = i + 1 == words.size();
    out += last ? ExpandLastWord(words[i]) : ExpandInnerWord(words[i]);
  }
  return out;
}

std::optional<HouseNumber> ParseHouseNumber(std::string_view text) {
  const std::vector<std::string> tokens = HouseNumberTokens(FoldForComparison(text));
  std::size_t at = 0;
  if (at + 1 < tokens.size() && IsNumberPrefix(tokens[at]) && IsDigits(tokens[at + 1])) ++at;
  if (at >= tokens.size() || !IsDigits(tokens[at])) return std::nullopt;

  HouseNumber parsed;
  parsed.number = SmallNumber(tokens[at++]);
  if (parsed.number <= 0) return std::nullopt;

  // A hyphen joins a range ("12-14"); a smaller number after it is a box ("12-3").
  if (at + 1 < tokens.size() && tokens[at] == "-" && IsDigits(tokens[at + 1])) {
    const int second = SmallNumber(tokens[at + 1]);
    if (second > parsed.number) {
      parsed.range_end = second;
    } else {
      parsed.box = WithoutLeadingZeros(tokens[at + 1]);
    }
    at += 2;
  }

  while (at < tokens.size()) {
    const std::string& token = tokens[at];
    const bool has_next = at + 1 < tokens.size() && tokens[at + 1] != "-";
    const bool marks_box = IsBoxMarker(token) && has_next &&
                           (token != "b" || IsDigits(tokens[at + 1])) &&
                           !IsBoxMarker(tokens[at + 1]);
    if (marks_box && parsed.box.empty()) {
      const std::string& value = tokens[at + 1];
      parsed.box = IsDigits(value) ? WithoutLeadingZeros(value) : value;
      at += 2;
    } else if (IsLetters(token) && token.size() <= 3 && parsed.suffix.empty() &&
               parsed.box.empty()) {
      parsed.suffix = token;
      ++at;
    } else if (IsDigits(token) && parsed.box.empty()) {
      parsed.box = WithoutLeadingZeros(token);  // "12/3": the slash folded to a space
      ++at;
    } else {
      ++at;
    }
  }
  return parsed;
}

StreetAndNumber SplitStreetAndNumber(std::string_view text) {
  // Split on whitespace, keeping the words as written.
  std::vector<std::string_view> words;
  for (std::size_t i = 0; i < text.size();) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == ',')) ++i;
    std::size_t end = i;
    while (end < text.size() && text[end] != ' ' && text[end] != '\t' && text[end] != ',') ++end;
    if (end > i) words.push_back(text.substr(i, end - i));
    i = end;
  }

  auto is_house_number_word = [](std::string_view word) {
    if (word.front() >= '0' && word.front() <= '9') return true;
    const std::string folded = FoldForComparison(word);
    if (folded.empty() || folded == "-") return true;  // "/" and "-" on their own
    return IsBoxMarker(folded) || IsNumberPrefix(folded) ||
           (IsLetters(folded) && folded.size() <= 3);
  };

  for (std::size_t start = 1; start < words.size(); ++start) {
    if (words[start].front() < '0' || words[start].front() > '9') continue;
    if (!std::all_of(words.begin() + static_cast<std::ptrdiff_t>(start), words.end(),
                     is_house_number_word)) {
      continue;
    }
    std::size_t street_end = start;
    if (street_end > 1 && IsNumberPrefix(FoldForComparison(words[street_end - 1]))) --street_end;
    StreetAndNumber split;
    for (std::size_t i = 0; i < street_end; ++i) {
      if (i > 0) split.street.push_back(' ');
      split.street.append(words[i]);
    }
    for (std::size_t i = start; i < words.size(); ++i) {
      if (i > start) split.house_number.push_back(' ');
      split.house_number.append(words[i]);
    }
    return split;
  }
  return StreetAndNumber{std::string(text), {}};
}

int ParsePostcode(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] < '0' || text[i] > '9') {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    if (end - i == 4) {
      const int value = SmallNumber(text.substr(i, 4));
      if (value >= 1000) return value;
    }
    i = end;
  }
  return 0;
}

}  // namespace adempauze::fuzzy
