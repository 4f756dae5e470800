// The flag of one dossier, looked up by dossier number and national number together: the
// result of the finance application's check before it issues an enforcement order
// (docs/formats/api.md).
//
// The lookup is confined to the city's own debtor batches. It never reads the client list,
// so its answer cannot reveal whether someone the city did not send is an OCMW client.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string_view>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/result.h"
#include "adempauze/store/store.h"

namespace adempauze::store {

// The city's view of a dossier: the protocol's flag, not the workflow status.
enum class DossierFlag {
  kUnknown,           // no dossier with this number and this national number was sent
  kNotMatchedYet,     // received: not yet compared with the client list
  kNotClient,         // not_client
  kClientOcmw,        // client_paused, solution_in_progress, solution_reached
  kResumeCollection,  // resume_collection
  kClosed,            // closed
};

// Returns the flag of a workflow status identifier; kUnknown for an unknown identifier.
DossierFlag FlagOfStatus(std::string_view status);

// Returns the flag's code in the API: "unknown", "not_matched_yet", "not_client",
// "client_ocmw", "resume_collection", "closed".
std::string_view FlagCode(DossierFlag flag);

struct DossierFlagAnswer {
  DossierFlag flag = DossierFlag::kUnknown;
  // kClientOcmw: the UTC day the dossier last entered client_paused; kResumeCollection: the
  // day the OCMW asked to resume collection. Empty for the other flags, because the city's
  // pause and resume lists carry no other dates either.
  std::optional<CivilDate> since;
  std::int64_t debtor_id = 0;  // 0 for kUnknown
};

// Finds the dossier `dossier_number` in the newest batch that has it (as the pause and
// resume lists do) and returns its flag when that row's blind index equals the blind index
// of `digits`. Returns kUnknown when no batch has the number, when the newest row has
// another national number, or when that row has no valid national number. A number that
// the city sent under another dossier number also gives kUnknown, and so does every lookup
// after retention, which deletes the debtor rows and the blind-index key.
// Reads the status, the blind index and the history dates; does not log, so the caller
// appends the access-log entry of the lookup. Returns kCorrupt ("export.flags.bad_date")
// when a stored event time cannot be read.
// REQUIRES: `digits` is the 11-digit canonical national number (nn::Check).
Result<DossierFlagAnswer> FindDossierFlag(Store& store, std::string_view dossier_number, std::string_view digits);

// Counts the dossiers of batch `batch_id` per flag; flags without dossiers are absent.
// Reads statuses only, no personal data, so it does not log.
Result<std::map<DossierFlag, std::int64_t>> CountFlagsOfBatch(Store& store, std::int64_t batch_id);

}  // namespace adempauze::store
