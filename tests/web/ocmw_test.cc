// The social worker's screens on the demo database: only client dossiers, the same 404
// for every other dossier, follow-up with consent and solution kind that the city's pages
// never show, optimistic locking, and the overdue list.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

#include "adempauze/ingest/records.h"
#include "adempauze/matching/exact.h"
#include "adempauze/nn/national_number.h"
#include "adempauze/workflow/workflow.h"
#include "ocmw_test_support.h"
#include "web/ocmw_follow_up.h"

namespace adempauze::web {
namespace {

using testing::AllMatches;
using testing::AsEscapedInPage;
using testing::Browser;
using testing::FirstMatch;
using testing::GetAs;
using testing::NewestLogEntries;
using testing::OpenFixtureStore;
using testing::PostAs;
using testing::QueryInts;
using testing::QueryText;
using testing::WebServerFixture;

constexpr const char* kDossierLink = R"re(href="&#x2F;ocmw&#x2F;dossiers&#x2F;(\d+)")re";

std::string StatusOf(store::Store& store, std::int64_t id) {
  return QueryText(store, "SELECT status FROM debtors WHERE id = " + std::to_string(id));
}

std::int64_t FirstWithStatus(store::Store& store, const std::string& status) {
  std::vector<std::int64_t> ids = QueryInts(
      store, "SELECT id FROM debtors WHERE status = '" + status + "' ORDER BY id LIMIT 1");
  return ids.empty() ? 0 : ids.front();
}

std::string VersionIn(const std::string& page) {
  return FirstMatch(page, R"re(name="version" value="(\d+)")re");
}

// ---- The list ----------------------------------------------------------------------------

TEST(OcmwDossierList, ShowsOnlyClientDossiers) {
  Browser worker = WebServerFixture::Get().Login("maatschappelijk");
  auto store = OpenFixtureStore();
  ASSERT_TRUE(store);

  // Walk every page and collect the linked dossiers.
  std::set<std::int64_t> shown;
  std::string total;
  for (int page = 1; page <= 100; ++page) {
    auto answer = GetAs(worker, "/ocmw/dossiers?page=" + std::to_string(page));
    ASSERT_TRUE(answer);
    ASSERT_EQ(answer->status, 200);
    if (page == 1) total = FirstMatch(answer->body, R"(van \d+, (\d+) in totaal)");
    std::vector<std::string> ids = AllMatches(answer->body, kDossierLink);
    for (const std::string& id : ids) shown.insert(std::stoll(id));
    if (ids.size() < 50) break;
  }

  std::vector<std::int64_t> clients =
      QueryInts(*store,
                "SELECT id FROM debtors WHERE status IN ('client_paused', 'solution_in_progress', "
                "'solution_reached', "
                "'resume_collection')");
  ASSERT_FALSE(clients.empty());
  EXPECT_EQ(total, std::to_string(shown.size()));
  for (std::int64_t id : shown) {
    const std::string status = StatusOf(*store, id);
    EXPECT_NE(status, "received") << "dossier " << id;
    EXPECT_NE(status, "not_client") << "dossier " << id;
  }
  for (std::int64_t id : clients) {
    bool reversed =
        !QueryInts(*store,
                   "SELECT 1 FROM dossier_events WHERE reason_code = 'review.reversed' AND "
                   "debtor_id = " +
                       std::to_string(id))
             .empty();
    if (!reversed) {
      EXPECT_TRUE(shown.count(id)) << "client dossier " << id << " is missing";
    }
  }
}

TEST(OcmwDossierList, ShowsClosedDossiersOfFormerClientsOnly) {
  Browser worker = WebServerFixture::Get().Login("maatschappelijk");
  auto store = OpenFixtureStore();
  ASSERT_TRUE(store);
  const std::int64_t never_client = FirstWithStatus(*store, "not_client");
  const std::int64_t former_client = FirstWithStatus(*store, "solution_reached");
  ASSERT_NE(never_client, 0);
  ASSERT_NE(former_client, 0);
  for (std::int64_t id : {never_client, former_client}) {
    workflow::ChangeRequest request{id,
                                    workflow::DossierStatus::kClosed,
                                    std::nullopt,
                                    "Dossier afgehandeld",
                                    store::Actor{"test", "officer", "collection_pause"},
                                    CivilDate{2026, 6, 1}};
    ASSERT_TRUE(workflow::ChangeStatus(*store, request).ok()) << id;
  }

  auto answer = GetAs(worker, "/ocmw/dossiers?status=closed");
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->status, 200);
  std::vector<std::string> ids = AllMatches(answer->body, kDossierLink);
  EXPECT_NE(std::find(ids.begin(), ids.end(), std::to_string(former_client)), ids.end());
  EXPECT_EQ(std::find(ids.begin(), ids.end(), std::to_string(never_client)), ids.end());
  auto closed_page = GetAs(worker, "/ocmw/dossiers/" + std::to_string(former_client));
  ASSERT_TRUE(closed_page);
  EXPECT_EQ(closed_page->status, 200);
  EXPECT_NE(closed_page->body.find("er is geen volgende stap meer"), std::string::npos);
  auto never_page = GetAs(worker, "/ocmw/dossiers/" + std::to_string(never_client));
  ASSERT_TRUE(never_page);
  EXPECT_EQ(never_page->status, 404);
}

TEST(OcmwDossierList, LogsTheIdsShown) {
  Browser worker = WebServerFixture::Get().Login("maatschappelijk");
  auto answer = GetAs(worker, "/ocmw/dossiers?status=client_paused");
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->status, 200);
  std::vector<std::string> ids = AllMatches(answer->body, kDossierLink);
  ASSERT_FALSE(ids.empty());

  auto store = OpenFixtureStore();
  ASSERT_TRUE(store);
  std::vector<testing::LoggedAccess> entries = NewestLogEntries(*store, 1);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].actor, "maatschappelijk");
  EXPECT_EQ(entries[0].action, "list");
  EXPECT_EQ(entries[0].object_type, "client_dossier_list");
  EXPECT_NE(entries[0].detail.find("status=client_paused"), std::string::npos) << entries[0].detail;
  EXPECT_NE(entries[0].detail.find("rows=" + std::to_string(ids.size())), std::string::npos)
      << entries[0].detail;
  EXPECT_NE(entries[0].detail.find(ids.front()), std::string::npos) << entries[0].detail;
}

TEST(OcmwDossierList, FindsByNameWithoutLoggingTheName) {
  Browser worker = WebServerFixture::Get().Login("maatschappelijk");
  auto store = OpenFixtureStore();
  ASSERT_TRUE(store);
  const std::int64_t id = FirstWithStatus(*store, "solution_in_progress");
  ASSERT_NE(id, 0);
  auto page = GetAs(worker, "/ocmw/dossiers/" + std::to_string(id));
  ASSERT_TRUE(page);
  const std::string first = FirstMatch(page->body, "<dt>Voornaam</dt><dd>([^<]+)</dd>");
  const std::string last = FirstMatch(page->body, "<dt>Familienaam</dt><dd>([^<]+)</dd>");
  ASSERT_FALSE(last.empty());

  // Last name first, in capitals: the search ignores order and case.
  std::string query = last + " " + first;
  for (char& c : query) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto found = GetAs(worker, "/ocmw/dossiers?q=" + httplib::detail::encode_query_param(query));
  ASSERT_TRUE(found);
  ASSERT_EQ(found->status, 200);
  std::vector<std::string> ids = AllMatches(found->body, kDossierLink);
  EXPECT_NE(std::find(ids.begin(), ids.end(), std::to_string(id)), ids.end()) << query;

  std::vector<testing::LoggedAccess> entries = NewestLogEntries(*store, 1);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_NE(entries[0].detail.find("search=yes"), std::string::npos);
  EXPECT_EQ(entries[0].detail.find(last), std::string::npos) << entries[0].detail;
}

// ---- One dossier -------------------------------------------------------------------------

TEST(OcmwDossierPage, ShowsFullNumberAndLogsView) {
  Browser worker = WebServerFixture::Get().Login("maatschappelijk");
  auto store = OpenFixtureStore();
  ASSERT_TRUE(store);
  const std::int64_t id = FirstWithStatus(*store, "client_paused");
  ASSERT_NE(id, 0);
  auto page = GetAs(worker, "/ocmw/dossiers/" + std::to_string(id));
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_FALSE(
      FirstMatch(page->body, R"re(<span class="nn">(\d\d\.\d\d\.\d\d-\d\d\d\.\d\d)</span>)re")
          .empty());
  EXPECT_NE(page->body.find("invordering voortzetten"), std::string::npos);

  std::vector<testing::LoggedAccess> entries = NewestLogEntries(*store, 1);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "view");
  EXPECT_EQ(entries[0].outcome, "ok");
  EXPECT_EQ(entries[0].detail, "debtor_id=" + std::to_string(id));
}

TEST(OcmwDossierPage, LinksRelatedDossiersOnceTheyAreClientDossiers) {
  Browser worker = WebServerFixture::Get().Login("maatschappelijk");
  auto store = OpenFixtureStore();
  ASSERT_TRUE(store);
  const std::int64_t id = FirstWithStatus(*store, "client_paused");
  ASSERT_NE(id, 0);
  const std::string path = "/ocmw/dossiers/" + std::to_string(id);
  auto page = GetAs(worker, path);
  ASSERT_TRUE(page);
  const std::string number = FirstMatch(page->body, R"re(<span class="nn">([0-9.-]{15})</span>)re");
  ASSERT_FALSE(number.empty());

  // The city sends the same person again in a new batch, not yet compared.
  const CivilDate today{2026, 6, 1};
  ingest::DebtorList list;
  list.source_name = "tweede-lijst.csv";
  ingest::DebtorRow row;
  row.source_row = 2;
  row.first_name = "Zelfde";
  row.last_name = "Persoon";
  row.national_number = {number, nn::Check(number, today).number};
  row.street = "Kerkstraat";
  row.house_number = "1";
  row.dossier_number = "REL-" + std::to_string(id);
  list.rows.push_back(row);
  list.rows_read = 1;
  store::ImportOptions options;
  options.actor = store::Actor{"test", "debtor_team", "collection_pause"};
  ASSERT_TRUE(store->ImportDebtors(list, options).ok());

  auto before_match = GetAs(worker, path);
  ASSERT_TRUE(before_match);
  EXPECT_EQ(before_match->body.find(row.dossier_number), std::string::npos)
      << "a received dossier is the city's";

  ASSERT_TRUE(matching::MatchExact(*store, options.actor, today).ok());
  auto after_match = GetAs(worker, path);
  ASSERT_TRUE(after_match);
  const std::size_t related = after_match->body.find(row.dossier_number);
  ASSERT_NE(related, std::string::npos);
  EXPECT_NE(after_match->body.rfind("<a href=\"&#x2F;ocmw&#x2F;dossiers&#x2F;", related),
            std::string::npos);
}

TEST(OcmwDossierPage, NonClientDossierIsDenied404) {
  Browser worker = WebServerFixture::Get().Login("maatschappelijk");
  auto store = OpenFixtureStore();
  ASSERT_TRUE(store);
  const std::int64_t id = FirstWithStatus(*store, "not_client");
  ASSERT_NE(id, 0);
  const std::string number =
      QueryText(*store, "SELECT dossier_number FROM debtors WHERE id = " + std::to_string(id));

  auto guessed = GetAs(worker, "/ocmw/dossiers/" + std::to_string(id));
  auto missing = GetAs(worker, "/ocmw/dossiers/999999");
  ASSERT_TRUE(guessed);
  ASSERT_TRUE(missing);
  EXPECT_EQ(guessed->status, 404);
  EXPECT_EQ(missing->status, 404);
  const std::string main_of_guessed = guessed->body.substr(guessed->body.find("<main"));
  const std::string main_of_missing = missing->body.substr(missing->body.find("<main"));
  EXPECT_EQ(main_of_guessed, main_of_missing);
  EXPECT_EQ(guessed->body.find(AsEscapedInPage(number)), std::string::npos);

  std::vector<testing::LoggedAccess> entries = NewestLogEntries(*store, 2);
  ASSERT_EQ(entries.size(), 2u);
  const testing::LoggedAccess& denied = entries[1];  // the guess came before the missing id
  EXPECT_EQ(denied.actor, "maatschappelijk");
  EXPECT_EQ(denied.outcome, "denied");
  EXPECT_EQ(denied.object_id, number);
  EXPECT_EQ(entries[0].outcome, "denied");
}

TEST(OcmwDossierPage, FollowUpOfNonClientDossierIsRefused) {
  // received → client_paused and not_client → client_paused are allowed moves, but not
  // for a social worker who guessed the id.
  Browser worker = WebServerFixture::Get().Login("maatschappelijk");
  auto store = OpenFixtureStore();
  ASSERT_TRUE(store);
  const std::int64_t id = FirstWithStatus(*store, "not_client");
  ASSERT_NE(id, 0);
  const std::string version =
      QueryText(*store, "SELECT version FROM debtors WHERE id = " + std::to_string(id));
  auto answer = PostAs(worker, "/ocmw/dossiers/" + std::to_string(id) + "/follow-up",
                       {{"version", version}, {"to", "client_paused"}, {"reason", "geprobeerd"}});
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 404);
  EXPECT_EQ(StatusOf(*store, id), "not_client");
  std::vector<testing::LoggedAccess> entries = NewestLogEntries(*store, 1);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "transition");
  EXPECT_EQ(entries[0].outcome, "denied");
}

// ---- Follow-up -----------------------------------------------------------------------------

TEST(OcmwFollowUp, ResumeCollectionShowsTheCityTheFlagOnly) {
  WebServerFixture& fixture = WebServerFixture::Get();
  Browser worker = fixture.Login("maatschappelijk");
  auto store = OpenFixtureStore();
  ASSERT_TRUE(store);
  const std::int64_t id = FirstWithStatus(*store, "client_paused");
  ASSERT_NE(id, 0);
  const std::string path = "/ocmw/dossiers/" + std::to_string(id);
  auto page = GetAs(worker, path);
  ASSERT_TRUE(page);
  const std::string reason = "Cliënt wil geen afbetaling uitwerken (testreden 7731)";

  auto answer = PostAs(worker, path + "/follow-up",
                       {{"version", VersionIn(page->body)},
                        {"to", "resume_collection"},
                        {"consent", "refused"},
                        {"reason", reason}});
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->status, 303) << answer->body;
  EXPECT_EQ(answer->get_header_value("Location"), path + "?saved=1");
  EXPECT_EQ(StatusOf(*store, id), "resume_collection");

  // The history on the social worker's page shows the reason and the consent.
  auto after = GetAs(worker, path + "?saved=1");
  ASSERT_TRUE(after);
  EXPECT_NE(after->body.find("De opvolging is opgeslagen"), std::string::npos);
  EXPECT_NE(after->body.find("testreden 7731"), std::string::npos);
  EXPECT_NE(after->body.find("De cliënt weigert"), std::string::npos);

  // The debtor team's list shows the flag of the dossier, and nothing of the OCMW's follow-up.
  Browser city = fixture.Login("debiteuren");
  const std::string number =
      QueryText(*store, "SELECT dossier_number FROM debtors WHERE id = " + std::to_string(id));
  const std::string batch =
      QueryText(*store, "SELECT batch_id FROM debtors WHERE id = " + std::to_string(id));
  auto list = GetAs(
      city, "/debtors/batches/" + batch + "?q=" + httplib::detail::encode_query_param(number));
  ASSERT_TRUE(list);
  ASSERT_EQ(list->status, 200);
  const std::size_t row = list->body.find(AsEscapedInPage(number));
  ASSERT_NE(row, std::string::npos);
  const std::string row_text = list->body.substr(row, list->body.find("</tr>", row) - row);
  EXPECT_NE(row_text.find("invordering voortzetten"), std::string::npos) << row_text;
  EXPECT_EQ(list->body.find("testreden 7731"), std::string::npos);
  EXPECT_EQ(list->body.find("weigert"), std::string::npos);
  EXPECT_EQ(list->body.find(FirstMatch(after->body, "<dt>Familienaam</dt><dd>([^<]+)</dd>")),
            std::string::npos);
}

TEST(OcmwFollowUp, StaleVersionIsAConflict) {
  Browser first = WebServerFixture::Get().Login("maatschappelijk");
  Browser second = WebServerFixture::Get().Login("maatschappelijk");
  auto store = OpenFixtureStore();
  ASSERT_TRUE(store);
  const std::int64_t id = FirstWithStatus(*store, "client_paused");
  ASSERT_NE(id, 0);
  const std::string path = "/ocmw/dossiers/" + std::to_string(id);

  // Both open the dossier. The first saves, then the second saves the version it read.
  auto seen_by_first = GetAs(first, path);
  auto seen_by_second = GetAs(second, path);
  ASSERT_TRUE(seen_by_first);
  ASSERT_TRUE(seen_by_second);
  auto saved = PostAs(first, path + "/follow-up",
                      {{"version", VersionIn(seen_by_first->body)},
                       {"to", "solution_in_progress"},
                       {"consent", "given"},
                       {"reason", "Budgetbegeleiding opgestart"}});
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 303) << saved->body;
  auto stale = PostAs(second, path + "/follow-up",
                      {{"version", VersionIn(seen_by_second->body)},
                       {"to", "resume_collection"},
                       {"reason", "Cliënt komt niet opdagen"}});
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409);
  EXPECT_NE(stale->body.find("werd intussen door iemand anders gewijzigd"), std::string::npos);
  EXPECT_NE(stale->body.find("Cliënt komt niet opdagen"), std::string::npos)
      << "the typed reason is kept";
  EXPECT_EQ(StatusOf(*store, id), "solution_in_progress");

  // The refused write is in the access log as a failed transition, before the read of the
  // page that reports it.
  std::vector<testing::LoggedAccess> entries = NewestLogEntries(*store, 2);
  ASSERT_EQ(entries.size(), 2u);
  const std::string number = QueryText(*store, "SELECT dossier_number FROM debtors WHERE id = " +
                                                   std::to_string(id));
  EXPECT_EQ(entries[0].action, "view");
  EXPECT_EQ(entries[1].action, "transition");
  EXPECT_EQ(entries[1].object_id, number);
  EXPECT_EQ(entries[1].outcome, "failed");
  EXPECT_NE(entries[1].detail.find("to=resume_collection"), std::string::npos) << entries[1].detail;
  EXPECT_NE(entries[1].detail.find("reason=workflow.stale_version_current"), std::string::npos)
      << entries[1].detail;
}

TEST(OcmwFollowUp, SolutionNeedsConsentAndKind) {
  Browser worker = WebServerFixture::Get().Login("maatschappelijk");
  auto store = OpenFixtureStore();
  ASSERT_TRUE(store);
  const std::int64_t id = FirstWithStatus(*store, "client_paused");
  ASSERT_NE(id, 0);
  const std::string path = "/ocmw/dossiers/" + std::to_string(id);
  auto page = GetAs(worker, path);
  ASSERT_TRUE(page);
  const std::string version = VersionIn(page->body);

  struct Case {
    httplib::Params form;
    const char* expected_text;
  };
  const Case refused[] = {
      {{{"to", "solution_in_progress"}, {"reason", "plan"}},
       "alleen met toestemming van de cliënt"},
      {{{"to", "solution_in_progress"},
        {"consent", "given"},
        {"solution", "payment_plan"},
        {"reason", "plan"}},
       "hoort alleen bij de status"},
      {{{"to", "solution_in_progress"}, {"consent", "given"}, {"reason", "  "}},
       "Geef een reden op"},
      {{{"to", "closed"}, {"reason", "plan"}}, "Kies een van de nieuwe statussen"},
  };
  for (const Case& test : refused) {
    httplib::Params form = test.form;
    form.emplace("version", version);
    auto answer = PostAs(worker, path + "/follow-up", form);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 400) << test.expected_text;
    EXPECT_NE(answer->body.find(test.expected_text), std::string::npos) << test.expected_text;
  }
  EXPECT_EQ(StatusOf(*store, id), "client_paused");

  // With consent the solution is worked out, and a reached solution needs its kind.
  auto working = PostAs(worker, path + "/follow-up",
                        {{"version", version},
                         {"to", "solution_in_progress"},
                         {"consent", "given"},
                         {"reason", "Cliënt stemt in"}});
  ASSERT_TRUE(working);
  ASSERT_EQ(working->status, 303);
  auto reload = GetAs(worker, path);
  ASSERT_TRUE(reload);
  auto without_kind = PostAs(
      worker, path + "/follow-up",
      {{"version", VersionIn(reload->body)}, {"to", "solution_reached"}, {"reason", "Akkoord"}});
  ASSERT_TRUE(without_kind);
  EXPECT_EQ(without_kind->status, 400);
  auto reached = PostAs(worker, path + "/follow-up",
                        {{"version", VersionIn(reload->body)},
                         {"to", "solution_reached"},
                         {"solution", "collective_debt_settlement"},
                         {"reason", "Akkoord"}});
  ASSERT_TRUE(reached);
  ASSERT_EQ(reached->status, 303);
  auto done = GetAs(worker, path);
  ASSERT_TRUE(done);
  EXPECT_NE(done->body.find("Collectieve schuldenregeling"), std::string::npos);
  EXPECT_EQ(StatusOf(*store, id), "solution_reached");
}

// ---- Overdue -------------------------------------------------------------------------------

TEST(OcmwOverdue, ListsPausedDossiersPastTheirDeadline) {
  Browser worker = WebServerFixture::Get().Login("maatschappelijk");
  auto store = OpenFixtureStore();
  ASSERT_TRUE(store);
  const std::int64_t id = FirstWithStatus(*store, "client_paused");
  ASSERT_NE(id, 0);
  // The fixture's today is 2026-06-01: this deadline passed 31 days ago.
  ASSERT_TRUE(store->database()
                  .Execute("UPDATE debtors SET follow_up_deadline = '2026-05-01' WHERE id = " +
                           std::to_string(id))
                  .ok());

  auto overdue = GetAs(worker, "/ocmw/overdue");
  ASSERT_TRUE(overdue);
  ASSERT_EQ(overdue->status, 200);
  std::vector<std::string> ids = AllMatches(overdue->body, kDossierLink);
  EXPECT_NE(std::find(ids.begin(), ids.end(), std::to_string(id)), ids.end());
  EXPECT_NE(overdue->body.find("31 dagen"), std::string::npos);

  // The list marks the deadline as passed in text, not only by colour.
  auto list = GetAs(worker, "/ocmw/dossiers?status=client_paused");
  ASSERT_TRUE(list);
  const std::string link = "dossiers&#x2F;" + std::to_string(id) + "\"";
  const std::size_t row = list->body.find(link);
  ASSERT_NE(row, std::string::npos);
  const std::string row_text = list->body.substr(row, list->body.find("</tr>", row) - row);
  EXPECT_NE(row_text.find(">verstreken<"), std::string::npos) << row_text;
}

// ---- The structured reason -------------------------------------------------------------------

TEST(FollowUpReason, RoundTripsConsentAndSolution) {
  const FollowUp original{Consent::kGiven, SolutionKind::kBudgetManagement,
                          "Budgetbeheer via het OCMW"};
  const std::string stored = EncodeFollowUp(original);
  EXPECT_EQ(stored,
            "[follow-up consent=given solution=budget_management]\nBudgetbeheer via het OCMW");
  const FollowUp read = DecodeFollowUp(stored);
  EXPECT_EQ(read.consent, Consent::kGiven);
  EXPECT_EQ(read.solution, SolutionKind::kBudgetManagement);
  EXPECT_EQ(read.text, original.text);
}

TEST(FollowUpReason, PlainTextStaysPlain) {
  EXPECT_EQ(EncodeFollowUp({std::nullopt, std::nullopt, "Gewoon een reden"}), "Gewoon een reden");
  const FollowUp read = DecodeFollowUp("Gewoon een reden");
  EXPECT_FALSE(read.consent);
  EXPECT_FALSE(read.solution);
  EXPECT_EQ(read.text, "Gewoon een reden");
}

TEST(FollowUpReason, TypedBracketsAreNeverReadAsFields) {
  const std::string typed = "[follow-up consent=given]\nniet echt";
  const std::string stored = EncodeFollowUp({std::nullopt, std::nullopt, typed});
  const FollowUp read = DecodeFollowUp(stored);
  EXPECT_FALSE(read.consent);
  EXPECT_EQ(read.text, typed);
}

TEST(FollowUpReason, UnknownFieldKeepsTheWholeText) {
  const std::string stored = "[follow-up consent=maybe]\ntekst";
  const FollowUp read = DecodeFollowUp(stored);
  EXPECT_FALSE(read.consent);
  EXPECT_EQ(read.text, stored);
}

}  // namespace
}  // namespace adempauze::web
