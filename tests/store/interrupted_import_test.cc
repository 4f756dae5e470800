// An import killed with SIGKILL in the middle of its transaction leaves the database
// exactly as it was. The child process opens its own connection and kills itself through
// the test-only ImportFault after a number of rows, so the kill always lands mid-transaction.
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include <gtest/gtest.h>

#include "store/database_checksum.h"
#include "store/store_test_support.h"

namespace adempauze::store {
namespace {

using namespace testing_support;

// Runs an import of `list` in a forked child that is killed after `kill_after` rows, and
// returns the child's wait status.
template <typename List>
int ImportInKilledChild(const StoreFixture& fixture, const List& list, std::size_t kill_after) {
  pid_t child = ::fork();
  if (child == 0) {
    auto keys = crypto::LoadKeyFile(fixture.key_path);
    if (!keys.ok()) ::_exit(3);
    // A 2 MB page cache makes SQLite spill uncommitted pages to the WAL file, as a large
    // import does on a machine with less memory.
    auto store = Store::Open(fixture.db_path, std::move(keys).value(), {5000, 2048, FixedClock()});
    if (!store.ok()) ::_exit(4);
    ImportOptions options = TestImport();
    options.fault = ImportFault{ImportFault::Kind::kKill, kill_after};
    if constexpr (std::is_same_v<List, ingest::DebtorList>) {
      (void)(*store)->ImportDebtors(list, options);
    } else {
      (void)(*store)->ImportClients(list, options);
    }
    ::_exit(5);  // reached only when the fault did not fire
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  return status;
}

TEST(InterruptedImport, KilledDebtorImportLeavesDatabaseUnchanged) {
  StoreFixture fixture;
  ASSERT_TRUE(fixture.store->ImportDebtors(MakeDebtors(0, 500), TestImport()).ok());
  ASSERT_TRUE(fixture.store->ImportClients(MakeClients(0, 100), TestImport()).ok());
  fixture.store.reset();  // the parent holds no connection while the child writes
  auto before = DatabaseState(fixture.db_path);
  const auto wal = std::filesystem::path(fixture.db_path.string() + "-wal");
  const auto wal_size_before = std::filesystem::file_size(wal);

  // 60,000 rows are enough for the import to drop its indexes for a rebuild, and their
  // pages overflow the child's page cache, so it has written uncommitted pages to the WAL
  // file when it dies.
  ingest::DebtorList big = MakeDebtors(10'000, 60'000, "K");
  int status = ImportInKilledChild(fixture, big, 50'000);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exit status " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
  EXPECT_GT(std::filesystem::file_size(wal), wal_size_before);

  auto after = DatabaseState(fixture.db_path);
  EXPECT_EQ(after["#integrity"].digest, "ok");
  EXPECT_EQ(after["debtors"].rows, 500);
  EXPECT_EQ(after["batches"].rows, 2);
  EXPECT_EQ(after["sqlite_schema"], before["sqlite_schema"]);  // the dropped indexes are back
  for (const auto& [table, state] : before) EXPECT_EQ(after[table], state) << table;

  // The database stays usable: the same import succeeds afterwards.
  fixture.Reopen();
  auto summary = fixture.store->ImportDebtors(big, TestImport());
  ASSERT_TRUE(summary.ok()) << summary.error().Render(Language::kEnglish);
  EXPECT_EQ(summary->batch_id, 3);
  auto verification = fixture.store->access_log().Verify();
  ASSERT_TRUE(verification.ok());
  EXPECT_TRUE(verification->ok());
}

TEST(InterruptedImport, KilledClientImportKeepsPreviousClientList) {
  StoreFixture fixture;
  ASSERT_TRUE(fixture.store->ImportClients(MakeClients(0, 300), TestImport()).ok());
  fixture.store.reset();
  auto before = DatabaseState(fixture.db_path);

  int status = ImportInKilledChild(fixture, MakeClients(1000, 20'000), 12'000);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGKILL);

  auto after = DatabaseState(fixture.db_path);
  EXPECT_EQ(after["#integrity"].digest, "ok");
  EXPECT_EQ(after["clients"].rows, 300);
  for (const auto& [table, state] : before) EXPECT_EQ(after[table], state) << table;
}

}  // namespace
}  // namespace adempauze::store
