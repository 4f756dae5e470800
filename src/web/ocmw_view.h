// View helpers shared by the OCMW's screens (social worker and reviewer): dates, page
// numbers and the pager.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "adempauze/common/civil_date.h"
#include "web/app.h"

namespace adempauze::web::ocmw_view {

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

// Returns "name=value" with the value URL-encoded, or empty when `value` is empty.
std::string QueryPair(std::string_view name, const std::string& value);

// Sends the error page for a failed library call. A failure the user cannot cause (status
// 500: a broken database, a field that fails to decrypt) is logged for the operator with
// the catalog key, `operation` and the request id, never with personal data.
void FailPage(RequestContext& context, const Error& error, std::string_view operation);

// Returns the view of the ocmw_pager partial: the total, previous and next links and up to
// seven page links around `page`, each to `base_path` with `query` (encoded, without
// "page"). The template marks the current page with aria-current.
nlohmann::json PagerView(const RequestContext& context, const std::string& base_path,
                         const std::string& query, std::int64_t page, std::int64_t total);

}  // namespace adempauze::web::ocmw_view
