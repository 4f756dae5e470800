// Calls every route as every role, as an API token of every role, and signed out. Each
// response must match the route's row in the expectation table, and every route needs a row.
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adempauze/auth/auth.h"
#include "adempauze/crypto/keys.h"
#include "adempauze/store/store.h"
#include "web/app.h"
#include "web_test_support.h"

namespace adempauze::web {
namespace {

using testing::Browser;
using testing::WebServerFixture;

struct RouteCase {
  std::string method;
  std::string pattern;
  std::string sample;
  std::vector<std::string> allowed;
};

const std::vector<RouteCase>& Table() {
  static const std::vector<RouteCase> table = {
#include "routes_account.inc"
#include "routes_debtor.inc"
#include "routes_ocmw.inc"
#include "routes_review.inc"
#include "routes_officer.inc"
#include "routes_admin.inc"
#include "routes_api.inc"
  };
  return table;
}

bool Allows(const RouteCase& row, const std::string& caller) {
  for (const std::string& allowed : row.allowed) {
    if (allowed == "*public") return true;
    if (allowed == "*signed_in" && caller != "") return true;
    if (allowed == caller) return true;
  }
  return false;
}

// Sends the request as a browser (cookie and form token) or as an API client (bearer token).
httplib::Result Call(const RouteCase& row, const httplib::Headers& headers, const std::string& csrf) {
  httplib::Client client = WebServerFixture::Get().Client();
  if (row.method == "GET") return client.Get(row.sample, headers);
  if (row.sample.rfind("/api/", 0) == 0) return client.Post(row.sample, headers, "{}", "application/json");
  return client.Post(row.sample, headers, httplib::Params{{std::string(kCsrfField), csrf}});
}

TEST(RouteAccess, EveryRouteHasExactlyOneRow) {
  std::set<std::pair<std::string, std::string>> rows;
  for (const RouteCase& row : Table()) {
    EXPECT_TRUE(rows.insert({row.method, row.pattern}).second) << "two rows for " << row.method << " " << row.pattern;
  }
  std::set<std::pair<std::string, std::string>> routes;
  for (const Route& route : AllRoutes()) {
    routes.insert({route.method, route.pattern});
    EXPECT_TRUE(rows.count({route.method, route.pattern}))
        << "route " << route.method << " " << route.pattern << " has no row in tests/web/routes_*.inc";
  }
  for (const auto& row : rows) {
    EXPECT_TRUE(routes.count(row)) << "row for " << row.first << " " << row.second << " names no route";
  }
}

TEST(RouteAccess, TableAgreesWithTheAllowList) {
  // The table is written by hand and the allow-list in code, so the two must agree.
  std::map<std::pair<std::string, std::string>, const Route*> routes;
  const std::vector<Route> all = AllRoutes();  // the map points into it, so it must outlive the loop
  for (const Route& route : all) routes[{route.method, route.pattern}] = &route;
  for (const RouteCase& row : Table()) {
    auto found = routes.find({row.method, row.pattern});
    if (found == routes.end()) continue;
    const Route& route = *found->second;
    for (auth::Role role : auth::AllRoles()) {
      std::string id(auth::RoleId(role));
      bool in_code = route.access == Access::kPublic || route.access == Access::kSignedIn || route.roles.Has(role);
      EXPECT_EQ(in_code, Allows(row, id)) << row.method << " " << row.pattern << " for " << id;
    }
  }
}

TEST(RouteAccess, EveryRouteAnswersEveryCallerAsTheTableSays) {
  WebServerFixture& fixture = WebServerFixture::Get();

  // Step 1: a browser session per demo user, and an API token per role.
  std::map<std::string, Browser> browsers;
  for (const auto& user : testing::kDemoUsers) browsers[user.role] = fixture.Login(user.username);
  std::map<std::string, std::string> tokens;
  {
    auto keys = crypto::LoadKeyFile(fixture.db_path().string() + ".keys");
    ASSERT_TRUE(keys.ok());
    auto store = store::Store::Open(fixture.db_path(), std::move(keys).value());
    ASSERT_TRUE(store.ok());
    auth::ApiTokens api_tokens(**store);
    for (auth::Role role : auth::AllRoles()) {
      std::string id(auth::RoleId(role));
      auto secret = api_tokens.Create("route-test-" + id, role, {"test", "admin", "administration"});
      ASSERT_TRUE(secret.ok());
      tokens[id] = *secret;
    }
  }

  // Step 2: every route, every caller.
  for (const Route& route : AllRoutes()) {
    const RouteCase* row = nullptr;
    for (const RouteCase& candidate : Table()) {
      if (candidate.method == route.method && candidate.pattern == route.pattern) row = &candidate;
    }
    if (row == nullptr) continue;  // reported by EveryRouteHasExactlyOneRow
    SCOPED_TRACE(route.method + " " + row->sample);

    if (route.access == Access::kApi) {
      auto anonymous = Call(*row, {}, "");
      ASSERT_TRUE(anonymous);
      EXPECT_EQ(anonymous->status, 401);
      EXPECT_EQ(anonymous->get_header_value("X-Access-Denied"), "token");
      for (const auto& [role, secret] : tokens) {
        auto answer = Call(*row, {{"Authorization", "Bearer " + secret}}, "");
        ASSERT_TRUE(answer);
        std::string denied = answer->get_header_value("X-Access-Denied");
        EXPECT_EQ(denied, Allows(*row, role) ? "" : "role") << "token of role " << role << ", status " << answer->status;
      }
      continue;
    }

    auto anonymous = Call(*row, {}, "");
    ASSERT_TRUE(anonymous);
    EXPECT_EQ(anonymous->get_header_value("X-Access-Denied"), Allows(*row, "") ? "" : "signin");
    if (!Allows(*row, "")) EXPECT_TRUE(anonymous->status == 303 || anonymous->status == 401) << anonymous->status;

    for (auto& [role, browser] : browsers) {
      auto answer = Call(*row, browser.headers(), browser.csrf);
      ASSERT_TRUE(answer);
      std::string denied = answer->get_header_value("X-Access-Denied");
      EXPECT_EQ(denied, Allows(*row, role) ? "" : "role") << "role " << role << ", status " << answer->status;
      if (!Allows(*row, role)) EXPECT_EQ(answer->status, 403);
      // Routes that end the session (logout) or replace it (password change) get a new login.
      if (row->pattern == "/logout" || row->pattern == "/account/password") {
        for (const auto& user : testing::kDemoUsers) {
          if (user.role == role) browser = fixture.Login(user.username);
        }
      }
    }
  }
}

TEST(RouteAccess, AFormPostWithoutTheTokenIsRefused) {
  WebServerFixture& fixture = WebServerFixture::Get();
  Browser browser = fixture.Login("maatschappelijk");
  httplib::Client client = fixture.Client();
  auto answer = client.Post("/logout", browser.headers(), httplib::Params{{"_csrf", std::string(64, '0')}});
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 403);
  EXPECT_EQ(answer->get_header_value("X-Access-Denied"), "csrf");
}

TEST(RouteAccess, EveryAnswerCarriesTheSecurityHeaders) {
  httplib::Client client = WebServerFixture::Get().Client();
  for (const char* path : {"/login", "/health", "/does-not-exist", "/static/app.css"}) {
    auto answer = client.Get(path);
    ASSERT_TRUE(answer) << path;
    std::string policy = answer->get_header_value("Content-Security-Policy");
    EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos) << path;
    EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos) << path;
    EXPECT_EQ(answer->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(answer->get_header_value("Referrer-Policy"), "no-referrer") << path;
  }
}

TEST(RouteAccess, AnUnknownPageIsADutchErrorWithoutDetails) {
  httplib::Client client = WebServerFixture::Get().Client();
  auto answer = client.Get("/bestaat-niet");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 404);
  EXPECT_NE(answer->body.find("Deze pagina bestaat niet"), std::string::npos);
  EXPECT_NE(answer->body.find("<html lang=\"nl\">"), std::string::npos);
}

}  // namespace
}  // namespace adempauze::web
