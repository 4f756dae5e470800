// Helpers shared by the debtor team's and the client-list keeper's screens: dates as users
// read them, page numbers from the query string and the pager's view.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/messages.h"
#include "web/app.h"

namespace adempauze::web {

// Rows per page of every list on these screens.
inline constexpr std::int64_t kRowsPerPage = 50;

// Returns `date` as "dd/mm/yyyy" in Dutch and "yyyy-mm-dd" in English.
std::string FormatDate(const CivilDate& date, Language language);

// Returns a stored UTC time ("YYYY-MM-DDTHH:MM:SS.mmmZ") as a date and "HH:MM UTC", or the
// text unchanged when it has another form.
std::string FormatTimestamp(std::string_view timestamp, Language language);

// Returns the 1-based page number in query parameter "page"; 1 when it is absent or not a
// number from 1 to 1,000,000.
std::int64_t PageNumber(const RequestContext& context);

// Returns the number of pages for `total` rows (at least 1).
std::int64_t PageCount(std::int64_t total);

// Returns the view of the pager partial (debtor_pager): previous, next and up to seven page
// links around `page`, each a link to `base_path` with `query` (already encoded, without
// "page") and the page number. The current page carries aria-current in the template.
nlohmann::json PagerView(const RequestContext& context, const std::string& base_path, const std::string& query,
                         std::int64_t page, std::int64_t total);

// Logs `error` (at error level when it is the server's fault) with the request id, then sends
// its error page.
void SendError(RequestContext& context, const Error& error);

// Returns "name=value" with the value URL-encoded, or empty when `value` is empty.
std::string QueryPair(std::string_view name, const std::string& value);

}  // namespace adempauze::web
