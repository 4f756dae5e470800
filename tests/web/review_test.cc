// The reviewer's screens on the demo database: the queue, one proposal side by side, a
// confirmation reversed by a second reviewer but never by the one who decided, and the
// empty queue.
#include <gtest/gtest.h>

#include <string>

#include "adempauze/auth/auth.h"
#include "ocmw_test_support.h"

namespace adempauze::web {
namespace {

using testing::AllMatches;
using testing::Browser;
using testing::FirstMatch;
using testing::GetAs;
using testing::OpenFixtureStore;
using testing::PostAs;
using testing::QueryInts;
using testing::QueryText;
using testing::WebServerFixture;

constexpr const char* kItemLink = R"re(href="&#x2F;review&#x2F;(\d+)")re";

// Adds a second reviewer account with the demo password, once per fixture.
void AddSecondReviewer(store::Store& store) {
  auth::LoginPolicy policy;
  policy.hash_cost = auth::MinimumHashCost();
  auth::Accounts accounts(store, policy);
  auto added = accounts.AddUser("controleur2", "Tweede controleur", testing::kDemoPassword,
                                auth::RoleSet{auth::Role::kReviewer},
                                store::Actor{"test", "admin", "administration"});
  ASSERT_TRUE(added.ok() || added.error().code == ErrorCode::kAlreadyExists)
      << added.error().message_key;
}

std::string DebtorOf(store::Store& store, const std::string& item) {
  return QueryText(store, "SELECT debtor_id FROM review_queue WHERE id = " + item);
}

std::string StatusOfDebtor(store::Store& store, const std::string& debtor) {
  return QueryText(store, "SELECT status FROM debtors WHERE id = " + debtor);
}

TEST(ReviewFlow, ConfirmThenReverseBySecondReviewer) {
  WebServerFixture& fixture = WebServerFixture::Get();
  auto store = OpenFixtureStore();
  ASSERT_TRUE(store);
  AddSecondReviewer(*store);
  Browser first = fixture.Login("controleur");
  Browser second = fixture.Login("controleur2");
  Browser worker = fixture.Login("maatschappelijk");

  // Step 1: a pending proposal from the queue, with its score.
  auto queue = GetAs(first, "/review");
  ASSERT_TRUE(queue);
  ASSERT_EQ(queue->status, 200);
  std::vector<std::string> items = AllMatches(queue->body, kItemLink);
  ASSERT_FALSE(items.empty()) << "the demo queues probable matches";
  EXPECT_FALSE(FirstMatch(queue->body, R"re(<td class="num">(\d+,\d\d)</td>)re").empty());  // decimal comma
  const std::string item = items.front();
  const std::string debtor = DebtorOf(*store, item);
  const std::string before = StatusOfDebtor(*store, debtor);
  ASSERT_TRUE(before == "received" || before == "not_client") << before;

  // Step 2: the first reviewer confirms, which pauses the dossier and opens it to the
  // social worker.
  auto confirmed = PostAs(first, "/review/" + item + "/confirm",
                          {{"reason", "Zelfde naam, adres en geboortedatum"}});
  ASSERT_TRUE(confirmed);
  ASSERT_EQ(confirmed->status, 303) << confirmed->body;
  EXPECT_EQ(StatusOfDebtor(*store, debtor), "client_paused");
  auto visible = GetAs(worker, "/ocmw/dossiers/" + debtor);
  ASSERT_TRUE(visible);
  EXPECT_EQ(visible->status, 200);

  // Step 3: the same reviewer cannot reverse their own decision.
  auto page = GetAs(first, "/review/" + item);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->body.find("/reverse"), std::string::npos)
      << "no reverse form for the one who decided";
  EXPECT_NE(page->body.find("U hebt dit voorstel zelf beoordeeld"), std::string::npos);
  auto own = PostAs(first, "/review/" + item + "/reverse", {{"reason", "Toch twijfel"}});
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 403);
  EXPECT_NE(own->body.find("Alleen een tweede beoordelaar"), std::string::npos);
  EXPECT_EQ(
      QueryText(*store, "SELECT COALESCE(reversed_by, '') FROM review_queue WHERE id = " + item),
      "");
  EXPECT_EQ(StatusOfDebtor(*store, debtor), "client_paused");

  // Step 4: a second reviewer reverses it, so collection resumes.
  auto other_view = GetAs(second, "/review/" + item);
  ASSERT_TRUE(other_view);
  EXPECT_NE(other_view->body.find("action=\"/review/" + item + "/reverse\""), std::string::npos);
  auto reversed = PostAs(second, "/review/" + item + "/reverse",
                         {{"reason", "Andere persoon: huisnummer verschilt"}});
  ASSERT_TRUE(reversed);
  ASSERT_EQ(reversed->status, 303) << reversed->body;
  EXPECT_EQ(StatusOfDebtor(*store, debtor), "resume_collection");
  auto after = GetAs(second, "/review/" + item + "?done=1");
  ASSERT_TRUE(after);
  EXPECT_NE(after->body.find("Teruggedraaid door controleur2"), std::string::npos);
  EXPECT_NE(after->body.find("Andere persoon: huisnummer verschilt"), std::string::npos);

  // Step 5: the debtor was never a client, so the social worker's page is gone.
  auto hidden = GetAs(worker, "/ocmw/dossiers/" + debtor);
  ASSERT_TRUE(hidden);
  EXPECT_EQ(hidden->status, 404);

  // Step 6: a decision is reversed at most once.
  auto again = PostAs(first, "/review/" + item + "/reverse", {{"reason", "Nog eens"}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409);
}

TEST(ReviewItem, ShowsBothRecordsWithAgreementPerField) {
  Browser reviewer = WebServerFixture::Get().Login("controleur");
  auto store = OpenFixtureStore();
  ASSERT_TRUE(store);
  std::vector<std::int64_t> items =
      QueryInts(*store, "SELECT id FROM review_queue ORDER BY id LIMIT 1");
  ASSERT_FALSE(items.empty());
  auto page = GetAs(reviewer, "/review/" + std::to_string(items.front()));
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);

  for (const char* field :
       {"voornaam", "familienaam", "straat", "huisnummer", "rijksregisternummer"}) {
    EXPECT_NE(page->body.find(std::string("<th scope=\"row\">") + field), std::string::npos)
        << field;
  }
  // Each level is named in text inside its styled badge.
  std::vector<std::string> levels =
      AllMatches(page->body, R"re(<span class="badge level-([a-z]+)">)re");
  EXPECT_EQ(levels.size(), 6u);
  EXPECT_FALSE(FirstMatch(page->body, R"re(class="badge level-exact">(gelijk)<)re").empty());
  EXPECT_FALSE(FirstMatch(page->body, R"re(<td class="num">([+-]\d+,\d\d)</td>)re").empty());  // decimal comma
  // National numbers are masked for the reviewer.
  EXPECT_FALSE(
      FirstMatch(page->body, R"re(<td class="nn">(\d\d\.\d\d\.\d\d-\*\*\*\.\*\*)</td>)re").empty());
  EXPECT_TRUE(FirstMatch(page->body, R"re((\d\d\.\d\d\.\d\d-\d\d\d\.\d\d))re").empty());
}

TEST(ReviewDecision, NeedsAReason) {
  Browser reviewer = WebServerFixture::Get().Login("controleur");
  auto store = OpenFixtureStore();
  ASSERT_TRUE(store);
  std::vector<std::int64_t> items =
      QueryInts(*store, "SELECT id FROM review_queue ORDER BY id LIMIT 1");
  ASSERT_FALSE(items.empty());
  const std::string item = std::to_string(items.front());
  const std::string state = QueryText(*store, "SELECT state FROM review_queue WHERE id = " + item);
  auto answer = PostAs(reviewer, "/review/" + item + "/reject", {{"reason", " \n "}});
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 400);
  EXPECT_NE(answer->body.find("Geef een reden op"), std::string::npos);
  EXPECT_EQ(QueryText(*store, "SELECT state FROM review_queue WHERE id = " + item), state);
}

// A proposal that a new client list withdrew shows why, offers no decision and refuses one.
TEST(ReviewItem, WithdrawnOffersNoDecision) {
  Browser reviewer = WebServerFixture::Get().Login("controleur");
  auto store = OpenFixtureStore();
  ASSERT_TRUE(store);
  std::vector<std::int64_t> debtors = QueryInts(*store, "SELECT id FROM debtors ORDER BY id LIMIT 1");
  ASSERT_FALSE(debtors.empty());
  ASSERT_TRUE(store->database()
                  .Execute("INSERT INTO review_queue (debtor_id, client_id, method, score, contributions, "
                           "proposed_at, proposed_by, state, withdrawn_at) VALUES (" +
                           std::to_string(debtors.front()) +
                           ", NULL, 'fellegi_sunter', 9.5, '{\"fields\":[]}', '2021-04-01T10:00:00.000Z', "
                           "'test', 'withdrawn', '2021-04-02T09:30:00.000Z')")
                  .ok());
  const std::string item = QueryText(*store, "SELECT max(id) FROM review_queue");

  auto page = GetAs(reviewer, "/review/" + item);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("Ingetrokken op"), std::string::npos);
  EXPECT_EQ(page->body.find("/confirm"), std::string::npos);
  EXPECT_EQ(page->body.find("/reverse"), std::string::npos);
  EXPECT_EQ(page->body.find("Beslist door"), std::string::npos);

  auto confirm = PostAs(reviewer, "/review/" + item + "/confirm", {{"reason", "Zelfde persoon"}});
  ASSERT_TRUE(confirm);
  EXPECT_EQ(confirm->status, 409);
  EXPECT_NE(confirm->body.find("werd ingetrokken"), std::string::npos);
  EXPECT_EQ(QueryText(*store, "SELECT state FROM review_queue WHERE id = " + item), "withdrawn");

  auto queue = GetAs(reviewer, "/review");
  ASSERT_TRUE(queue);
  EXPECT_TRUE(AllMatches(queue->body, R"re(href="&#x2F;review&#x2F;()re" + item + R"re()")re").empty());
}

TEST(ReviewQueue, SaysSoWhenEmpty) {
  Browser reviewer = WebServerFixture::Get().Login("controleur");
  auto store = OpenFixtureStore();
  ASSERT_TRUE(store);
  for (std::int64_t id : QueryInts(*store, "SELECT id FROM review_queue WHERE state = 'pending'")) {
    auto rejected = PostAs(reviewer, "/review/" + std::to_string(id) + "/reject",
                           {{"reason", "Andere persoon"}});
    ASSERT_TRUE(rejected);
    ASSERT_EQ(rejected->status, 303) << rejected->body;
  }
  auto queue = GetAs(reviewer, "/review");
  ASSERT_TRUE(queue);
  ASSERT_EQ(queue->status, 200);
  EXPECT_NE(queue->body.find("De wachtrij is leeg"), std::string::npos);
  EXPECT_TRUE(
      AllMatches(queue->body.substr(0, queue->body.find("Beslist, nog niet")), kItemLink).empty());
  // The rejections are listed for a second reviewer.
  EXPECT_FALSE(AllMatches(queue->body, kItemLink).empty());
}

}  // namespace
}  // namespace adempauze::web
