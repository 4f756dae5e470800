// Estimating the model's parameters from the lists themselves.
#pragma once

#include "adempauze/fuzzy/matcher.h"
#include "fuzzy/block_index.h"
#include "fuzzy/prepared.h"

namespace adempauze::fuzzy::internal {

struct Estimate {
  ModelParameters parameters;
  EstimationReport report;
};

// Returns the configured parameters (kConfigured) or estimates them as
// config.estimation.source says. Returns EM's errors.
Result<Estimate> EstimateParameters(const PreparedList& left, const PreparedList& right,
                                    const BlockIndex& index, const MatcherConfig& config,
                                    unsigned threads);

}  // namespace adempauze::fuzzy::internal
