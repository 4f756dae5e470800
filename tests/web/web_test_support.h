// A running web server on the demo database, shared by the tests of one test binary.
//
// The fixture runs `adempauze demo` once into a temporary folder (fictitious data, demo
// accounts of every role), starts a WebServer on a free loopback port in this process, and
// signs in as any demo user. Dates are fixed so the demo protocol's period always applies.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <regex>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>

#include <spdlog/spdlog.h>

#include "adempauze/crypto/keys.h"
#include "adempauze/store/store.h"
#include "adempauze/web/server.h"

namespace adempauze::web::testing {

inline constexpr const char* kDemoPassword = "demo-wachtwoord-2026";
inline constexpr const char* kToday = "2026-06-01";

// The demo accounts, one per role (src/cli/demo_command.cc).
struct DemoUser {
  const char* username;
  const char* role;
};
inline constexpr DemoUser kDemoUsers[] = {
    {"debiteuren", "debtor_team"}, {"maatschappelijk", "social_worker"}, {"controleur", "reviewer"},
    {"clientenlijst", "client_list_keeper"}, {"fgb", "officer"}, {"beheerder", "admin"},
};

// A signed-in browser, reduced to what the tests need: the cookie and the form token.
struct Browser {
  std::string cookie;  // "adempauze_session=..."
  std::string csrf;
  httplib::Headers headers() const { return cookie.empty() ? httplib::Headers{} : httplib::Headers{{"Cookie", cookie}}; }
};

// Returns the value of cookie `name` set by `response`, or empty.
inline std::string SetCookieValue(const httplib::Result& response, const std::string& name) {
  for (const auto& [key, value] : response->headers) {
    if (key != "Set-Cookie" || value.rfind(name + "=", 0) != 0) continue;
    return value.substr(name.size() + 1, value.find(';') - name.size() - 1);
  }
  return {};
}

// Returns the first hidden _csrf value in `html`, or empty.
inline std::string CsrfIn(const std::string& html) {
  std::smatch match;
  static const std::regex pattern(R"re(name="_csrf" value="([0-9a-f]+)")re");
  return std::regex_search(html, match, pattern) ? match[1].str() : std::string();
}

// Signs in as `username` through the login form of the server that `client` reaches, and
// returns the session cookie and its CSRF token. Fails the current test (and returns an
// empty Browser) when the login does not succeed.
inline Browser SignIn(httplib::Client& client, const std::string& username,
                      const std::string& password = kDemoPassword) {
  auto page = client.Get("/login");
  if (!page) { ADD_FAILURE() << "GET /login failed"; return {}; }
  std::string login_cookie = SetCookieValue(page, "adempauze_login");
  httplib::Params form{{"_csrf", CsrfIn(page->body)}, {"username", username}, {"password", password}, {"next", "/"}};
  auto answer = client.Post("/login", {{"Cookie", "adempauze_login=" + login_cookie}}, form);
  if (!answer || answer->status != 303) {
    ADD_FAILURE() << "login of " << username << " failed: " << (answer ? answer->status : -1);
    return {};
  }
  Browser browser;
  browser.cookie = "adempauze_session=" + SetCookieValue(answer, "adempauze_session");
  auto home = client.Get("/", browser.headers());
  browser.csrf = home ? CsrfIn(home->body) : std::string();
  return browser;
}

// Fills `dir` with the database, key file and input lists of `adempauze demo` run with
// `demo_args`. ctest starts one process per test and the demo takes seconds, so the first
// process of a build runs the demo into a shared cache folder, keyed by the executable's time
// stamp and the arguments. Every process then copies that folder. Aborts when the demo fails.
inline void PrepareDemo(const std::filesystem::path& dir, const std::string& demo_args = "") {
  namespace fs = std::filesystem;
  const auto stamp = fs::last_write_time(ADEMPAUZE_BINARY).time_since_epoch().count();
  const std::string key = std::to_string(std::hash<std::string>{}(std::to_string(stamp) + "|" + kToday + "|" + demo_args));
  const fs::path cache = fs::temp_directory_path() / ("adempauze-web-demo-" + key);
  if (!fs::exists(cache / "adempauze.db")) {
    // Each process builds its own copy and renames it into place; the first rename wins.
    const fs::path building = cache.string() + ".building-" + std::to_string(::getpid());
    fs::remove_all(building);
    fs::create_directories(building);
    std::string command = std::string(ADEMPAUZE_BINARY) + " --today " + kToday + " demo " + demo_args + " --dir " +
                          building.string() + " > " + (building / "demo.log").string() + " 2>&1";
    if (std::system(command.c_str()) != 0) {
      ADD_FAILURE() << "adempauze demo failed; see " << (building / "demo.log");
      std::abort();
    }
    std::error_code renamed;
    fs::rename(building, cache, renamed);
    if (renamed) fs::remove_all(building);
  }
  fs::remove_all(dir);
  fs::copy(cache, dir, fs::copy_options::recursive);
}

class WebServerFixture {
 public:
  // Returns the shared fixture, started on first use.
  static WebServerFixture& Get() {
    static WebServerFixture* fixture = new WebServerFixture();
    return *fixture;
  }

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path db_path() const { return dir_ / "adempauze.db"; }
  int port() const { return server_->port(); }
  httplib::Client Client() const {
    httplib::Client client("127.0.0.1", port());
    client.set_read_timeout(std::chrono::seconds(60));
    return client;
  }

  // Signs in as `username` and returns the session cookie and its CSRF token. Fails the
  // current test (and returns an empty Browser) when the login does not succeed.
  Browser Login(const std::string& username, const std::string& password = kDemoPassword) const {
    httplib::Client client = Client();
    return SignIn(client, username, password);
  }

 private:
  WebServerFixture() {
    spdlog::set_level(spdlog::level::warn);  // the request log would drown the test output
    dir_ = std::filesystem::temp_directory_path() / ("adempauze-web-" + std::to_string(::getpid()));
    PrepareDemo(dir_);
    ServerConfig config;
    config.port = 0;
    config.db_path = db_path().string();
    config.today = CivilDate::FromIso(kToday);
    config.threads = 4;
    auto server = WebServer::Create(config);
    if (!server.ok()) {
      ADD_FAILURE() << "server did not start: " << server.error().message_key;
      std::abort();
    }
    server_ = std::move(server).value();
    thread_ = std::thread([this] { server_->Run(); });
    for (int i = 0; i < 200; ++i) {
      if (Client().Get("/health")) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
  }

  std::filesystem::path dir_;
  std::unique_ptr<WebServer> server_;
  std::thread thread_;
};

// Opens the fixture's database beside the running server, as the command line does while
// the server runs. Fails the test (and returns nullptr) when it cannot.
inline std::unique_ptr<store::Store> OpenFixtureStore() {
  const WebServerFixture& fixture = WebServerFixture::Get();
  auto keys = crypto::LoadKeyFile(fixture.db_path().string() + ".keys");
  if (!keys.ok()) {
    ADD_FAILURE() << "key file: " << keys.error().message_key;
    return nullptr;
  }
  auto store = store::Store::Open(fixture.db_path(), std::move(keys).value());
  if (!store.ok()) {
    ADD_FAILURE() << "store: " << store.error().message_key;
    return nullptr;
  }
  return std::move(store).value();
}

}  // namespace adempauze::web::testing
