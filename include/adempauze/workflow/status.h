// Dossier statuses and the transitions allowed between them (docs/formats/workflow.md).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adempauze/common/messages.h"

namespace adempauze::workflow {

enum class DossierStatus {
  kReceived,            // ontvangen: imported, not yet matched
  kNotClient,           // geen cliënt: not on the current OCMW client list
  kClientPaused,        // cliënt OCMW — invordering geschorst
  kSolutionInProgress,  // oplossing in uitwerking
  kSolutionReached,     // oplossing bereikt
  kResumeCollection,    // invordering voortzetten
  kClosed,              // afgesloten
};

// Returns every status in workflow order.
std::span<const DossierStatus> AllStatuses();

// Returns the English identifier stored in the database and accepted on the command line:
// "received", "not_client", "client_paused", "solution_in_progress", "solution_reached",
// "resume_collection", "closed".
std::string_view StatusId(DossierStatus status);

// Parses an identifier as returned by StatusId (case-sensitive). Returns nullopt otherwise.
std::optional<DossierStatus> ParseStatus(std::string_view id);

// Returns the status name shown to users ("cliënt OCMW — invordering geschorst").
std::string StatusLabel(DossierStatus status, Language language);

// Returns the label of a stored identifier, or the identifier itself when it is unknown.
std::string StatusLabel(std::string_view id, Language language);

// True while collection of the dossier stays paused and its follow-up deadline applies.
bool IsPaused(DossierStatus status);

// One allowed move.
struct Transition {
  DossierStatus from;
  DossierStatus to;
};

// Returns the transition table: every allowed move, and only those.
std::span<const Transition> Transitions();

bool IsAllowed(DossierStatus from, DossierStatus to);

// Returns the statuses reachable from `from` in one move, in table order.
std::vector<DossierStatus> AllowedTargets(DossierStatus from);

}  // namespace adempauze::workflow
