// Status changes of dossiers: allowed moves only, who/when/why in the history, a follow-up
// deadline for paused dossiers, and optimistic locking (docs/formats/workflow.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/result.h"
#include "adempauze/store/store.h"
#include "adempauze/workflow/status.h"

namespace adempauze::workflow {

struct WorkflowOptions {
  int follow_up_days = 60;  // days from entering client_paused to the follow-up deadline
};

// Reason code of a status change made by a person, who must give a free-text reason.
inline constexpr std::string_view kManualReason = "manual";

// The state of a dossier that a change starts from.
struct DossierState {
  std::int64_t debtor_id = 0;
  std::string dossier_number;
  DossierStatus status = DossierStatus::kReceived;
  std::int64_t version = 0;
  std::optional<CivilDate> follow_up_deadline;
};

struct StatusChange {
  DossierStatus from = DossierStatus::kReceived;
  DossierStatus to = DossierStatus::kReceived;
  std::int64_t new_version = 0;
  std::optional<CivilDate> follow_up_deadline;
};

// Writes status changes inside a transaction that the caller holds, with prepared
// statements reused for every change, so matching can change a million dossiers in one
// transaction. Writes the debtor row and the history, but no access-log entry: the
// caller logs the operation as a whole.
// Valid only inside the transaction it was created in. Not thread-safe.
class StatusWriter {
 public:
  // REQUIRES: a write transaction is open on the store's database.
  static Result<StatusWriter> Create(store::Store& store, WorkflowOptions options);

  // Moves `state` to `to`. `reason_code` is kManualReason for people (then `reason` is
  // their text, sealed in the history) or a system code such as "match.exact".
  // Returns kFailedPrecondition ("workflow.transition_not_allowed") for a move outside the
  // table, kConflict ("workflow.stale_version") when the row no longer has
  // `state.version`.
  Result<StatusChange> Apply(const DossierState& state, DossierStatus to, std::string_view reason_code,
                             std::string_view reason, const store::Actor& actor, CivilDate today);

 private:
  StatusWriter(store::Store& store, WorkflowOptions options, store::Statement update,
               store::Statement insert_event, std::int64_t next_event_id)
      : store_(&store), options_(options), update_(std::move(update)),
        insert_event_(std::move(insert_event)), next_event_id_(next_event_id) {}

  store::Store* store_;
  WorkflowOptions options_;
  store::Statement update_;
  store::Statement insert_event_;
  std::int64_t next_event_id_;
  std::string now_;
};

// A status change requested by a person.
struct ChangeRequest {
  std::int64_t debtor_id = 0;
  DossierStatus to = DossierStatus::kReceived;
  // The version the person saw; nullopt uses the current version (no concurrent-edit check
  // beyond this call).
  std::optional<std::int64_t> expected_version;
  std::string reason;  // required: what happened and why
  store::Actor actor;
  CivilDate today;
};

// Changes the status of one dossier in its own transaction, with a history entry and an
// access-log entry. Returns kInvalidArgument ("workflow.reason_required") when the reason
// is blank, kNotFound when the dossier does not exist, kConflict
// ("workflow.stale_version_current", or "workflow.stale_version" when the race is lost
// during the write) when another user changed the dossier since `expected_version`,
// kFailedPrecondition ("workflow.transition_not_allowed") for a move outside the table.
// On failure the dossier and its history are unchanged. A conflict or a move outside the
// table is then logged by LogRefusedChange, so the access log shows the refused write. When
// that log entry cannot be written, the operator log says so and the refusal is returned.
Result<StatusChange> ChangeStatus(store::Store& store, const ChangeRequest& request,
                                  const WorkflowOptions& options = {});

// Appends, in a transaction of its own, the access-log entry of a status change that was
// refused: action "transition", object the dossier, outcome "failed", detail with the
// current status and version, the requested status (`to`, "-" when unknown), the expected
// version and the refusal's message key. For callers that refuse a change before calling
// ChangeStatus, such as the web form's own version check. Returns kNotFound when the
// dossier does not exist, kConflict when another process has locked the database.
Status LogRefusedChange(store::Store& store, std::int64_t debtor_id, std::optional<DossierStatus> to,
                        std::optional<std::int64_t> expected_version, const store::Actor& actor,
                        const Error& refusal);

// Lists paused dossiers (client_paused, solution_in_progress) whose follow-up deadline lies
// before `today`, oldest deadline first, and logs the listing.
Result<std::vector<store::DossierSummary>> ListOverdue(store::Store& store, CivilDate today,
                                                       const store::Actor& actor);

}  // namespace adempauze::workflow
