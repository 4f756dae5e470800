#include "web/view.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "adempauze/store/protocol_state.h"

namespace adempauze::web {

std::string FormatDate(const CivilDate& date, Language language) {
  if (language == Language::kEnglish) return date.ToIso();
  return fmt::format("{:02}/{:02}/{:04}", date.day, date.month, date.year);
}

std::string FormatTimestamp(std::string_view timestamp, Language language) {
  if (timestamp.size() < 16 || timestamp[10] != 'T') return std::string(timestamp);
  std::optional<CivilDate> date = CivilDate::FromIso(timestamp.substr(0, 10));
  if (!date) return std::string(timestamp);
  return FormatDate(*date, language) + " " + std::string(timestamp.substr(11, 5)) + " UTC";
}

std::string FormatDecimal(double value, int decimals, Language language, bool sign) {
  std::string text = sign ? fmt::format("{:+.{}f}", value, decimals) : fmt::format("{:.{}f}", value, decimals);
  if (language == Language::kDutch) std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

std::int64_t PageNumber(const RequestContext& context) {
  const std::string text = context.request.get_param_value("page");
  if (text.empty() || text.size() > 7 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return 1;
  }
  const std::int64_t page = std::stoll(text);
  return page >= 1 && page <= 1'000'000 ? page : 1;
}

std::int64_t PageCount(std::int64_t total) {
  return std::max<std::int64_t>(1, (total + kRowsPerPage - 1) / kRowsPerPage);
}

std::string QueryPair(std::string_view name, const std::string& value) {
  if (value.empty()) return {};
  return std::string(name) + "=" + httplib::detail::encode_query_param(value);
}

nlohmann::json PagerView(const RequestContext& context, const std::string& base_path,
                         const std::string& query, std::int64_t page, std::int64_t total) {
  const std::int64_t pages = PageCount(total);
  auto href = [&](std::int64_t number) {
    std::string link = base_path + "?" + query;
    if (!query.empty()) link += "&";
    return link + "page=" + std::to_string(number);
  };

  nlohmann::json links = nlohmann::json::array();
  const std::int64_t first = std::max<std::int64_t>(1, std::min(page - 3, pages - 6));
  const std::int64_t last = std::min(pages, first + 6);
  for (std::int64_t number = first; number <= last; ++number) {
    links.push_back({{"number", number}, {"href", href(number)}, {"current", number == page}});
  }
  nlohmann::json view{{"pages", links},
                      {"summary", context.Text("web.pager.summary", page, pages, total)},
                      {"several", pages > 1}};
  if (page > 1) view["previous"] = href(page - 1);
  if (page < pages) view["next"] = href(page + 1);
  return view;
}

std::optional<std::string> ProtocolNotice(RequestContext& context) {
  Result<store::ExchangeState> state = store::ReadExchangeState(context.store());
  if (!state.ok()) {
    spdlog::warn("web: reading the protocol state for the notice on {} failed: {} (request {})",
                 context.route().pattern, state.error().message_key, context.request_id);
    return std::nullopt;
  }
  if (!state->installed) return context.Text("store.protocol.none_loaded");

  Status allowed =
      state->installed->protocol.CheckExchangeAllowed(context.Today(), state->suspended);
  if (!allowed.ok()) return allowed.error().Render(context.language);
  return std::nullopt;
}

void FailPage(RequestContext& context, const Error& error, std::string_view operation) {
  const std::string_view what =
      operation.empty() ? std::string_view(context.route().pattern) : operation;
  if (StatusForError(error) >= 500) {
    const std::string detail = error.detail.empty() ? std::string() : " (" + error.detail + ")";
    spdlog::error("web: {} failed: {}{} (request {})", what, error.message_key, detail,
                  context.request_id);
  } else {
    spdlog::info("web: {} rejected: {} (request {})", what, error.message_key, context.request_id);
  }
  context.ErrorPage(error);
}

}  // namespace adempauze::web
