// Officer-only commands on the command line: the account named by --as must be a user with
// the data protection officer's role, and its password is checked.
#pragma once

#include <optional>

#include "adempauze/store/store.h"
#include "cli/context.h"
#include "cli/password_input.h"

namespace adempauze::cli {

// Returns the officer as the actor of the history and the access log, after checking the
// password of the account named by --as and its officer role. Prints the error and returns
// nullopt when --as names no account, the login fails, or the account lacks the role (that
// refusal is logged as "denied").
std::optional<store::Actor> AuthenticateOfficer(CliContext& context, store::Store& store,
                                                const PasswordSource& source);

// Adds --password-file and --password-stdin to an officer-only command.
void AddOfficerPasswordOptions(CLI::App& command, PasswordSource& source);

}  // namespace adempauze::cli
