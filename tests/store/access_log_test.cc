#include "adempauze/store/access_log.h"

#include <gtest/gtest.h>

#include "store/store_test_support.h"

namespace adempauze::store {
namespace {

using namespace testing_support;
using Problem = AccessLogVerification::Problem;

std::vector<AccessEntry> AllEntries(Store& store) {
  auto entries = store.access_log().Read(0, 1000);
  EXPECT_TRUE(entries.ok());
  return entries.ok() ? *entries : std::vector<AccessEntry>{};
}

// A store with one import and four dossier views: five log entries.
struct LoggedStore : StoreFixture {
  LoggedStore() {
    EXPECT_TRUE(store->ImportDebtors(MakeDebtors(0, 4), TestImport()).ok());
    for (std::int64_t id = 1; id <= 4; ++id) EXPECT_TRUE(store->ReadDossier(id, TestActor()).ok());
  }

  // Runs `sql` on the closed database without the append-only triggers, then reopens it.
  void Tamper(const std::string& sql) {
    store.reset();
    {
      auto db = Database::Open(db_path, Database::Mode::kExisting);
      ASSERT_TRUE(db.ok());
      ASSERT_TRUE(db->Execute("DROP TRIGGER access_log_no_update; DROP TRIGGER access_log_no_delete").ok());
      Status tampered = db->Execute(sql);
      ASSERT_TRUE(tampered.ok()) << tampered.error().detail;
    }
    Reopen();
  }

  AccessLogVerification Verify() {
    auto verification = store->access_log().Verify();
    EXPECT_TRUE(verification.ok());
    return verification.ok() ? *verification : AccessLogVerification{};
  }
};

TEST(AccessLog, ImportAndViewsAreLogged) {
  LoggedStore fixture;
  std::vector<AccessEntry> entries = AllEntries(*fixture.store);
  ASSERT_EQ(entries.size(), 5u);
  EXPECT_EQ(entries[0].action, "import");
  EXPECT_EQ(entries[0].object_type, "debtor_batch");
  EXPECT_EQ(entries[0].object_id, "1");
  EXPECT_EQ(entries[0].actor, "cli:tester");
  EXPECT_EQ(entries[0].purpose, "collection_pause");
  EXPECT_EQ(entries[0].outcome, "ok");
  EXPECT_EQ(entries[1].action, "view");
  EXPECT_EQ(entries[1].object_type, "dossier");
  EXPECT_EQ(entries[1].object_id, "D-0");
  for (std::size_t i = 0; i < entries.size(); ++i) EXPECT_EQ(entries[i].seq, static_cast<std::int64_t>(i + 1));
}

TEST(AccessLog, EntriesHoldNoPersonalData) {
  LoggedStore fixture;
  for (const AccessEntry& entry : AllEntries(*fixture.store)) {
    const std::string encoded = CanonicalEncoding(entry);
    for (std::size_t person = 0; person < 4; ++person) {
      EXPECT_EQ(encoded.find(PersonNumber(person)), std::string::npos);
    }
    for (const char* name : kLastNames) EXPECT_EQ(encoded.find(name), std::string::npos);
    EXPECT_EQ(encoded.find("Kerkstraat"), std::string::npos);
  }
}

TEST(AccessLog, IntactChainVerifies) {
  LoggedStore fixture;
  AccessLogVerification verification = fixture.Verify();
  EXPECT_TRUE(verification.ok());
  EXPECT_EQ(verification.entries_checked, 5);
  EXPECT_EQ(verification.first_bad_seq, 0);
}

TEST(AccessLog, EmptyLogVerifies) {
  StoreFixture fixture;
  auto verification = fixture.store->access_log().Verify();
  ASSERT_TRUE(verification.ok());
  EXPECT_TRUE(verification->ok());
  EXPECT_EQ(verification->entries_checked, 0);
}

TEST(AccessLog, TriggersRejectUpdateAndDelete) {
  LoggedStore fixture;
  Status updated = fixture.store->database().Execute("UPDATE access_log SET actor = 'x' WHERE seq = 1");
  ASSERT_FALSE(updated.ok());
  EXPECT_NE(updated.error().detail.find("append-only"), std::string::npos);
  Status deleted = fixture.store->database().Execute("DELETE FROM access_log WHERE seq = 5");
  ASSERT_FALSE(deleted.ok());
  EXPECT_EQ(AllEntries(*fixture.store).size(), 5u);
}

TEST(AccessLog, VerifyDetectsChangedEntry) {
  LoggedStore fixture;
  fixture.Tamper("UPDATE access_log SET actor = 'cli:someone-else' WHERE seq = 3");
  AccessLogVerification verification = fixture.Verify();
  EXPECT_EQ(verification.problem, Problem::kChanged);
  EXPECT_EQ(verification.first_bad_seq, 3);
  EXPECT_EQ(verification.entries_checked, 2);
}

TEST(AccessLog, VerifyDetectsChangedTime) {
  LoggedStore fixture;
  fixture.Tamper("UPDATE access_log SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 5");
  AccessLogVerification verification = fixture.Verify();
  EXPECT_EQ(verification.problem, Problem::kChanged);
  EXPECT_EQ(verification.first_bad_seq, 5);
}

TEST(AccessLog, VerifyDetectsRemovedEntry) {
  LoggedStore fixture;
  fixture.Tamper("DELETE FROM access_log WHERE seq = 3");
  AccessLogVerification verification = fixture.Verify();
  EXPECT_EQ(verification.problem, Problem::kMissing);
  EXPECT_EQ(verification.first_bad_seq, 4);
}

TEST(AccessLog, VerifyDetectsRemovedAndRenumberedEntry) {
  LoggedStore fixture;
  fixture.Tamper(
      "DELETE FROM access_log WHERE seq = 3; "
      "UPDATE access_log SET seq = seq + 100 WHERE seq > 3; "
      "UPDATE access_log SET seq = seq - 101 WHERE seq > 100;");
  AccessLogVerification verification = fixture.Verify();
  EXPECT_EQ(verification.problem, Problem::kBrokenLink);
  EXPECT_EQ(verification.first_bad_seq, 3);
}

TEST(AccessLog, VerifyDetectsInsertedEntry) {
  LoggedStore fixture;
  // The forger links the new entry to its predecessor correctly but cannot compute the
  // keyed hash without the log key.
  fixture.Tamper(
      "UPDATE access_log SET seq = seq + 100 WHERE seq >= 3; "
      "UPDATE access_log SET seq = seq - 99 WHERE seq > 100; "
      "INSERT INTO access_log SELECT 3, at, actor, role, 'view', 'dossier', 'D-9', purpose, "
      "outcome, detail, entry_hash, randomblob(32), subject, encoding_version FROM access_log "
      "WHERE seq = 2;");
  AccessLogVerification verification = fixture.Verify();
  EXPECT_EQ(verification.problem, Problem::kChanged);
  EXPECT_EQ(verification.first_bad_seq, 3);
}

TEST(AccessLog, VerifyDetectsReorderedEntries) {
  LoggedStore fixture;
  fixture.Tamper(
      "UPDATE access_log SET seq = 100 WHERE seq = 2; "
      "UPDATE access_log SET seq = 2 WHERE seq = 3; "
      "UPDATE access_log SET seq = 3 WHERE seq = 100;");
  AccessLogVerification verification = fixture.Verify();
  EXPECT_EQ(verification.problem, Problem::kBrokenLink);
  EXPECT_EQ(verification.first_bad_seq, 2);
}

TEST(AccessLog, VerifyWithOtherLogKeyFails) {
  LoggedStore fixture;
  auto other = crypto::KeySet::Generate();
  ASSERT_TRUE(other.ok());
  AccessLog foreign(fixture.store->database(), *other, FixedClock());
  auto verification = foreign.Verify();
  ASSERT_TRUE(verification.ok());
  EXPECT_EQ(verification->problem, Problem::kChanged);
  EXPECT_EQ(verification->first_bad_seq, 1);
}

TEST(AccessLog, CanonicalEncodingSeparatesFields) {
  AccessEntry first{1, "t", "ab", "c", "view", "dossier", "1", "p", "ok", ""};
  AccessEntry second{1, "t", "a", "bc", "view", "dossier", "1", "p", "ok", ""};
  EXPECT_NE(CanonicalEncoding(first), CanonicalEncoding(second));
}

}  // namespace
}  // namespace adempauze::store
