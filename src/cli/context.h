// State shared by the command implementations: global options and output streams.
#pragma once

#include <ostream>
#include <string>

#include <CLI/CLI.hpp>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/messages.h"
#include "adempauze/common/result.h"

namespace adempauze::cli {

struct CliContext {
  std::ostream& out;
  std::ostream& err;
  Language language = Language::kDutch;
  std::string language_option;     // --lang as typed; resolved into `language` before commands run
  std::string db_path = "adempauze.db";
  std::string key_file;            // empty: <db_path>.keys
  std::string actor;               // who acts, for the history and the access log
  std::string today_option;        // --today YYYY-MM-DD, for reproducible runs and tests
  CivilDate today;
  int exit_code = 0;

  // Returns the key file path: --key-file, or the database path with ".keys" appended.
  std::string KeyFilePath() const { return key_file.empty() ? db_path + ".keys" : key_file; }

  // Prints `error` in the user's language to `err` and sets exit code 1.
  void Fail(const Error& error);

  template <typename... Args>
  std::string Text(std::string_view key, const Args&... args) const {
    return Message(language, key, args...);
  }
};

// Each command family registers its subcommands on `app`. The callbacks run after parsing
// and report through `context`.
void RegisterNumberCommands(CLI::App& app, CliContext& context);
// init, import, match, dossier and audit (src/cli/store_commands.cc).
void RegisterStoreCommands(CLI::App& app, CliContext& context);
// export pause|resume (src/cli/export_command.cc).
void RegisterExportCommands(CLI::App& app, CliContext& context);
// demo and generate (src/cli/demo_command.cc).
void RegisterDemoCommands(CLI::App& app, CliContext& context);
void RegisterGenerateCommand(CLI::App& app, CliContext& context);
// keys rotate|status (src/cli/keys_commands.cc).
void RegisterKeysCommands(CLI::App& app, CliContext& context);
// retention run|figures|verify-attestation (src/cli/retention_commands.cc).
void RegisterRetentionCommands(CLI::App& app, CliContext& context);
// review list|show|confirm|reject|reverse (src/cli/review_commands.cc).
void RegisterReviewCommands(CLI::App& app, CliContext& context);
// fuzzy evaluate (src/cli/fuzzy_commands.cc).
void RegisterFuzzyCommands(CLI::App& app, CliContext& context);
// protocol load|show|render|suspend|resume (src/cli/protocol_commands.cc).
void RegisterProtocolCommands(CLI::App& app, CliContext& context);
// user add|list|roles|disable|enable|reset-password and token add|list|revoke
// (src/cli/user_commands.cc).
void RegisterUserCommands(CLI::App& app, CliContext& context);
void RegisterTokenCommands(CLI::App& app, CliContext& context);
// person show, and dossier correct on the dossier family (src/cli/person_commands.cc).
// REQUIRES: RegisterStoreCommands ran first.
void RegisterPersonCommands(CLI::App& app, CliContext& context);
// serve (src/cli/serve_command.cc).
void RegisterServeCommand(CLI::App& app, CliContext& context);

}  // namespace adempauze::cli
