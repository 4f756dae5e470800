// The OCMW's follow-up details of a status change: whether the client consented to work
// out a solution, and the kind of solution reached.
//
// NOTE: the workflow's history has no columns for them yet, so they travel in the sealed
// reason text of the history entry, as a first line "[follow-up consent=given
// solution=payment_plan]" before the social worker's own text. The reason is encrypted and
// only the OCMW's screens show it, never the city's. Reports that need the figures must
// parse that line with DecodeFollowUp.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace adempauze::web {

enum class Consent { kGiven, kRefused };

enum class SolutionKind {
  kPaymentPlan,               // afbetalingsplan
  kBudgetGuidance,            // budgetbegeleiding
  kBudgetManagement,          // budgetbeheer
  kCollectiveDebtSettlement,  // collectieve schuldenregeling
  kOther,                     // andere
};

// Returns "given" or "refused".
std::string_view ConsentId(Consent consent);
std::optional<Consent> ParseConsent(std::string_view id);

// Returns every kind in the order above.
std::span<const SolutionKind> AllSolutionKinds();
// Returns "payment_plan", "budget_guidance", "budget_management",
// "collective_debt_settlement" or "other".
std::string_view SolutionKindId(SolutionKind kind);
std::optional<SolutionKind> ParseSolutionKind(std::string_view id);

struct FollowUp {
  std::optional<Consent> consent;
  std::optional<SolutionKind> solution;
  std::string text;  // the social worker's own reason
};

// Returns the reason text to store: `follow_up.text` alone when it has no consent or
// solution and does not start with '[', else the structured first line and the text.
std::string EncodeFollowUp(const FollowUp& follow_up);

// Splits a stored reason into its parts. A reason without a valid first line (a reason
// from the command line, or a system reason) comes back whole as `text`.
FollowUp DecodeFollowUp(std::string_view reason);

}  // namespace adempauze::web
