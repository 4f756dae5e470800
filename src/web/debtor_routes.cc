// Routes of the debtor team (upload, batches, dossiers, downloads for the finance
// application) and of the client-list keeper (client-list upload). The city's pages show
// only the flag of each dossier and its date. The keeper's pages show counts, nothing of
// the city's dossiers.
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <string>

#include <spdlog/spdlog.h>

#include "adempauze/export/flag_table.h"
#include "adempauze/export/writers.h"
#include "adempauze/store/dossier_flag.h"
#include "adempauze/store/dossier_page.h"
#include "adempauze/store/flags.h"
#include "adempauze/store/protocol_state.h"
#include "web/app.h"
#include "web/view.h"
#include "web/debtor_upload.h"

namespace adempauze::web {
namespace {

const auth::RoleSet kDebtorTeam{auth::Role::kDebtorTeam};
const auth::RoleSet kClientListKeeper{auth::Role::kClientListKeeper};

// The flags in the order the screens list them.
constexpr store::DossierFlag kFlags[] = {store::DossierFlag::kNotMatchedYet, store::DossierFlag::kNotClient,
                                         store::DossierFlag::kClientOcmw, store::DossierFlag::kResumeCollection,
                                         store::DossierFlag::kClosed};

std::optional<store::DossierFlag> ParseFlagCode(std::string_view code) {
  for (store::DossierFlag flag : kFlags) {
    if (store::FlagCode(flag) == code) return flag;
  }
  return std::nullopt;
}

std::string FlagLabel(const RequestContext& context, store::DossierFlag flag) {
  return context.Text("web.debtor.flag." + std::string(store::FlagCode(flag)));
}

// Returns the badge style of `flag` in web/static/app.css. The badge's text names the flag,
// so the colour is never the only sign.
std::string_view FlagBadge(store::DossierFlag flag) {
  switch (flag) {
    case store::DossierFlag::kNotMatchedYet: return "status-received";
    case store::DossierFlag::kNotClient: return "flag-none";
    case store::DossierFlag::kClientOcmw: return "flag-pause";
    case store::DossierFlag::kResumeCollection: return "flag-resume";
    case store::DossierFlag::kClosed: return "status-closed";
    case store::DossierFlag::kUnknown: break;
  }
  return "";
}

// ---- Batches -------------------------------------------------------------------------

// Returns the city's debtor batches, newest first. Client lists belong to the OCMW and are
// left out.
Result<std::vector<store::BatchInfo>> DebtorBatches(store::Store& store) {
  Result<std::vector<store::BatchInfo>> batches = store.ListBatches();
  if (!batches.ok()) return batches;
  std::vector<store::BatchInfo> debtors;
  for (auto it = batches->rbegin(); it != batches->rend(); ++it) {
    if (it->kind == "debtors") debtors.push_back(std::move(*it));
  }
  return debtors;
}

void BatchesPage(RequestContext& context) {
  Result<std::vector<store::BatchInfo>> batches = DebtorBatches(context.store());
  if (!batches.ok()) return FailPage(context, batches.error());

  const std::int64_t total = static_cast<std::int64_t>(batches->size());
  const std::int64_t page = PageNumber(context);
  nlohmann::json rows = nlohmann::json::array();
  for (std::int64_t i = (page - 1) * kRowsPerPage; i < std::min(total, page * kRowsPerPage); ++i) {
    const store::BatchInfo& batch = (*batches)[static_cast<std::size_t>(i)];
    Result<std::map<store::DossierFlag, std::int64_t>> counts = store::CountFlagsOfBatch(context.store(), batch.id);
    if (!counts.ok()) return FailPage(context, counts.error());
    std::int64_t dossiers = 0;
    nlohmann::json cells = nlohmann::json::array();
    for (store::DossierFlag flag : kFlags) {
      auto found = counts->find(flag);
      const std::int64_t count = found == counts->end() ? 0 : found->second;
      dossiers += count;
      cells.push_back(count);
    }
    rows.push_back({{"id", batch.id},
                    {"href", "/debtors/batches/" + std::to_string(batch.id)},
                    {"name", batch.display_name},
                    {"imported_at", FormatTimestamp(batch.imported_at, context.language)},
                    {"imported_by", batch.imported_by},
                    {"dossiers", dossiers},
                    {"flag_counts", cells}});
  }
  nlohmann::json headers = nlohmann::json::array();
  for (store::DossierFlag flag : kFlags) headers.push_back(FlagLabel(context, flag));
  context.Render("debtor_batches", {{"title", context.Text("web.debtor.batches.title")},
                                    {"batches", rows},
                                    {"has_batches", !rows.empty()},
                                    {"flag_headers", headers},
                                    {"total", total},
                                    {"pager", PagerView(context, "/debtors/batches", "", page, total)}});
}

// ---- Dossiers of a batch -------------------------------------------------------------

void DossiersPage(RequestContext& context) {
  std::optional<std::int64_t> batch_id = context.PathId(1);
  Result<std::vector<store::BatchInfo>> batches = DebtorBatches(context.store());
  if (!batches.ok()) return FailPage(context, batches.error());
  const store::BatchInfo* batch = nullptr;
  for (const store::BatchInfo& candidate : *batches) {
    if (batch_id && candidate.id == *batch_id) batch = &candidate;
  }
  if (batch == nullptr) return context.ErrorPage(404, "web.error.not_found");

  // Step 1: the filters from the query string. An unknown flag counts as "every flag".
  std::string search = context.request.get_param_value("q");
  search.erase(0, search.find_first_not_of(' '));
  search.erase(search.find_last_not_of(' ') + 1);
  if (search.size() > 64) search.resize(64);
  std::string flag_id = context.request.get_param_value("flag");
  std::optional<store::DossierFlag> flag = ParseFlagCode(flag_id);
  if (!flag) flag_id.clear();
  const std::int64_t page = PageNumber(context);

  // Step 2: one page, logged by the store with the ids shown.
  store::DossierPageQuery query{batch->id, flag, search, (page - 1) * kRowsPerPage, kRowsPerPage};
  Result<store::DossierPage> found = store::ListDossierPage(context.store(), query, context.Actor());
  if (!found.ok()) return FailPage(context, found.error());

  // Step 3: the view: dossier number, flag and its date, never the OCMW's follow-up.
  nlohmann::json rows = nlohmann::json::array();
  for (const store::CityDossier& dossier : found->dossiers) {
    rows.push_back({{"number", dossier.dossier_number},
                    {"flag_label", FlagLabel(context, dossier.flag)},
                    {"badge", std::string(FlagBadge(dossier.flag))},
                    {"since", FormatDate(dossier.flag_since, context.language)},
                    {"since_iso", dossier.flag_since.ToIso()}});
  }
  nlohmann::json flags = nlohmann::json::array();
  for (store::DossierFlag option : kFlags) {
    flags.push_back({{"id", std::string(store::FlagCode(option))},
                     {"label", FlagLabel(context, option)},
                     {"selected", flag && *flag == option}});
  }
  std::string filters = QueryPair("q", search);
  if (!flag_id.empty()) filters += (filters.empty() ? "" : "&") + QueryPair("flag", flag_id);
  const std::string path = "/debtors/batches/" + std::to_string(batch->id);
  context.Render("debtor_dossiers",
                 {{"title", context.Text("web.debtor.dossiers.title", batch->display_name)},
                  {"batch_name", batch->display_name},
                  {"batch_id", batch->id},
                  {"imported_line", context.Text("web.debtor.dossiers.imported_at",
                                                 FormatTimestamp(batch->imported_at, context.language))},
                  {"action", path},
                  {"q", search},
                  {"flags", flags},
                  {"dossiers", rows},
                  {"has_dossiers", !rows.empty()},
                  {"filtered", !search.empty() || flag.has_value()},
                  {"total", found->total},
                  {"pager", PagerView(context, path, filters, page, found->total)}});
}

// ---- Downloads for the finance application -------------------------------------------

void ExportsPage(RequestContext& context) {
  nlohmann::json view{{"title", context.Text("web.debtor.exports.title")}};
  if (std::optional<std::string> notice = ProtocolNotice(context)) view["gate"] = *notice;
  context.Render("debtor_exports", view);
}

// Returns the XLSX bytes of `table`. The writer works on files only, so the workbook goes
// into a private temporary folder that is removed before returning.
Result<std::string> XlsxBytes(const exports::Table& table, const std::string& sheet) {
  std::string pattern = (std::filesystem::temp_directory_path() / "adempauze-export-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) return MakeError(ErrorCode::kIo, "web.debtor.exports.temp_failed");
  const std::filesystem::path dir(pattern);
  const std::filesystem::path file = dir / "export.xlsx";
  Result<std::string> bytes = [&]() -> Result<std::string> {
    if (Status written = exports::WriteXlsx(table, file, sheet); !written.ok()) return written.error();
    std::ifstream in(file, std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) return MakeError(ErrorCode::kIo, "web.debtor.exports.temp_failed");
    return content;
  }();
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return bytes;
}

void DownloadFlagList(RequestContext& context) {
  const store::FlagList list = context.PathParam(1) == "pause" ? store::FlagList::kPause : store::FlagList::kResume;
  const bool xlsx = context.PathParam(2) == "xlsx";
  const store::Actor actor = context.Actor();

  // Step 1: the protocol gate "export", which logs a rejection.
  Result<protocol::Protocol> in_force =
      store::AuthorizeExchange(context.store(), store::Exchange::kExport, actor, context.Today());
  if (!in_force.ok()) {
    spdlog::info("web: export rejected by the protocol gate: {} (request {})", in_force.error().message_key,
                 context.request_id);
    return context.ErrorPage(409, in_force.error().message_key, in_force.error().args);
  }

  // Step 2: the same rows as `adempauze export`, logged as an export by the store.
  Result<std::vector<store::FlaggedDossier>> flagged = store::ListFlaggedDossiers(context.store(), list, actor);
  if (!flagged.ok()) return FailPage(context, flagged.error());
  const exports::Table table = exports::MakeFlagTable(*flagged, list, context.language, in_force->FollowUpDays());

  // Step 3: the bytes, never written anywhere but a private temporary folder.
  Result<std::string> bytes = xlsx ? XlsxBytes(table, exports::FlagSheetName(list, context.language))
                                   : exports::CsvBytes(table);
  if (!bytes.ok()) return FailPage(context, bytes.error());
  const std::string stem = context.Text(list == store::FlagList::kPause ? "web.debtor.exports.file_pause"
                                                                        : "web.debtor.exports.file_resume",
                                        context.Today().ToIso());
  context.Download(std::move(bytes).value(),
                   xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        : "text/csv; charset=utf-8",
                   stem + (xlsx ? ".xlsx" : ".csv"));
}

}  // namespace

void AddDebtorTeamRoutes(std::vector<Route>& routes) {
  // The debtor team (city).
  routes.push_back(MakeRoute("GET", "/debtors/upload", Access::kRoles, kDebtorTeam,
                             [](RequestContext& c) { ShowUploadForm(c, UploadKind::kDebtors); },
                             "web.debtor.nav.upload", 10));
  routes.push_back(MakeRoute("POST", "/debtors/upload", Access::kRoles, kDebtorTeam,
                             [](RequestContext& c) { HandleUpload(c, UploadKind::kDebtors); }));
  routes.push_back(MakeRoute("GET", R"(/debtors/reports/(\d+))", Access::kRoles, kDebtorTeam,
                             [](RequestContext& c) { ShowUploadReport(c, UploadKind::kDebtors); }));
  routes.push_back(MakeRoute("GET", R"(/debtors/reports/(\d+)\.csv)", Access::kRoles, kDebtorTeam,
                             [](RequestContext& c) { DownloadUploadReport(c, UploadKind::kDebtors); }));
  routes.push_back(MakeRoute("GET", "/debtors/batches", Access::kRoles, kDebtorTeam, BatchesPage,
                             "web.debtor.nav.batches", 20));
  routes.push_back(MakeRoute("GET", R"(/debtors/batches/(\d+))", Access::kRoles, kDebtorTeam, DossiersPage));
  routes.push_back(MakeRoute("GET", "/debtors/exports", Access::kRoles, kDebtorTeam, ExportsPage,
                             "web.debtor.nav.exports", 30));
  routes.push_back(MakeRoute("GET", R"(/debtors/exports/(pause|resume)\.(csv|xlsx))", Access::kRoles, kDebtorTeam,
                             DownloadFlagList));

  // The client-list keeper (OCMW).
  routes.push_back(MakeRoute("GET", "/client-list/upload", Access::kRoles, kClientListKeeper,
                             [](RequestContext& c) { ShowUploadForm(c, UploadKind::kClients); },
                             "web.debtor.nav.client_upload", 40));
  routes.push_back(MakeRoute("POST", "/client-list/upload", Access::kRoles, kClientListKeeper,
                             [](RequestContext& c) { HandleUpload(c, UploadKind::kClients); }));
  routes.push_back(MakeRoute("GET", R"(/client-list/reports/(\d+))", Access::kRoles, kClientListKeeper,
                             [](RequestContext& c) { ShowUploadReport(c, UploadKind::kClients); }));
  routes.push_back(MakeRoute("GET", R"(/client-list/reports/(\d+)\.csv)", Access::kRoles, kClientListKeeper,
                             [](RequestContext& c) { DownloadUploadReport(c, UploadKind::kClients); }));
}

}  // namespace adempauze::web
