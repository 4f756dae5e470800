// `adempauze init` and `adempauze import debtors|clients`.
#include "cli/store_commands.h"
#include "cli/store_access.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "adempauze/crypto/keys.h"
#include "adempauze/ingest/ingest.h"
#include "cli/protocol_gate.h"

namespace adempauze::cli {
namespace {

constexpr std::size_t kReportLinesShown = 20;

struct ImportArgs {
  std::string file;
  std::string sheet;
  std::vector<std::string> mappings;
  std::string report_path;
  std::string encoding = "auto";
  bool strict = false;
};

void RunInit(CliContext& context, const std::string& protocol_file) {
  // An invalid protocol file stops init before any database or key file exists.
  if (!protocol_file.empty() && !CheckProtocolFile(context, protocol_file)) return;
  auto created = CreateStore(context.db_path, context.KeyFilePath(), CliStoreOptions(context));
  if (!created.ok()) return context.Fail(created.error());
  context.out << context.Text("store.cli.init.done", context.db_path, context.KeyFilePath(),
                              (*created)->keys().KeyIdHex())
              << '\n';
  if (!protocol_file.empty()) LoadProtocolIntoStore(context, **created, protocol_file);
}

// Reads ADEMPAUZE_TEST_IMPORT_FAULT ("fail:N" or "kill:N"), a test-only hook that makes
// the import fail or kill the process after N rows (see store::ImportFault).
store::ImportFault FaultFromEnvironment() {
  const char* value = std::getenv("ADEMPAUZE_TEST_IMPORT_FAULT");
  if (value == nullptr) return {};
  std::string text(value);
  store::ImportFault fault;
  if (text.rfind("kill:", 0) == 0) {
    fault.kind = store::ImportFault::Kind::kKill;
  } else if (text.rfind("fail:", 0) == 0) {
    fault.kind = store::ImportFault::Kind::kFail;
  } else {
    return {};
  }
  fault.after_rows = std::strtoull(text.c_str() + 5, nullptr, 10);
  spdlog::warn("import: test fault {} is active", text);
  return fault;
}

void PrintReport(CliContext& context, const ingest::ValidationReport& report) {
  std::istringstream lines(report.ToText(context.language));
  std::string line;
  std::size_t shown = 0;
  while (std::getline(lines, line)) {
    if (shown++ < kReportLinesShown) context.out << "  " << line << '\n';
  }
  if (shown > kReportLinesShown) {
    context.out << context.Text("store.cli.import.more_report_lines", shown - kReportLinesShown) << '\n';
  }
}

bool WriteReport(CliContext& context, const ingest::ValidationReport& report, const std::string& path) {
  if (!WriteOwnerOnlyFile(path, report.ToCsv(context.language))) {
    context.Fail(MakeError(ErrorCode::kIo, "store.cli.import.report_failed", path));
    return false;
  }
  context.out << context.Text("store.cli.import.report_written", path) << '\n';
  return true;
}

template <typename List>
void PrintSummary(CliContext& context, const List& list, const store::ImportSummary& summary) {
  context.out << context.Text("store.cli.import.summary", list.source_name, summary.rows_read,
                              summary.rows_imported, summary.rows_rejected, summary.rows_repaired,
                              summary.rows_warned, summary.columns_dropped)
              << '\n';
  if (summary.rows_without_valid_number > 0) {
    context.out << context.Text("store.cli.import.without_number", summary.rows_without_valid_number) << '\n';
  }
}

// The pipeline shared by both lists: read and check the file, write the report, store
// the accepted rows in one transaction, print the summary.
template <typename List, typename Reader, typename Importer>
void RunImport(CliContext& context, const ImportArgs& args, store::Exchange exchange, Reader read,
               Importer import, std::string_view done_key) {
  // Step 0: the protocol must allow the exchange before the file is read.
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  if (!AuthorizeOrFail(context, *store, exchange)) return;

  // Step 1: options for ingest.
  Result<ingest::ColumnMapping> mapping = ingest::ParseColumnMapping(args.mappings);
  if (!mapping.ok()) return context.Fail(mapping.error());
  Result<ingest::Encoding> encoding = ingest::ParseEncoding(args.encoding);
  if (!encoding.ok()) return context.Fail(encoding.error());
  ingest::IngestOptions options{"", args.sheet, *mapping, context.today, *encoding};

  // Step 2: read and check the rows.
  Result<List> list = read(std::filesystem::path(args.file), options);
  if (!list.ok()) return context.Fail(list.error());

  // Step 3: the report goes out before the import, so the user has it even if the
  // import is refused.
  PrintReport(context, list->report);
  if (!args.report_path.empty() && !WriteReport(context, list->report, args.report_path)) return;

  // Step 4: store everything or nothing.
  store::ImportOptions import_options{CliActor(context), args.strict, FaultFromEnvironment()};
  Result<store::ImportSummary> summary = import(*store, *list, import_options);
  if (!summary.ok()) return context.Fail(summary.error());
  PrintSummary(context, *list, *summary);
  context.out << context.Text(done_key, summary->batch_id, summary->clients_replaced, summary->proposals_withdrawn)
              << '\n';
}

void AddImportOptions(CLI::App* command, ImportArgs& args) {
  command->add_option("FILE", args.file, "CSV- of XLSX-bestand")->required();
  command->add_option("--sheet", args.sheet, "Werkblad in een XLSX-bestand (standaard het eerste)");
  command->add_option("--map", args.mappings,
                      "Kolomkoppeling veld=Kolomkop, bv. rijksregisternummer=INSZ; herhaalbaar");
  command->add_option("--report", args.report_path, "Schrijf het validatierapport als CSV naar dit bestand");
  command->add_option("--encoding", args.encoding, "Tekenset van een CSV-bestand: auto, utf-8 of windows-1252");
  command->add_flag("--strict", args.strict, "Lees niets in als er geweigerde rijen zijn");
}

}  // namespace

store::Actor CliActor(const CliContext& context) { return store::Actor{context.actor, "", "collection_pause"}; }

store::StoreOptions CliStoreOptions(const CliContext& context) {
  store::StoreOptions options;
  if (!context.today_option.empty()) {
    // With --today, times are stamped on that date (at the current time of day), so a
    // rehearsal or test run has consistent dates in its history and access log.
    options.clock = [today = context.today] {
      std::string now = store::SystemClockNow();
      return today.ToIso() + now.substr(10);
    };
  }
  return options;
}

std::unique_ptr<store::Store> OpenStoreOrFail(CliContext& context) {
  auto keys = crypto::LoadKeyFile(context.KeyFilePath());
  if (!keys.ok()) {
    context.Fail(keys.error());
    return nullptr;
  }
  auto store = store::Store::Open(context.db_path, std::move(keys).value(), CliStoreOptions(context));
  if (!store.ok()) {
    context.Fail(store.error());
    return nullptr;
  }
  return std::move(store).value();
}

void RegisterInitCommand(CLI::App& app, CliContext& context) {
  CLI::App* init = app.add_subcommand(
      "init", "Maak een nieuwe databank (--db) en haar sleutelbestand (--key-file, modus 0600)");
  auto protocol_file = std::make_shared<std::string>();
  init->add_option("--protocol", *protocol_file, "Laad meteen dit protocolbestand (TOML) in de nieuwe databank");
  init->callback([&context, protocol_file] { RunInit(context, *protocol_file); });
}

void RegisterImportCommands(CLI::App& app, CliContext& context) {
  CLI::App* import = app.add_subcommand("import", "Lees een debiteurenlijst of cliëntenlijst in");
  import->require_subcommand(1);

  auto debtor_args = std::make_shared<ImportArgs>();
  CLI::App* debtors = import->add_subcommand(
      "debtors", "Lees een debiteurenlijst van de stad in als nieuwe batch (alles of niets)");
  AddImportOptions(debtors, *debtor_args);
  debtors->callback([&context, debtor_args] {
    RunImport<ingest::DebtorList>(
        context, *debtor_args, store::Exchange::kImportDebtors, ingest::ReadDebtorList,
        [](store::Store& store, const ingest::DebtorList& list, const store::ImportOptions& options) {
          return store.ImportDebtors(list, options);
        },
        "store.cli.import.debtors_done");
  });

  auto client_args = std::make_shared<ImportArgs>();
  CLI::App* clients = import->add_subcommand(
      "clients", "Lees de cliëntenlijst van het OCMW in; ze vervangt de vorige lijst");
  AddImportOptions(clients, *client_args);
  clients->callback([&context, client_args] {
    RunImport<ingest::ClientList>(
        context, *client_args, store::Exchange::kImportClients, ingest::ReadClientList,
        [](store::Store& store, const ingest::ClientList& list, const store::ImportOptions& options) {
          return store.ImportClients(list, options);
        },
        "store.cli.import.clients_done");
  });
}

void RegisterStoreCommands(CLI::App& app, CliContext& context) {
  RegisterInitCommand(app, context);
  RegisterImportCommands(app, context);
  RegisterMatchCommand(app, context);
  RegisterDossierCommands(app, context);
  RegisterAuditCommands(app, context);
}

}  // namespace adempauze::cli
