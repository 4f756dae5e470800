// Exact matching of debtors against the current OCMW client list on the blind index of
// the national number (docs/adr/0004-exact-matching-in-memory.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/result.h"
#include "adempauze/store/store.h"
#include "adempauze/workflow/workflow.h"

namespace adempauze::matching {

// Method and score of an exact match, as stored in the matches table. Fuzzy matching
// (later) writes its own method name and a score between 0 and 1.
inline constexpr std::string_view kExactMethod = "exact";
inline constexpr double kExactScore = 1.0;

struct MatchOptions {
  workflow::WorkflowOptions workflow;  // follow-up period for newly paused dossiers
};

struct MatchSummary {
  std::size_t clients = 0;              // rows on the current client list with a valid number
  std::size_t considered = 0;           // received and not_client dossiers examined
  std::size_t paused = 0;               // received → client_paused
  std::size_t not_client = 0;           // received → not_client
  std::size_t became_client = 0;        // not_client → client_paused (a newer client list)
  std::size_t still_not_client = 0;     // not_client, still not on the list: unchanged
  std::size_t without_number = 0;       // received without a valid number: left received
};

// Matches every dossier in `received` or `not_client` against the current client list.
// A dossier whose blind index is on the list moves to client_paused, with a match row
// (method "exact", score 1.0) and a history entry "match.exact". A received dossier that
// is not on the list moves to not_client ("match.none"). A received dossier without a
// valid national number stays received, because exact matching cannot decide it.
// NOTE: such dossiers wait for fuzzy matching on names and address, not built yet.
// Runs in one transaction and appends one access-log entry with the counts; on any
// failure nothing changes. Returns kConflict when another process holds the database.
Result<MatchSummary> MatchExact(store::Store& store, const store::Actor& actor, CivilDate today,
                                const MatchOptions& options = {});

}  // namespace adempauze::matching
