#include "adempauze/matching/exact.h"

#include <gtest/gtest.h>

#include "store/store_test_support.h"

namespace adempauze::matching {
namespace {

using namespace testing_support;

std::int64_t Count(store::Store& store, const std::string& sql) {
  auto count = store::QueryInt(store.database(), sql);
  EXPECT_TRUE(count.ok());
  return count.ok() ? *count : -1;
}

Result<MatchSummary> Match(store::Store& store) { return MatchExact(store, TestActor(), kToday); }

TEST(MatchExact, PausesClientsAndMarksOthersNotClient) {
  StoreFixture fixture;
  ASSERT_TRUE(fixture.store->ImportDebtors(MakeDebtors(0, 10), TestImport()).ok());
  ASSERT_TRUE(fixture.store->ImportClients(MakeClients(5, 10), TestImport()).ok());  // people 5..14
  auto summary = Match(*fixture.store);
  ASSERT_TRUE(summary.ok()) << summary.error().Render(Language::kEnglish);
  EXPECT_EQ(summary->clients, 10u);
  EXPECT_EQ(summary->considered, 10u);
  EXPECT_EQ(summary->paused, 5u);
  EXPECT_EQ(summary->not_client, 5u);
  EXPECT_EQ(summary->became_client, 0u);
  EXPECT_EQ(summary->without_number, 0u);
  EXPECT_EQ(Count(*fixture.store, "SELECT count(*) FROM debtors WHERE status = 'client_paused' "
                                  "AND dossier_number IN ('D-5','D-6','D-7','D-8','D-9')"), 5);
  EXPECT_EQ(Count(*fixture.store, "SELECT count(*) FROM debtors WHERE status = 'not_client'"), 5);
}

TEST(MatchExact, RecordsMethodScoreClientAndHistory) {
  StoreFixture fixture;
  ASSERT_TRUE(fixture.store->ImportDebtors(MakeDebtors(0, 3), TestImport()).ok());
  ASSERT_TRUE(fixture.store->ImportClients(MakeClients(1, 1), TestImport()).ok());
  ASSERT_TRUE(Match(*fixture.store).ok());

  auto match = fixture.store->database().Prepare(
      "SELECT debtor_id, client_id, method, score, decision, decided_by FROM matches");
  ASSERT_TRUE(match.ok());
  ASSERT_TRUE(*match->Step());
  EXPECT_EQ(match->ColumnInt(0), 2);
  EXPECT_EQ(match->ColumnInt(1), 1);
  EXPECT_EQ(match->ColumnText(2), "exact");
  EXPECT_DOUBLE_EQ(match->ColumnDouble(3), 1.0);
  EXPECT_EQ(match->ColumnText(4), "accepted");
  EXPECT_EQ(match->ColumnText(5), "cli:tester");
  EXPECT_FALSE(*match->Step());

  auto paused = fixture.store->FindDossier("D-1");
  ASSERT_TRUE(paused.ok());
  EXPECT_EQ(paused->status, "client_paused");
  EXPECT_EQ(paused->version, 2);
  ASSERT_TRUE(paused->follow_up_deadline.has_value());
  EXPECT_EQ(paused->follow_up_deadline->ToIso(), "2021-05-31");
  auto detail = fixture.store->ReadDossier(paused->debtor_id, TestActor());
  ASSERT_TRUE(detail.ok());
  ASSERT_EQ(detail->history.size(), 1u);
  EXPECT_EQ(detail->history[0].reason_code, "match.exact");
  EXPECT_EQ(detail->history[0].reason, "");

  auto other = fixture.store->ReadDossier(fixture.store->FindDossier("D-0")->debtor_id, TestActor());
  ASSERT_TRUE(other.ok());
  ASSERT_EQ(other->history.size(), 1u);
  EXPECT_EQ(other->history[0].to_status, "not_client");
  EXPECT_EQ(other->history[0].reason_code, "match.none");
}

TEST(MatchExact, NewClientListTurnsNotClientIntoClient) {
  StoreFixture fixture;
  ASSERT_TRUE(fixture.store->ImportDebtors(MakeDebtors(0, 10), TestImport()).ok());
  ASSERT_TRUE(fixture.store->ImportClients(MakeClients(5, 5), TestImport()).ok());
  ASSERT_TRUE(Match(*fixture.store).ok());

  // The next list has people 0..2 and no longer 5..9.
  ASSERT_TRUE(fixture.store->ImportClients(MakeClients(0, 3), TestImport()).ok());
  auto summary = Match(*fixture.store);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->considered, 5u);  // the not_client dossiers; paused ones stay paused
  EXPECT_EQ(summary->became_client, 3u);
  EXPECT_EQ(summary->still_not_client, 2u);
  EXPECT_EQ(summary->paused, 0u);
  EXPECT_EQ(Count(*fixture.store, "SELECT count(*) FROM debtors WHERE status = 'client_paused'"), 8);
  EXPECT_EQ(Count(*fixture.store, "SELECT count(*) FROM debtors WHERE status = 'not_client'"), 2);
  // The first run's matches lost their client row with the old list but keep their decision.
  EXPECT_EQ(Count(*fixture.store, "SELECT count(*) FROM matches WHERE client_id IS NULL"), 5);
  EXPECT_EQ(Count(*fixture.store, "SELECT count(*) FROM matches"), 8);
}

TEST(MatchExact, SecondRunChangesNothing) {
  StoreFixture fixture;
  ASSERT_TRUE(fixture.store->ImportDebtors(MakeDebtors(0, 6), TestImport()).ok());
  ASSERT_TRUE(fixture.store->ImportClients(MakeClients(0, 2), TestImport()).ok());
  ASSERT_TRUE(Match(*fixture.store).ok());
  auto again = Match(*fixture.store);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->paused + again->became_client + again->not_client, 0u);
  EXPECT_EQ(again->still_not_client, 4u);
  EXPECT_EQ(Count(*fixture.store, "SELECT count(*) FROM dossier_events"), 6);
}

TEST(MatchExact, DebtorWithoutValidNumberStaysReceived) {
  StoreFixture fixture;
  ingest::DebtorList debtors = MakeDebtors(0, 3);
  debtors.rows[0].national_number = ingest::NumberField{"onbekend", std::nullopt};
  ASSERT_TRUE(fixture.store->ImportDebtors(debtors, TestImport()).ok());
  ingest::ClientList clients = MakeClients(0, 3);
  clients.rows[1].national_number = ingest::NumberField{"12345", std::nullopt};
  ASSERT_TRUE(fixture.store->ImportClients(clients, TestImport()).ok());
  auto summary = Match(*fixture.store);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->clients, 2u);
  EXPECT_EQ(summary->without_number, 1u);
  EXPECT_EQ(summary->paused, 1u);      // person 2
  EXPECT_EQ(summary->not_client, 1u);  // person 1: the client row has no valid number
  EXPECT_EQ(fixture.store->FindDossier("D-0")->status, "received");
}

TEST(MatchExact, RepeatedClientNumberMatchesFirstRow) {
  StoreFixture fixture;
  ASSERT_TRUE(fixture.store->ImportDebtors(MakeDebtors(0, 2), TestImport()).ok());
  ingest::ClientList clients = MakeClients(7, 1);  // client row 1: person 7, no debtor
  ingest::ClientList person_one = MakeClients(1, 1);
  clients.rows.push_back(person_one.rows[0]);  // client row 2: person 1
  clients.rows.push_back(person_one.rows[0]);  // client row 3: person 1 again
  ASSERT_TRUE(fixture.store->ImportClients(clients, TestImport()).ok());
  auto summary = Match(*fixture.store);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->clients, 2u);  // distinct numbers
  EXPECT_EQ(summary->paused, 1u);
  EXPECT_EQ(Count(*fixture.store, "SELECT count(*) FROM matches"), 1);
  // Client ids follow the row order, so row 2 has the second-lowest id.
  EXPECT_EQ(Count(*fixture.store, "SELECT client_id FROM matches"),
            Count(*fixture.store, "SELECT min(id) + 1 FROM clients"));
}

TEST(MatchExact, ThousandsOfClientsAllFound) {
  // Enough clients that lookups probe past occupied slots of the in-memory index.
  StoreFixture fixture;
  ASSERT_TRUE(fixture.store->ImportDebtors(MakeDebtors(0, 6000), TestImport()).ok());
  ASSERT_TRUE(fixture.store->ImportClients(MakeClients(2000, 5000), TestImport()).ok());
  auto summary = Match(*fixture.store);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->clients, 5000u);
  EXPECT_EQ(summary->paused, 4000u);  // people 2000..5999
  EXPECT_EQ(summary->not_client, 2000u);
  EXPECT_EQ(Count(*fixture.store, "SELECT count(*) FROM debtors WHERE status = 'client_paused' "
                                  "AND CAST(substr(dossier_number, 3) AS INTEGER) >= 2000"), 4000);
}

TEST(MatchExact, WithoutClientListEveryoneIsNotClient) {
  StoreFixture fixture;
  ASSERT_TRUE(fixture.store->ImportDebtors(MakeDebtors(0, 4), TestImport()).ok());
  auto summary = Match(*fixture.store);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->not_client, 4u);
}

TEST(MatchExact, RunIsLoggedWithCountsOnly) {
  StoreFixture fixture;
  ASSERT_TRUE(fixture.store->ImportDebtors(MakeDebtors(0, 4), TestImport()).ok());
  ASSERT_TRUE(fixture.store->ImportClients(MakeClients(0, 1), TestImport()).ok());
  ASSERT_TRUE(Match(*fixture.store).ok());
  auto entries = fixture.store->access_log().Read(0, 100);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_EQ(entries->back().action, "match");
  EXPECT_EQ(entries->back().detail,
            "considered=4 paused=1 became_client=0 not_client=3 without_number=0 clients=1");
  auto verification = fixture.store->access_log().Verify();
  ASSERT_TRUE(verification.ok());
  EXPECT_TRUE(verification->ok());
}

TEST(MatchExact, BusyDatabaseChangesNothing) {
  StoreFixture fixture;
  ASSERT_TRUE(fixture.store->ImportDebtors(MakeDebtors(0, 4), TestImport()).ok());
  auto other = store::Database::Open(fixture.db_path, store::Database::Mode::kExisting, 10);
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(other->Execute("BEGIN IMMEDIATE").ok());
  auto keys = crypto::LoadKeyFile(fixture.key_path);
  ASSERT_TRUE(keys.ok());
  fixture.store.reset();
  auto store = store::Store::Open(fixture.db_path, std::move(keys).value(), {10, 256 * 1024, FixedClock()});
  ASSERT_TRUE(store.ok());
  auto summary = MatchExact(**store, TestActor(), kToday);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(other->Execute("ROLLBACK").ok());
  EXPECT_EQ(Count(**store, "SELECT count(*) FROM debtors WHERE status = 'received'"), 4);
}

}  // namespace
}  // namespace adempauze::matching
