#include "adempauze/cli/cli.h"

#include <cstdlib>
#include <iostream>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/context.h"

namespace adempauze::cli {

void CliContext::Fail(const Error& error) {
  err << error.Render(language) << '\n';
  if (!error.detail.empty()) spdlog::debug("error detail: {}", error.detail);
  exit_code = 1;
}

namespace {

std::string DefaultActor() {
  const char* user = std::getenv("USER");
  return std::string("cli:") + (user != nullptr && *user != '\0' ? user : "unknown");
}

}  // namespace

int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CliContext context{out, err};
  context.language = LanguageFromEnvironment();
  context.actor = DefaultActor();

  // Operator logs go to stderr, in English, with ids only (never personal data). The
  // caller's default logger comes back on return, so a test that calls RunCli can still log.
  struct RestoreLogger {
    std::shared_ptr<spdlog::logger> previous = spdlog::default_logger();
    ~RestoreLogger() {
      spdlog::drop("adempauze");
      if (previous) spdlog::set_default_logger(previous);
    }
  } restore_logger;
  auto logger = spdlog::stderr_logger_mt("adempauze");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::warn);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %l [%n] %v");

  CLI::App app{"adempauze: OCMW-cliënten onder de debiteuren vinden en de invordering pauzeren"};
  app.require_subcommand(1);
  bool verbose = false;
  app.add_option("--lang", context.language_option, "Taal van de meldingen: nl (standaard) of en");
  app.add_option("--db", context.db_path, "SQLite-databank (standaard adempauze.db)");
  app.add_option("--key-file", context.key_file, "Sleutelbestand (standaard <databank>.keys)");
  app.add_option("--as", context.actor, "Wie de handeling uitvoert, voor de historiek en de toegangslog");
  app.add_option("--today", context.today_option, "Datum van vandaag als JJJJ-MM-DD (voor tests)");
  app.add_flag("-v,--verbose", verbose, "Toon operationele logs");
  app.parse_complete_callback([&] {
    if (!context.language_option.empty()) context.language = ParseLanguage(context.language_option);
    context.today = TodayUtc();
    if (!context.today_option.empty()) {
      auto parsed = CivilDate::FromIso(context.today_option);
      if (!parsed) throw CLI::ValidationError("--today", context.today_option);
      context.today = *parsed;
    }
    if (verbose) spdlog::set_level(spdlog::level::info);
  });

  RegisterNumberCommands(app, context);
  RegisterStoreCommands(app, context);
  RegisterExportCommands(app, context);
  RegisterDemoCommands(app, context);
  RegisterGenerateCommand(app, context);
  RegisterKeysCommands(app, context);
  RegisterRetentionCommands(app, context);
  RegisterReviewCommands(app, context);
  RegisterFuzzyCommands(app, context);
  RegisterProtocolCommands(app, context);
  RegisterPersonCommands(app, context);
  RegisterUserCommands(app, context);
  RegisterTokenCommands(app, context);
  RegisterServeCommand(app, context);

  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error, out, err);
    return code == 0 ? 0 : 2;
  }
  return context.exit_code;
}

}  // namespace adempauze::cli
