// `adempauze export pause|resume`: the lists for the city's finance application.
#include <filesystem>

#include "adempauze/export/dossier_lists.h"
#include "adempauze/export/writers.h"
#include "cli/context.h"
#include "cli/protocol_gate.h"
#include "cli/store_access.h"
#include "cli/store_commands.h"

namespace adempauze::cli {
namespace {

struct ExportArguments {
  std::string out;
  std::string format;  // csv or xlsx; empty: from the extension of --out
};

Status RunExport(store::FlagList list, const ExportArguments& arguments, CliContext& context) {
  std::string format = arguments.format;
  if (format.empty()) format = std::filesystem::path(arguments.out).extension() == ".xlsx" ? "xlsx" : "csv";
  if (format != "csv" && format != "xlsx") {
    return MakeError(ErrorCode::kInvalidArgument, "cli.export.format_unknown", format);
  }

  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return Status::Ok();  // OpenStoreOrFail has reported the error
  std::optional<protocol::Protocol> in_force = AuthorizeOrFail(context, *store, store::Exchange::kExport);
  if (!in_force) return Status::Ok();  // AuthorizeOrFail has reported and logged the refusal
  auto flagged = store::ListFlaggedDossiers(*store, list, CliActor(context));
  if (!flagged) return flagged.error();

  const exports::Table table = MakeFlagTable(*flagged, list, context.language, in_force->FollowUpDays());
  const bool pause = list == store::FlagList::kPause;
  Status written = format == "xlsx"
                       ? exports::WriteXlsx(table, arguments.out,
                                            pause ? exports::PauseSheetName(context.language)
                                                  : exports::ResumeSheetName(context.language))
                       : exports::WriteCsv(table, arguments.out);
  if (!written) return written;
  context.out << context.Text(pause ? "cli.export.pause_written" : "cli.export.resume_written", flagged->size(),
                              arguments.out)
              << '\n';
  return Status::Ok();
}

void AddExportSubcommand(CLI::App& parent, CliContext& context, store::FlagList list, const char* name,
                         const char* description) {
  auto arguments = std::make_shared<ExportArguments>();
  CLI::App* command = parent.add_subcommand(name, description);
  command->add_option("--out,-o", arguments->out, "Doelbestand (.csv of .xlsx)")->required();
  command->add_option("--format", arguments->format, "csv of xlsx (standaard: volgens de extensie)");
  command->callback([arguments, list, &context] {
    Status status = RunExport(list, *arguments, context);
    if (!status) context.Fail(status.error());
  });
}

}  // namespace

void RegisterExportCommands(CLI::App& app, CliContext& context) {
  CLI::App* exports = app.add_subcommand("export", "Lijsten voor het financiële pakket exporteren");
  exports->require_subcommand(1);
  AddExportSubcommand(*exports, context, store::FlagList::kPause, "pause",
                      "Dossiers waarvan de invordering geschorst moet worden (cliënt OCMW)");
  AddExportSubcommand(*exports, context, store::FlagList::kResume, "resume",
                      "Dossiers waarvan de invordering voortgezet wordt");
}

}  // namespace adempauze::cli
