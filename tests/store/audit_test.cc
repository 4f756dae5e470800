// The access log's subjects, encoding versions, anchors and the officer's export.
#include <fmt/format.h>

#include <gtest/gtest.h>

#include "adempauze/store/audit.h"
#include "adempauze/store/person.h"
#include "store/store_test_support.h"

namespace adempauze::store {
namespace {

using namespace testing_support;
using Problem = AccessLogVerification::Problem;

// A store with four debtors and one view of dossier D-1.
struct ViewedStore : StoreFixture {
  ViewedStore() {
    EXPECT_TRUE(store->ImportDebtors(MakeDebtors(0, 4), TestImport()).ok());
    auto found = store->FindDossier("D-1");
    EXPECT_TRUE(found.ok());
    EXPECT_TRUE(store->ReadDossier(found->debtor_id, TestActor()).ok());
  }
  std::vector<AccessRecord> Records() {
    auto records = store->access_log().ReadRecords(0, 100000);
    EXPECT_TRUE(records.ok());
    return *records;
  }
  void Tamper(const std::string& sql) {
    ASSERT_TRUE(store->database()
                    .Execute("DROP TRIGGER access_log_no_update; DROP TRIGGER access_log_no_delete; " + sql)
                    .ok());
  }
};

TEST(AccessSubject, ViewCarriesPseudonymNotNumber) {
  ViewedStore fixture;
  const AccessRecord view = fixture.Records().back();
  EXPECT_EQ(view.entry.action, "view");
  EXPECT_EQ(view.encoding_version, 2);
  EXPECT_EQ(view.subject, SubjectPseudonym(fixture.store->keys(), PersonNumber(1)));
  EXPECT_EQ(view.subject.size(), 32u);
  EXPECT_NE(view.subject, SubjectPseudonym(fixture.store->keys(), PersonNumber(2)));

  // Neither the number nor its blind index appears in the log.
  const std::string blind = crypto::ToHex(std::string_view(
      reinterpret_cast<const char*>(crypto::ComputeBlindIndex(fixture.store->keys(), PersonNumber(1)).data()), 32));
  EXPECT_EQ(blind.find(view.subject), std::string::npos);
  for (const AccessRecord& record : fixture.Records()) {
    EXPECT_EQ(CanonicalEncoding(record.entry, 2, record.subject).find(PersonNumber(1)), std::string::npos);
  }
}

TEST(AccessSubject, ListLogsDossierIds) {
  ViewedStore fixture;
  ASSERT_TRUE(fixture.store->ListDossiers({}, TestActor()).ok());
  const AccessRecord list = fixture.Records().back();
  EXPECT_EQ(list.entry.action, "list");
  EXPECT_NE(list.entry.detail.find("debtor_ids=1-4"), std::string::npos) << list.entry.detail;
}

TEST(AccessSubject, VersionOneEntriesStillVerify) {
  ViewedStore fixture;
  // An entry in the old encoding, as an installation before the subject column wrote it.
  auto records = fixture.Records();
  auto last = fixture.store->database().Prepare("SELECT entry_hash FROM access_log ORDER BY seq DESC LIMIT 1");
  ASSERT_TRUE(last.ok());
  ASSERT_TRUE(*last->Step());
  crypto::Digest previous{};
  const std::string previous_bytes = last->ColumnBlob(0);
  std::copy(previous_bytes.begin(), previous_bytes.end(), previous.begin());
  AccessEntry old{static_cast<std::int64_t>(records.size() + 1), "2021-04-01T11:00:00.000Z", "cli:old", "", "list",
                  "dossier_list", "*", "collection_pause", "ok", "rows=4"};
  const crypto::Digest hash = crypto::ChainHash(fixture.store->keys(), previous, CanonicalEncoding(old, 1));
  auto insert = fixture.store->database().Prepare(
      "INSERT INTO access_log VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, '', 1)");
  ASSERT_TRUE(insert.ok());
  insert->Bind(1, old.seq).BindText(2, old.at).BindText(3, old.actor).BindText(4, old.role).BindText(5, old.action);
  insert->BindText(6, old.object_type).BindText(7, old.object_id).BindText(8, old.purpose).BindText(9, old.outcome);
  insert->BindText(10, old.detail).BindBlob(11, previous_bytes);
  insert->BindBlob(12, std::string_view(reinterpret_cast<const char*>(hash.data()), hash.size()));
  ASSERT_TRUE(insert->Run().ok());

  auto verification = fixture.store->access_log().Verify();
  ASSERT_TRUE(verification.ok());
  EXPECT_TRUE(verification->ok());
  EXPECT_EQ(verification->entries_checked, old.seq);
}

TEST(AccessSubject, ChangedSubjectIsDetected) {
  ViewedStore fixture;
  const std::int64_t seq = fixture.Records().back().entry.seq;
  fixture.Tamper(fmt::format("UPDATE access_log SET subject = '' WHERE seq = {}", seq));
  auto verification = fixture.store->access_log().Verify();
  ASSERT_TRUE(verification.ok());
  EXPECT_EQ(verification->problem, Problem::kChanged);
  EXPECT_EQ(verification->first_bad_seq, seq);
}

TEST(AccessLogAnchor, FormatRoundTrips) {
  ViewedStore fixture;
  auto anchor = ReadAnchor(*fixture.store);
  ASSERT_TRUE(anchor.ok());
  EXPECT_EQ(anchor->seq, 2);
  auto parsed = ParseAnchor(FormatAnchor(*anchor), "anker.txt");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->seq, anchor->seq);
  EXPECT_EQ(parsed->entry_hash, anchor->entry_hash);
  EXPECT_FALSE(ParseAnchor("seq=2\n", "x").ok());
  std::string bad_hash = FormatAnchor(*anchor);
  bad_hash.replace(bad_hash.find("entry_hash=") + 11, 2, "zz");
  EXPECT_FALSE(ParseAnchor(bad_hash, "x").ok());
}

TEST(AccessLogAnchor, IntactLogMatchesOlderAnchor) {
  ViewedStore fixture;
  auto anchor = ReadAnchor(*fixture.store);
  ASSERT_TRUE(anchor.ok());
  ASSERT_TRUE(fixture.store->ListDossiers({}, TestActor()).ok());
  auto verification = VerifyAgainstAnchor(*fixture.store, *anchor);
  ASSERT_TRUE(verification.ok());
  EXPECT_TRUE(verification->ok());
}

TEST(AccessLogAnchor, DetectsTruncatedTail) {
  ViewedStore fixture;
  ASSERT_TRUE(fixture.store->ListDossiers({}, TestActor()).ok());
  auto anchor = ReadAnchor(*fixture.store);
  ASSERT_TRUE(anchor.ok());
  // Without the anchor, a log missing its last entries still verifies.
  fixture.Tamper("DELETE FROM access_log WHERE seq >= 2");
  EXPECT_TRUE(fixture.store->access_log().Verify()->ok());
  auto verification = VerifyAgainstAnchor(*fixture.store, *anchor);
  ASSERT_TRUE(verification.ok());
  EXPECT_EQ(verification->problem, Problem::kTruncated);
  EXPECT_EQ(verification->first_bad_seq, 2);
}

TEST(AccessLogAnchor, DetectsRewrittenAnchorEntry) {
  ViewedStore fixture;
  auto anchor = ReadAnchor(*fixture.store);
  ASSERT_TRUE(anchor.ok());
  anchor->entry_hash = std::string(64, 'a');
  auto verification = VerifyAgainstAnchor(*fixture.store, *anchor);
  ASSERT_TRUE(verification.ok());
  EXPECT_EQ(verification->problem, Problem::kAnchorMismatch);
  anchor->key_id = std::string(32, '0');
  EXPECT_FALSE(VerifyAgainstAnchor(*fixture.store, *anchor).ok());
}

TEST(AccessLogTriggers, RejectUpdateAndDelete) {
  ViewedStore fixture;
  EXPECT_FALSE(fixture.store->database().Execute("UPDATE access_log SET subject = '' WHERE seq = 2").ok());
  EXPECT_FALSE(fixture.store->database().Execute("DELETE FROM access_log WHERE seq = 2").ok());
  EXPECT_EQ(fixture.Records().size(), 2u);
}

TEST(AccessLogExport, FiltersByPersonDossierAndUser) {
  ViewedStore fixture;
  Actor other{"cli:ander", "", "collection_pause"};
  auto d2 = fixture.store->FindDossier("D-2");
  ASSERT_TRUE(fixture.store->ReadDossier(d2->debtor_id, other).ok());

  AccessLogFilter by_person;
  by_person.subject = SubjectPseudonym(fixture.store->keys(), PersonNumber(1));
  auto person = ReadAccessLogForExport(*fixture.store, by_person, TestActor());
  ASSERT_TRUE(person.ok());
  ASSERT_EQ(person->size(), 1u);
  EXPECT_EQ((*person)[0].entry.object_id, "D-1");

  AccessLogFilter by_dossier;
  by_dossier.dossier_number = "D-2";
  EXPECT_EQ(ReadAccessLogForExport(*fixture.store, by_dossier, TestActor())->size(), 1u);

  AccessLogFilter by_user;
  by_user.actor = "cli:ander";
  EXPECT_EQ(ReadAccessLogForExport(*fixture.store, by_user, TestActor())->size(), 1u);

  AccessLogFilter by_date;
  by_date.from = CivilDate{2021, 4, 2};
  EXPECT_TRUE(ReadAccessLogForExport(*fixture.store, by_date, TestActor())->empty());

  // Each export is itself logged.
  EXPECT_EQ(fixture.Records().back().entry.action, "audit_export");
}

TEST(AccessLogPage, PagesNewestFirstAndLogsTheSeqShown) {
  ViewedStore fixture;
  const std::int64_t before = static_cast<std::int64_t>(fixture.Records().size());
  ASSERT_GE(before, 2);

  auto first = ReadAccessLogPage(*fixture.store, {}, 0, 1, TestActor());
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->total, before);
  ASSERT_EQ(first->records.size(), 1u);
  EXPECT_EQ(first->records[0].entry.seq, before);

  // The first view is now the newest entry, so the second page starts one further back.
  auto second = ReadAccessLogPage(*fixture.store, {}, 1, 2, TestActor());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->total, before + 1);
  ASSERT_EQ(second->records.size(), 2u);
  EXPECT_EQ(second->records[0].entry.seq, before);
  EXPECT_EQ(second->records[1].entry.seq, before - 1);

  const AccessRecord logged = fixture.Records().back();
  EXPECT_EQ(logged.entry.action, "audit_view");
  EXPECT_NE(logged.entry.detail.find(fmt::format("seq={}-{}", before - 1, before)), std::string::npos)
      << logged.entry.detail;
  EXPECT_TRUE(fixture.store->access_log().Verify()->ok());

  auto past_end = ReadAccessLogPage(*fixture.store, {}, 1000, 50, TestActor());
  ASSERT_TRUE(past_end.ok());
  EXPECT_TRUE(past_end->records.empty());
  EXPECT_NE(fixture.Records().back().entry.detail.find("seq=-"), std::string::npos);
}

TEST(AccessLogPage, FiltersByActionAndOutcome) {
  ViewedStore fixture;
  AccessLogFilter views;
  views.action = "view";
  auto page = ReadAccessLogPage(*fixture.store, views, 0, 50, TestActor());
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 1);
  ASSERT_EQ(page->records.size(), 1u);
  EXPECT_EQ(page->records[0].entry.action, "view");

  AccessLogFilter denied;
  denied.outcome = "denied";
  auto none = ReadAccessLogPage(*fixture.store, denied, 0, 50, TestActor());
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->total, 0);
  EXPECT_NE(fixture.Records().back().entry.detail.find("outcome=denied"), std::string::npos);
}

TEST(AccessLogColumns, MatchTheRowOfARecord) {
  ViewedStore fixture;
  const AccessRecord view = fixture.Records().back();
  const std::vector<std::string> row = AccessLogRow(view);
  ASSERT_EQ(row.size(), AccessLogColumns().size());
  EXPECT_EQ(row[0], std::to_string(view.entry.seq));
  EXPECT_EQ(row[4], "view");
  EXPECT_EQ(row[10], view.subject);
  EXPECT_EQ(row[11], "2");
}

}  // namespace
}  // namespace adempauze::store
