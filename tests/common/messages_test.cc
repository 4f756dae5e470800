// The message catalog: every entry is complete in both languages and the translations
// take the same arguments.
#include "adempauze/common/messages.h"

#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <string>
#include <string_view>

namespace adempauze {
namespace {

// Returns the positional placeholders ("{0}", "{1:>5}" as "1") of an fmt pattern. "{{" and
// "}}" are escaped braces. Sets `malformed` for an automatic "{}", a named or unclosed
// placeholder.
std::multiset<std::string> Placeholders(std::string_view pattern, bool& malformed) {
  std::multiset<std::string> found;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '{') continue;
    if (i + 1 < pattern.size() && pattern[i + 1] == '{') {
      ++i;
      continue;
    }
    const std::size_t close = pattern.find('}', i);
    if (close == std::string_view::npos) {
      malformed = true;
      break;
    }
    std::string_view inside = pattern.substr(i + 1, close - i - 1);
    inside = inside.substr(0, inside.find(':'));
    bool digits = !inside.empty();
    for (char c : inside) digits = digits && std::isdigit(static_cast<unsigned char>(c)) != 0;
    if (!digits) malformed = true;
    found.insert(std::string(inside));
    i = close;
  }
  return found;
}

std::set<std::string> Distinct(const std::multiset<std::string>& placeholders) {
  return {placeholders.begin(), placeholders.end()};
}

TEST(MessageCatalog, EveryEntryHasBothTexts) {
  ASSERT_FALSE(AllMessages().empty());
  for (const MessageEntry& entry : AllMessages()) {
    SCOPED_TRACE(std::string(entry.key));
    EXPECT_FALSE(entry.key.empty());
    EXPECT_FALSE(entry.nl.empty());
    EXPECT_FALSE(entry.en.empty());
  }
}

TEST(MessageCatalog, KeysAreUnique) {
  std::map<std::string_view, int> counts;
  for (const MessageEntry& entry : AllMessages()) ++counts[entry.key];
  for (const auto& [key, count] : counts) EXPECT_EQ(count, 1) << "duplicate key " << key;
}

TEST(MessageCatalog, TranslationsUseSamePlaceholders) {
  for (const MessageEntry& entry : AllMessages()) {
    SCOPED_TRACE(std::string(entry.key));
    bool nl_malformed = false;
    bool en_malformed = false;
    const auto nl = Placeholders(entry.nl, nl_malformed);
    const auto en = Placeholders(entry.en, en_malformed);
    EXPECT_FALSE(nl_malformed) << "Dutch: " << entry.nl;
    EXPECT_FALSE(en_malformed) << "English: " << entry.en;
    EXPECT_EQ(Distinct(nl), Distinct(en)) << "Dutch: " << entry.nl << "\nEnglish: " << entry.en;
  }
}

TEST(MessageCatalog, PlaceholdersAreNumberedFromZero) {
  // A text that uses {1} but not {0} drops an argument the code passes.
  for (const MessageEntry& entry : AllMessages()) {
    SCOPED_TRACE(std::string(entry.key));
    bool malformed = false;
    const std::set<std::string> used = Distinct(Placeholders(entry.nl, malformed));
    for (std::size_t n = 0; n < used.size(); ++n) {
      EXPECT_EQ(used.count(std::to_string(n)), 1u) << "missing {" << n << "} in: " << entry.nl;
    }
  }
}

TEST(MessageCatalog, PlaceholderParserFindsMismatches) {
  bool malformed = false;
  EXPECT_NE(Distinct(Placeholders("Rij {0} in {1}", malformed)),
            Distinct(Placeholders("Row {0}", malformed)));
  EXPECT_EQ(Distinct(Placeholders("{1} en {0}", malformed)),
            Distinct(Placeholders("{0} and {1:>3}", malformed)));
  EXPECT_FALSE(malformed);
  EXPECT_TRUE(Placeholders("{{letterlijk}} {0}", malformed).count("0") == 1);
  EXPECT_FALSE(malformed);
  Placeholders("automatic {}", malformed);
  EXPECT_TRUE(malformed);
}

TEST(MessageCatalog, LookupFallsBackToKey) {
  EXPECT_EQ(LookupMessage(Language::kDutch, "no.such.key"), "no.such.key");
  EXPECT_FALSE(HasMessage("no.such.key"));
  for (const MessageEntry& entry : AllMessages()) {
    EXPECT_TRUE(HasMessage(entry.key)) << entry.key;
    EXPECT_EQ(LookupMessage(Language::kEnglish, entry.key), entry.en);
  }
}

}  // namespace
}  // namespace adempauze
