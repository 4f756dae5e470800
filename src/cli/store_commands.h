// The command families that work on the database: init, import, match, dossier, audit.
// RegisterStoreCommands (context.h) registers them all.
#pragma once

#include <memory>

#include "adempauze/store/store.h"
#include "cli/context.h"

namespace adempauze::cli {

void RegisterInitCommand(CLI::App& app, CliContext& context);
void RegisterImportCommands(CLI::App& app, CliContext& context);
void RegisterMatchCommand(CLI::App& app, CliContext& context);
void RegisterDossierCommands(CLI::App& app, CliContext& context);
void RegisterAuditCommands(CLI::App& app, CliContext& context);

// Opens the database and key file named by --db and --key-file. Prints the error and
// returns nullptr on failure.
std::unique_ptr<store::Store> OpenStoreOrFail(CliContext& context);

// Returns the store options of a command: with --today, the store's clock stamps that date.
store::StoreOptions CliStoreOptions(const CliContext& context);

// Returns the actor of the command line: --as or "cli:<user>", without a role.
store::Actor CliActor(const CliContext& context);

}  // namespace adempauze::cli
