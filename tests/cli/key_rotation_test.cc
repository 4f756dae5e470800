// `adempauze keys rotate`: a rotation killed after some batches and resumed leaves every
// field readable with its original value, none under the old key, and the old key gone.
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <map>
#include <tuple>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "adempauze/store/key_rotation.h"
#include "cli/store_cli_support.h"

namespace adempauze::cli {
namespace {

using namespace testing_support;

using FieldKey = std::tuple<std::string, std::string, std::int64_t>;

// Decrypts every sealed field of the database with the key file as it is now.
std::map<FieldKey, std::string> OpenAllFields(const CliFixture& fixture) {
  std::map<FieldKey, std::string> fields;
  auto keys = crypto::LoadKeyFile(fixture.keys);
  EXPECT_TRUE(keys.ok());
  if (!keys.ok()) return fields;
  auto store = store::Store::Open(fixture.db, std::move(keys).value());
  EXPECT_TRUE(store.ok()) << store.error().Render(Language::kEnglish);
  if (!store.ok()) return fields;
  for (const store::SealedTable& table : store::SealedTables()) {
    for (std::string_view column : table.columns) {
      auto query = (*store)->database().Prepare(
          fmt::format("SELECT id, {0} FROM {1} WHERE {0} IS NOT NULL", column, table.table));
      if (!query.ok()) continue;  // table or column not in this schema
      while (*query->Step()) {
        const std::int64_t id = query->ColumnInt(0);
        auto plain = (*store)->cipher().Open(query->ColumnBlob(1), {table.table, column, id});
        EXPECT_TRUE(plain.ok()) << table.table << "." << column << " " << id;
        if (plain.ok()) fields[{std::string(table.table), std::string(column), id}] = *plain;
      }
    }
  }
  return fields;
}

std::int64_t FieldsNotUnderCurrentKey(const CliFixture& fixture) {
  auto keys = crypto::LoadKeyFile(fixture.keys);
  EXPECT_TRUE(keys.ok());
  auto store = store::Store::Open(fixture.db, std::move(keys).value());
  EXPECT_TRUE(store.ok());
  auto count = store::CountFieldsNotSealedWithCurrentKey((*store)->database(), (*store)->cipher());
  EXPECT_TRUE(count.ok());
  return count.ok() ? *count : -1;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int RunBinaryWithFault(const std::vector<std::string>& args, const std::string& fault) {
  pid_t child = ::fork();
  if (child == 0) {
    ::setenv("ADEMPAUZE_TEST_ROTATION_FAULT", fault.c_str(), 1);
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

// An installation with 2,500 debtors, 300 clients and the history of one match run.
void Populate(const CliFixture& fixture) {
  ASSERT_EQ(fixture.Run({"init"}).exit_code, 0);
  ASSERT_EQ(fixture.Run({"import", "debtors", fixture.WriteDebtors(0, 2500)}).exit_code, 0);
  ASSERT_EQ(fixture.Run({"import", "clients", fixture.WriteClients(0, 300)}).exit_code, 0);
  CliResult match = fixture.Run({"match"});
  ASSERT_EQ(match.exit_code, 0) << match.err;
}

TEST(KeyRotationCli, KilledRotationResumesWithoutLoss) {
  CliFixture fixture;
  Populate(fixture);
  const auto before = OpenAllFields(fixture);
  ASSERT_GT(before.size(), 2500u * 5);
  auto original = crypto::LoadKeyFile(fixture.keys);
  ASSERT_TRUE(original.ok());
  const std::string old_key(reinterpret_cast<const char*>(original->data_key()), crypto::kKeyBytes);

  int status = RunBinaryWithFault(
      {"--db", fixture.db, "--key-file", fixture.keys, "keys", "rotate", "--batch-rows", "1000"}, "kill:2");
  ASSERT_TRUE(WIFSIGNALED(status)) << "exit status " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), SIGKILL);

  // Mid-rotation: both keys in the file, some fields re-sealed, other commands still work.
  auto rotating = crypto::LoadKeyFile(fixture.keys);
  ASSERT_TRUE(rotating.ok());
  EXPECT_TRUE(rotating->has_previous_data_key());
  const std::int64_t left = FieldsNotUnderCurrentKey(fixture);
  EXPECT_GT(left, 0);
  EXPECT_LT(left, static_cast<std::int64_t>(before.size()));
  EXPECT_EQ(OpenAllFields(fixture), before);
  EXPECT_EQ(fixture.Run({"audit", "verify"}).exit_code, 0);
  EXPECT_EQ(fixture.Run({"import", "debtors", fixture.WriteDebtors(5000, 10, "extra.csv")}).exit_code, 0);

  CliResult resumed = fixture.Run({"keys", "rotate", "--resume"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.out.find("hervat"), std::string::npos) << resumed.out;

  auto after = OpenAllFields(fixture);
  for (const auto& [key, value] : before) EXPECT_EQ(after[key], value);
  EXPECT_EQ(after.size(), before.size() + 10 * 5);
  EXPECT_EQ(FieldsNotUnderCurrentKey(fixture), 0);
  auto final_keys = crypto::LoadKeyFile(fixture.keys);
  ASSERT_TRUE(final_keys.ok());
  EXPECT_FALSE(final_keys->has_previous_data_key());
  EXPECT_NE(final_keys->DataKeyIdHex(), original->DataKeyIdHex());
  EXPECT_EQ(final_keys->KeyIdHex(), original->KeyIdHex());
  EXPECT_EQ(ReadFile(fixture.keys).find(old_key), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(fixture.keys + ".old"));
  EXPECT_EQ(fixture.Run({"audit", "verify"}).exit_code, 0);
}

TEST(KeyRotationCli, FailedRotationContinuesOnTheNextPlainRun) {
  CliFixture fixture;
  Populate(fixture);
  const auto before = OpenAllFields(fixture);
  ::setenv("ADEMPAUZE_TEST_ROTATION_FAULT", "fail:1", 1);
  CliResult failed = fixture.Run({"keys", "rotate", "--batch-rows", "500"});
  ::unsetenv("ADEMPAUZE_TEST_ROTATION_FAULT");
  EXPECT_EQ(failed.exit_code, 1);
  CliResult status = fixture.Run({"keys", "status"});
  EXPECT_NE(status.out.find("sleutelwissel bezig"), std::string::npos) << status.out;

  CliResult again = fixture.Run({"keys", "rotate"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(OpenAllFields(fixture), before);
  EXPECT_EQ(FieldsNotUnderCurrentKey(fixture), 0);
}

TEST(KeyRotationCli, ResumeWithoutRotationAndWrongKeyFileAreClearErrors) {
  CliFixture fixture;
  Populate(fixture);
  CliResult resume = fixture.Run({"--lang", "en", "keys", "rotate", "--resume"});
  EXPECT_EQ(resume.exit_code, 1);
  EXPECT_NE(resume.err.find("No key rotation is running"), std::string::npos) << resume.err;

  CliFixture other;
  ASSERT_EQ(other.Run({"init"}).exit_code, 0);
  std::vector<std::string> args = {"--db", fixture.db, "--key-file", other.keys, "--lang", "en", "keys", "rotate"};
  std::ostringstream out, err;
  EXPECT_EQ(cli::RunCli(args, out, err), 1);
  EXPECT_NE(err.str().find("does not belong to database"), std::string::npos) << err.str();
  EXPECT_FALSE(crypto::LoadKeyFile(other.keys)->has_previous_data_key());
  EXPECT_EQ(OpenAllFields(fixture).size() > 0, true);  // the right key file still works
}

}  // namespace
}  // namespace adempauze::cli
