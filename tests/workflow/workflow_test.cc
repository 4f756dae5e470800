#include "adempauze/workflow/workflow.h"

#include <gtest/gtest.h>

#include "store/store_test_support.h"

namespace adempauze::workflow {
namespace {

using namespace testing_support;
using S = DossierStatus;

struct WorkflowFixture : StoreFixture {
  WorkflowFixture() { EXPECT_TRUE(store->ImportDebtors(MakeDebtors(0, 5), TestImport()).ok()); }

  Result<StatusChange> Change(std::int64_t debtor_id, S to, std::optional<std::int64_t> version,
                              std::string reason = "Cliënt bevestigd door maatschappelijk werker",
                              CivilDate today = kToday) {
    return ChangeStatus(*store, ChangeRequest{debtor_id, to, version, std::move(reason), TestActor(), today});
  }

  std::int64_t Count(const std::string& sql) { return *store::QueryInt(store->database(), sql); }
};

TEST(ChangeStatus, RecordsWhoWhenAndWhy) {
  WorkflowFixture fixture;
  auto change = fixture.Change(1, S::kClientPaused, 1, "OCMW bevestigt cliënt");
  ASSERT_TRUE(change.ok()) << change.error().Render(Language::kEnglish);
  EXPECT_EQ(change->from, S::kReceived);
  EXPECT_EQ(change->new_version, 2);

  auto detail = fixture.store->ReadDossier(1, TestActor());
  ASSERT_TRUE(detail.ok());
  ASSERT_EQ(detail->history.size(), 1u);
  const store::DossierEvent& event = detail->history[0];
  EXPECT_EQ(event.from_status, "received");
  EXPECT_EQ(event.to_status, "client_paused");
  EXPECT_EQ(event.actor, "cli:tester");
  EXPECT_EQ(event.reason_code, "manual");
  EXPECT_EQ(event.reason, "OCMW bevestigt cliënt");
  EXPECT_FALSE(event.at.empty());
}

TEST(ChangeStatus, ReasonIsRequired) {
  WorkflowFixture fixture;
  for (const char* blank : {"", "   ", "\t\n"}) {
    auto change = fixture.Change(1, S::kClientPaused, 1, blank);
    ASSERT_FALSE(change.ok());
    EXPECT_EQ(change.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(change.error().message_key, "workflow.reason_required");
  }
  EXPECT_EQ(fixture.Count("SELECT count(*) FROM dossier_events"), 0);
  EXPECT_EQ(fixture.Count("SELECT version FROM debtors WHERE id = 1"), 1);
}

TEST(ChangeStatus, StaleVersionIsConflict) {
  WorkflowFixture fixture;
  ASSERT_TRUE(fixture.Change(1, S::kClientPaused, 1).ok());
  // A second user still works with version 1.
  auto change = fixture.Change(1, S::kResumeCollection, 1);
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kConflict);
  std::string text = change.error().Render(Language::kDutch);
  EXPECT_NE(text.find("door iemand anders gewijzigd"), std::string::npos) << text;
  EXPECT_EQ(fixture.Count("SELECT status = 'client_paused' FROM debtors WHERE id = 1"), 1);
  EXPECT_EQ(fixture.Count("SELECT count(*) FROM dossier_events"), 1);
}

TEST(ChangeStatus, SecondConnectionWithSameVersionConflicts) {
  WorkflowFixture fixture;
  auto keys = crypto::LoadKeyFile(fixture.key_path);
  ASSERT_TRUE(keys.ok());
  auto other = store::Store::Open(fixture.db_path, std::move(keys).value(), {5000, 256 * 1024, FixedClock()});
  ASSERT_TRUE(other.ok());
  // Both users saw version 1; the first to save wins.
  ChangeRequest first{1, S::kClientPaused, 1, "OCMW bevestigt cliënt", TestActor(), kToday};
  ChangeRequest second{1, S::kNotClient, 1, "Niet gevonden", store::Actor{"cli:collega", "", "collection_pause"}, kToday};
  ASSERT_TRUE(ChangeStatus(*fixture.store, first).ok());
  auto late = ChangeStatus(**other, second);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
  EXPECT_EQ(fixture.Count("SELECT status = 'client_paused' FROM debtors WHERE id = 1"), 1);
}

TEST(ChangeStatus, WithoutVersionUsesCurrentVersion) {
  WorkflowFixture fixture;
  ASSERT_TRUE(fixture.Change(1, S::kClientPaused, std::nullopt).ok());
  auto change = fixture.Change(1, S::kSolutionInProgress, std::nullopt);
  ASSERT_TRUE(change.ok());
  EXPECT_EQ(change->new_version, 3);
}

TEST(ChangeStatus, UnknownDossierIsNotFound) {
  WorkflowFixture fixture;
  auto change = fixture.Change(999, S::kClientPaused, std::nullopt);
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kNotFound);
}

TEST(ChangeStatus, ForbiddenMoveNamesAllowedTargets) {
  WorkflowFixture fixture;
  auto change = fixture.Change(1, S::kSolutionReached, 1);
  ASSERT_FALSE(change.ok());
  std::string dutch = change.error().Render(Language::kDutch);
  EXPECT_NE(dutch.find("Toegelaten vanuit received: not_client, client_paused"), std::string::npos) << dutch;
  std::string english = change.error().Render(Language::kEnglish);
  EXPECT_NE(english.find("Allowed from received: not_client, client_paused"), std::string::npos) << english;
}

TEST(ChangeStatus, EnteringClientPausedSetsDeadline) {
  WorkflowFixture fixture;
  auto change = fixture.Change(1, S::kClientPaused, 1);
  ASSERT_TRUE(change.ok());
  ASSERT_TRUE(change->follow_up_deadline.has_value());
  EXPECT_EQ(change->follow_up_deadline->ToIso(), "2021-05-31");  // 1 April + 60 days
  auto stored = fixture.store->FindDossier("D-0");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->follow_up_deadline, change->follow_up_deadline);
}

TEST(ChangeStatus, DeadlineDaysAreConfigurable) {
  WorkflowFixture fixture;
  auto change = ChangeStatus(*fixture.store,
                             ChangeRequest{1, S::kClientPaused, 1, "reden", TestActor(), kToday},
                             WorkflowOptions{14});
  ASSERT_TRUE(change.ok());
  EXPECT_EQ(change->follow_up_deadline->ToIso(), "2021-04-15");
}

// The deadline stays while the city's flag is "cliënt OCMW", because the city's pause list
// shows it for every such dossier. It goes when collection resumes.
TEST(ChangeStatus, DeadlineKeptWhileFlaggedClient) {
  WorkflowFixture fixture;
  ASSERT_TRUE(fixture.Change(1, S::kClientPaused, 1).ok());
  auto working = fixture.Change(1, S::kSolutionInProgress, 2, "Cliënt stemt in", CivilDate{2021, 4, 20});
  ASSERT_TRUE(working.ok());
  EXPECT_EQ(working->follow_up_deadline->ToIso(), "2021-05-31");
  auto reached = fixture.Change(1, S::kSolutionReached, 3, "Afbetalingsplan", CivilDate{2021, 5, 2});
  ASSERT_TRUE(reached.ok());
  ASSERT_TRUE(reached->follow_up_deadline.has_value());
  EXPECT_EQ(reached->follow_up_deadline->ToIso(), "2021-05-31");
  EXPECT_EQ(fixture.Count("SELECT follow_up_deadline = '2021-05-31' FROM debtors WHERE id = 1"), 1);

  auto resumed = fixture.Change(1, S::kResumeCollection, 4, "Afbetalingsplan niet nagekomen", CivilDate{2021, 7, 1});
  ASSERT_TRUE(resumed.ok());
  EXPECT_FALSE(resumed->follow_up_deadline.has_value());
  EXPECT_EQ(fixture.Count("SELECT follow_up_deadline IS NULL FROM debtors WHERE id = 1"), 1);
}

TEST(ListOverdue, LeavesOutReachedSolution) {
  WorkflowFixture fixture;
  ASSERT_TRUE(fixture.Change(1, S::kClientPaused, 1, "reden", CivilDate{2021, 1, 1}).ok());  // deadline 2021-03-02
  ASSERT_TRUE(fixture.Change(1, S::kSolutionInProgress, 2, "reden").ok());
  ASSERT_TRUE(fixture.Change(1, S::kSolutionReached, 3, "reden").ok());
  auto overdue = ListOverdue(*fixture.store, kToday, TestActor());
  ASSERT_TRUE(overdue.ok());
  EXPECT_TRUE(overdue->empty());
}

TEST(ChangeStatus, TransitionIsLogged) {
  WorkflowFixture fixture;
  ASSERT_TRUE(fixture.Change(2, S::kNotClient, 1).ok());
  auto entries = fixture.store->access_log().Read(0, 100);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 2u);  // the import, then the transition
  const store::AccessEntry& entry = entries->back();
  EXPECT_EQ(entry.action, "transition");
  EXPECT_EQ(entry.object_type, "dossier");
  EXPECT_EQ(entry.object_id, "D-1");
  EXPECT_EQ(entry.detail, "debtor_id=2 from=received to=not_client version=2");
  auto verification = fixture.store->access_log().Verify();
  ASSERT_TRUE(verification.ok());
  EXPECT_TRUE(verification->ok());
}

// A refused change writes nothing to the dossier, but the access log shows the attempted
// write with outcome "failed" and the reason, not only the read that preceded it.
TEST(ChangeStatus, RefusalIsLoggedAsFailed) {
  struct Case {
    const char* name;
    S to;
    std::int64_t version;
    const char* reason_key;
  };
  const Case cases[] = {
      {"stale version", S::kResumeCollection, 1, "workflow.stale_version_current"},
      {"move outside the table", S::kClosed, 2, "workflow.transition_not_allowed"},
  };
  for (const Case& test : cases) {
    WorkflowFixture fixture;
    ASSERT_TRUE(fixture.Change(1, S::kClientPaused, 1).ok()) << test.name;
    auto refused = fixture.Change(1, test.to, test.version);
    ASSERT_FALSE(refused.ok()) << test.name;
    EXPECT_EQ(refused.error().message_key, test.reason_key) << test.name;
    EXPECT_EQ(fixture.Count("SELECT count(*) FROM dossier_events"), 1) << test.name;
    EXPECT_EQ(fixture.Count("SELECT version FROM debtors WHERE id = 1"), 2) << test.name;

    auto entries = fixture.store->access_log().Read(0, 100);
    ASSERT_TRUE(entries.ok()) << test.name;
    ASSERT_EQ(entries->size(), 3u) << test.name;  // the import, the change, the refusal
    const store::AccessEntry& entry = entries->back();
    EXPECT_EQ(entry.action, "transition") << test.name;
    EXPECT_EQ(entry.object_type, "dossier") << test.name;
    EXPECT_EQ(entry.object_id, "D-0") << test.name;
    EXPECT_EQ(entry.outcome, "failed") << test.name;
    EXPECT_NE(entry.detail.find(std::string("reason=") + test.reason_key), std::string::npos) << entry.detail;
    EXPECT_NE(entry.detail.find(std::string("to=") + std::string(StatusId(test.to))), std::string::npos)
        << entry.detail;
    auto verification = fixture.store->access_log().Verify();
    ASSERT_TRUE(verification.ok()) << test.name;
    EXPECT_TRUE(verification->ok()) << test.name;
  }
}

TEST(ChangeStatus, InputErrorsAreNotLogged) {
  WorkflowFixture fixture;
  ASSERT_FALSE(fixture.Change(1, S::kClientPaused, 1, " ").ok());
  ASSERT_FALSE(fixture.Change(999, S::kClientPaused, std::nullopt).ok());
  EXPECT_EQ(fixture.Count("SELECT count(*) FROM access_log WHERE action = 'transition'"), 0);
}

TEST(ChangeStatus, ReasonIsEncryptedInDatabase) {
  WorkflowFixture fixture;
  ASSERT_TRUE(fixture.Change(1, S::kClientPaused, 1, "Gesprek met mevrouw Zonnebloem").ok());
  auto check = fixture.store->database().Prepare(
      "SELECT count(*) FROM dossier_events WHERE CAST(reason AS TEXT) LIKE '%Zonnebloem%'");
  ASSERT_TRUE(check.ok());
  ASSERT_TRUE(*check->Step());
  EXPECT_EQ(check->ColumnInt(0), 0);
}

TEST(ListOverdue, ListsPausedDossiersPastDeadline) {
  WorkflowFixture fixture;
  ASSERT_TRUE(fixture.Change(1, S::kClientPaused, 1, "reden", CivilDate{2021, 1, 1}).ok());   // deadline 2021-03-02
  ASSERT_TRUE(fixture.Change(2, S::kClientPaused, 1, "reden", CivilDate{2021, 2, 1}).ok());   // deadline 2021-04-02
  ASSERT_TRUE(fixture.Change(3, S::kClientPaused, 1, "reden", CivilDate{2020, 12, 1}).ok());  // 2021-01-30
  ASSERT_TRUE(fixture.Change(3, S::kSolutionInProgress, 2, "reden").ok());
  ASSERT_TRUE(fixture.Change(4, S::kClientPaused, 1, "reden", CivilDate{2020, 12, 1}).ok());
  ASSERT_TRUE(fixture.Change(4, S::kResumeCollection, 2, "reden").ok());  // no longer paused
  ASSERT_TRUE(fixture.Change(5, S::kNotClient, 1, "reden").ok());

  auto overdue = ListOverdue(*fixture.store, kToday, TestActor());
  ASSERT_TRUE(overdue.ok());
  ASSERT_EQ(overdue->size(), 2u);
  EXPECT_EQ((*overdue)[0].dossier_number, "D-2");  // oldest deadline first
  EXPECT_EQ((*overdue)[1].dossier_number, "D-0");

  auto later = ListOverdue(*fixture.store, CivilDate{2021, 4, 3}, TestActor());
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->size(), 3u);
  auto entries = fixture.store->access_log().Read(0, 100);
  EXPECT_EQ(entries->back().action, "overdue");
}

}  // namespace
}  // namespace adempauze::workflow
