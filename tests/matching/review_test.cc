#include "adempauze/matching/review.h"

#include <gtest/gtest.h>

#include "adempauze/matching/exact.h"
#include "adempauze/matching/probable.h"
#include "store/store_test_support.h"

namespace adempauze::matching {
namespace {

using namespace testing_support;

std::int64_t Count(store::Store& store, const std::string& sql) {
  auto count = store::QueryInt(store.database(), sql);
  EXPECT_TRUE(count.ok());
  return count.ok() ? *count : -1;
}

ingest::DebtorRow Debtor(const std::string& dossier, const std::string& first, const std::string& last,
                         ingest::NumberField number, const std::string& street, const std::string& house) {
  ingest::DebtorRow row;
  row.first_name = first;
  row.last_name = last;
  row.national_number = std::move(number);
  row.street = street;
  row.house_number = house;
  row.dossier_number = dossier;
  return row;
}

// Ten clients with distinct names and streets; client i has row id i + 1.
const char* const kClientFirst[] = {"Jan", "An", "Pieter", "Els", "Koen", "Lies", "Wim", "Sofie", "Bart", "Ine"};
const char* const kClientLast[] = {"Peeters", "Janssens", "Maes", "Ysebaert", "Mertens",
                                   "Vercammen", "Claes", "Goossens", "De Smet", "Wouters"};
const char* const kClientStreet[] = {"Kerkstraat", "Molenweg", "Dorpsplein", "Stationsstraat", "Beukenlaan",
                                     "Veldstraat", "Kapelstraat", "Schoolstraat", "Lindelaan", "Bosweg"};

ingest::ClientList DistinctClients() {
  ingest::ClientList list;
  list.source_name = "clienten.csv";
  for (std::size_t i = 0; i < 10; ++i) {
    ingest::ClientRow row;
    row.source_row = i + 2;
    row.first_name = kClientFirst[i];
    row.last_name = kClientLast[i];
    row.national_number = ValidNumber(PersonNumber(i * 37));
    row.street = kClientStreet[i];
    row.house_number = std::to_string(3 + i * 7);
    row.postcode = "9999";
    row.client_reference = fmt::format("OCMW-{}", i);
    list.rows.push_back(std::move(row));
  }
  list.rows_read = list.rows.size();
  return list;
}

// Debtors that exact matching cannot place:
//   Q-1 has client 3's name and address without a national number, so it stays received.
//   Q-2 has client 5's name and address with a BIS number instead of the national number,
//   so exact matching makes it not_client.
//   Q-3 is someone else entirely: not_client, and never proposed.
struct QueueFixture : StoreFixture {
  QueueFixture() {
    ingest::DebtorList debtors;
    debtors.source_name = "debiteuren.csv";
    // A BIS number with client 5's birth date: the person got a national number later.
    const CivilDate birth = CivilDate::FromDaysSinceEpoch(-10950 + 5 * 37);
    const std::string bis = nn::Make(birth.year, birth.month, birth.day, 17, 40);
    debtors.rows = {
        Debtor("Q-1", kClientFirst[3], kClientLast[3], ingest::NumberField{"", std::nullopt}, kClientStreet[3], "24"),
        Debtor("Q-2", kClientFirst[5], kClientLast[5], ValidNumber(bis), kClientStreet[5], "38"),
        Debtor("Q-3", "Zeynep", "Yilmaz", ValidNumber(PersonNumber(5000)), "Hoogstraat", "88"),
    };
    for (std::size_t i = 0; i < debtors.rows.size(); ++i) debtors.rows[i].source_row = i + 2;
    debtors.rows_read = debtors.rows.size();
    EXPECT_TRUE(store->ImportDebtors(debtors, TestImport()).ok());
    EXPECT_TRUE(store->ImportClients(DistinctClients(), TestImport()).ok());
    EXPECT_TRUE(MatchExact(*store, TestActor(), kToday).ok());
  }

  std::int64_t DebtorId(const std::string& dossier) { return store->FindDossier(dossier)->debtor_id; }
  std::string StatusOf(const std::string& dossier) { return store->FindDossier(dossier)->status; }

  // Returns the queue id of the pending pair of `dossier`, or 0.
  std::int64_t QueueIdOf(const std::string& dossier) {
    auto id = store::QueryInt(store->database(),
                              "SELECT COALESCE(MAX(id), 0) FROM review_queue WHERE debtor_id = " +
                                  std::to_string(DebtorId(dossier)));
    return id.ok() ? *id : 0;
  }

  ReviewDecision By(std::string reviewer, std::int64_t id, std::string reason = "zelfde persoon, adres klopt") {
    return ReviewDecision{id, std::move(reason), store::Actor{std::move(reviewer), "reviewer", "collection_pause"},
                          kToday};
  }
};

TEST(ProbableMatches, QueuesMissingNumberAndBisReplaced) {
  QueueFixture fixture;
  ASSERT_EQ(fixture.StatusOf("Q-1"), "received");
  ASSERT_EQ(fixture.StatusOf("Q-2"), "not_client");

  auto summary = QueueProbableMatches(*fixture.store, TestActor(), kToday);
  ASSERT_TRUE(summary.ok()) << summary.error().Render(Language::kEnglish);
  EXPECT_EQ(summary->received_considered, 1u);
  EXPECT_EQ(summary->not_client_considered, 2u);
  EXPECT_EQ(summary->clients, 10u);
  EXPECT_EQ(summary->queued, 2u);
  EXPECT_EQ(summary->pending, 2u);
  EXPECT_EQ(Count(*fixture.store, "SELECT client_id FROM review_queue WHERE debtor_id = " +
                                      std::to_string(fixture.DebtorId("Q-1"))), 4);
  EXPECT_EQ(Count(*fixture.store, "SELECT client_id FROM review_queue WHERE debtor_id = " +
                                      std::to_string(fixture.DebtorId("Q-2"))), 6);
  EXPECT_EQ(fixture.QueueIdOf("Q-3"), 0);
}

TEST(ProbableMatches, ChangesNoStatusAndQueuesOnce) {
  QueueFixture fixture;
  ASSERT_TRUE(QueueProbableMatches(*fixture.store, TestActor(), kToday).ok());
  auto again = QueueProbableMatches(*fixture.store, TestActor(), kToday);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->proposed, 2u);
  EXPECT_EQ(again->queued, 0u);
  EXPECT_EQ(Count(*fixture.store, "SELECT count(*) FROM review_queue"), 2);
  EXPECT_EQ(fixture.StatusOf("Q-1"), "received");
  EXPECT_EQ(fixture.StatusOf("Q-2"), "not_client");
  EXPECT_EQ(Count(*fixture.store, "SELECT count(*) FROM matches WHERE method = 'fellegi_sunter'"), 0);
  EXPECT_EQ(Count(*fixture.store, "SELECT count(*) FROM access_log WHERE object_id = 'fellegi_sunter'"), 2);
}

TEST(ProbableMatches, ContributionsHoldNoPersonalData) {
  QueueFixture fixture;
  ASSERT_TRUE(QueueProbableMatches(*fixture.store, TestActor(), kToday).ok());
  auto query = fixture.store->database().Prepare("SELECT contributions FROM review_queue");
  ASSERT_TRUE(query.ok());
  while (*query->Step()) {
    const std::string json = query->ColumnText(0);
    EXPECT_NE(json.find("\"first_name\""), std::string::npos) << json;
    EXPECT_NE(json.find("\"level\""), std::string::npos) << json;
    for (const char* word : {kClientStreet[3], kClientLast[3], kClientFirst[3], kClientLast[5]}) {
      EXPECT_EQ(json.find(word), std::string::npos) << word << " in " << json;
    }
  }
}

TEST(ProbableMatches, HigherThresholdQueuesNothing) {
  QueueFixture fixture;
  ProbableOptions options;
  options.review_threshold = 1000.0;
  auto summary = QueueProbableMatches(*fixture.store, TestActor(), kToday, options);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->queued, 0u);
  EXPECT_DOUBLE_EQ(summary->threshold, 1000.0);
}

TEST(ReviewQueue, ListShowsMaskedNamesAndLogs) {
  QueueFixture fixture;
  ASSERT_TRUE(QueueProbableMatches(*fixture.store, TestActor(), kToday).ok());
  auto items = ListPendingReviews(*fixture.store, TestActor());
  ASSERT_TRUE(items.ok()) << items.error().Render(Language::kEnglish);
  ASSERT_EQ(items->size(), 2u);
  const ReviewItem& first = (*items)[0];
  EXPECT_GE(first.score, (*items)[1].score);
  EXPECT_EQ(first.fields.size(), fuzzy::kFieldCount);
  EXPECT_EQ(first.state, ReviewState::kPending);
  for (const ReviewItem& item : *items) {
    EXPECT_EQ(item.debtor_name_masked.find(kClientLast[3]), std::string::npos) << item.debtor_name_masked;
    EXPECT_EQ(item.debtor_name_masked.find(kClientLast[5]), std::string::npos) << item.debtor_name_masked;
  }
  EXPECT_TRUE(first.debtor_name_masked == "E** Y*******" || first.debtor_name_masked == "L*** V********")
      << first.debtor_name_masked;
  EXPECT_EQ(Count(*fixture.store, "SELECT count(*) FROM access_log WHERE object_type = 'review_queue'"), 1);
}

TEST(ReviewQueue, MaskNameKeepsInitials) {
  EXPECT_EQ(MaskName("Jan Peeters"), "J** P******");
  EXPECT_EQ(MaskName("Zoë Van de Velde-Çelik"), "Z** V** d* V****-Ç****");
  EXPECT_EQ(MaskName(""), "");
}

TEST(ReviewQueue, ShowReadsBothRecordsAndLogs) {
  QueueFixture fixture;
  ASSERT_TRUE(QueueProbableMatches(*fixture.store, TestActor(), kToday).ok());
  auto detail = ReadReview(*fixture.store, fixture.QueueIdOf("Q-2"), TestActor());
  ASSERT_TRUE(detail.ok()) << detail.error().Render(Language::kEnglish);
  EXPECT_EQ(detail->debtor.first_name, kClientFirst[5]);
  ASSERT_TRUE(detail->client.has_value());
  EXPECT_EQ(detail->client->national_number, PersonNumber(5 * 37));
  EXPECT_NE(detail->debtor.national_number, detail->client->national_number);
  EXPECT_EQ(Count(*fixture.store, "SELECT count(*) FROM access_log WHERE object_type = 'review_item' "
                                  "AND action = 'view'"), 1);
  EXPECT_EQ(ReadReview(*fixture.store, 999, TestActor()).error().message_key, "matching.review.not_found");
}

TEST(ReviewQueue, ConfirmPausesDossierAndRecordsMatch) {
  QueueFixture fixture;
  ASSERT_TRUE(QueueProbableMatches(*fixture.store, TestActor(), kToday).ok());
  const std::int64_t id = fixture.QueueIdOf("Q-1");
  auto outcome = ConfirmReview(*fixture.store, fixture.By("an.reviewer", id));
  ASSERT_TRUE(outcome.ok()) << outcome.error().Render(Language::kEnglish);
  ASSERT_TRUE(outcome->change.has_value());
  EXPECT_EQ(outcome->change->to, workflow::DossierStatus::kClientPaused);
  EXPECT_EQ(fixture.StatusOf("Q-1"), "client_paused");

  auto match = fixture.store->database().Prepare(
      "SELECT method, score, decision, decided_by, client_id FROM matches WHERE debtor_id = ?1");
  ASSERT_TRUE(match.ok());
  match->Bind(1, fixture.DebtorId("Q-1"));
  ASSERT_TRUE(*match->Step());
  EXPECT_EQ(match->ColumnText(0), "fellegi_sunter");
  EXPECT_GT(match->ColumnDouble(1), 0.0);
  EXPECT_EQ(match->ColumnText(2), "accepted");
  EXPECT_EQ(match->ColumnText(3), "an.reviewer");
  EXPECT_EQ(match->ColumnInt(4), 4);

  auto detail = ReadReview(*fixture.store, id, TestActor());
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(detail->item.state, ReviewState::kConfirmed);
  EXPECT_EQ(detail->item.decided_by, "an.reviewer");
  EXPECT_EQ(detail->reason, "zelfde persoon, adres klopt");
  auto dossier = fixture.store->ReadDossier(fixture.DebtorId("Q-1"), TestActor());
  ASSERT_TRUE(dossier.ok());
  EXPECT_EQ(dossier->history.back().reason_code, "match.fellegi_sunter");
  EXPECT_EQ(Count(*fixture.store, "SELECT count(*) FROM access_log WHERE action = 'review_confirm'"), 1);
}

TEST(ReviewQueue, RejectLeavesDossierAndSealsReason) {
  QueueFixture fixture;
  ASSERT_TRUE(QueueProbableMatches(*fixture.store, TestActor(), kToday).ok());
  const std::int64_t id = fixture.QueueIdOf("Q-2");
  auto outcome = RejectReview(*fixture.store, fixture.By("an.reviewer", id, "andere geboortedatum"));
  ASSERT_TRUE(outcome.ok()) << outcome.error().Render(Language::kEnglish);
  EXPECT_FALSE(outcome->change.has_value());
  EXPECT_EQ(fixture.StatusOf("Q-2"), "not_client");
  EXPECT_EQ(Count(*fixture.store, "SELECT count(*) FROM review_queue WHERE state = 'rejected'"), 1);
  const std::string database = ReadFileBytes(fixture.db_path);
  EXPECT_EQ(database.find("andere geboortedatum"), std::string::npos);
  auto twice = RejectReview(*fixture.store, fixture.By("an.reviewer", id, "nogmaals"));
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().message_key, "matching.review.not_pending");
}

TEST(ReviewQueue, DecisionNeedsReason) {
  QueueFixture fixture;
  ASSERT_TRUE(QueueProbableMatches(*fixture.store, TestActor(), kToday).ok());
  auto outcome = ConfirmReview(*fixture.store, fixture.By("an.reviewer", fixture.QueueIdOf("Q-1"), "  "));
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().message_key, "matching.review.reason_required");
  EXPECT_EQ(fixture.StatusOf("Q-1"), "received");
}

TEST(ReviewQueue, SameReviewerCannotReverse) {
  QueueFixture fixture;
  ASSERT_TRUE(QueueProbableMatches(*fixture.store, TestActor(), kToday).ok());
  const std::int64_t id = fixture.QueueIdOf("Q-1");
  ASSERT_TRUE(ConfirmReview(*fixture.store, fixture.By("an.reviewer", id)).ok());
  auto reversed = ReverseReview(*fixture.store, fixture.By("an.reviewer", id, "toch niet"));
  ASSERT_FALSE(reversed.ok());
  EXPECT_EQ(reversed.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(reversed.error().message_key, "matching.review.same_reviewer");
  EXPECT_NE(reversed.error().Render(Language::kDutch).find("tweede beoordelaar"), std::string::npos);
  EXPECT_EQ(fixture.StatusOf("Q-1"), "client_paused");
}

TEST(ReviewQueue, SecondReviewerReversesConfirm) {
  QueueFixture fixture;
  ASSERT_TRUE(QueueProbableMatches(*fixture.store, TestActor(), kToday).ok());
  const std::int64_t id = fixture.QueueIdOf("Q-1");
  ASSERT_TRUE(ConfirmReview(*fixture.store, fixture.By("an.reviewer", id)).ok());
  auto reversed = ReverseReview(*fixture.store, fixture.By("els.reviewer", id, "andere persoon, zelfde adres"));
  ASSERT_TRUE(reversed.ok()) << reversed.error().Render(Language::kEnglish);
  ASSERT_TRUE(reversed->change.has_value());
  EXPECT_EQ(reversed->change->to, workflow::DossierStatus::kResumeCollection);
  EXPECT_FALSE(reversed->attention);
  EXPECT_EQ(fixture.StatusOf("Q-1"), "resume_collection");
  EXPECT_EQ(Count(*fixture.store, "SELECT count(*) FROM matches WHERE decision = 'reversed'"), 1);

  auto detail = ReadReview(*fixture.store, id, TestActor());
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(detail->item.reversed_by, "els.reviewer");
  EXPECT_EQ(detail->reversal_reason, "andere persoon, zelfde adres");

  auto again = ReverseReview(*fixture.store, fixture.By("wim.reviewer", id, "nog eens"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message_key, "matching.review.already_reversed");
}

TEST(ReviewQueue, SecondReviewerReversesRejectIntoPause) {
  QueueFixture fixture;
  ASSERT_TRUE(QueueProbableMatches(*fixture.store, TestActor(), kToday).ok());
  const std::int64_t id = fixture.QueueIdOf("Q-2");
  ASSERT_TRUE(RejectReview(*fixture.store, fixture.By("an.reviewer", id, "twijfel")).ok());
  auto reversed = ReverseReview(*fixture.store, fixture.By("els.reviewer", id, "BIS-nummer vervangen door INSZ"));
  ASSERT_TRUE(reversed.ok()) << reversed.error().Render(Language::kEnglish);
  EXPECT_EQ(fixture.StatusOf("Q-2"), "client_paused");
  EXPECT_EQ(Count(*fixture.store, "SELECT count(*) FROM matches WHERE method = 'fellegi_sunter' "
                                  "AND decided_by = 'els.reviewer'"), 1);
}

TEST(ReviewQueue, ReversalAfterFollowUpMarksAttention) {
  QueueFixture fixture;
  ASSERT_TRUE(QueueProbableMatches(*fixture.store, TestActor(), kToday).ok());
  const std::int64_t id = fixture.QueueIdOf("Q-1");
  ASSERT_TRUE(ConfirmReview(*fixture.store, fixture.By("an.reviewer", id)).ok());
  workflow::ChangeRequest request{fixture.DebtorId("Q-1"), workflow::DossierStatus::kResumeCollection,
                                  std::nullopt, "geen toestemming", TestActor(), kToday};
  ASSERT_TRUE(workflow::ChangeStatus(*fixture.store, request).ok());
  auto reversed = ReverseReview(*fixture.store, fixture.By("els.reviewer", id, "andere persoon"));
  ASSERT_TRUE(reversed.ok());
  EXPECT_TRUE(reversed->attention);
  EXPECT_FALSE(reversed->change.has_value());
  EXPECT_EQ(Count(*fixture.store, "SELECT attention FROM review_queue WHERE id = " + std::to_string(id)), 1);
}

TEST(ReviewQueue, PendingCannotBeReversed) {
  QueueFixture fixture;
  ASSERT_TRUE(QueueProbableMatches(*fixture.store, TestActor(), kToday).ok());
  auto reversed = ReverseReview(*fixture.store, fixture.By("els.reviewer", fixture.QueueIdOf("Q-1"), "x"));
  ASSERT_FALSE(reversed.ok());
  EXPECT_EQ(reversed.error().message_key, "matching.review.not_decided");
}

TEST(ReviewQueue, NewClientListWithdrawsPending) {
  QueueFixture fixture;
  ASSERT_TRUE(QueueProbableMatches(*fixture.store, TestActor(), kToday).ok());
  const std::int64_t id = fixture.QueueIdOf("Q-1");

  auto replaced = fixture.store->ImportClients(DistinctClients(), TestImport());
  ASSERT_TRUE(replaced.ok()) << replaced.error().Render(Language::kEnglish);
  EXPECT_EQ(replaced->proposals_withdrawn, 2u);

  auto detail = ReadReview(*fixture.store, id, TestActor());
  ASSERT_TRUE(detail.ok()) << detail.error().Render(Language::kEnglish);
  EXPECT_EQ(detail->item.state, ReviewState::kWithdrawn);
  EXPECT_FALSE(detail->item.withdrawn_at.empty());
  EXPECT_EQ(detail->item.withdrawn_by_batch, replaced->batch_id);
  EXPECT_FALSE(detail->item.client_id.has_value());
  EXPECT_TRUE(detail->item.decided_by.empty());

  auto pending = ListPendingReviews(*fixture.store, TestActor());
  ASSERT_TRUE(pending.ok());
  EXPECT_TRUE(pending->empty());
  auto decided = ListDecidedReviews(*fixture.store, TestActor());
  ASSERT_TRUE(decided.ok());
  EXPECT_TRUE(decided->empty());
}

TEST(ReviewQueue, WithdrawnCannotBeDecided) {
  QueueFixture fixture;
  ASSERT_TRUE(QueueProbableMatches(*fixture.store, TestActor(), kToday).ok());
  const std::int64_t id = fixture.QueueIdOf("Q-1");
  ASSERT_TRUE(fixture.store->ImportClients(DistinctClients(), TestImport()).ok());

  auto confirmed = ConfirmReview(*fixture.store, fixture.By("an.reviewer", id));
  ASSERT_FALSE(confirmed.ok());
  EXPECT_EQ(confirmed.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(confirmed.error().message_key, "matching.review.withdrawn");
  EXPECT_NE(confirmed.error().Render(Language::kDutch).find("ingetrokken"), std::string::npos);
  EXPECT_EQ(fixture.StatusOf("Q-1"), "received");
  EXPECT_EQ(Count(*fixture.store, "SELECT count(*) FROM matches WHERE method = 'fellegi_sunter'"), 0);

  auto rejected = RejectReview(*fixture.store, fixture.By("an.reviewer", id, "andere persoon"));
  ASSERT_FALSE(rejected.ok());
  EXPECT_EQ(rejected.error().message_key, "matching.review.withdrawn");
  auto reversed = ReverseReview(*fixture.store, fixture.By("els.reviewer", id, "toch wel"));
  ASSERT_FALSE(reversed.ok());
  EXPECT_EQ(reversed.error().message_key, "matching.review.withdrawn");
  EXPECT_EQ(Count(*fixture.store, "SELECT count(*) FROM review_queue WHERE state = 'withdrawn' AND id = " +
                                      std::to_string(id)), 1);
  EXPECT_EQ(Count(*fixture.store, "SELECT count(*) FROM review_queue WHERE decided_by IS NOT NULL"), 0);
}

TEST(ReviewQueue, DecisionKeptWhenListReplaced) {
  QueueFixture fixture;
  ASSERT_TRUE(QueueProbableMatches(*fixture.store, TestActor(), kToday).ok());
  const std::int64_t confirmed = fixture.QueueIdOf("Q-1");
  const std::int64_t rejected = fixture.QueueIdOf("Q-2");
  ASSERT_TRUE(ConfirmReview(*fixture.store, fixture.By("an.reviewer", confirmed)).ok());
  ASSERT_TRUE(RejectReview(*fixture.store, fixture.By("an.reviewer", rejected, "andere geboortedatum")).ok());

  auto replaced = fixture.store->ImportClients(DistinctClients(), TestImport());
  ASSERT_TRUE(replaced.ok());
  EXPECT_EQ(replaced->proposals_withdrawn, 0u);

  auto detail = ReadReview(*fixture.store, rejected, TestActor());
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(detail->item.state, ReviewState::kRejected);
  EXPECT_EQ(detail->item.decided_by, "an.reviewer");
  EXPECT_EQ(detail->reason, "andere geboortedatum");
  EXPECT_TRUE(detail->item.withdrawn_at.empty());
  EXPECT_FALSE(detail->item.client_id.has_value());
  auto decided = ListDecidedReviews(*fixture.store, TestActor());
  ASSERT_TRUE(decided.ok());
  EXPECT_EQ(decided->size(), 2u);
  EXPECT_EQ(fixture.StatusOf("Q-1"), "client_paused");

  // A second reviewer can still reverse the confirm: collection resumes without the client row.
  auto reversed = ReverseReview(*fixture.store, fixture.By("els.reviewer", confirmed, "andere persoon"));
  ASSERT_TRUE(reversed.ok()) << reversed.error().Render(Language::kEnglish);
  EXPECT_EQ(fixture.StatusOf("Q-1"), "resume_collection");
}

TEST(ReviewQueue, RematchQueuesEachDossierOnce) {
  QueueFixture fixture;
  ASSERT_TRUE(QueueProbableMatches(*fixture.store, TestActor(), kToday).ok());
  ASSERT_TRUE(fixture.store->ImportClients(DistinctClients(), TestImport()).ok());

  auto again = QueueProbableMatches(*fixture.store, TestActor(), kToday);
  ASSERT_TRUE(again.ok()) << again.error().Render(Language::kEnglish);
  EXPECT_EQ(again->queued, 2u);
  EXPECT_EQ(again->pending, 2u);
  auto pending = ListPendingReviews(*fixture.store, TestActor());
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 2u);
  EXPECT_NE((*pending)[0].debtor_id, (*pending)[1].debtor_id);
  for (const ReviewItem& item : *pending) {
    ASSERT_TRUE(item.client_id.has_value());
    EXPECT_FALSE(item.client_name_masked.empty());
  }

  // The new proposal of Q-1 can be confirmed against the new list's row.
  auto confirmed = ConfirmReview(*fixture.store, fixture.By("an.reviewer", fixture.QueueIdOf("Q-1")));
  ASSERT_TRUE(confirmed.ok()) << confirmed.error().Render(Language::kEnglish);
  EXPECT_EQ(fixture.StatusOf("Q-1"), "client_paused");
}

TEST(ReviewQueue, ConfirmRefusesMissingClientRow) {
  QueueFixture fixture;
  ASSERT_TRUE(QueueProbableMatches(*fixture.store, TestActor(), kToday).ok());
  const std::int64_t id = fixture.QueueIdOf("Q-1");
  // The client row is removed the way a tool without foreign keys would remove it. client_id
  // then still points at the deleted row, and the entry stays pending.
  store::Database& db = fixture.store->database();
  ASSERT_TRUE(db.Execute("PRAGMA foreign_keys = OFF").ok());
  ASSERT_TRUE(db.Execute("DELETE FROM clients WHERE id = (SELECT client_id FROM review_queue WHERE id = " +
                         std::to_string(id) + ")")
                  .ok());
  ASSERT_TRUE(db.Execute("PRAGMA foreign_keys = ON").ok());

  auto confirmed = ConfirmReview(*fixture.store, fixture.By("an.reviewer", id));
  ASSERT_FALSE(confirmed.ok());
  EXPECT_EQ(confirmed.error().message_key, "matching.review.client_gone");
  EXPECT_EQ(fixture.StatusOf("Q-1"), "received");
  EXPECT_EQ(Count(*fixture.store, "SELECT count(*) FROM matches WHERE method = 'fellegi_sunter'"), 0);
  auto rejected = RejectReview(*fixture.store, fixture.By("an.reviewer", id, "cliënt niet meer op de lijst"));
  EXPECT_TRUE(rejected.ok());
}

TEST(ReviewQueue, SurvivesReopen) {
  QueueFixture fixture;
  ASSERT_TRUE(QueueProbableMatches(*fixture.store, TestActor(), kToday).ok());
  fixture.Reopen();
  auto items = ListPendingReviews(*fixture.store, TestActor());
  ASSERT_TRUE(items.ok());
  EXPECT_EQ(items->size(), 2u);
}

}  // namespace
}  // namespace adempauze::matching
