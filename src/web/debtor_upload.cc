#include "web/debtor_upload.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "adempauze/ingest/ingest.h"
#include "adempauze/matching/exact.h"
#include "adempauze/matching/probable.h"
#include "adempauze/store/protocol_state.h"
#include "adempauze/store/upload_reports.h"
#include "web/debtor_upload_mapping.h"
#include "web/view.h"

namespace adempauze::web {
namespace {

// Maximum length in bytes of the file name kept as the batch's display name.
constexpr std::size_t kMaxDisplayName = 120;

struct KindInfo {
  std::string_view id;    // the report kind: "debtors" or "clients"
  std::string_view base;  // the path prefix of the kind's pages
  std::string_view title_key;
  store::Exchange exchange;
};

const KindInfo& InfoOf(UploadKind kind) {
  static const KindInfo kDebtors{"debtors", "/debtors", "web.debtor.upload.title", store::Exchange::kImportDebtors};
  static const KindInfo kClients{"clients", "/client-list", "web.debtor.client_upload.title",
                                 store::Exchange::kImportClients};
  return kind == UploadKind::kDebtors ? kDebtors : kClients;
}

// The uploaded bytes in a file that only this process's user can read (mkstemp creates it
// with mode 0600), because ingest reads lists from a path. The destructor removes it, on
// every path out of the handler.
class TempUpload {
 public:
  static Result<TempUpload> Write(std::string_view bytes) {
    std::string pattern = (std::filesystem::temp_directory_path() / "adempauze-upload-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) return MakeError(ErrorCode::kIo, "web.debtor.upload.temp_failed");
    TempUpload file(pattern);
    std::size_t written = 0;
    while (written < bytes.size()) {
      const ssize_t count = ::write(fd, bytes.data() + written, bytes.size() - written);
      if (count < 0 && errno == EINTR) continue;
      if (count <= 0) break;
      written += static_cast<std::size_t>(count);
    }
    const bool closed = ::close(fd) == 0;
    if (written != bytes.size() || !closed) return MakeError(ErrorCode::kIo, "web.debtor.upload.temp_failed");
    return file;
  }

  TempUpload(TempUpload&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  TempUpload& operator=(TempUpload&&) = delete;
  TempUpload(const TempUpload&) = delete;
  TempUpload& operator=(const TempUpload&) = delete;
  ~TempUpload() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove(path_, ignored);
  }

  const std::filesystem::path& path() const { return path_; }

 private:
  explicit TempUpload(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
};

// Returns the uploaded file's name without folders and control characters, cut to
// kMaxDisplayName bytes at a UTF-8 character boundary; "upload" when nothing is left.
std::string DisplayName(const std::string& filename) {
  std::string name = filename.substr(filename.find_last_of("/\\") == std::string::npos
                                         ? 0
                                         : filename.find_last_of("/\\") + 1);
  std::string clean;
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte != 0x7f) clean += c;
  }
  if (clean.size() > kMaxDisplayName) {
    std::size_t cut = kMaxDisplayName;
    while (cut > 0 && (static_cast<unsigned char>(clean[cut]) & 0xC0) == 0x80) --cut;
    clean.resize(cut);
  }
  return clean.empty() ? "upload" : clean;
}

std::string Trimmed(std::string text) {
  text.erase(0, text.find_first_not_of(" \t\r\n"));
  text.erase(text.find_last_not_of(" \t\r\n") + 1);
  return text;
}

// ---- The report document: what SaveUploadReport keeps, in JSON ------------------------

constexpr std::pair<ingest::Severity, std::string_view> kSeverities[] = {
    {ingest::Severity::kRejected, "rejected"},
    {ingest::Severity::kRepaired, "repaired"},
    {ingest::Severity::kWarning, "warning"},
    {ingest::Severity::kColumnDropped, "column_dropped"},
    {ingest::Severity::kFileError, "file_error"},
};

std::string_view SeverityId(ingest::Severity severity) {
  for (const auto& [value, id] : kSeverities) {
    if (value == severity) return id;
  }
  return "warning";
}

ingest::Severity SeverityOf(std::string_view id) {
  for (const auto& [value, name] : kSeverities) {
    if (name == id) return value;
  }
  return ingest::Severity::kWarning;
}

nlohmann::json ErrorJson(const Error& error) { return {{"key", error.message_key}, {"args", error.args}}; }

// Renders a kept error or report entry with its web text (WebMessageKey). The document keeps
// the usual key, as the CLI's report would.
std::string RenderErrorJson(const nlohmann::json& error, Language language) {
  Error rendered{ErrorCode::kInternal, error.value("key", std::string()),
                 error.value("args", std::vector<std::string>()), {}};
  return WebError(std::move(rendered)).Render(language);
}

template <typename List>
nlohmann::json ReportDocument(const List& list, bool strict) {
  const ingest::ValidationReport& report = list.report;
  nlohmann::json entries = nlohmann::json::array();
  for (const ingest::ReportEntry& entry : report.entries()) {
    entries.push_back({{"file", entry.file},
                       {"row", entry.row},
                       {"column", entry.column},
                       {"value", entry.masked_value},
                       {"severity", SeverityId(entry.severity)},
                       {"key", entry.message_key},
                       {"args", entry.args}});
  }
  nlohmann::json counts{{"rows_read", list.rows_read},
                        {"rows_accepted", list.rows.size()},
                        {"rows_imported", 0},
                        {"rows_rejected", report.Count(ingest::Severity::kRejected)},
                        {"rows_repaired", report.Count(ingest::Severity::kRepaired)},
                        {"rows_warned", report.Count(ingest::Severity::kWarning)},
                        {"columns_dropped", report.Count(ingest::Severity::kColumnDropped)}};
  return {{"file", list.source_name}, {"strict", strict}, {"counts", counts}, {"entries", entries}};
}

// Rebuilds the ingest report, so the download has the columns and lines the CLI writes. An
// entry whose usual text names a command-line option gets its web text, as on the page.
ingest::ValidationReport ReportOf(const nlohmann::json& document) {
  ingest::ValidationReport report;
  for (const nlohmann::json& entry : document.value("entries", nlohmann::json::array())) {
    report.Add({entry.value("file", std::string()), entry.value("row", std::size_t{0}),
                entry.value("column", std::string()), entry.value("value", std::string()),
                SeverityOf(entry.value("severity", std::string())),
                std::string(WebMessageKey(entry.value("key", std::string()))),
                entry.value("args", std::vector<std::string>())});
  }
  return report;
}

// Runs `adempauze match` for the dossiers that wait for it: exact matching, then the
// probable matches into the review queue. Returns the counts, or the error of the step that
// failed; the import stays either way.
nlohmann::json RunMatching(RequestContext& context, const store::Actor& actor) {
  Result<protocol::Protocol> in_force =
      store::AuthorizeExchange(context.store(), store::Exchange::kMatch, actor, context.Today());
  if (!in_force.ok()) return {{"error", ErrorJson(in_force.error())}};
  matching::MatchOptions options;
  options.workflow.follow_up_days = in_force->FollowUpDays();
  Result<matching::MatchSummary> exact = matching::MatchExact(context.store(), actor, context.Today(), options);
  if (!exact.ok()) return {{"error", ErrorJson(exact.error())}};
  nlohmann::json result{{"considered", exact->considered},         {"paused", exact->paused},
                        {"became_client", exact->became_client},   {"not_client", exact->not_client},
                        {"still_not_client", exact->still_not_client}, {"without_number", exact->without_number}};

  Result<matching::ProbableSummary> probable = matching::QueueProbableMatches(context.store(), actor, context.Today());
  if (!probable.ok()) {
    result["probable_error"] = ErrorJson(probable.error());
  } else {
    result["proposed"] = probable->proposed;
    result["queued"] = probable->queued;
    result["pending"] = probable->pending;
  }
  return result;
}

// ---- Views ---------------------------------------------------------------------------

// The entries of one page of the report, with the texts the CLI report uses.
nlohmann::json EntriesView(const RequestContext& context, const nlohmann::json& document, std::int64_t page) {
  const nlohmann::json& entries = document["entries"];
  nlohmann::json rows = nlohmann::json::array();
  const std::int64_t first = (page - 1) * kRowsPerPage;
  for (std::int64_t i = first; i < first + kRowsPerPage && i < static_cast<std::int64_t>(entries.size()); ++i) {
    const nlohmann::json& entry = entries[static_cast<std::size_t>(i)];
    const std::string severity = entry.value("severity", std::string("warning"));
    const std::size_t row = entry.value("row", std::size_t{0});
    rows.push_back({{"row", row == 0 ? std::string("—") : std::to_string(row)},
                    {"column", entry.value("column", std::string())},
                    {"value", entry.value("value", std::string())},
                    {"severity", severity},
                    {"severity_label", std::string(LookupMessage(context.language, "ingest.severity." + severity))},
                    {"message", RenderErrorJson(entry, context.language)}});
  }
  return rows;
}

nlohmann::json CountsView(const RequestContext& context, const nlohmann::json& counts) {
  nlohmann::json rows = nlohmann::json::array();
  for (const char* name : {"rows_read", "rows_imported", "rows_rejected", "rows_repaired", "rows_warned",
                           "columns_dropped", "rows_without_valid_number", "clients_replaced"}) {
    if (!counts.contains(name)) continue;
    rows.push_back({{"label", context.Text(std::string("web.debtor.count.") + name)}, {"value", counts[name]}});
  }
  return rows;
}

nlohmann::json MatchView(const RequestContext& context, const nlohmann::json& match) {
  nlohmann::json view = nlohmann::json::object();
  // The keys differ from the page's own "error", which a mustache section would fall back to.
  if (match.contains("error")) {
    view["match_error"] = context.Text("web.debtor.match.failed", RenderErrorJson(match["error"], context.language));
    return view;
  }
  nlohmann::json rows = nlohmann::json::array();
  for (const char* name : {"considered", "paused", "became_client", "not_client", "still_not_client",
                           "without_number", "queued", "pending"}) {
    if (!match.contains(name)) continue;
    rows.push_back({{"label", context.Text(std::string("web.debtor.match.") + name)}, {"value", match[name]}});
  }
  view["has_rows"] = !rows.empty();
  view["rows"] = rows;
  if (match.contains("probable_error")) {
    view["probable_error"] =
        context.Text("web.debtor.match.probable_failed", RenderErrorJson(match["probable_error"], context.language));
  }
  return view;
}

// The report part of a page: counts, matching, the entries of `page` and the download link.
nlohmann::json ReportView(const RequestContext& context, UploadKind kind, const nlohmann::json& document,
                          std::optional<std::int64_t> report_id, std::int64_t page) {
  const KindInfo& info = InfoOf(kind);
  const std::int64_t total = static_cast<std::int64_t>(document["entries"].size());
  nlohmann::json view{{"file", document.value("file", std::string())},
                      {"counts", CountsView(context, document["counts"])},
                      {"entries", EntriesView(context, document, page)},
                      {"has_entries", total > 0},
                      {"entry_count", total}};
  if (document.contains("match")) view["match"] = MatchView(context, document["match"]);
  if (report_id) {
    const std::string path = std::string(info.base) + "/reports/" + std::to_string(*report_id);
    view["download"] = path + ".csv";
    view["pager"] = PagerView(context, path, "", page, total);
  }
  return view;
}

// The message above the form when an upload failed.
struct FormError {
  std::string text;
  // The protocol gate rejected the upload: the notice would repeat the same text.
  bool from_protocol_gate = false;
  // The column mapping can fix it: the mapping part opens and the message links to it.
  bool about_columns = false;
};

// The form, with an error message and the report of a refused upload when there is one.
void RenderForm(RequestContext& context, UploadKind kind, const FormError& error, nlohmann::json report,
                int status) {
  const KindInfo& info = InfoOf(kind);
  nlohmann::json view{{"title", context.Text(info.title_key)},
                      {"debtors", kind == UploadKind::kDebtors},
                      {"clients", kind == UploadKind::kClients},
                      {"action", std::string(info.base) + "/upload"},
                      {"file_hint", context.Text("web.debtor.upload.file_hint",
                                                 context.app().config().max_upload_bytes / (1024 * 1024))},
                      {"sheet", Trimmed(context.Field("sheet"))},
                      {"strict", context.Field("strict") == "1"},
                      {"mapping", MappingView(context, kind)},
                      {"mapping_open", error.about_columns || HasMappingInput(context, kind)},
                      {"error_mapping", error.about_columns}};
  if (!error.text.empty()) view["error"] = error.text;
  if (!report.is_null()) view["report"] = std::move(report);

  // The form warns in advance when the protocol would reject the upload. The post checks and
  // logs the rejection itself, and then its error repeats the warning's text.
  if (!error.from_protocol_gate) {
    if (std::optional<std::string> notice = ProtocolNotice(context)) view["gate"] = *notice;
  }
  context.Render("debtor_upload", view, status);
}

Result<std::int64_t> SaveReport(RequestContext& context, UploadKind kind, std::string_view outcome,
                                std::optional<std::int64_t> batch_id, const nlohmann::json& document) {
  store::UploadReport report;
  report.kind = std::string(InfoOf(kind).id);
  report.outcome = std::string(outcome);
  report.batch_id = batch_id;
  report.created_by = context.user ? context.user->username : "";
  // A file name from the request may be invalid UTF-8; dump() would throw on it.
  report.content = document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return store::SaveUploadReport(context.store(), report);
}

// The pipeline shared by both lists, as `adempauze import` and `adempauze match` run it.
template <typename List, typename Reader, typename Importer>
void RunUpload(RequestContext& context, UploadKind kind, Reader read, Importer import) {
  const KindInfo& info = InfoOf(kind);
  const store::Actor actor = context.Actor();

  // Step 1: a file must have been chosen. A form without one sends an empty part.
  if (!context.request.has_file("file") || context.request.get_file_value("file").filename.empty()) {
    return RenderForm(context, kind, {context.Text("web.debtor.upload.no_file")}, nullptr, 400);
  }
  const httplib::MultipartFormData& upload = context.request.get_file_value("file");

  // Step 2: the protocol must allow the import before the file is read. The gate logs a
  // rejection.
  Result<protocol::Protocol> in_force = store::AuthorizeExchange(context.store(), info.exchange, actor, context.Today());
  if (!in_force.ok()) {
    spdlog::info("web: {} upload rejected by the protocol gate: {} (request {})", info.id, in_force.error().message_key,
                 context.request_id);
    return RenderForm(context, kind, {in_force.error().Render(context.language), true}, nullptr, 409);
  }

  // Step 3: the columns the user mapped by hand, as `--map` takes them.
  Result<ingest::ColumnMapping> mapping = MappingFromForm(context, kind);
  if (!mapping.ok()) {
    return RenderForm(context, kind, {mapping.error().Render(context.language), false, true}, nullptr, 400);
  }

  // Step 4: read and check the rows from a private temporary file, removed right after.
  std::optional<Result<List>> read_list;
  {
    Result<TempUpload> file = TempUpload::Write(upload.content);
    if (!file.ok()) {
      spdlog::error("web: {} upload could not be written to a temporary file (request {})", info.id,
                    context.request_id);
      return RenderForm(context, kind, {file.error().Render(context.language)}, nullptr, 500);
    }
    ingest::IngestOptions options{DisplayName(upload.filename), Trimmed(context.Field("sheet")), *mapping,
                                  context.Today(), ingest::Encoding::kAuto};
    read_list.emplace(read(file->path(), options));
  }
  Result<List>& list = *read_list;
  if (!list.ok()) {
    // Whatever is wrong with the file as a whole is the user's to fix: a 400 with the reason.
    spdlog::info("web: {} upload unreadable: {} (request {})", info.id, list.error().message_key, context.request_id);
    const std::string reason = WebError(list.error()).Render(context.language);
    return RenderForm(context, kind,
                      {context.Text("web.debtor.upload.file_error", reason), false, MappingCanFix(list.error())},
                      nullptr, 400);
  }

  // Step 5: store everything or nothing. A refusal keeps its report for the download.
  const bool strict = context.Field("strict") == "1";
  nlohmann::json document = ReportDocument(*list, strict);
  Result<store::ImportSummary> summary = import(context.store(), *list, store::ImportOptions{actor, strict, {}});
  if (!summary.ok()) {
    spdlog::info("web: {} upload not imported: {} (request {})", info.id, summary.error().message_key,
                 context.request_id);
    document["error"] = ErrorJson(summary.error());
    Result<std::int64_t> id = SaveReport(context, kind, "refused", std::nullopt, document);
    if (!id.ok()) {
      spdlog::error("web: saving the report of a refused upload failed: {} (request {})", id.error().message_key,
                    context.request_id);
    }
    std::string message =
        context.Text("web.debtor.upload.refused", WebError(summary.error()).Render(context.language));
    return RenderForm(context, kind, {message},
                      ReportView(context, kind, document, id.ok() ? std::optional(*id) : std::nullopt, 1),
                      StatusForError(summary.error()));
  }
  document["batch_id"] = summary->batch_id;
  document["counts"]["rows_imported"] = summary->rows_imported;
  document["counts"]["rows_without_valid_number"] = summary->rows_without_valid_number;
  if (kind == UploadKind::kClients) document["counts"]["clients_replaced"] = summary->clients_replaced;

  // Step 6: match the dossiers that wait for it, as `adempauze match` does.
  document["match"] = RunMatching(context, actor);

  // Step 7: keep the report and show it on its own page, so a reload repeats nothing.
  Result<std::int64_t> id = SaveReport(context, kind, "imported", summary->batch_id, document);
  if (!id.ok()) {
    spdlog::error("web: batch {} was imported but saving its report failed: {} (request {})", summary->batch_id,
                  id.error().message_key, context.request_id);
    return context.ErrorPage(500, "web.debtor.upload.report_not_kept", {std::to_string(summary->batch_id)});
  }
  context.Redirect(std::string(info.base) + "/reports/" + std::to_string(*id));
}

// Reads report PathId(1) for its uploader, or sends the error page and returns nullopt.
// Another user's report, or one of the other kind, is "not found" rather than "forbidden",
// so its existence is not revealed, and its content is not read.
std::optional<std::pair<store::UploadReport, nlohmann::json>> ReadOwnReport(RequestContext& context,
                                                                            UploadKind kind) {
  std::optional<std::int64_t> id = context.PathId(1);
  if (!id) {
    context.ErrorPage(404, "web.error.not_found");
    return std::nullopt;
  }
  const std::string uploader = context.user ? context.user->username : "";
  Result<store::UploadReport> report =
      store::ReadUploadReport(context.store(), *id, InfoOf(kind).id, uploader, context.Actor());
  if (!report.ok()) {
    FailPage(context, report.error());
    return std::nullopt;
  }
  nlohmann::json document = nlohmann::json::parse(report->content, nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    spdlog::error("web: upload report {} is not a JSON object (request {})", *id, context.request_id);
    context.ErrorPage(500, "web.error.internal");
    return std::nullopt;
  }
  if (!document.contains("entries")) document["entries"] = nlohmann::json::array();
  if (!document.contains("counts")) document["counts"] = nlohmann::json::object();
  return std::make_pair(std::move(report).value(), std::move(document));
}

}  // namespace

void ShowUploadForm(RequestContext& context, UploadKind kind) { RenderForm(context, kind, {}, nullptr, 200); }

void HandleUpload(RequestContext& context, UploadKind kind) {
  if (kind == UploadKind::kDebtors) {
    RunUpload<ingest::DebtorList>(context, kind, ingest::ReadDebtorList,
                                  [](store::Store& store, const ingest::DebtorList& list,
                                     const store::ImportOptions& options) { return store.ImportDebtors(list, options); });
  } else {
    RunUpload<ingest::ClientList>(context, kind, ingest::ReadClientList,
                                  [](store::Store& store, const ingest::ClientList& list,
                                     const store::ImportOptions& options) { return store.ImportClients(list, options); });
  }
}

void ShowUploadReport(RequestContext& context, UploadKind kind) {
  auto found = ReadOwnReport(context, kind);
  if (!found) return;
  const auto& [report, document] = *found;
  nlohmann::json view{{"title", context.Text("web.debtor.report.title")},
                      {"debtors", kind == UploadKind::kDebtors},
                      {"clients", kind == UploadKind::kClients},
                      {"created_at", FormatTimestamp(report.created_at, context.language)},
                      {"upload_again", std::string(InfoOf(kind).base) + "/upload"},
                      {"report", ReportView(context, kind, document, report.id, PageNumber(context))}};
  if (report.outcome == "imported" && report.batch_id) {
    view["imported"] = context.Text(kind == UploadKind::kDebtors ? "web.debtor.report.imported_batch"
                                                                 : "web.debtor.report.imported_clients",
                                    *report.batch_id);
    if (kind == UploadKind::kDebtors) view["batch_href"] = "/debtors/batches/" + std::to_string(*report.batch_id);
  } else if (document.contains("error")) {
    view["refused"] = context.Text("web.debtor.upload.refused", RenderErrorJson(document["error"], context.language));
  }
  context.Render("debtor_report", view);
}

void DownloadUploadReport(RequestContext& context, UploadKind kind) {
  auto found = ReadOwnReport(context, kind);
  if (!found) return;
  const auto& [report, document] = *found;
  context.Download(ReportOf(document).ToCsv(context.language), "text/csv; charset=utf-8",
                   context.Text("web.debtor.report.file_name", report.id));
}

}  // namespace adempauze::web
