// Helpers shared by the route files of the data protection officer and the administrator:
// paging of lists, query strings, and the officer's route groups.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "web/app.h"

namespace adempauze::web {
// The helpers live in their own namespace, apart from those of the other screen groups.
namespace officer {

inline constexpr std::int64_t kRowsPerPage = 50;

// Returns the 1-based page number of the query parameter "page", or 1 when it is absent
// or not a positive number.
std::int64_t RequestedPage(const RequestContext& context);

// Returns "a=1&b=x%20y" from the pairs with a non-empty value, each value URL-encoded.
std::string QueryString(const std::vector<std::pair<std::string, std::string>>& params);

// Returns the view of the partial officer_pager: the count of rows, links to the previous
// and next page and to the pages around `page`, the current one marked with aria-current.
// `query` is the list's query string without "page".
nlohmann::json PagerView(const RequestContext& context, const std::string& path, const std::string& query,
                         std::int64_t page, std::int64_t total);

// Logs a failed store or module call (request id, route, error key; never the error's
// arguments, which may quote data) and sends the error page for it.
void FailedCallPage(RequestContext& context, const Error& error);

}  // namespace officer

// The officer's screens, one function per route file.
void AddOfficerLogRoutes(std::vector<Route>& routes);        // officer_routes.cc
void AddOfficerFigureRoutes(std::vector<Route>& routes);     // officer_figures.cc
void AddOfficerProtocolRoutes(std::vector<Route>& routes);   // officer_protocol_routes.cc
void AddOfficerRetentionRoutes(std::vector<Route>& routes);  // officer_retention_routes.cc

}  // namespace adempauze::web
