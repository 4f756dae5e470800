// The message catalog: every text a user reads, in Dutch (default) and English.
//
// Messages are looked up by a stable dotted key ("ingest.row.dossier_missing") and formatted
// with fmt's positional placeholders ("{0}", "{1}"), so a translation may reorder them.
// The catalog entries live in src/common/messages/*.inc, one file per module.
#pragma once

#include <string>
#include <span>
#include <string_view>
#include <type_traits>

#include <fmt/format.h>

namespace adempauze {

enum class Language { kDutch, kEnglish };

// One catalog entry. All three fields are string literals with static storage.
struct MessageEntry {
  std::string_view key;
  std::string_view nl;
  std::string_view en;
};

// Parses "nl" or "en" (case-insensitive, region suffix such as "nl_BE.UTF-8" ignored).
// Returns Dutch for anything else, because Dutch is the product's default language.
Language ParseLanguage(std::string_view text);

// Returns the language named by ADEMPAUZE_LANG, or Dutch when it is not set.
Language LanguageFromEnvironment();

// Returns the pattern for `key` in `language`, or the key itself when it is not in the
// catalog (a test checks that every key used by the code exists).
std::string_view LookupMessage(Language language, std::string_view key);

// Returns true when `key` exists in the catalog.
bool HasMessage(std::string_view key);

// Returns every catalog entry, for the completeness tests.
std::span<const MessageEntry> AllMessages();

// Converts one message argument to text.
template <typename T>
std::string ToMessageArg(const T& value) {
  if constexpr (std::is_convertible_v<const T&, std::string_view>) {
    return std::string(std::string_view(value));
  } else {
    return fmt::format("{}", value);
  }
}

// Formats the message `key` in `language` with positional arguments.
template <typename... Args>
std::string Message(Language language, std::string_view key, const Args&... args) {
  std::string_view pattern = LookupMessage(language, key);
  try {
    return fmt::format(fmt::runtime(pattern), args...);
  } catch (const fmt::format_error&) {
    return std::string(pattern);
  }
}

}  // namespace adempauze
