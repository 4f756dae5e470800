// Surname and given-name analysis; see docs/formats/fuzzy-matching.md, section "Names".
#include "adempauze/fuzzy/names.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "adempauze/fuzzy/text.h"

namespace adempauze::fuzzy {
namespace {

constexpr std::array<std::string_view, 27> kParticles = {
    "van", "vanden", "vander", "vande", "von", "de", "der", "den", "des",
    "del", "della",  "di",     "da",    "du",  "la", "le",  "les", "ten",
    "ter", "te",     "het",    "op",    "in",  "el", "al",  "t",   "d",
};

// One-word surnames that start with these are also compared without them
// ("Vandenbroeck" ~ "Broeck"), longest first so "vanden" wins over "van".
constexpr std::array<std::string_view, 4> kJoinedPrefixes = {"vanden", "vander", "vande", "van"};
constexpr std::size_t kMinRemainderAfterPrefix = 3;

std::vector<std::string_view> SplitOn(std::string_view text, std::string_view separators) {
  std::vector<std::string_view> pieces;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || separators.find(text[i]) != std::string_view::npos) {
      if (i > start) pieces.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return pieces;
}

std::string Join(std::span<const std::string_view> tokens) {
  std::string out;
  for (std::string_view token : tokens) out.append(token);
  return out;
}

void AddVariant(SurnameForms& forms, std::string variant) {
  if (variant.empty() || forms.variants.size() >= kMaxSurnameVariants) return;
  if (std::find(forms.variants.begin(), forms.variants.end(), variant) != forms.variants.end()) {
    return;
  }
  forms.variants.push_back(std::move(variant));
}

void AddCore(SurnameForms& forms, const std::string& core) {
  if (core.empty()) return;
  if (std::find(forms.cores.begin(), forms.cores.end(), core) != forms.cores.end()) return;
  forms.cores.push_back(core);
}

// Returns the remainder of a one-word name after a joined particle ("vandenbroeck" →
// "broeck"), or an empty view when it has none.
std::string_view StripJoinedPrefix(std::string_view word) {
  for (std::string_view prefix : kJoinedPrefixes) {
    if (word.size() >= prefix.size() + kMinRemainderAfterPrefix && word.starts_with(prefix)) {
      return word.substr(prefix.size());
    }
  }
  return {};
}

// Adds the forms of one hyphen-separated part. A part is read as segments: a run of
// particles followed by the words they belong to. Two words without a particle between
// them ("Peeters Janssens") are two segments, so either matches on its own.
void AddPart(SurnameForms& forms, std::span<const std::string_view> tokens) {
  AddVariant(forms, Join(tokens));

  std::size_t at = 0;
  while (at < tokens.size()) {
    const std::size_t segment_start = at;
    while (at < tokens.size() && IsSurnameParticle(tokens[at])) ++at;
    const bool has_particles = at > segment_start;
    if (at == tokens.size()) {
      // Particles with nothing after them ("De" alone) are the name itself.
      const std::string word = Join(tokens.subspan(segment_start));
      AddVariant(forms, word);
      AddCore(forms, word);
      break;
    }
    const std::string_view word = tokens[at++];
    const std::string core(word);
    if (has_particles) {
      AddVariant(forms, Join(tokens.subspan(segment_start, at - segment_start)));
      AddVariant(forms, core);
      AddCore(forms, core);
      continue;
    }
    AddVariant(forms, core);
    const std::string_view stripped = StripJoinedPrefix(word);
    if (!stripped.empty()) {
      AddVariant(forms, std::string(stripped));
      AddCore(forms, std::string(stripped));
    } else {
      AddCore(forms, core);
    }
  }
}

}  // namespace

bool IsSurnameParticle(std::string_view folded_token) {
  return std::find(kParticles.begin(), kParticles.end(), folded_token) != kParticles.end();
}

SurnameForms AnalyseSurname(std::string_view surname) {
  SurnameForms forms;
  const std::string folded = FoldForComparison(surname);
  const std::vector<std::string_view> words = SplitOn(folded, " '-");
  if (words.empty()) return forms;
  forms.full = Join(words);
  forms.variants.push_back(forms.full);

  // Step 1: split double names at hyphens. A part made only of particles
  // ("Van-den-Broeck") belongs to the part after it.
  std::vector<std::vector<std::string_view>> parts;
  std::vector<std::string_view> pending;
  for (std::string_view part_text : SplitOn(folded, "-")) {
    const std::vector<std::string_view> tokens = SplitOn(part_text, " '");
    pending.insert(pending.end(), tokens.begin(), tokens.end());
    const bool only_particles = std::all_of(tokens.begin(), tokens.end(), IsSurnameParticle);
    if (!only_particles) {
      parts.push_back(std::move(pending));
      pending.clear();
    }
  }
  if (!pending.empty()) parts.push_back(std::move(pending));

  // Step 2: each part with and without its particles.
  for (const std::vector<std::string_view>& part : parts) AddPart(forms, part);
  return forms;
}

GivenNameForms AnalyseGivenName(std::string_view given_name) {
  GivenNameForms forms;
  const std::string folded = FoldForComparison(given_name);
  for (std::string_view token : SplitOn(folded, " '-")) forms.tokens.emplace_back(token);
  if (forms.tokens.empty()) return forms;

  forms.initials_only = true;
  for (const std::string& token : forms.tokens) {
    forms.full.append(token);
    if (token.size() != 1) forms.initials_only = false;
  }
  forms.nickname_groups = NicknameGroupsOf(forms.tokens.front());
  return forms;
}

}  // namespace adempauze::fuzzy
