// How values read on the screens: times, dates and decimal numbers in the Dutch format, who
// acted in the demo, and the city's flag labels. Raw stored forms (ISO times, the command
// line's default actor) have no place on a page.
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "web_test_support.h"

namespace adempauze::web {
namespace {

using testing::Browser;
using testing::WebServerFixture;

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

httplib::Result Get(const Browser& browser, const std::string& path) {
  return WebServerFixture::Get().Client().Get(path, browser.headers());
}

httplib::Result PostForm(const Browser& browser, const std::string& path, httplib::Params form) {
  form.emplace("_csrf", browser.csrf);
  return WebServerFixture::Get().Client().Post(path, browser.headers(), form);
}

// Returns `html` with the entity mstch writes for '/' replaced by the character.
std::string Unescaped(const std::string& html) { return std::regex_replace(html, std::regex("&#x2F;"), "/"); }

// Returns the id of `username` from the link on the administrator's user list, or empty.
std::string UserId(const Browser& admin, const std::string& username) {
  auto list = Get(admin, "/admin/users");
  if (!list) return {};
  std::smatch match;
  const std::string body = Unescaped(list->body);
  return std::regex_search(body, match, std::regex(R"re(/admin/users/(\d+)">)re" + username + "<"))
             ? match[1].str()
             : std::string();
}

const std::regex kIsoTime(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})");
const std::regex kIsoDate(R"(\b\d{4}-\d{2}-\d{2}\b)");
const std::regex kDutchTime(R"(\d{2}/\d{2}/\d{4} \d{2}:\d{2})");

TEST(PageTimes, AdminPagesInDutchFormat) {
  Browser admin = WebServerFixture::Get().Login("beheerder");
  auto created = PostForm(admin, "/admin/tokens", {{"name", "tijden-test"}, {"role", "debtor_team"}});
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 200);
  auto revoked = PostForm(admin, "/admin/tokens/tijden-test/revoke", {});
  ASSERT_TRUE(revoked);
  ASSERT_EQ(revoked->status, 303);
  const std::string id = UserId(admin, "debiteuren");
  ASSERT_FALSE(id.empty());

  for (const std::string& path : std::vector<std::string>{"/admin/tokens", "/admin/users/" + id}) {
    auto page = Get(admin, path);
    ASSERT_TRUE(page) << path;
    ASSERT_EQ(page->status, 200) << path;
    const std::string body = Unescaped(page->body);
    EXPECT_FALSE(std::regex_search(body, kIsoTime)) << path << " shows a raw ISO time";
    EXPECT_TRUE(std::regex_search(body, kDutchTime)) << path;
  }
}

TEST(PageTimes, ProtocolPageInDutchFormat) {
  Browser officer = WebServerFixture::Get().Login("fgb");
  auto page = Get(officer, "/officer/protocol");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  const std::string body = Unescaped(page->body);
  EXPECT_FALSE(std::regex_search(body, kIsoTime)) << "the loading time is shown raw";
  EXPECT_FALSE(std::regex_search(body, kIsoDate)) << "a date of the period or deadline is shown raw";
  EXPECT_TRUE(std::regex_search(body, kDutchTime)) << "the loading time";
  EXPECT_TRUE(Contains(body, "van kracht op 01/06/2026")) << "the state names today as dd/mm/yyyy";
}

TEST(DemoActors, ScreensNameDemoTeams) {
  WebServerFixture& fixture = WebServerFixture::Get();
  const std::regex system_actor("cli:[A-Za-z0-9_.-]*");

  auto batches = Get(fixture.Login("debiteuren"), "/debtors/batches");
  ASSERT_TRUE(batches);
  ASSERT_EQ(batches->status, 200);
  EXPECT_TRUE(Contains(batches->body, "demo:debiteurenteam")) << "Ingelezen door";
  EXPECT_FALSE(std::regex_search(batches->body, system_actor));

  auto protocol = Get(fixture.Login("fgb"), "/officer/protocol");
  ASSERT_TRUE(protocol);
  ASSERT_EQ(protocol->status, 200);
  EXPECT_TRUE(Contains(protocol->body, "demo:beheerder"));
  EXPECT_FALSE(std::regex_search(protocol->body, system_actor));

  Browser worker = fixture.Login("maatschappelijk");
  auto list = Get(worker, "/ocmw/dossiers");
  ASSERT_TRUE(list);
  const std::string body = std::regex_replace(list->body, std::regex("&#x2F;"), "/");
  std::smatch link;
  ASSERT_TRUE(std::regex_search(body, link, std::regex(R"(/ocmw/dossiers/(\d+))")));
  auto dossier = Get(worker, link[0].str());
  ASSERT_TRUE(dossier);
  ASSERT_EQ(dossier->status, 200);
  EXPECT_TRUE(Contains(dossier->body, "demo:")) << "the history names who acted";
  EXPECT_FALSE(std::regex_search(dossier->body, system_actor));
}

TEST(FlagLabels, ReceivedIsNotDecidedYet) {
  Browser city = WebServerFixture::Get().Login("debiteuren");
  auto page = Get(city, "/debtors/batches/1");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(Contains(page->body, ">nog niet beslist<")) << "the flag filter offers the label";
  EXPECT_FALSE(Contains(page->body, "nog niet vergeleken"));
}

TEST(ReviewNumbers, DecimalCommaInDutch) {
  Browser reviewer = WebServerFixture::Get().Login("controleur");
  auto queue = Get(reviewer, "/review");
  ASSERT_TRUE(queue);
  ASSERT_EQ(queue->status, 200);
  const std::regex number_cell(R"re(<td class="num">([^<]*)</td>)re");
  std::smatch cell;
  ASSERT_TRUE(std::regex_search(queue->body, cell, number_cell)) << "the demo queues probable matches";
  EXPECT_TRUE(std::regex_match(cell[1].str(), std::regex(R"(\d+,\d{2})"))) << "score " << cell[1];

  std::smatch link;
  const std::string body = Unescaped(queue->body);
  ASSERT_TRUE(std::regex_search(body, link, std::regex(R"re(href="(/review/\d+)")re")));
  auto item = Get(reviewer, link[1].str());
  ASSERT_TRUE(item);
  ASSERT_EQ(item->status, 200);
  int weights = 0;
  for (auto it = std::sregex_iterator(item->body.begin(), item->body.end(), number_cell); it != std::sregex_iterator();
       ++it) {
    ++weights;
    EXPECT_TRUE(std::regex_match((*it)[1].str(), std::regex(R"([+-]\d+,\d{2})"))) << "weight " << (*it)[1];
  }
  EXPECT_GT(weights, 0);
}

}  // namespace
}  // namespace adempauze::web
