// The API's language choice, its access-log entries and its JSON errors.
#include <algorithm>
#include <cctype>
#include <string>

#include <spdlog/spdlog.h>

#include "web/api.h"

namespace adempauze::web {
namespace {

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<Language> LanguageOfTag(std::string_view tag) {
  std::string primary = Lower(tag.substr(0, tag.find('-')));
  if (primary == "nl") return Language::kDutch;
  if (primary == "en") return Language::kEnglish;
  return std::nullopt;
}

// Returns the weight of one Accept-Language entry's parameters ("q=0.8"); 1 without one,
// and 0 for a malformed weight, so such an entry is never chosen.
double Weight(std::string_view parameters) {
  parameters = Trim(parameters);
  if (parameters.size() < 2 || (parameters[0] != 'q' && parameters[0] != 'Q') || parameters[1] != '=') return 1.0;
  try {
    std::size_t used = 0;
    const std::string number(parameters.substr(2));
    double weight = std::stod(number, &used);
    return used == number.size() && weight >= 0 && weight <= 1 ? weight : 0.0;
  } catch (const std::exception&) {
    return 0.0;
  }
}

// Picks the best-weighted supported language of an Accept-Language header (RFC 9110,
// section 12.5.4); the first listed wins a tie.
std::optional<Language> FromAcceptLanguage(std::string_view header) {
  std::optional<Language> best;
  double best_weight = 0;
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view entry = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);

    const std::size_t semicolon = entry.find(';');
    std::optional<Language> language = LanguageOfTag(Trim(entry.substr(0, semicolon)));
    double weight = semicolon == std::string_view::npos ? 1.0 : Weight(entry.substr(semicolon + 1));
    if (language && weight > best_weight) {
      best = language;
      best_weight = weight;
    }
  }
  return best;
}

}  // namespace

Language ApiLanguage(const httplib::Request& request) {
  if (request.has_param("lang")) {
    if (std::optional<Language> language = LanguageOfTag(request.get_param_value("lang"))) return *language;
  }
  if (std::optional<Language> language = FromAcceptLanguage(request.get_header_value("Accept-Language"))) {
    return *language;
  }
  return Language::kDutch;
}

std::string ApiAction(const Route& route) {
  if (route.pattern == kApiCheckPattern) return "api_check";
  if (route.pattern == kApiBatchesPattern) return "api_batch_create";
  if (route.pattern == kApiJobPattern) return "api_job_read";
  if (route.pattern == kApiFlagsPattern) return "api_flags_read";
  return "api_call";
}

std::string_view ApiOutcome(int status) {
  if (status < 400) return "ok";
  if (status == 401 || status == 403 || status == 409) return "denied";
  return "failed";
}

Status LogApiCall(store::Store& store, const auth::ApiToken& token, const Route& route, int status,
                  std::string_view request_id, const ApiCallRecord& record) {
  store::AccessEntry entry;
  entry.actor = "api:" + token.name;
  entry.role = std::string(auth::RoleId(token.role));
  entry.action = ApiAction(route);
  entry.object_type = record.object_type;
  entry.object_id = record.object_id.empty() ? route.method + " " + route.pattern : record.object_id;
  entry.purpose = "collection_pause";
  entry.outcome = record.outcome.empty() ? std::string(ApiOutcome(status)) : record.outcome;
  entry.detail = "http=" + std::to_string(status) + " request=" + std::string(request_id);
  if (!record.detail.empty()) entry.detail += " " + record.detail;

  Result<store::Transaction> transaction = store::Transaction::Begin(store.database());
  if (!transaction.ok()) return transaction.error();
  Result<std::int64_t> appended = store.access_log().Append(std::move(entry), record.subject);
  if (!appended.ok()) return appended.error();
  return transaction->Commit();
}

void LogApiRefusal(store::Store& store, const auth::ApiToken& token, const Route& route,
                   std::string_view request_id) {
  Status logged = LogApiCall(store, token, route, 403, request_id, {});
  if (!logged.ok()) {
    spdlog::error("web: writing the access-log entry of refused API call {} (token {}) failed: {}", request_id, token.id,
                  logged.error().message_key);
  }
}

void LogRevokedTokenCall(store::Store& store, std::string_view secret, const Route& route,
                         std::string_view request_id) {
  if (secret.empty()) return;
  Result<std::optional<auth::ApiToken>> token = auth::ApiTokens(store).Identify(secret);
  if (!token.ok() || !token->has_value() || !(*token)->revoked_at) return;
  ApiCallRecord record;
  record.detail = "token=revoked";
  Status logged = LogApiCall(store, **token, route, 401, request_id, record);
  if (!logged.ok()) {
    spdlog::error("web: writing the access-log entry of API call {} with revoked token {} failed: {}", request_id,
                  (*token)->id, logged.error().message_key);
  }
}

void ApiError(RequestContext& context, const Error& error) {
  context.JsonError(StatusForError(error), error.message_key, error.args);
}

std::optional<nlohmann::json> ParseJsonBody(RequestContext& context) {
  nlohmann::json body = nlohmann::json::parse(context.request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    context.JsonError(400, "web.api.body_not_json");
    return std::nullopt;
  }
  return body;
}

}  // namespace adempauze::web
