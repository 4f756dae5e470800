// The JSON API for the city's finance application: the parts its route group shares
// (src/web/api_*.cc). The API is specified in docs/formats/api.md and described to
// clients by web/static/openapi.json.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "adempauze/auth/auth.h"
#include "adempauze/common/messages.h"
#include "adempauze/common/result.h"
#include "adempauze/store/store.h"
#include "web/app.h"

namespace adempauze::web {

// The route patterns of the API, as registered and as the access log names them.
inline constexpr std::string_view kApiCheckPattern = "/api/v1/check";
inline constexpr std::string_view kApiBatchesPattern = "/api/v1/batches";
inline constexpr std::string_view kApiJobPattern = R"(/api/v1/jobs/(\d+))";
inline constexpr std::string_view kApiFlagsPattern = "/api/v1/flags";
inline constexpr std::string_view kApiOpenApiPattern = "/api/v1/openapi.json";

// Returns the language of an API response: the query parameter lang=nl|en first, then the
// Accept-Language header (the supported language with the highest weight), else Dutch.
Language ApiLanguage(const httplib::Request& request);

// Returns the access-log action of an API route ("api_check", "api_batch_create",
// "api_job_read", "api_flags_read"), or "api_call" for a route this list does not name.
std::string ApiAction(const Route& route);

// The object of one API call, for its access-log entry. Handlers fill it in.
struct ApiCallRecord {
  std::string object_type = "api_route";
  std::string object_id;  // an id, never personal data; empty: "<METHOD> <route pattern>"
  std::string detail;     // extra "key=value" words; never personal data
  std::string subject;    // SubjectPseudonym() of the person the call concerns, or empty
  std::string outcome;    // empty: derived from the HTTP status
};

// Returns the access-log outcome of an API response with HTTP `status`: "ok" below 400,
// "denied" for 401, 403 and 409 (a protocol refusal), "failed" otherwise.
std::string_view ApiOutcome(int status);

// Appends the access-log entry of one API call by `token`, in its own transaction: actor
// "api:<token name>", the token's role, ApiAction(route), the record's object and the
// outcome, and "http=<status> request=<id>" in front of the record's detail.
// Returns the store's error when the entry cannot be written.
Status LogApiCall(store::Store& store, const auth::ApiToken& token, const Route& route, int status,
                  std::string_view request_id, const ApiCallRecord& record);

// Logs a call that the dispatch refused because the token's role is not on the route's
// allow-list (HTTP 403). A failure to log is written to the operator log, and the 403 is
// sent either way.
void LogApiRefusal(store::Store& store, const auth::ApiToken& token, const Route& route,
                   std::string_view request_id);

// Logs a call refused with 401 whose bearer `secret` belongs to a revoked token, so the
// officer sees that the application still uses it. Logs nothing for an empty, malformed or
// unknown secret, because no token can be named. A failure to log goes to the operator log.
void LogRevokedTokenCall(store::Store& store, std::string_view secret, const Route& route,
                         std::string_view request_id);

// Sends the JSON error of a failed module call, with the status StatusForError chooses.
void ApiError(RequestContext& context, const Error& error);

// Returns the request body parsed as JSON, or sends a 400 JSON error and returns nullopt.
std::optional<nlohmann::json> ParseJsonBody(RequestContext& context);

// A batch job of the API: one row of table api_jobs.
struct ApiJob {
  std::int64_t id = 0;
  std::int64_t token_id = 0;
  std::string state;  // "queued", "running", "done" or "failed"
  std::string created_at;
  std::optional<std::string> finished_at;
  nlohmann::json result;  // {} until the job ends
};

// Inserts a job of `token_id` in state "running" and returns its id.
Result<std::int64_t> CreateApiJob(store::Store& store, std::int64_t token_id);

// Ends job `id` with `state` ("done" or "failed") and its result.
// REQUIRES: `result` contains no personal data, because the table is not encrypted.
Status FinishApiJob(store::Store& store, std::int64_t id, std::string_view state, const nlohmann::json& result);

// Returns job `id`, or nullopt when there is none.
Result<std::optional<ApiJob>> ReadApiJob(store::Store& store, std::int64_t id);

// POST /api/v1/batches (src/web/api_batches.cc): imports a debtor list and matches it.
void CreateBatch(RequestContext& context, ApiCallRecord& record);

// Returns the JSON of `job` for its owner, with the report's messages in `language`.
nlohmann::json JobView(const ApiJob& job, Language language);

}  // namespace adempauze::web
