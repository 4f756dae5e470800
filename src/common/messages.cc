#include "adempauze/common/messages.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>
#include <unordered_map>

namespace adempauze {
namespace {

// Each module keeps its own entries in messages/<module>.inc, so modules can grow their
// texts without touching each other's files.
constexpr MessageEntry kMessages[] = {
#include "common/messages/common.inc"
#include "common/messages/nn.inc"
#include "common/messages/ingest.inc"
#include "common/messages/store.inc"
#include "common/messages/crypto.inc"
#include "common/messages/matching.inc"
#include "common/messages/workflow.inc"
#include "common/messages/export.inc"
#include "common/messages/demo.inc"
#include "common/messages/cli.inc"
#include "common/messages/fuzzy.inc"
#include "common/messages/protocol.inc"
#include "common/messages/retention.inc"
#include "common/messages/auth.inc"
#include "common/messages/web.inc"
#include "common/messages/web_debtor.inc"
#include "common/messages/web_ocmw.inc"
#include "common/messages/web_officer.inc"
#include "common/messages/web_admin.inc"
#include "common/messages/web_api.inc"
};

const std::unordered_map<std::string_view, const MessageEntry*>& Index() {
  static const auto* index = [] {
    auto* map = new std::unordered_map<std::string_view, const MessageEntry*>();
    for (const MessageEntry& entry : kMessages) map->emplace(entry.key, &entry);
    return map;
  }();
  return *index;
}

}  // namespace

Language ParseLanguage(std::string_view text) {
  std::string prefix;
  for (char c : text.substr(0, 2)) prefix += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return prefix == "en" ? Language::kEnglish : Language::kDutch;
}

Language LanguageFromEnvironment() {
  const char* value = std::getenv("ADEMPAUZE_LANG");
  return value == nullptr ? Language::kDutch : ParseLanguage(value);
}

std::string_view LookupMessage(Language language, std::string_view key) {
  const auto& index = Index();
  auto found = index.find(key);
  if (found == index.end()) return key;
  return language == Language::kEnglish ? found->second->en : found->second->nl;
}

bool HasMessage(std::string_view key) { return Index().count(key) > 0; }

std::span<const MessageEntry> AllMessages() {
  return {kMessages, std::size(kMessages)};
}

}  // namespace adempauze
