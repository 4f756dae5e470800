#include "adempauze/workflow/status.h"

namespace adempauze::workflow {
namespace {

using S = DossierStatus;

constexpr DossierStatus kAll[] = {S::kReceived,        S::kNotClient,         S::kClientPaused,
                                  S::kSolutionInProgress, S::kSolutionReached, S::kResumeCollection,
                                  S::kClosed};

constexpr std::string_view kIds[] = {"received",         "not_client",        "client_paused",
                                     "solution_in_progress", "solution_reached", "resume_collection",
                                     "closed"};

// The transition table. docs/formats/workflow.md shows it as a diagram and gives the
// reason for each move; change both together.
constexpr Transition kTransitions[] = {
    {S::kReceived, S::kNotClient},
    {S::kReceived, S::kClientPaused},
    {S::kNotClient, S::kClientPaused},  // a later client list shows the debtor is a client
    {S::kNotClient, S::kClosed},
    {S::kClientPaused, S::kSolutionInProgress},
    {S::kClientPaused, S::kResumeCollection},
    {S::kSolutionInProgress, S::kSolutionReached},
    {S::kSolutionInProgress, S::kResumeCollection},
    {S::kSolutionReached, S::kClosed},
    {S::kSolutionReached, S::kResumeCollection},
    {S::kResumeCollection, S::kClosed},
};

}  // namespace

std::span<const DossierStatus> AllStatuses() { return kAll; }

std::string_view StatusId(DossierStatus status) { return kIds[static_cast<int>(status)]; }

std::optional<DossierStatus> ParseStatus(std::string_view id) {
  for (DossierStatus status : kAll) {
    if (StatusId(status) == id) return status;
  }
  return std::nullopt;
}

std::string StatusLabel(DossierStatus status, Language language) {
  return Message(language, "workflow.status." + std::string(StatusId(status)));
}

std::string StatusLabel(std::string_view id, Language language) {
  std::optional<DossierStatus> status = ParseStatus(id);
  return status ? StatusLabel(*status, language) : std::string(id);
}

bool IsPaused(DossierStatus status) {
  return status == S::kClientPaused || status == S::kSolutionInProgress;
}

std::span<const Transition> Transitions() { return kTransitions; }

bool IsAllowed(DossierStatus from, DossierStatus to) {
  for (const Transition& transition : kTransitions) {
    if (transition.from == from && transition.to == to) return true;
  }
  return false;
}

std::vector<DossierStatus> AllowedTargets(DossierStatus from) {
  std::vector<DossierStatus> targets;
  for (const Transition& transition : kTransitions) {
    if (transition.from == from) targets.push_back(transition.to);
  }
  return targets;
}

}  // namespace adempauze::workflow
