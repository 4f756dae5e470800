// Probabilistic matching of the dossiers that exact matching cannot decide, into a review
// queue (docs/formats/review.md). Nothing here changes a dossier's status: a reviewer's
// confirm does that (adempauze/matching/review.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/result.h"
#include "adempauze/fuzzy/model.h"
#include "adempauze/store/store.h"

namespace adempauze::matching {

// Method name of fuzzy proposals and confirmed fuzzy matches.
inline constexpr std::string_view kFellegiSunterMethod = "fellegi_sunter";

struct ProbableOptions {
  // Pairs at or above this score go to the review queue; nullopt: the matcher's suggested
  // lower threshold for the size of the client list (fuzzy::SuggestThresholds).
  std::optional<double> review_threshold;
  unsigned threads = 0;  // 0: all cores
};

struct ProbableSummary {
  std::size_t received_considered = 0;    // received dossiers without a usable number
  std::size_t not_client_considered = 0;  // not_client dossiers (valid number, not on the list)
  std::size_t clients = 0;                // rows on the current client list
  std::size_t proposed = 0;               // pairs at or above the threshold
  std::size_t queued = 0;                 // of those, new in the queue (others were queued before)
  std::size_t pending = 0;                // pending pairs in the queue after the run
  double threshold = 0;                   // the review threshold used
};

// Runs the fuzzy matcher for dossiers in `received` whose national number is missing or
// invalid, and for dossiers in `not_client` (a valid number that is not on the client list,
// e.g. a BIS number replaced by a national number), against the current client list.
// Decrypts names, numbers and addresses in memory only. Queues every pair at or above the
// review threshold as pending, with its per-field levels and weights as JSON; a pair that
// is already in the queue is not queued again. Changes no dossier status.
// One transaction with one access-log entry (action "match", object "fellegi_sunter").
// Returns kCrypto when a field fails to decrypt, kConflict when another process holds the
// database, or the matcher's errors. With no candidate dossier or no client, queues nothing.
Result<ProbableSummary> QueueProbableMatches(store::Store& store, const store::Actor& actor,
                                             CivilDate today, const ProbableOptions& options = {});

// Returns the contributions of `pair` as JSON: [{"field":"first_name","level":"exact",
// "weight":3.2}, ...] plus the household adjustment and names_swapped; no personal data.
std::string ContributionsJson(const fuzzy::ScoredPair& pair);

}  // namespace adempauze::matching
