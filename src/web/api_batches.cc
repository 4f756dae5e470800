// POST /api/v1/batches: a debtor list from the finance application, imported and matched
// as one recorded job (docs/formats/api.md, "Batches and jobs").
//
// The job runs inside the request, under the store lock like every other request, and is
// recorded in api_jobs before and after. A worker thread would not run it sooner, because
// it would wait for the same lock, and a job queued in process memory would be lost with
// the process. Clients poll GET /api/v1/jobs/{id} all the same, so a later runner outside
// the request keeps this contract.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "adempauze/ingest/ingest.h"
#include "adempauze/matching/exact.h"
#include "adempauze/matching/probable.h"
#include "adempauze/store/dossier_flag.h"
#include "adempauze/store/protocol_state.h"
#include "web/api.h"

namespace adempauze::web {
namespace {

constexpr std::string_view kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
// The report entries kept in a job's result; the counts always cover the whole report.
constexpr std::size_t kReportEntriesKept = 1000;
constexpr std::size_t kMaxJsonColumns = 50;
constexpr std::size_t kMaxKeyBytes = 100;
constexpr std::size_t kMaxNameBytes = 200;

// An upload, checked and ready for the ingest module.
struct Upload {
  std::string bytes;  // CSV or XLSX
  ingest::IngestOptions options;
  bool strict = false;
};

// Returns the media type of the request in lower case, without its parameters.
std::string MediaType(const httplib::Request& request) {
  std::string type = request.get_header_value("Content-Type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type;
}

bool HasControlCharacter(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  }
  return false;
}

// Quotes every field (RFC 4180), so a value with ';', a quote or a line break stays one field.
void AppendCsvField(std::string& csv, std::string_view value) {
  csv += '"';
  for (char c : value) {
    if (c == '"') csv += '"';
    csv += c;
  }
  csv += '"';
}

// Converts {"rows": [{"dossier_number": "...", ...}]} into a CSV text and a column mapping,
// so JSON rows pass the same checks as an uploaded file: keys that name a protocol field
// (ingest::ParseFieldName) are mapped to it, every other key becomes a column that ingest
// drops and reports. Sends a 400 JSON error and returns false for a malformed body.
bool RowsToCsv(RequestContext& context, const nlohmann::json& body, Upload& upload) {
  const nlohmann::json* rows = body.contains("rows") ? &body.at("rows") : nullptr;
  if (rows == nullptr || !rows->is_array() || rows->empty()) {
    context.JsonError(400, "web.api.batch.rows_missing");
    return false;
  }

  // Step 1: the columns, in the order their keys first appear.
  std::vector<std::string> keys;
  for (std::size_t index = 0; index < rows->size(); ++index) {
    const nlohmann::json& row = (*rows)[index];
    if (!row.is_object()) {
      context.JsonError(400, "web.api.batch.row_not_object", {std::to_string(index + 1)});
      return false;
    }
    for (const auto& [key, value] : row.items()) {
      if (!value.is_string() && !value.is_null()) {
        context.JsonError(400, "web.api.batch.value_not_text", {std::to_string(index + 1), key});
        return false;
      }
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
      if (key.empty() || key.size() > kMaxKeyBytes || HasControlCharacter(key)) {
        context.JsonError(400, "web.api.batch.key_invalid", {std::to_string(index + 1), std::to_string(kMaxKeyBytes)});
        return false;
      }
      keys.push_back(key);
      if (keys.size() > kMaxJsonColumns) {
        context.JsonError(400, "web.api.batch.too_many_keys", {std::to_string(kMaxJsonColumns)});
        return false;
      }
    }
  }

  // Step 2: the mapping of the keys that name a field; the first key of a field wins.
  for (const std::string& key : keys) {
    std::optional<ingest::Field> field = ingest::ParseFieldName(key);
    if (field && upload.options.mapping.Find(*field) == nullptr) upload.options.mapping.columns.emplace_back(*field, key);
  }

  // Step 3: the header row and one record per row; a missing key or null is an empty field.
  std::string& csv = upload.bytes;
  for (std::size_t column = 0; column < keys.size(); ++column) {
    if (column > 0) csv += ';';
    AppendCsvField(csv, keys[column]);
  }
  csv += "\r\n";
  for (const nlohmann::json& row : *rows) {
    for (std::size_t column = 0; column < keys.size(); ++column) {
      if (column > 0) csv += ';';
      auto found = row.find(keys[column]);
      AppendCsvField(csv, found != row.end() && found->is_string() ? found->get_ref<const std::string&>() : "");
    }
    csv += "\r\n";
  }
  upload.options.encoding = ingest::Encoding::kUtf8;
  return true;
}

// Reads the query parameters name, sheet, encoding, strict and map (repeatable, as
// `--map` of `adempauze import debtors`). Sends a 400 JSON error and returns false for a
// bad value.
bool ReadUploadParameters(RequestContext& context, Upload& upload) {
  const httplib::Request& request = context.request;
  upload.options.display_name = request.get_param_value("name");
  if (upload.options.display_name.size() > kMaxNameBytes || HasControlCharacter(upload.options.display_name)) {
    context.JsonError(400, "web.api.batch.name_invalid", {std::to_string(kMaxNameBytes)});
    return false;
  }
  upload.options.sheet = request.get_param_value("sheet");

  const std::string strict = request.get_param_value("strict");
  if (strict == "true" || strict == "1") {
    upload.strict = true;
  } else if (!strict.empty() && strict != "false" && strict != "0") {
    context.JsonError(400, "web.api.param_invalid", {"strict", strict, "true, false"});
    return false;
  }

  if (request.has_param("encoding")) {
    Result<ingest::Encoding> encoding = ingest::ParseEncoding(request.get_param_value("encoding"));
    if (!encoding.ok()) {
      ApiError(context, encoding.error());
      return false;
    }
    upload.options.encoding = *encoding;
  }

  std::vector<std::string> mappings;
  for (std::size_t i = 0; i < request.get_param_value_count("map"); ++i) {
    mappings.push_back(request.get_param_value("map", i));
  }
  Result<ingest::ColumnMapping> mapping = ingest::ParseColumnMapping(mappings);
  if (!mapping.ok()) {
    ApiError(context, mapping.error());
    return false;
  }
  upload.options.mapping = std::move(mapping).value();
  return true;
}

// Reads the body: CSV or XLSX bytes, or JSON rows. Sends a JSON error (400 or 415) and
// returns false when it cannot be used.
bool ReadUpload(RequestContext& context, Upload& upload) {
  if (!ReadUploadParameters(context, upload)) return false;
  const std::string type = MediaType(context.request);
  if (type == "application/json") {
    std::optional<nlohmann::json> body = ParseJsonBody(context);
    if (!body) return false;
    if (body->contains("name") && (*body)["name"].is_string() && upload.options.display_name.empty()) {
      upload.options.display_name = (*body)["name"].get<std::string>();
      if (upload.options.display_name.size() > kMaxNameBytes || HasControlCharacter(upload.options.display_name)) {
        context.JsonError(400, "web.api.batch.name_invalid", {std::to_string(kMaxNameBytes)});
        return false;
      }
    }
    return RowsToCsv(context, *body, upload);
  }
  if (type != "text/csv" && type != "application/csv" && type != kXlsxType && type != "application/octet-stream") {
    context.JsonError(415, "web.api.batch.content_type", {type.empty() ? "-" : type});
    return false;
  }
  if (context.request.body.empty()) {
    context.JsonError(400, "web.api.batch.empty");
    return false;
  }
  upload.bytes = context.request.body;
  return true;
}

// The upload as a file for the ingest module, which reads files: created with mode 0600
// in the temporary directory and removed when this object goes, whatever happened.
class TemporaryUpload {
 public:
  TemporaryUpload() = default;
  TemporaryUpload(const TemporaryUpload&) = delete;
  TemporaryUpload& operator=(const TemporaryUpload&) = delete;
  ~TemporaryUpload() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }

  // Returns kIo ("common.error.io") when the file cannot be created or written.
  Status Write(std::string_view bytes) {
    std::string pattern = (std::filesystem::temp_directory_path() / "adempauze-api-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) return MakeError(ErrorCode::kIo, "common.error.io", pattern, std::strerror(errno));
    path_ = pattern;
    std::size_t written = 0;
    while (written < bytes.size()) {
      const ssize_t count = ::write(fd, bytes.data() + written, bytes.size() - written);
      if (count < 0 && errno == EINTR) continue;
      if (count <= 0) {
        const int saved = errno;
        ::close(fd);
        return MakeError(ErrorCode::kIo, "common.error.io", path_, std::strerror(saved));
      }
      written += static_cast<std::size_t>(count);
    }
    if (::close(fd) != 0) return MakeError(ErrorCode::kIo, "common.error.io", path_, std::strerror(errno));
    return Status::Ok();
  }

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string_view SeverityCode(ingest::Severity severity) {
  switch (severity) {
    case ingest::Severity::kRejected: return "rejected";
    case ingest::Severity::kRepaired: return "repaired";
    case ingest::Severity::kWarning: return "warning";
    case ingest::Severity::kColumnDropped: return "column_dropped";
    case ingest::Severity::kFileError: return "file_error";
  }
  return "warning";
}

// The report as the job keeps it: row, column, severity, catalog key and arguments. The
// masked value is left out, because the api_jobs table is not encrypted; the arguments of
// ingest's messages are counts, row numbers and column headers.
nlohmann::json ReportJson(const ingest::ValidationReport& report) {
  nlohmann::json entries = nlohmann::json::array();
  for (const ingest::ReportEntry& entry : report.entries()) {
    if (entries.size() == kReportEntriesKept) break;
    entries.push_back({{"row", entry.row == 0 ? nlohmann::json(nullptr) : nlohmann::json(entry.row)},
                       {"column", entry.column},
                       {"severity", SeverityCode(entry.severity)},
                       {"message_key", entry.message_key},
                       {"args", entry.args}});
  }
  return entries;
}

nlohmann::json ErrorJson(const Error& error) { return {{"error", error.message_key}, {"args", error.args}}; }

// Runs the job: read and check the list, import it (all or nothing), match every open
// dossier as `adempauze match` does, and count the new batch's flags. Returns false with
// result["error"] set when a step fails; the result keeps what the earlier steps did.
bool RunBatchJob(store::Store& store, const Upload& upload, const store::Actor& actor, CivilDate today,
                 int follow_up_days, nlohmann::json& result) {
  // Step 1: read and check the rows. The temporary file is removed right after reading.
  Result<ingest::DebtorList> list = [&]() -> Result<ingest::DebtorList> {
    TemporaryUpload file;
    if (Status written = file.Write(upload.bytes); !written.ok()) return written.error();
    return ingest::ReadDebtorList(file.path(), upload.options);
  }();
  if (!list.ok()) {
    result["error"] = ErrorJson(list.error());
    return false;
  }
  const ingest::ValidationReport& report = list->report;
  result["report_counts"] = {{"rejected", report.Count(ingest::Severity::kRejected)},
                             {"repaired", report.Count(ingest::Severity::kRepaired)},
                             {"warning", report.Count(ingest::Severity::kWarning)},
                             {"column_dropped", report.Count(ingest::Severity::kColumnDropped)},
                             {"file_error", report.Count(ingest::Severity::kFileError)}};
  result["report"] = ReportJson(report);
  result["report_truncated"] = report.entries().size() > kReportEntriesKept;

  // Step 2: the import, one transaction.
  Result<store::ImportSummary> summary = store.ImportDebtors(*list, store::ImportOptions{actor, upload.strict, {}});
  if (!summary.ok()) {
    result["error"] = ErrorJson(summary.error());
    return false;
  }
  result["batch_id"] = summary->batch_id;
  result["rows_read"] = summary->rows_read;
  result["rows_imported"] = summary->rows_imported;
  result["rows_rejected"] = summary->rows_rejected;
  result["rows_repaired"] = summary->rows_repaired;
  result["rows_warned"] = summary->rows_warned;
  result["columns_dropped"] = summary->columns_dropped;
  result["rows_without_valid_number"] = summary->rows_without_valid_number;

  // Step 3: exact matching, then probable matches into the OCMW's review queue. A failure
  // here leaves the batch imported; the next upload or `adempauze match` matches it.
  matching::MatchOptions options;
  options.workflow.follow_up_days = follow_up_days;
  Result<matching::MatchSummary> matched = matching::MatchExact(store, actor, today, options);
  if (!matched.ok()) {
    result["error"] = ErrorJson(matched.error());
    return false;
  }
  Result<matching::ProbableSummary> probable = matching::QueueProbableMatches(store, actor, today);
  if (!probable.ok()) {
    result["error"] = ErrorJson(probable.error());
    return false;
  }

  // Step 4: the batch's flags, in the city's terms only.
  Result<std::map<store::DossierFlag, std::int64_t>> counts = store::CountFlagsOfBatch(store, summary->batch_id);
  if (!counts.ok()) {
    result["error"] = ErrorJson(counts.error());
    return false;
  }
  nlohmann::json flags = nlohmann::json::object();
  for (store::DossierFlag flag : {store::DossierFlag::kClientOcmw, store::DossierFlag::kResumeCollection,
                                  store::DossierFlag::kNotClient, store::DossierFlag::kNotMatchedYet,
                                  store::DossierFlag::kClosed}) {
    auto found = counts->find(flag);
    flags[std::string(store::FlagCode(flag))] = found == counts->end() ? 0 : found->second;
  }
  result["flags"] = std::move(flags);
  return true;
}

}  // namespace

void CreateBatch(RequestContext& context, ApiCallRecord& record) {
  // Step 1: the body. A request that cannot be used gets its error before anything is recorded.
  Upload upload;
  if (!ReadUpload(context, upload)) return;
  upload.options.today = context.Today();
  if (upload.options.display_name.empty()) {
    upload.options.display_name = "api:" + context.api_token->name + " " + context.Today().ToIso();
  }

  // Step 2: the protocol must allow both the import and the matching today. The gate logs a
  // refusal itself.
  const store::Actor actor = context.Actor();
  int follow_up_days = 0;
  for (store::Exchange exchange : {store::Exchange::kImportDebtors, store::Exchange::kMatch}) {
    Result<protocol::Protocol> in_force = store::AuthorizeExchange(context.store(), exchange, actor, context.Today());
    if (!in_force.ok()) {
      record.detail = "refused=" + in_force.error().message_key;
      return ApiError(context, in_force.error());
    }
    follow_up_days = in_force->FollowUpDays();
  }

  // Step 3: the job row, then the job itself.
  // NOTE: a process that dies during the job leaves the row in state "running"; nothing
  // closes such rows yet.
  Result<std::int64_t> job = CreateApiJob(context.store(), context.api_token->id);
  if (!job.ok()) return ApiError(context, job.error());
  record.object_type = "api_job";
  record.object_id = std::to_string(*job);
  nlohmann::json result = nlohmann::json::object();
  const bool done = RunBatchJob(context.store(), upload, actor, context.Today(), follow_up_days, result);
  const std::string state = done ? "done" : "failed";
  if (Status finished = FinishApiJob(context.store(), *job, state, result); !finished.ok()) {
    spdlog::error("web: API job {} could not be closed: {}", *job, finished.error().message_key);
    return ApiError(context, finished.error());
  }
  record.detail = "state=" + state + (result.contains("batch_id") ? " batch=" + result["batch_id"].dump() : "");
  spdlog::info("web: API job {} {}", *job, state);

  // Step 4: 202 with the job's address, whatever the job's outcome, because the job records it.
  const std::string href = "/api/v1/jobs/" + std::to_string(*job);
  context.response.set_header("Location", href);
  context.Json({{"job_id", *job}, {"state", state}, {"href", href}}, 202);
}

}  // namespace adempauze::web
