// The data protection officer's screens: the access log and its verification, the
// figures, the protocol with suspension and resumption, and retention inside the server.
// Tests that damage or destroy data run their own server on a copy of the demo database.
#include <sqlite3.h>

#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "adempauze/crypto/keys.h"
#include "adempauze/nn/national_number.h"
#include "adempauze/store/access_log.h"
#include "adempauze/store/protocol_state.h"
#include "adempauze/store/retention.h"
#include "adempauze/store/store.h"
#include "web_test_support.h"

namespace adempauze::web {
namespace {

using testing::Browser;
using testing::WebServerFixture;

const CivilDate kToday = *CivilDate::FromIso(testing::kToday);

httplib::Result PostForm(const Browser& browser, int port, const std::string& path, httplib::Params form) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(std::chrono::seconds(60));
  form.emplace("_csrf", browser.csrf);
  return client.Post(path, browser.headers(), form);
}

httplib::Result Get(const Browser& browser, int port, const std::string& path) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(std::chrono::seconds(60));
  return client.Get(path, browser.headers());
}

// Signs in on the server at `port`, as WebServerFixture::Login does for the shared server.
Browser LoginAt(int port, const std::string& username) {
  httplib::Client client("127.0.0.1", port);
  return testing::SignIn(client, username);
}

// A server of its own on a consistent copy of the demo database (VACUUM INTO), for tests
// that tamper with the log or run retention.
class CopyServer {
 public:
  explicit CopyServer(const std::string& name) {
    WebServerFixture& shared = WebServerFixture::Get();
    dir_ = shared.dir() / name;
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    sqlite3* source = nullptr;
    EXPECT_EQ(sqlite3_open(shared.db_path().c_str(), &source), SQLITE_OK);
    const std::string copy = "VACUUM INTO '" + db_path().string() + "'";
    EXPECT_EQ(sqlite3_exec(source, copy.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(source);
    sqlite3_close(source);
    std::filesystem::copy_file(shared.db_path().string() + ".keys", db_path().string() + ".keys");
  }

  ~CopyServer() {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }

  std::filesystem::path db_path() const { return dir_ / "adempauze.db"; }
  int port() const { return server_->port(); }

  // Runs `sql` on the copy before the server starts.
  void Execute(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_path().c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  }

  void Start() {
    ServerConfig config;
    config.port = 0;
    config.db_path = db_path().string();
    config.today = kToday;
    config.threads = 2;
    auto server = WebServer::Create(config);
    ASSERT_TRUE(server.ok()) << server.error().message_key;
    server_ = std::move(server).value();
    thread_ = std::thread([this] { server_->Run(); });
    httplib::Client client("127.0.0.1", port());
    for (int i = 0; i < 200 && !client.Get("/health"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<WebServer> server_;
  std::thread thread_;
};

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// ---- Access log ------------------------------------------------------------------------

TEST(OfficerLog, ShowsEntriesAndLogsView) {
  WebServerFixture& fixture = WebServerFixture::Get();
  Browser officer = fixture.Login("fgb");
  auto first = Get(officer, fixture.port(), "/officer/log");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_TRUE(Contains(first->body, "<tr id=\"seq-")) << first->body;
  EXPECT_TRUE(Contains(first->body, "items gevonden"));

  // The second view lists the first one, by the officer, under the supervision purpose.
  auto second = Get(officer, fixture.port(), "/officer/log?action=audit_view&user=fgb");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 200);
  EXPECT_TRUE(Contains(second->body, "<td>audit_view</td>")) << second->body;
  EXPECT_TRUE(Contains(second->body, "supervision"));
}

TEST(OfficerLog, PersonFilterHidesNumber) {
  WebServerFixture& fixture = WebServerFixture::Get();
  Browser officer = fixture.Login("fgb");
  const std::string number = nn::Make(1985, 7, 30, 33);

  auto answer = PostForm(officer, fixture.port(), "/officer/log/person", {{"number", number}, {"action", "view"}});
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->status, 303);
  const std::string location = answer->get_header_value("Location");
  EXPECT_FALSE(Contains(location, number)) << location;
  EXPECT_TRUE(Contains(location, "action=view"));
  std::unique_ptr<store::Store> store = testing::OpenFixtureStore();
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(Contains(location, "subject=" + store::SubjectPseudonym(store->keys(), number))) << location;

  auto filtered = Get(officer, fixture.port(), location);
  ASSERT_TRUE(filtered);
  EXPECT_EQ(filtered->status, 200);
  EXPECT_TRUE(Contains(filtered->body, "Gefilterd op één persoon"));
  EXPECT_FALSE(Contains(filtered->body, number));
}

TEST(OfficerLog, RejectsInvalidNumberAndDate) {
  WebServerFixture& fixture = WebServerFixture::Get();
  Browser officer = fixture.Login("fgb");
  auto number = PostForm(officer, fixture.port(), "/officer/log/person", {{"number", "85073003399"}});
  ASSERT_TRUE(number);
  EXPECT_EQ(number->status, 400);
  EXPECT_TRUE(Contains(number->body, "controlecijfers")) << number->body;
  EXPECT_FALSE(Contains(number->body, "85073003399"));

  auto date = Get(officer, fixture.port(), "/officer/log?from=2026-13-01");
  ASSERT_TRUE(date);
  EXPECT_EQ(date->status, 400);
  EXPECT_TRUE(Contains(date->body, "Ongeldige datum"));
}

TEST(OfficerLog, ExportsFilteredCsv) {
  WebServerFixture& fixture = WebServerFixture::Get();
  Browser officer = fixture.Login("fgb");
  auto csv = Get(officer, fixture.port(), "/officer/log/export?action=login");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_TRUE(Contains(csv->get_header_value("Content-Disposition"), "toegangslog-2026-06-01.csv"));
  std::istringstream lines(csv->body);
  std::string line;
  std::getline(lines, line);
  EXPECT_TRUE(Contains(line, "seq;at;actor;role;action;object_type;object_id;purpose;outcome;detail;subject")) << line;
  int rows = 0;
  while (std::getline(lines, line)) {
    if (line.empty() || line == "\r") continue;
    ++rows;
    EXPECT_TRUE(Contains(line, ";login;")) << line;
  }
  EXPECT_GT(rows, 0);
}

// ---- Verification ----------------------------------------------------------------------

TEST(OfficerVerify, ShowsIntactChain) {
  WebServerFixture& fixture = WebServerFixture::Get();
  auto page = Get(fixture.Login("fgb"), fixture.port(), "/officer/verify");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_TRUE(Contains(page->body, "Toegangslog intact")) << page->body;
}

TEST(OfficerVerify, AnchorRoundTrip) {
  WebServerFixture& fixture = WebServerFixture::Get();
  Browser officer = fixture.Login("fgb");
  auto anchor_page = PostForm(officer, fixture.port(), "/officer/anchor", {});
  ASSERT_TRUE(anchor_page);
  ASSERT_EQ(anchor_page->status, 200);
  std::smatch match;
  ASSERT_TRUE(std::regex_search(anchor_page->body, match, std::regex(R"(<pre id="new-anchor">([^<]*)</pre>)")))
      << anchor_page->body;
  const std::string anchor = match[1].str();
  EXPECT_TRUE(Contains(anchor, "adempauze-access-log-anchor 1"));

  auto checked = PostForm(officer, fixture.port(), "/officer/verify/anchor", {{"anchor", anchor}});
  ASSERT_TRUE(checked);
  EXPECT_EQ(checked->status, 200);
  EXPECT_TRUE(Contains(checked->body, "komt overeen")) << checked->body;

  auto garbage = PostForm(officer, fixture.port(), "/officer/verify/anchor", {{"anchor", "geen anker"}});
  ASSERT_TRUE(garbage);
  EXPECT_EQ(garbage->status, 400);
  EXPECT_TRUE(Contains(garbage->body, "geen anker van de toegangslog"));

  auto file = PostForm(officer, fixture.port(), "/officer/anchor", {{"download", "1"}});
  ASSERT_TRUE(file);
  EXPECT_TRUE(Contains(file->get_header_value("Content-Disposition"), "toegangslog-anker-"));
  EXPECT_EQ(file->body.rfind("adempauze-access-log-anchor 1\n", 0), 0u);
}

TEST(OfficerVerify, TamperedEntryShowsBrokenChain) {
  CopyServer copy("tampered");
  copy.Execute(
      "DROP TRIGGER access_log_no_update; UPDATE access_log SET detail = 'rows=999999' WHERE seq = 5;");
  copy.Start();
  Browser officer = LoginAt(copy.port(), "fgb");
  ASSERT_FALSE(officer.cookie.empty());

  auto page = Get(officer, copy.port(), "/officer/verify");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_TRUE(Contains(page->body, "notice-error")) << page->body;
  EXPECT_TRUE(Contains(page->body, "Toegangslog gebroken: regel 5")) << page->body;
  EXPECT_FALSE(Contains(page->body, "Toegangslog intact"));
  EXPECT_TRUE(Contains(page->body, "#seq-5"));
}

// ---- Figures ---------------------------------------------------------------------------

TEST(OfficerFigures, ChartsHaveTablesNoIdentifiers) {
  WebServerFixture& fixture = WebServerFixture::Get();
  auto page = Get(fixture.Login("fgb"), fixture.port(), "/officer/figures");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_TRUE(Contains(page->body, "<svg class=\"bar-chart\" role=\"img\""));
  EXPECT_TRUE(Contains(page->body, "aria-describedby=\"chart-final-status-table\""));
  EXPECT_TRUE(Contains(page->body, "<table class=\"data\" id=\"chart-final-status-table\""));
  EXPECT_TRUE(Contains(page->body, "<rect class=\"bar\""));
  EXPECT_TRUE(Contains(page->body, "geen cliënt"));
  EXPECT_FALSE(std::regex_search(page->body, std::regex(R"(\b\d{11}\b)"))) << "an 11-digit number on the page";
  EXPECT_FALSE(Contains(page->body, "<script>"));
}

// ---- Protocol --------------------------------------------------------------------------

TEST(OfficerProtocol, SuspendBlocksExchangeUntilResume) {
  WebServerFixture& fixture = WebServerFixture::Get();
  Browser officer = fixture.Login("fgb");
  std::unique_ptr<store::Store> store = testing::OpenFixtureStore();
  ASSERT_NE(store, nullptr);
  store::Actor city{"test-debiteuren", "debtor_team", "collection_pause"};
  ASSERT_TRUE(store::AuthorizeExchange(*store, store::Exchange::kImportDebtors, city, kToday).ok());

  auto blank = PostForm(officer, fixture.port(), "/officer/protocol/suspend", {{"reason", "  "}});
  ASSERT_TRUE(blank);
  EXPECT_EQ(blank->status, 400);

  auto suspended = PostForm(officer, fixture.port(), "/officer/protocol/suspend", {{"reason", "Test: vermoed lek"}});
  ASSERT_TRUE(suspended);
  ASSERT_EQ(suspended->status, 303);
  // The shared server must not stay suspended for the other tests, whatever fails below.
  struct Resume {
    store::Store& store;
    ~Resume() {
      (void)store::ResumeExchange(store, "einde van de test", {"test", "officer", "supervision"});
    }
  } resume_at_exit{*store};

  Result<protocol::Protocol> rejected = store::AuthorizeExchange(*store, store::Exchange::kImportDebtors, city, kToday);
  ASSERT_FALSE(rejected.ok());
  EXPECT_EQ(rejected.error().message_key, "protocol.exchange.suspended");
  auto page = Get(officer, fixture.port(), "/officer/protocol");
  ASSERT_TRUE(page);
  EXPECT_TRUE(Contains(page->body, "Test: vermoed lek"));
  EXPECT_TRUE(Contains(page->body, "action=\"/officer/protocol/resume\"") ||
              Contains(page->body, "action=\"&#x2F;officer&#x2F;protocol&#x2F;resume\""));
  auto again = PostForm(officer, fixture.port(), "/officer/protocol/suspend", {{"reason", "nog eens"}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409);

  auto resumed = PostForm(officer, fixture.port(), "/officer/protocol/resume", {{"reason", "Lek onderzocht"}});
  ASSERT_TRUE(resumed);
  ASSERT_EQ(resumed->status, 303);
  EXPECT_TRUE(store::AuthorizeExchange(*store, store::Exchange::kImportDebtors, city, kToday).ok());

  // Both actions are in the log under the officer's account and role.
  auto log = Get(officer, fixture.port(), "/officer/log?user=fgb&action=exchange_resume");
  ASSERT_TRUE(log);
  EXPECT_TRUE(Contains(log->body, "reason=Lek onderzocht")) << log->body;
  EXPECT_TRUE(Contains(log->body, "functionaris voor gegevensbescherming"));
}

TEST(OfficerProtocol, DocumentReadableBySignedInUsers) {
  WebServerFixture& fixture = WebServerFixture::Get();
  Browser worker = fixture.Login("maatschappelijk");
  auto html = Get(worker, fixture.port(), "/protocol/document");
  ASSERT_TRUE(html);
  EXPECT_EQ(html->status, 200);
  EXPECT_TRUE(Contains(html->body, "id=\"item-13\""));
  const std::string policy = html->get_header_value("Content-Security-Policy");
  EXPECT_TRUE(Contains(policy, "default-src 'none'")) << policy;
  EXPECT_FALSE(Contains(policy, "script-src"));
  auto pdf = Get(worker, fixture.port(), "/protocol/document/pdf");
  ASSERT_TRUE(pdf);
  EXPECT_EQ(pdf->status, 200);
  EXPECT_EQ(pdf->body.rfind("%PDF", 0), 0u);
}

// ---- Access by role --------------------------------------------------------------------

TEST(OfficerPages, DebtorTeamGetsForbidden) {
  WebServerFixture& fixture = WebServerFixture::Get();
  Browser city = fixture.Login("debiteuren");
  for (const char* path : {"/officer/log", "/officer/log/export", "/officer/verify", "/officer/figures",
                           "/officer/protocol", "/officer/retention", "/officer/retention/attestation/2026-06-01"}) {
    auto page = Get(city, fixture.port(), path);
    ASSERT_TRUE(page) << path;
    EXPECT_EQ(page->status, 403) << path;
    EXPECT_FALSE(Contains(page->body, "seq-")) << path;
  }
  for (const char* path : {"/officer/log/person", "/officer/verify/anchor", "/officer/anchor",
                           "/officer/protocol/suspend", "/officer/protocol/resume", "/officer/retention/run"}) {
    auto answer = PostForm(city, fixture.port(), path, {{"reason", "poging"}});
    ASSERT_TRUE(answer) << path;
    EXPECT_EQ(answer->status, 403) << path;
  }
  std::unique_ptr<store::Store> store = testing::OpenFixtureStore();
  ASSERT_NE(store, nullptr);
  auto state = store::ReadExchangeState(*store);
  ASSERT_TRUE(state.ok());
  EXPECT_FALSE(state->suspended);
}

// ---- Retention -------------------------------------------------------------------------

TEST(OfficerRetention, DryRunThenRunInServer) {
  CopyServer copy("retention");
  copy.Start();
  Browser officer = LoginAt(copy.port(), "fgb");
  ASSERT_FALSE(officer.cookie.empty());

  // Step 1: the dry run lists the tables and the keys, and changes nothing.
  auto plan = Get(officer, copy.port(), "/officer/retention");
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->status, 200);
  EXPECT_TRUE(Contains(plan->body, "<code>debtors</code>")) << plan->body;
  EXPECT_TRUE(Contains(plan->body, "blind_index:"));
  EXPECT_TRUE(Contains(plan->body, "adembeek-2026-2027"));

  // Step 2: a wrong confirmation is rejected.
  auto wrong = PostForm(officer, copy.port(), "/officer/retention/run",
                        {{"order", "einde protocol"}, {"confirm", "ander-protocol"}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 400);
  EXPECT_TRUE(Contains(wrong->body, "De bevestiging klopt niet"));

  // Step 3: the run, after which the same server keeps serving from the reopened store.
  auto run = PostForm(officer, copy.port(), "/officer/retention/run",
                      {{"order", "einde protocol, test"}, {"confirm", "adembeek-2026-2027"}});
  ASSERT_TRUE(run);
  ASSERT_EQ(run->status, 303) << run->body;
  auto after = Get(officer, copy.port(), "/officer/retention?done=1");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
  EXPECT_TRUE(Contains(after->body, "De bewaartermijn werd uitgevoerd"));
  EXPECT_FALSE(Contains(after->body, "retention/run"));

  // Step 4: the attestation downloads and its signature holds.
  auto attestation = Get(officer, copy.port(), "/officer/retention/attestation/2026-06-01");
  ASSERT_TRUE(attestation);
  EXPECT_EQ(attestation->status, 200);
  EXPECT_TRUE(Contains(attestation->body, "adempauze.destruction-attestation.v1"));
  auto keys = crypto::LoadKeyFile(copy.db_path().string() + ".keys");
  ASSERT_TRUE(keys.ok());
  EXPECT_FALSE(keys->has_data_key());
  EXPECT_TRUE(store::VerifyAttestation(copy.db_path().string() + ".attestation-2026-06-01.json",
                                       keys->SigningPublicKeyHex())
                  .ok());

  // Step 5: the log still verifies, the figures are frozen, the protocol is unreadable.
  auto verify = Get(officer, copy.port(), "/officer/verify");
  ASSERT_TRUE(verify);
  EXPECT_TRUE(Contains(verify->body, "Toegangslog intact"));
  auto figures = Get(officer, copy.port(), "/officer/figures");
  ASSERT_TRUE(figures);
  EXPECT_TRUE(Contains(figures->body, "Bevroren cijfers"));
  auto protocol = Get(officer, copy.port(), "/officer/protocol");
  ASSERT_TRUE(protocol);
  EXPECT_TRUE(Contains(protocol->body, "kan niet meer gelezen worden"));
  auto log = Get(officer, copy.port(), "/officer/log?action=retention_delete");
  ASSERT_TRUE(log);
  EXPECT_TRUE(Contains(log->body, "<td>fgb</td>")) << log->body;
}

// ---- Templates -------------------------------------------------------------------------

TEST(OfficerTemplates, EveryCatalogKeyExists) {
  const std::filesystem::path templates =
      std::filesystem::path(ADEMPAUZE_TEST_DATA).parent_path().parent_path() / "web" / "templates";
  const std::regex key(R"(\{\{#t\}\}([a-z0-9_.]+)\{\{/t\}\})");
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(templates)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("officer_", 0) != 0 && name.rfind("admin_", 0) != 0) continue;
    std::ifstream in(entry.path());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (std::sregex_iterator it(text.begin(), text.end(), key), end; it != end; ++it) {
      EXPECT_TRUE(HasMessage((*it)[1].str())) << name << ": " << (*it)[1].str();
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
}

}  // namespace
}  // namespace adempauze::web
