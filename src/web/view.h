// View helpers shared by the screens of the debtor team, the client-list keeper, the social
// worker and the reviewer. They format dates and numbers as users read them, read page
// numbers from the query string, build the pager's view and the protocol notice of an
// exchange form, and send the error page of a failed call.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/messages.h"
#include "adempauze/common/result.h"
#include "web/app.h"

namespace adempauze::web {

// Rows per page of every list on these screens.
inline constexpr std::int64_t kRowsPerPage = 50;

// Returns `date` as "dd/mm/yyyy" in Dutch and "yyyy-mm-dd" in English.
std::string FormatDate(const CivilDate& date, Language language);

// Returns a stored UTC time ("YYYY-MM-DDTHH:MM:SS.mmmZ") as a date and "HH:MM UTC", or the
// text unchanged when it has another form.
std::string FormatTimestamp(std::string_view timestamp, Language language);

// Returns `value` with `decimals` digits after the decimal separator: a comma in Dutch
// ("12,50"), a point in English. With `sign`, a positive value gets a leading "+".
std::string FormatDecimal(double value, int decimals, Language language, bool sign = false);

// Returns the 1-based page number in query parameter "page", or 1 when it is absent or not a
// number from 1 to 1,000,000.
std::int64_t PageNumber(const RequestContext& context);

// Returns the number of pages for `total` rows (at least 1).
std::int64_t PageCount(std::int64_t total);

// Returns "name=value" with the value URL-encoded, or empty when `value` is empty.
std::string QueryPair(std::string_view name, const std::string& value);

// Returns the view of the partial "pager": the summary with the total, previous and next
// links and up to seven page links around `page`, each to `base_path` with `query`
// (URL-encoded, without "page") and the page number. The template marks the current page
// with aria-current.
nlohmann::json PagerView(const RequestContext& context, const std::string& base_path,
                         const std::string& query, std::int64_t page, std::int64_t total);

// Returns the text that warns the user of an exchange form (an upload, a download for the
// finance application) that the protocol would reject the exchange today: none is loaded,
// or it is suspended or outside its period. Returns nullopt when the exchange is allowed.
// When the protocol state cannot be read, it logs a warning and returns nullopt, because
// the form's submit checks the protocol again and sends that error.
std::optional<std::string> ProtocolNotice(RequestContext& context);

// Sends the error page of a failed store or module call and logs it for the operator with
// the request id and the catalog key. It never logs the error's arguments, because they may
// quote personal data. A server failure (status 500) is logged at error level with the
// error's detail, and a rejected request at info level. `operation` names the failed call in
// the log line, or the route's pattern does when it is empty.
void FailPage(RequestContext& context, const Error& error, std::string_view operation = {});

}  // namespace adempauze::web
