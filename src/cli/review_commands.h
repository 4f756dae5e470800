// The review commands and the fuzzy step of `adempauze match` (src/cli/review_commands.cc).
#pragma once

#include "adempauze/store/store.h"
#include "cli/context.h"

namespace adempauze::cli {

// Runs probabilistic matching after exact matching and prints how many pairs wait for
// review. Reports a failure through `context` and returns false.
bool QueueProbableMatchesAndReport(CliContext& context, store::Store& store);

}  // namespace adempauze::cli
