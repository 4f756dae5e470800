// The review queue: a reviewer confirms or rejects each probable match, and a second
// reviewer may reverse that decision (docs/formats/review.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/result.h"
#include "adempauze/fuzzy/model.h"
#include "adempauze/fuzzy/person.h"
#include "adempauze/store/store.h"
#include "adempauze/workflow/workflow.h"

namespace adempauze::matching {

// kWithdrawn: a new client list replaced the one the proposal's client was on, before a
// reviewer decided. The entry leaves the queue and can no longer be decided or reversed.
enum class ReviewState { kPending, kConfirmed, kRejected, kWithdrawn };

// Returns "pending", "confirmed", "rejected", "withdrawn".
std::string_view ReviewStateId(ReviewState state);

// One field's evidence as stored with the proposal.
struct FieldEvidence {
  fuzzy::Field field = fuzzy::Field::kFirstName;
  fuzzy::Level level = fuzzy::Level::kMissing;
  double weight = 0;
};

// A queue entry without personal data beyond what the caller asks for.
struct ReviewItem {
  std::int64_t id = 0;
  std::int64_t debtor_id = 0;
  std::optional<std::int64_t> client_id;  // nullopt: the client list was replaced since
  std::string dossier_number;
  std::string dossier_status;
  double score = 0;
  std::vector<FieldEvidence> fields;  // in fuzzy::kAllFields order
  ReviewState state = ReviewState::kPending;
  std::string decided_by, decided_at, reversed_by, reversed_at;
  bool attention = false;  // a reversal could not move the dossier: a person must look at it
  std::string withdrawn_at;                         // empty unless kWithdrawn
  std::optional<std::int64_t> withdrawn_by_batch;   // the client batch that replaced the list
  // Masked names ("J*** P******") for the list; empty unless the reader filled them.
  std::string debtor_name_masked, client_name_masked;
};

// A queue entry with both records decrypted, for `review show`.
struct ReviewDetail {
  ReviewItem item;
  fuzzy::Person debtor;
  std::optional<fuzzy::Person> client;
  std::string reason;           // the decision's reason (decrypted); empty while pending
  std::string reversal_reason;  // empty unless reversed
};

// Returns `name` with every letter after the first of each word replaced by '*'.
std::string MaskName(std::string_view name);

// Lists pending entries (highest score first) with masked names, and logs the listing
// (action "list", object "review_queue"). Returns kCrypto when a name fails to decrypt.
Result<std::vector<ReviewItem>> ListPendingReviews(store::Store& store, const store::Actor& actor);

// Lists confirmed and rejected entries that have not been reversed, newest decision first
// (withdrawn entries are left out),
// with masked names, so that a second reviewer can find a decision to reverse. Logs the
// listing (action "list", object "review_queue", id "decided"). Returns kCrypto when a
// name fails to decrypt.
Result<std::vector<ReviewItem>> ListDecidedReviews(store::Store& store, const store::Actor& actor);

// Reads one entry with both records and logs the read (action "view", object
// "review_item"). Returns kNotFound ("matching.review.not_found").
Result<ReviewDetail> ReadReview(store::Store& store, std::int64_t id, const store::Actor& actor);

struct ReviewDecision {
  std::int64_t id = 0;
  std::string reason;  // required
  store::Actor actor;
  CivilDate today;
};

struct ReviewOutcome {
  ReviewState state = ReviewState::kPending;  // the entry's stored decision after the call
  std::optional<workflow::StatusChange> change;  // the dossier's move, if any
  bool attention = false;
};

// Confirms a pending entry: the dossier moves to client_paused (history reason code
// "match.fellegi_sunter", the reviewer's reason sealed there too) and a match row is written
// (method "fellegi_sunter", the score, decision "accepted", the reviewer). Returns
// kInvalidArgument ("matching.review.reason_required"), kNotFound
// ("matching.review.not_found"), kFailedPrecondition ("matching.review.not_pending") when
// decided already, ("matching.review.withdrawn") when a new client list withdrew it,
// ("matching.review.client_gone") when its client row no longer exists, or the workflow's
// errors when the dossier can no longer move (e.g. already paused).
// One transaction with an access-log entry; nothing is written on failure.
Result<ReviewOutcome> ConfirmReview(store::Store& store, const ReviewDecision& decision,
                                    const workflow::WorkflowOptions& options = {});

// Rejects a pending entry; the dossier is unchanged. Errors as ConfirmReview, except that an
// entry whose client row is gone may still be rejected.
Result<ReviewOutcome> RejectReview(store::Store& store, const ReviewDecision& decision);

// Reverses a confirmed or rejected entry. The reviewer must differ from the one who decided
// (kPermissionDenied, "matching.review.same_reviewer"); an entry is reversed at most once
// (kFailedPrecondition, "matching.review.already_reversed"); a pending entry cannot be
// reversed ("matching.review.not_decided"), nor a withdrawn one ("matching.review.withdrawn").
// Reversing a confirm: a dossier still in client_paused or solution_in_progress moves to
// resume_collection (reason code "review.reversed"), so the finance application resumes
// collection; the match row's decision becomes "reversed". In any other status the dossier
// is left as it is and the entry is marked for attention.
// Reversing a reject: works as a confirm by the second reviewer when the dossier is still
// received or not_client; otherwise the entry is marked for attention.
Result<ReviewOutcome> ReverseReview(store::Store& store, const ReviewDecision& decision,
                                    const workflow::WorkflowOptions& options = {});

}  // namespace adempauze::matching
