#include <set>
#include <utility>

#include <gtest/gtest.h>

#include "adempauze/workflow/status.h"
#include "adempauze/workflow/workflow.h"
#include "store/store_test_support.h"

namespace adempauze::workflow {
namespace {

using namespace testing_support;
using S = DossierStatus;

// The allowed moves, written out independently of the table in status.cc.
const std::set<std::pair<S, S>> kExpectedAllowed = {
    {S::kReceived, S::kNotClient},
    {S::kReceived, S::kClientPaused},
    {S::kNotClient, S::kClientPaused},
    {S::kNotClient, S::kClosed},
    {S::kClientPaused, S::kSolutionInProgress},
    {S::kClientPaused, S::kResumeCollection},
    {S::kSolutionInProgress, S::kSolutionReached},
    {S::kSolutionInProgress, S::kResumeCollection},
    {S::kSolutionReached, S::kClosed},
    {S::kSolutionReached, S::kResumeCollection},
    {S::kResumeCollection, S::kClosed},
};

TEST(DossierStatus, IdsRoundTrip) {
  for (S status : AllStatuses()) {
    auto parsed = ParseStatus(StatusId(status));
    ASSERT_TRUE(parsed.has_value()) << StatusId(status);
    EXPECT_EQ(*parsed, status);
  }
  EXPECT_FALSE(ParseStatus("paused").has_value());
  EXPECT_FALSE(ParseStatus("").has_value());
}

TEST(DossierStatus, LabelsExistInBothLanguages) {
  for (S status : AllStatuses()) {
    EXPECT_TRUE(HasMessage("workflow.status." + std::string(StatusId(status)))) << StatusId(status);
  }
  EXPECT_EQ(StatusLabel(S::kClientPaused, Language::kDutch), "cliënt OCMW — invordering geschorst");
  EXPECT_EQ(StatusLabel(S::kResumeCollection, Language::kEnglish), "resume collection");
  EXPECT_EQ(StatusLabel("not_client", Language::kDutch), "geen cliënt");
}

TEST(TransitionTable, MatchesEveryStatusPair) {
  for (S from : AllStatuses()) {
    for (S to : AllStatuses()) {
      EXPECT_EQ(IsAllowed(from, to), kExpectedAllowed.count({from, to}) == 1)
          << StatusId(from) << " -> " << StatusId(to);
    }
  }
}

TEST(TransitionTable, OnlyClosedIsFinal) {
  EXPECT_TRUE(AllowedTargets(S::kClosed).empty());
  for (S status : AllStatuses()) {
    if (status != S::kClosed) EXPECT_FALSE(AllowedTargets(status).empty()) << StatusId(status);
  }
}

// Every status pair, through ChangeStatus on a real database: one dossier per pair is put
// in `from` and moved to `to`.
TEST(ChangeStatus, EveryStatusPairThroughDatabase) {
  StoreFixture fixture;
  const std::size_t pairs = AllStatuses().size() * AllStatuses().size();
  ASSERT_TRUE(fixture.store->ImportDebtors(MakeDebtors(0, pairs), TestImport()).ok());
  std::int64_t debtor_id = 1;
  for (S from : AllStatuses()) {
    for (S to : AllStatuses()) {
      auto set = fixture.store->database().Prepare("UPDATE debtors SET status = ?1 WHERE id = ?2");
      ASSERT_TRUE(set.ok());
      ASSERT_TRUE(set->BindText(1, StatusId(from)).Bind(2, debtor_id).Run().ok());
      ChangeRequest request{debtor_id, to, 1, "Test van de overgangstabel", TestActor(), kToday};
      auto change = ChangeStatus(*fixture.store, request);
      const bool allowed = kExpectedAllowed.count({from, to}) == 1;
      EXPECT_EQ(change.ok(), allowed) << StatusId(from) << " -> " << StatusId(to);
      if (!allowed && !change.ok()) {
        EXPECT_EQ(change.error().code, ErrorCode::kFailedPrecondition);
        EXPECT_EQ(change.error().message_key, "workflow.transition_not_allowed");
      }
      auto stored = fixture.store->FindDossier(fmt::format("D-{}", debtor_id - 1));
      ASSERT_TRUE(stored.ok());
      EXPECT_EQ(stored->status, StatusId(allowed ? to : from));
      EXPECT_EQ(stored->version, allowed ? 2 : 1);
      ++debtor_id;
    }
  }
}

}  // namespace
}  // namespace adempauze::workflow
