// Measurements at the design scale: 1,000,000 debtors against 1,000,000 clients. Disabled
// by default because they take about a minute; run them on a Release build with
//   matching_tests --gtest_also_run_disabled_tests --gtest_filter='*Scale*'
// They print durations and check counts; they never assert on time.
#include <sys/resource.h>

#include <chrono>
#include <iostream>
#include <unordered_set>

#include <gtest/gtest.h>

#include "adempauze/matching/exact.h"
#include "store/store_test_support.h"

namespace adempauze::matching {
namespace {

using namespace testing_support;
using Clock = std::chrono::steady_clock;

// Returns the CPU time (user + system) this process has used, in seconds.
double CpuSeconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// Prints the wall-clock and CPU time since the last call.
void Report(const char* what) {
  static Clock::time_point wall = Clock::now();
  static double cpu = 0;
  const double now_cpu = CpuSeconds();
  std::cout << what << ": " << std::chrono::duration<double>(Clock::now() - wall).count()
            << " s elapsed, " << now_cpu - cpu << " s CPU\n";
  wall = Clock::now();
  cpu = now_cpu;
}

TEST(MatchScale, DISABLED_MillionDebtorsAgainstMillionClients) {
  constexpr std::size_t kRows = 1'000'000;
  StoreFixture fixture;
  ingest::DebtorList debtors = MakeDebtors(0, kRows);
  ingest::ClientList clients = MakeClients(kRows / 2, kRows);  // half of the debtors are clients

  Report("build the lists");
  auto imported = fixture.store->ImportDebtors(debtors, TestImport());
  ASSERT_TRUE(imported.ok());
  Report("import 1,000,000 debtors");
  ASSERT_TRUE(fixture.store->ImportClients(clients, TestImport()).ok());
  Report("import 1,000,000 clients");

  // Candidate search, way 1: an SQL join on the indexed blind_index columns.
  auto joined = store::QueryInt(fixture.store->database(),
                                "SELECT count(*) FROM debtors d JOIN clients c ON c.blind_index = "
                                "d.blind_index WHERE d.status IN ('received', 'not_client')");
  ASSERT_TRUE(joined.ok());
  EXPECT_EQ(*joined, static_cast<std::int64_t>(kRows / 2));
  Report("candidates by SQL join");

  // Candidate search, way 2: client blind indexes in a hash set, one scan of the debtors.
  std::unordered_set<std::string> client_set;
  client_set.reserve(kRows);
  {
    auto query = fixture.store->database().Prepare("SELECT blind_index FROM clients");
    ASSERT_TRUE(query.ok());
    while (*query->Step()) client_set.insert(query->ColumnBlob(0));
  }
  std::int64_t found = 0;
  {
    auto query = fixture.store->database().Prepare(
        "SELECT blind_index FROM debtors WHERE status IN ('received', 'not_client')");
    ASSERT_TRUE(query.ok());
    while (*query->Step()) found += client_set.count(query->ColumnBlob(0));
  }
  EXPECT_EQ(found, static_cast<std::int64_t>(kRows / 2));
  Report("candidates by hash set");

  // The whole exact match, with every status change, history entry and match row.
  auto summary = MatchExact(*fixture.store, TestActor(), kToday);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->paused, kRows / 2);
  EXPECT_EQ(summary->not_client, kRows / 2);
  Report("MatchExact");

  auto verification = fixture.store->access_log().Verify();
  ASSERT_TRUE(verification.ok());
  EXPECT_TRUE(verification->ok());
  std::cout << "database size: " << std::filesystem::file_size(fixture.db_path) / 1'000'000 << " MB + WAL "
            << std::filesystem::file_size(fixture.db_path.string() + "-wal") / 1'000'000 << " MB\n";
}

}  // namespace
}  // namespace adempauze::matching
