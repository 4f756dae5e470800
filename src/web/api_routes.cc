// Routes of the JSON API for the city's finance application (docs/formats/api.md).
//
// Every route but the OpenAPI document needs an API token of the debtor team, and every call
// with a token leaves one access-log entry: actor "api:<token name>", the token's role, the
// route's action and the outcome. Store functions that read personal data append their own
// entries as well, as they do for the web pages and the command line.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <spdlog/spdlog.h>

#include "adempauze/export/flag_table.h"
#include "adempauze/nn/national_number.h"
#include "adempauze/store/dossier_flag.h"
#include "adempauze/store/flags.h"
#include "adempauze/store/protocol_state.h"
#include "web/api.h"

namespace adempauze::web {
namespace {

constexpr std::size_t kMaxDossierNumberBytes = 200;
constexpr std::size_t kMaxNationalNumberBytes = 40;

using ApiHandler = std::function<void(RequestContext&, ApiCallRecord&)>;

// Builds a route for debtor-team tokens whose call is logged after its handler has run. A
// call without its log entry gets no data: a failed entry replaces the response by a 500.
Route ApiRoute(std::string method, std::string_view pattern, ApiHandler handler) {
  return MakeRoute(std::move(method), std::string(pattern), Access::kApi, {auth::Role::kDebtorTeam},
                   [handler = std::move(handler)](RequestContext& context) {
                     context.language = ApiLanguage(context.request);
                     ApiCallRecord record;
                     handler(context, record);
                     Status logged = LogApiCall(context.store(), *context.api_token, context.route(),
                                                context.response.status, context.request_id, record);
                     if (!logged.ok()) {
                       spdlog::error("web: access-log entry of API call {} failed: {}", context.request_id,
                                     logged.error().message_key);
                       context.JsonError(500, "web.api.log_failed");
                     }
                   });
}

// Reads the string member `name` of `body`. Sends a 400 JSON error and returns false when
// it is missing, not a string, empty, longer than `max_bytes` or has control characters.
bool TextMember(RequestContext& context, const nlohmann::json& body, const char* name, std::size_t max_bytes,
                std::string& out) {
  auto found = body.find(name);
  if (found == body.end() || !found->is_string() || found->get_ref<const std::string&>().empty()) {
    context.JsonError(400, "web.api.field_missing", {name});
    return false;
  }
  out = found->get<std::string>();
  bool control = false;
  for (char c : out) control = control || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  if (out.size() > max_bytes || control) {
    context.JsonError(400, "web.api.field_invalid", {name, std::to_string(max_bytes)});
    return false;
  }
  return true;
}

// Sends the gate's refusal and returns nullopt unless the protocol allows `exchange` today.
std::optional<protocol::Protocol> Authorize(RequestContext& context, store::Exchange exchange,
                                            ApiCallRecord& record) {
  Result<protocol::Protocol> in_force =
      store::AuthorizeExchange(context.store(), exchange, context.Actor(), context.Today());
  if (in_force.ok()) return std::move(in_force).value();
  record.detail = "refused=" + in_force.error().message_key;
  ApiError(context, in_force.error());
  return std::nullopt;
}

// POST /api/v1/check: the flag of one dossier, for the finance application just before it
// issues an enforcement order. Only the flag and its date, never the OCMW's follow-up.
void Check(RequestContext& context, ApiCallRecord& record) {
  // Step 1: the request: a dossier number and a valid national number.
  std::optional<nlohmann::json> body = ParseJsonBody(context);
  if (!body) return;
  std::string dossier_number;
  std::string national_number;
  if (!TextMember(context, *body, "dossier_number", kMaxDossierNumberBytes, dossier_number)) return;
  if (!TextMember(context, *body, "national_number", kMaxNationalNumberBytes, national_number)) return;
  nn::CheckResult number = nn::Check(national_number, context.Today());
  if (!number.valid()) return context.JsonError(400, "web.api.check.number_invalid", {nn::MaskRaw(national_number)});

  // Step 2: the protocol gate; the check hands the city a flag, as the export does.
  if (!Authorize(context, store::Exchange::kExport, record)) return;

  // Step 3: the flag, only among the city's own dossiers. The log names the dossier only
  // when it exists, so a number typed into the wrong field does not land in the log.
  Result<store::DossierFlagAnswer> answer = store::FindDossierFlag(context.store(), dossier_number, number.number->digits);
  if (!answer.ok()) return ApiError(context, answer.error());
  const std::string code(store::FlagCode(answer->flag));
  record.detail = "flag=" + code;
  if (answer->flag != store::DossierFlag::kUnknown) {
    record.object_type = "dossier";
    record.object_id = dossier_number;
    record.subject = store::SubjectPseudonym(context.store().keys(), number.number->digits);
  }
  nlohmann::json reply{{"dossier_number", dossier_number}, {"flag", code}};
  if (answer->since) reply["since"] = answer->since->ToIso();
  context.Json(reply);
}

// GET /api/v1/jobs/{id}: a batch job, for the token that created it only. Another token's
// job gets a 404 like a job that does not exist, so ids reveal nothing.
void ReadJob(RequestContext& context, ApiCallRecord& record) {
  std::optional<std::int64_t> id = context.PathId(1);
  if (!id) return context.JsonError(404, "web.api.job.not_found", {context.PathParam(1)});
  record.object_type = "api_job";
  record.object_id = std::to_string(*id);
  Result<std::optional<ApiJob>> job = ReadApiJob(context.store(), *id);
  if (!job.ok()) return ApiError(context, job.error());
  if (!job->has_value() || (*job)->token_id != context.api_token->id) {
    if (job->has_value()) record.outcome = "denied";
    return context.JsonError(404, "web.api.job.not_found", {std::to_string(*id)});
  }
  context.Json(JobView(**job, context.language));
}

// GET /api/v1/flags?list=pause|resume: the rows of `adempauze export pause|resume`, as JSON.
void ReadFlags(RequestContext& context, ApiCallRecord& record) {
  const std::string list_name = context.request.get_param_value("list");
  if (list_name != "pause" && list_name != "resume") {
    return context.JsonError(400, "web.api.flags.list_unknown", {list_name.empty() ? "-" : list_name});
  }
  const store::FlagList list = list_name == "pause" ? store::FlagList::kPause : store::FlagList::kResume;
  record.object_type = list_name + "_list";

  std::optional<protocol::Protocol> in_force = Authorize(context, store::Exchange::kExport, record);
  if (!in_force) return;
  Result<std::vector<store::FlaggedDossier>> flagged = store::ListFlaggedDossiers(context.store(), list, context.Actor());
  if (!flagged.ok()) return ApiError(context, flagged.error());
  record.detail = "rows=" + std::to_string(flagged->size());

  // The export's table, column by column; its layout is docs/formats/exports.md.
  const exports::Table table = exports::MakeFlagTable(*flagged, list, context.language, in_force->FollowUpDays());
  static const char* const kPauseKeys[] = {"dossier_number", "flag", "since", "follow_up"};
  static const char* const kResumeKeys[] = {"dossier_number", "flag", "since"};
  const char* const* keys = list == store::FlagList::kPause ? kPauseKeys : kResumeKeys;
  nlohmann::json dossiers = nlohmann::json::array();
  for (const std::vector<exports::Cell>& row : table.rows) {
    nlohmann::json item = nlohmann::json::object();
    for (std::size_t column = 0; column < row.size(); ++column) {
      const exports::Cell& cell = row[column];
      item[keys[column]] = cell.date ? nlohmann::json(cell.date->ToIso())
                           : cell.text.empty() ? nlohmann::json(nullptr) : nlohmann::json(cell.text);
    }
    dossiers.push_back(std::move(item));
  }
  context.Json({{"list", list_name}, {"count", dossiers.size()}, {"dossiers", std::move(dossiers)}});
}

// GET /api/v1/openapi.json: the API's description. Public, because it contains no data and
// the finance application's developers read it before they have a token.
void ReadOpenApi(RequestContext& context) {
  const std::filesystem::path file = std::filesystem::path(context.app().config().assets_dir) / "openapi.json";
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  if (in.is_open()) text << in.rdbuf();
  if (!in.is_open() || text.str().empty()) {
    spdlog::error("web: the OpenAPI document {} cannot be read", file.string());
    context.language = ApiLanguage(context.request);
    return context.JsonError(500, "web.api.openapi_missing");
  }
  context.response.status = 200;
  context.response.set_content(text.str(), "application/json");
}

}  // namespace

void AddApiRoutes(std::vector<Route>& routes) {
  routes.push_back(ApiRoute("POST", kApiCheckPattern, Check));
  routes.push_back(ApiRoute("POST", kApiBatchesPattern, CreateBatch));
  routes.push_back(ApiRoute("GET", kApiJobPattern, ReadJob));
  routes.push_back(ApiRoute("GET", kApiFlagsPattern, ReadFlags));
  routes.push_back(MakeRoute("GET", std::string(kApiOpenApiPattern), Access::kPublic, {}, ReadOpenApi));
}

}  // namespace adempauze::web
