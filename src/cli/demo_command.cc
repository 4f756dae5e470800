// `adempauze demo`: the main job end to end on fictitious data.
//
// The steps: generate the lists, create a database and key file, import, match, record a
// few OCMW follow-ups, export, and write a summary that checks the result against the
// generator's ground truth.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include <spdlog/spdlog.h>

#include "adempauze/crypto/keys.h"
#include "adempauze/demo/generator.h"
#include "adempauze/export/dossier_lists.h"
#include "adempauze/export/writers.h"
#include "adempauze/ingest/ingest.h"
#include "adempauze/matching/exact.h"
#include "adempauze/matching/probable.h"
#include "adempauze/auth/auth.h"
#include "adempauze/store/flags.h"
#include "adempauze/store/store.h"
#include "adempauze/workflow/workflow.h"
#include "cli/context.h"
#include "cli/protocol_gate.h"
#include "cli/store_access.h"
#include "cli/store_commands.h"

namespace adempauze::cli {
namespace {

namespace fs = std::filesystem;

struct DemoArguments {
  std::string dir = "demo-out";
  std::uint64_t seed = 20261204;
  std::size_t debtors = 2000;
  std::size_t clients = 1500;
  double overlap = 0.12;
  // The sample protocol of the source tree; an installed binary needs --protocol.
  std::string protocol = ADEMPAUZE_DEFAULT_PROTOCOL;
};

// Paths of everything the demo writes, all inside the demo folder.
struct DemoPaths {
  fs::path root, database, key_file, input, reports, exports;
  explicit DemoPaths(const fs::path& dir)
      : root(dir), database(dir / "adempauze.db"), key_file(dir / "adempauze.db.keys"),
        input(dir / "invoer"), reports(dir / "rapport"), exports(dir / "export") {}
};

// The actors the demo acts as in the history and the access log. They name the team, so the
// web screens of a demo database read like real use rather than showing the system user.
constexpr const char* kDemoCityActor = "demo:debiteurenteam";
constexpr const char* kDemoOcmwActor = "demo:ocmw";
constexpr const char* kDemoAdminActor = "demo:beheerder";

// Figures for the summary, gathered along the way.
struct DemoOutcome {
  store::ImportSummary debtors, clients;
  matching::MatchSummary match;
  matching::ProbableSummary probable;
  std::size_t missed_by_exact = 0;     // clients that exact matching left received or not_client
  std::size_t missed_in_review = 0;    // of those, with a pending proposal in the review queue
  std::size_t follow_ups = 0, resumed = 0;
  std::size_t pause_rows = 0, resume_rows = 0;
  std::map<std::string, std::size_t> per_status;
  std::size_t expected_clients = 0, found_clients = 0, false_clients = 0;
  std::size_t missed_without_number = 0;  // clients left "received": no usable national number
  std::size_t missed_rejected = 0;        // clients whose row was rejected at import
  std::size_t clients_without_number = 0; // debtors' client rows with an unusable number
  std::size_t csv_rows = 0, xlsx_rows = 0;
  std::int64_t log_entries = 0;
  bool log_intact = false;
};

Status RemoveDemoFiles(const DemoPaths& paths) {
  // Only the files the demo itself creates are removed, so a rerun starts from scratch.
  std::error_code error;
  for (const fs::path& file : {paths.database, fs::path(paths.database.string() + "-wal"),
                               fs::path(paths.database.string() + "-shm"), paths.key_file}) {
    fs::remove(file, error);
    if (error) return MakeError(ErrorCode::kIo, "common.error.io", file.string(), error.message());
  }
  for (const fs::path& dir : {paths.input, paths.reports, paths.exports}) {
    fs::create_directories(dir, error);
    if (error) return MakeError(ErrorCode::kIo, "common.error.io", dir.string(), error.message());
  }
  return Status::Ok();
}

// Records what an OCMW social service would do in the first weeks: for a fixed share of the
// paused dossiers a solution is being worked out or reached, and some ask to resume.
Status SimulateFollowUp(store::Store& store, const CliContext& context, DemoOutcome& outcome) {
  const store::Actor social_worker{"demo:maatschappelijk-werker", "social_worker", "collection_pause"};
  auto paused = store.ListDossiers({std::string("client_paused"), std::nullopt}, social_worker);
  if (!paused) return paused.error();

  std::size_t index = 0;
  for (const store::DossierSummary& dossier : *paused) {
    ++index;
    std::vector<std::pair<workflow::DossierStatus, std::string>> steps;
    if (index % 7 == 0) {
      steps = {{workflow::DossierStatus::kResumeCollection,
                context.Text("demo.follow_up.no_consent")}};
    } else if (index % 5 == 0) {
      steps = {{workflow::DossierStatus::kSolutionInProgress, context.Text("demo.follow_up.plan")},
               {workflow::DossierStatus::kSolutionReached, context.Text("demo.follow_up.reached")}};
    } else if (index % 3 == 0) {
      steps = {{workflow::DossierStatus::kSolutionInProgress, context.Text("demo.follow_up.plan")}};
    }
    for (const auto& [to, reason] : steps) {
      workflow::ChangeRequest request;
      request.debtor_id = dossier.debtor_id;
      request.to = to;
      request.reason = reason;
      request.actor = social_worker;
      request.today = context.today;
      auto changed = workflow::ChangeStatus(store, request);
      if (!changed) return changed.error();
      ++outcome.follow_ups;
      if (to == workflow::DossierStatus::kResumeCollection) ++outcome.resumed;
    }
  }
  return Status::Ok();
}

Status WriteExports(store::Store& store, const CliContext& context, const DemoPaths& paths,
                    const store::Actor& actor, DemoOutcome& outcome) {
  for (store::FlagList list : {store::FlagList::kPause, store::FlagList::kResume}) {
    auto flagged = store::ListFlaggedDossiers(store, list, actor);
    if (!flagged) return flagged.error();
    exports::Table table = MakeFlagTable(*flagged, list, context.language);
    const bool pause = list == store::FlagList::kPause;
    const std::string stem = pause ? "te-schorsen" : "te-hervatten";
    Status csv = exports::WriteCsv(table, paths.exports / (stem + ".csv"));
    if (!csv) return csv;
    Status xlsx = exports::WriteXlsx(table, paths.exports / (stem + ".xlsx"),
                                     pause ? exports::PauseSheetName(context.language)
                                           : exports::ResumeSheetName(context.language));
    if (!xlsx) return xlsx;
    (pause ? outcome.pause_rows : outcome.resume_rows) = flagged->size();
  }
  return Status::Ok();
}

// Compares the paused dossiers with the generator's ground truth.
Status CheckAgainstTruth(store::Store& store, const demo::DemoTruth& truth, const store::Actor& actor,
                         DemoOutcome& outcome) {
  auto all = store.ListDossiers({}, actor);
  if (!all) return all.error();
  std::set<std::string> flagged, unmatched, present;
  for (const store::DossierSummary& dossier : *all) {
    ++outcome.per_status[dossier.status];
    present.insert(dossier.dossier_number);
    if (dossier.status == "received") unmatched.insert(dossier.dossier_number);
    if (dossier.status != "received" && dossier.status != "not_client") flagged.insert(dossier.dossier_number);
  }
  const std::set<std::string> expected(truth.client_dossier_numbers.begin(), truth.client_dossier_numbers.end());
  outcome.expected_clients = expected.size();
  for (const std::string& number : expected) {
    if (unmatched.count(number) > 0) ++outcome.missed_without_number;
    if (present.count(number) == 0) ++outcome.missed_rejected;
  }
  for (const demo::RowTruth& row : truth.clients.rows) {
    const bool unusable = row.number_state == demo::NumberState::kInvalid ||
                          row.number_state == demo::NumberState::kMissing;
    if (row.on_both_lists && unusable) ++outcome.clients_without_number;
  }
  for (const std::string& number : flagged) {
    if (expected.count(number) > 0) {
      ++outcome.found_clients;
    } else {
      ++outcome.false_clients;
    }
  }
  return Status::Ok();
}

// Counts the clients that exact matching missed, and how many of them wait in the review
// queue. Runs before the follow-up, while only matching has moved dossiers.
Status CheckReviewAgainstTruth(store::Store& store, const demo::DemoTruth& truth, DemoOutcome& outcome) {
  auto query = store.database().Prepare(
      "SELECT d.dossier_number, d.status, EXISTS (SELECT 1 FROM review_queue q WHERE q.debtor_id = d.id "
      "AND q.state = 'pending') FROM debtors d");
  if (!query) return query.error();
  const std::set<std::string> expected(truth.client_dossier_numbers.begin(), truth.client_dossier_numbers.end());
  while (true) {
    auto row = query->Step();
    if (!row) return row.error();
    if (!*row) break;
    const std::string status = query->ColumnText(1);
    if (expected.count(query->ColumnText(0)) == 0) continue;
    if (status != "received" && status != "not_client") continue;
    ++outcome.missed_by_exact;
    if (query->ColumnInt(2) != 0) ++outcome.missed_in_review;
  }
  return Status::Ok();
}

// The demo accounts of `adempauze serve`, one per role, all with the same published password.
// They exist only in demo databases; `user add` creates real ones.
constexpr std::string_view kDemoPassword = "demo-wachtwoord-2026";
struct DemoAccount {
  std::string_view username;
  std::string_view display_name;
  auth::Role role;
};
constexpr DemoAccount kDemoAccounts[] = {
    {"debiteuren", "Dries Debiteurenteam", auth::Role::kDebtorTeam},
    {"maatschappelijk", "Mieke Maatschappelijk", auth::Role::kSocialWorker},
    {"controleur", "Koen Controleur", auth::Role::kReviewer},
    {"clientenlijst", "Cleo Cliëntenlijst", auth::Role::kClientListKeeper},
    {"fgb", "Frieda Gegevensbescherming", auth::Role::kOfficer},
    {"beheerder", "Bert Beheerder", auth::Role::kAdministrator},
};

Status AddDemoAccounts(store::Store& store) {
  auth::Accounts accounts(store);
  const store::Actor by{kDemoAdminActor, "admin", "administration"};
  for (const DemoAccount& account : kDemoAccounts) {
    auto added = accounts.AddUser(account.username, account.display_name, kDemoPassword, {account.role}, by);
    if (!added) return added.error();
  }
  return Status::Ok();
}

std::string RenderSummary(const CliContext& context, const DemoPaths& paths, const DemoOutcome& outcome) {
  std::ostringstream text;
  auto line = [&](std::string_view key, auto... args) { text << context.Text(key, args...) << '\n'; };
  line("demo.summary.title", paths.root.string());
  line("demo.summary.import_debtors", outcome.debtors.rows_read, outcome.debtors.rows_imported,
       outcome.debtors.rows_rejected, outcome.debtors.rows_repaired, outcome.debtors.rows_warned,
       outcome.debtors.columns_dropped);
  line("demo.summary.import_clients", outcome.clients.rows_read, outcome.clients.rows_imported,
       outcome.clients.rows_rejected, outcome.clients.rows_repaired, outcome.clients.rows_warned,
       outcome.clients.columns_dropped);
  line("demo.summary.formats_agree", outcome.csv_rows, outcome.xlsx_rows);
  line("demo.summary.match", outcome.match.paused, outcome.match.not_client, outcome.match.without_number);
  line("matching.demo.review", outcome.probable.pending, outcome.missed_in_review, outcome.missed_by_exact);
  line("demo.summary.follow_up", outcome.follow_ups, outcome.resumed);
  line("demo.summary.per_status_title");
  for (workflow::DossierStatus status : workflow::AllStatuses()) {
    auto found = outcome.per_status.find(std::string(workflow::StatusId(status)));
    if (found == outcome.per_status.end()) continue;
    line("demo.summary.per_status_line", workflow::StatusLabel(status, context.language), found->second);
  }
  line("demo.summary.truth", outcome.found_clients, outcome.expected_clients, outcome.false_clients,
       outcome.expected_clients - std::min(outcome.expected_clients, outcome.found_clients),
       outcome.missed_without_number, outcome.missed_rejected, outcome.clients_without_number);
  line("demo.summary.exports", outcome.pause_rows, outcome.resume_rows, (paths.exports / "te-schorsen.csv").string(),
       (paths.exports / "te-hervatten.csv").string());
  line(outcome.log_intact ? "demo.summary.log_ok" : "demo.summary.log_broken", outcome.log_entries);
  line("demo.summary.accounts_title", kDemoPassword);
  for (const DemoAccount& account : kDemoAccounts) {
    line("demo.summary.account_line", account.username, auth::RoleLabel(account.role, context.language));
  }
  return text.str();
}

Status RunDemo(const DemoArguments& arguments, CliContext& context) {
  const DemoPaths paths(arguments.dir);
  DemoOutcome outcome;
  Result<protocol::Protocol> demo_protocol = LoadDemoProtocol(arguments.protocol, context.today);
  if (!demo_protocol) return demo_protocol.error();
  Status prepared = RemoveDemoFiles(paths);
  if (!prepared) return prepared;

  // 1. Generate both lists twice, as CSV and as XLSX; the same seed gives the same people.
  demo::DemoOptions options = demo::RealisticOptions(arguments.seed, context.today);
  options.debtors = arguments.debtors;
  options.clients = arguments.clients;
  options.overlap = arguments.overlap;
  auto truth = demo::GenerateDemo(options, paths.input / "debiteuren.csv", paths.input / "clienten.csv");
  if (!truth) return truth.error();
  options.debtor_list.format = demo::FileFormat::kXlsx;
  options.client_list.format = demo::FileFormat::kXlsx;
  auto xlsx_truth = demo::GenerateDemo(options, paths.input / "debiteuren.xlsx", paths.input / "clienten.xlsx");
  if (!xlsx_truth) return xlsx_truth.error();

  // 2. A new database with its own key file.
  auto store = CreateStore(paths.database, paths.key_file, CliStoreOptions(context));
  if (!store) return store.error();
  if (Status installed = InstallProtocolFile(**store, arguments.protocol, {kDemoAdminActor, "", "collection_pause"}); !installed) {
    return installed;
  }
  const store::Actor city{kDemoCityActor, "debtor_team", "collection_pause"};
  const store::Actor ocmw{kDemoOcmwActor, "client_list_keeper", "collection_pause"};

  // 3. Import the debtors from XLSX, as a finance package exports them, and the clients from
  //    CSV, as an OCMW's client software does. The debtor CSV is read too, to show both agree.
  ingest::IngestOptions read_options;
  read_options.today = context.today;
  auto debtors = ingest::ReadDebtorList(paths.input / "debiteuren.xlsx", read_options);
  if (!debtors) return debtors.error();
  auto debtors_csv = ingest::ReadDebtorList(paths.input / "debiteuren.csv", read_options);
  if (!debtors_csv) return debtors_csv.error();
  outcome.xlsx_rows = debtors->rows.size();
  outcome.csv_rows = debtors_csv->rows.size();
  auto clients = ingest::ReadClientList(paths.input / "clienten.csv", read_options);
  if (!clients) return clients.error();
  Status reports = WriteOwnerOnlyFile(paths.reports / "debiteuren-validatie.csv", debtors->report.ToCsv(context.language));
  if (reports) reports = WriteOwnerOnlyFile(paths.reports / "clienten-validatie.csv", clients->report.ToCsv(context.language));
  if (!reports) return reports;

  auto imported_debtors = (*store)->ImportDebtors(*debtors, {city});
  if (!imported_debtors) return imported_debtors.error();
  outcome.debtors = *imported_debtors;
  auto imported_clients = (*store)->ImportClients(*clients, {ocmw});
  if (!imported_clients) return imported_clients.error();
  outcome.clients = *imported_clients;

  // 4. Exact matching on the blind index, probable matches on name and address into the
  //    review queue, then what the OCMW records in the weeks after.
  auto matched = matching::MatchExact(**store, ocmw, context.today);
  if (!matched) return matched.error();
  outcome.match = *matched;
  auto probable = matching::QueueProbableMatches(**store, ocmw, context.today);
  if (!probable) return probable.error();
  outcome.probable = *probable;
  Status reviewed = CheckReviewAgainstTruth(**store, *truth, outcome);
  if (!reviewed) return reviewed;
  Status followed = SimulateFollowUp(**store, context, outcome);
  if (!followed) return followed;

  // 5. The exports for the finance application, the check against the ground truth, and
  //    the access log's own verification.
  Status exported = WriteExports(**store, context, paths, city, outcome);
  if (!exported) return exported;
  Status checked = CheckAgainstTruth(**store, *truth, city, outcome);
  if (!checked) return checked;
  auto verification = (*store)->access_log().Verify();
  if (!verification) return verification.error();
  outcome.log_entries = verification->entries_checked;
  outcome.log_intact = verification->ok();

  // 6. One account per role, so the web application can be tried on this database.
  Status accounts = AddDemoAccounts(**store);
  if (!accounts) return accounts;

  const std::string summary = RenderSummary(context, paths, outcome);
  Status written = WriteOwnerOnlyFile(paths.root / "samenvatting.txt", summary);
  if (!written) return written;
  context.out << summary;
  spdlog::info("demo finished: debtors={} clients={} paused={}", outcome.debtors.rows_imported,
               outcome.clients.rows_imported, outcome.match.paused);
  return Status::Ok();
}

struct GenerateArguments {
  std::string debtor_file;
  std::string client_file;
  std::uint64_t seed = 20261204;
  std::size_t debtors = 1000;
  std::size_t clients = 1000;
  double overlap = 0.1;
  bool clean = false;
};

demo::FileFormat FormatOf(const std::string& file) {
  return fs::path(file).extension() == ".xlsx" ? demo::FileFormat::kXlsx : demo::FileFormat::kCsv;
}

// Writes the lists only, for benchmarks and for trying the import by hand.
Status RunGenerate(const GenerateArguments& arguments, CliContext& context) {
  demo::DemoOptions options = demo::RealisticOptions(arguments.seed, context.today);
  options.debtors = arguments.debtors;
  options.clients = arguments.clients;
  options.overlap = arguments.overlap;
  options.record_rows = false;
  options.debtor_list.format = FormatOf(arguments.debtor_file);
  options.client_list.format = FormatOf(arguments.client_file);
  if (arguments.clean) {
    // A clean export: UTF-8, no damage, no stray columns, as a benchmark input.
    for (demo::ListOptions* list : {&options.debtor_list, &options.client_list}) {
      list->damage = demo::DamageRates::None();
      list->stray_columns = false;
      list->title_line = false;
      list->windows_1252 = false;
      list->byte_order_mark = true;
    }
  }
  for (demo::ListOptions* list : {&options.debtor_list, &options.client_list}) {
    list->xlsx_constant_memory = true;
  }
  auto truth = demo::GenerateDemo(options, arguments.debtor_file, arguments.client_file);
  if (!truth) return truth.error();
  context.out << context.Text("demo.generate.done", truth->debtors.data_rows, truth->clients.data_rows,
                              truth->people_on_both_lists)
              << '\n';
  return Status::Ok();
}

}  // namespace

void RegisterGenerateCommand(CLI::App& app, CliContext& context) {
  auto arguments = std::make_shared<GenerateArguments>();
  CLI::App* generate = app.add_subcommand("generate", "Schrijf fictieve debiteuren- en cliëntenlijsten (CSV of XLSX)");
  generate->add_option("--debtor-file", arguments->debtor_file, "Debiteurenlijst (.csv of .xlsx); leeg: niet schrijven");
  generate->add_option("--client-file", arguments->client_file, "Cliëntenlijst (.csv of .xlsx); leeg: niet schrijven");
  generate->add_option("--seed", arguments->seed, "Startwaarde van de generator");
  generate->add_option("--debtors", arguments->debtors, "Aantal debiteuren")->check(CLI::Range(1, 5000000));
  generate->add_option("--clients", arguments->clients, "Aantal cliënten")->check(CLI::Range(1, 5000000));
  generate->add_option("--overlap", arguments->overlap, "Aandeel debiteuren dat cliënt is (0 tot 1)")
      ->check(CLI::Range(0.0, 1.0));
  generate->add_flag("--clean", arguments->clean, "Zonder beschadigingen en extra kolommen");
  generate->callback([arguments, &context] {
    Status status = RunGenerate(*arguments, context);
    if (!status) context.Fail(status.error());
  });
}

void RegisterDemoCommands(CLI::App& app, CliContext& context) {
  auto arguments = std::make_shared<DemoArguments>();
  CLI::App* demo = app.add_subcommand(
      "demo", "Genereer fictieve lijsten, laad ze op, zoek de cliënten en schrijf de exports en een samenvatting");
  demo->add_option("--dir", arguments->dir, "Map voor de demo (standaard demo-out)");
  demo->add_option("--seed", arguments->seed, "Startwaarde van de generator (zelfde waarde, zelfde lijsten)");
  demo->add_option("--debtors", arguments->debtors, "Aantal debiteuren")->check(CLI::Range(1, 5000000));
  demo->add_option("--clients", arguments->clients, "Aantal cliënten")->check(CLI::Range(1, 5000000));
  demo->add_option("--overlap", arguments->overlap, "Aandeel debiteuren dat cliënt is (0 tot 1)")
      ->check(CLI::Range(0.0, 1.0));
  demo->add_option("--protocol", arguments->protocol, "Protocolbestand dat de demo laadt (standaard running-year.toml)");
  demo->callback([arguments, &context] {
    Status status = RunDemo(*arguments, context);
    if (!status) context.Fail(status.error());
  });
}

}  // namespace adempauze::cli
