// Retention for the data protection officer: the dry run (what would be deleted), the run
// itself after a confirmation by protocol id, and the signed attestations to download.
//
// The run happens inside the server: store::RunRetention opens its own connection, so the
// server first closes its own (App::RunWithStoreClosed) and opens the store again with
// the shredded key file afterwards. The server's copy of the destroyed keys is wiped with
// the old connection, and no reader of this process keeps the WAL from being truncated.
// NOTE: another process with the database open (a second server, a CLI command) keeps its
// copy of the keys in memory until it exits, and an open reader there can keep the WAL
// file from being truncated. The page tells the officer to stop such processes first.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "adempauze/store/protocol_state.h"
#include "adempauze/store/retention.h"
#include "web/officer_common.h"

namespace adempauze::web {
namespace {

const auth::RoleSet kOfficer{auth::Role::kOfficer};
constexpr int kDefaultLogRetentionYears = 10;

// Returns the path of the attestation of a run on `date`, where `adempauze retention run`
// writes it by default.
std::filesystem::path AttestationPath(const ServerConfig& config, const std::string& date) {
  return config.db_path + ".attestation-" + date + ".json";
}

// Returns the dates of the attestations next to the database, newest first.
std::vector<std::string> AttestationDates(const ServerConfig& config) {
  const std::filesystem::path database(config.db_path);
  const std::regex pattern(R"((\d{4}-\d{2}-\d{2})\.json)");
  const std::string prefix = database.filename().string() + ".attestation-";
  std::vector<std::string> dates;
  std::error_code error;
  std::filesystem::path folder = database.parent_path().empty() ? "." : database.parent_path();
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    const std::string name = entry.path().filename().string();
    std::smatch match;
    const std::string rest = name.rfind(prefix, 0) == 0 ? name.substr(prefix.size()) : std::string();
    if (std::regex_match(rest, match, pattern)) dates.push_back(match[1].str());
  }
  std::sort(dates.rbegin(), dates.rend());
  return dates;
}

// The protocol facts the page needs, when the protocol text can still be read.
struct ProtocolFacts {
  std::string id;
  CivilDate end;
  CivilDate deletion_deadline;
  int log_retention_years = kDefaultLogRetentionYears;
};

std::optional<ProtocolFacts> ReadProtocolFacts(store::Store& store) {
  Result<store::ExchangeState> state = store::ReadExchangeState(store);
  if (!state.ok() || !state->installed) return std::nullopt;
  const protocol::Protocol& in_force = state->installed->protocol;
  return ProtocolFacts{in_force.id(), in_force.Period().end, in_force.DeletionDeadline(),
                       in_force.definition().retention.access_log_years};
}

store::RetentionOptions Options(RequestContext& context, const std::optional<ProtocolFacts>& facts) {
  store::RetentionOptions options;
  options.actor = context.Actor("retention");
  options.today = context.Today();
  options.log_retention_years = facts ? facts->log_retention_years : kDefaultLogRetentionYears;
  options.attestation_path = AttestationPath(context.app().config(), context.Today().ToIso());
  return options;
}

nlohmann::json PlanView(const RequestContext& context, const store::RetentionReport& plan, int log_years) {
  nlohmann::json tables = nlohmann::json::array();
  for (const auto& [table, rows] : plan.rows_deleted) tables.push_back({{"table", table}, {"rows", rows}});
  return {{"tables", tables},
          {"keys", plan.keys_destroyed},
          {"figures", plan.figures.size()},
          {"log", context.Text("retention.cli.log", plan.log_entries, plan.log_entries_past_retention, log_years)}};
}

// Renders the retention page: the state, the dry run while the keys exist, the run form
// when the protocol can confirm it, and the attestations. `extra` adds a form error.
void ShowRetention(RequestContext& context, nlohmann::json extra, int status) {
  const ServerConfig& config = context.app().config();
  nlohmann::json view{{"title", context.Text("web.officer.retention.title")}};
  const std::string done = context.Field("done");
  if (!done.empty()) view["done"] = context.Text("web.officer.retention.done");

  const bool keys_destroyed = !context.store().keys().has_data_key();
  std::optional<ProtocolFacts> facts = ReadProtocolFacts(context.store());
  if (keys_destroyed) {
    view["ran"] = context.Text("web.officer.retention.ran");
  } else {
    // The dry run changes nothing, not even the access log.
    store::RetentionOptions options = Options(context, facts);
    options.order = "dry run";
    options.dry_run = true;
    Result<store::RetentionReport> plan = store::RunRetention(config.db_path, config.KeyFilePath(), options);
    if (!plan.ok()) return officer::FailedCallPage(context, plan.error());
    view["plan"] = PlanView(context, *plan, options.log_retention_years);
  }
  if (facts && !keys_destroyed) {
    const CivilDate today = context.Today();
    view["run"] = {{"protocol_id", facts->id},
                   {"deadline", context.Text("web.officer.retention.deadline", facts->end.ToIso(),
                                             facts->deletion_deadline.ToIso())}};
    if (!(facts->end < today)) view["run"]["in_force"] = context.Text("web.officer.retention.in_force", facts->end.ToIso());
    if (facts->deletion_deadline < today) view["run"]["overdue"] = context.Text("web.officer.retention.overdue");
  }
  view["cli_command"] = fmt::format("adempauze --db {} --as {} retention run --order \"...\"", config.db_path,
                                    context.user ? context.user->username : "fgb");

  nlohmann::json attestations = nlohmann::json::array();
  for (const std::string& date : AttestationDates(config)) {
    attestations.push_back({{"date", date}, {"href", "/officer/retention/attestation/" + date}});
  }
  view["attestations"] = attestations;
  view["has_attestations"] = !attestations.empty();
  if (context.store().keys().has_signing_key()) view["public_key"] = context.store().keys().SigningPublicKeyHex();
  view.update(extra);
  context.Render("officer_retention", view, status);
}

void RetentionPage(RequestContext& context) { ShowRetention(context, nlohmann::json::object(), 200); }

void RunSubmit(RequestContext& context) {
  const std::string order = context.Field("order");
  const std::string confirmation = context.Field("confirm");
  nlohmann::json typed{{"order_input", order}};
  auto reject = [&](int status, const std::string& message) {
    typed["run_error"] = message;
    ShowRetention(context, typed, status);
  };

  // Step 1: the officer names the order and confirms it with the protocol's id.
  std::optional<ProtocolFacts> facts = ReadProtocolFacts(context.store());
  if (!context.store().keys().has_data_key() || !facts) {
    return reject(409, context.Text("web.officer.retention.cannot_run"));
  }
  if (order.find_first_not_of(" \t\r\n") == std::string::npos) {
    return reject(400, context.Text("web.officer.retention.order_required"));
  }
  if (confirmation != facts->id) return reject(400, context.Text("web.officer.retention.confirm_mismatch", facts->id));

  // Step 2: the run, with the server's own connection closed.
  store::RetentionOptions options = Options(context, facts);
  options.order = order;
  const ServerConfig& config = context.app().config();
  std::optional<Result<store::RetentionReport>> report;
  Status reopened = context.app().RunWithStoreClosed(
      [&] { report = store::RunRetention(config.db_path, config.KeyFilePath(), options); });
  if (!reopened.ok()) return context.ErrorPage(500, "web.officer.retention.reopen_failed");
  if (!report->ok()) {
    spdlog::error("web: retention run by user {} failed: {}", context.user->id, report->error().message_key);
    return reject(StatusForError(report->error()), report->error().Render(context.language));
  }
  context.Redirect("/officer/retention?done=1");
}

void AttestationDownload(RequestContext& context) {
  const std::string date = context.PathParam(1);
  if (!CivilDate::FromIso(date)) return context.ErrorPage(404, "web.officer.retention.attestation_missing");
  std::ifstream in(AttestationPath(context.app().config(), date), std::ios::binary);
  if (!in) return context.ErrorPage(404, "web.officer.retention.attestation_missing");
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  context.Download(std::move(body), "application/json", "vernietigingsattest-" + date + ".json");
}

}  // namespace

void AddOfficerRetentionRoutes(std::vector<Route>& routes) {
  routes.push_back(MakeRoute("GET", "/officer/retention", Access::kRoles, kOfficer, RetentionPage,
                             "web.nav.officer.retention", 64));
  routes.push_back(MakeRoute("POST", "/officer/retention/run", Access::kRoles, kOfficer, RunSubmit));
  routes.push_back(MakeRoute("GET", R"(/officer/retention/attestation/(\d{4}-\d{2}-\d{2}))", Access::kRoles, kOfficer,
                             AttestationDownload));
}

}  // namespace adempauze::web
