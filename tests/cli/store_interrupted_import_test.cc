// The adempauze binary, killed with SIGKILL in the middle of an import, leaves the
// database as it was. ADEMPAUZE_TEST_IMPORT_FAULT=kill:N is the test-only hook that makes
// the import kill its own process after N rows, inside the transaction.
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include <gtest/gtest.h>

#include "cli/store_cli_support.h"
#include "store/database_checksum.h"

namespace adempauze::cli {
namespace {

using namespace testing_support;

// Runs the binary with `args` and the environment variable `fault`; returns the wait status.
int RunBinary(const std::vector<std::string>& args, const std::string& fault) {
  pid_t child = ::fork();
  if (child == 0) {
    ::setenv("ADEMPAUZE_TEST_IMPORT_FAULT", fault.c_str(), 1);
    std::vector<char*> argv;
    std::string binary = ADEMPAUZE_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copies = args;
    for (std::string& arg : copies) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  return status;
}

TEST(StoreImportBinary, KilledImportLeavesDatabaseUnchanged) {
  CliFixture fixture;
  ASSERT_EQ(fixture.Run({"init"}).exit_code, 0);
  ASSERT_EQ(fixture.Run({"import", "debtors", fixture.WriteDebtors(0, 200)}).exit_code, 0);
  auto before = DatabaseState(fixture.db);
  const std::string big = fixture.WriteDebtors(1000, 30'000, "groot.csv");

  int status = RunBinary(
      {"--db", fixture.db, "--key-file", fixture.keys, "--today", "2021-04-01", "import", "debtors", big}, "kill:25000");
  ASSERT_TRUE(WIFSIGNALED(status)) << "exit status " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), SIGKILL);

  auto after = DatabaseState(fixture.db);
  EXPECT_EQ(after["#integrity"].digest, "ok");
  EXPECT_EQ(after["debtors"].rows, 200);
  for (const auto& [table, state] : before) EXPECT_EQ(after[table], state) << table;
  CliResult verify = fixture.Run({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
}

TEST(StoreImportBinary, InjectedFailureRollsBackAndExitsWithError) {
  CliFixture fixture;
  ASSERT_EQ(fixture.Run({"init"}).exit_code, 0);
  const std::string list = fixture.WriteDebtors(0, 100);
  int status = RunBinary({"--db", fixture.db, "--key-file", fixture.keys, "import", "debtors", list}, "fail:50");
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1);
  auto after = DatabaseState(fixture.db);
  EXPECT_EQ(after["debtors"].rows, 0);
  EXPECT_EQ(after["batches"].rows, 0);
}

}  // namespace
}  // namespace adempauze::cli
