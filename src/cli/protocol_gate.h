// The protocol checks the command families share: the exchange gate and loading a
// protocol file into the store (src/cli/protocol_commands.cc).
#pragma once

#include <optional>
#include <string>

#include "adempauze/protocol/protocol.h"
#include "adempauze/store/protocol_state.h"
#include "cli/context.h"

namespace adempauze::cli {

// Returns the protocol in force when `exchange` may happen on the command's date. Otherwise
// prints the refusal (already logged as "denied" by store::AuthorizeExchange), sets exit
// code 1 and returns nullopt.
std::optional<protocol::Protocol> AuthorizeOrFail(CliContext& context, store::Store& store,
                                                  store::Exchange exchange);

// Validates the protocol file at `path` and stores it, printing every problem of an
// invalid file and a summary on success. Returns false after reporting a failure.
bool LoadProtocolIntoStore(CliContext& context, store::Store& store, const std::string& path);

// Checks the protocol file at `path` without storing it, printing every problem. Returns
// false after reporting a failure. `init --protocol` uses it before creating anything.
bool CheckProtocolFile(CliContext& context, const std::string& path);

// Stores the protocol file at `path` without printing anything (for the demo, whose output
// is its summary). Returns the loader's or the store's error.
Status InstallProtocolFile(store::Store& store, const std::string& path, const store::Actor& actor);

// Loads the demo's protocol file and checks that `today` lies in its period of validity.
// Returns the loader's error, or kFailedPrecondition ("cli.protocol.demo_outside_period",
// arg 0: id, 1: start, 2: end, 3: today) so the demo states why it cannot run today.
Result<protocol::Protocol> LoadDemoProtocol(const std::string& path, CivilDate today);

}  // namespace adempauze::cli
