#include "web/ocmw_follow_up.h"

#include <vector>

namespace adempauze::web {
namespace {

constexpr std::string_view kPrefix = "[follow-up";

constexpr SolutionKind kKinds[] = {SolutionKind::kPaymentPlan, SolutionKind::kBudgetGuidance,
                                   SolutionKind::kBudgetManagement,
                                   SolutionKind::kCollectiveDebtSettlement, SolutionKind::kOther};

std::vector<std::string_view> SplitOnSpaces(std::string_view text) {
  std::vector<std::string_view> words;
  while (!text.empty()) {
    std::size_t space = text.find(' ');
    if (space != 0) words.push_back(text.substr(0, space));
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  return words;
}

}  // namespace

std::string_view ConsentId(Consent consent) {
  return consent == Consent::kGiven ? "given" : "refused";
}

std::optional<Consent> ParseConsent(std::string_view id) {
  if (id == "given") return Consent::kGiven;
  if (id == "refused") return Consent::kRefused;
  return std::nullopt;
}

std::span<const SolutionKind> AllSolutionKinds() { return kKinds; }

std::string_view SolutionKindId(SolutionKind kind) {
  switch (kind) {
    case SolutionKind::kPaymentPlan:
      return "payment_plan";
    case SolutionKind::kBudgetGuidance:
      return "budget_guidance";
    case SolutionKind::kBudgetManagement:
      return "budget_management";
    case SolutionKind::kCollectiveDebtSettlement:
      return "collective_debt_settlement";
    case SolutionKind::kOther:
      return "other";
  }
  return "other";
}

std::optional<SolutionKind> ParseSolutionKind(std::string_view id) {
  for (SolutionKind kind : kKinds) {
    if (SolutionKindId(kind) == id) return kind;
  }
  return std::nullopt;
}

std::string EncodeFollowUp(const FollowUp& follow_up) {
  // A text that starts with '[' gets the structured line too, so that text typed by a
  // person can never be read back as consent or a solution.
  const bool structured =
      follow_up.consent || follow_up.solution || follow_up.text.starts_with('[');
  if (!structured) return follow_up.text;
  std::string line(kPrefix);
  if (follow_up.consent) line += " consent=" + std::string(ConsentId(*follow_up.consent));
  if (follow_up.solution) line += " solution=" + std::string(SolutionKindId(*follow_up.solution));
  return line + "]\n" + follow_up.text;
}

FollowUp DecodeFollowUp(std::string_view reason) {
  FollowUp whole{std::nullopt, std::nullopt, std::string(reason)};
  const std::size_t end = reason.find("]\n");
  if (!reason.starts_with(kPrefix) || end == std::string_view::npos) return whole;
  std::string_view fields = reason.substr(kPrefix.size(), end - kPrefix.size());
  if (!fields.empty() && fields.front() != ' ') return whole;

  FollowUp follow_up;
  for (std::string_view field : SplitOnSpaces(fields)) {
    const std::size_t equals = field.find('=');
    if (equals == std::string_view::npos) return whole;
    const std::string_view key = field.substr(0, equals);
    const std::string_view value = field.substr(equals + 1);
    if (key == "consent" && ParseConsent(value)) {
      follow_up.consent = ParseConsent(value);
    } else if (key == "solution" && ParseSolutionKind(value)) {
      follow_up.solution = ParseSolutionKind(value);
    } else {
      return whole;
    }
  }
  follow_up.text = std::string(reason.substr(end + 2));
  return follow_up;
}

}  // namespace adempauze::web
