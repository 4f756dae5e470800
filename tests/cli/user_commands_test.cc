// `adempauze user ...` and `adempauze token ...` through RunCli, and `user add
// --password-stdin` through the binary with the password on a pipe.
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include <spdlog/spdlog.h>

#include <gtest/gtest.h>

#include "adempauze/auth/auth.h"
#include "cli/store_cli_support.h"

namespace adempauze::cli {
namespace {

using namespace testing_support;

constexpr std::string_view kPassword = "correct horse battery";

bool Contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// Opens the fixture's store outside RunCli. RunCli drops its default logger when it
// returns, so a logger without sinks takes its place before the store and auth code log.
std::unique_ptr<store::Store> OpenStore(const CliFixture& fixture) {
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("user-commands-test"));
  auto keys = crypto::LoadKeyFile(fixture.keys);
  EXPECT_TRUE(keys.ok());
  auto store = store::Store::Open(fixture.db, std::move(keys).value());
  EXPECT_TRUE(store.ok());
  return store.ok() ? std::move(store).value() : nullptr;
}

// Runs the binary with `args`, writes `input` to its standard input and returns the exit
// code (-1 when it did not exit normally) and its standard output.
std::pair<int, std::string> RunBinaryWithInput(const std::vector<std::string>& args, const std::string& input) {
  int to_child[2];
  int from_child[2];
  if (::pipe(to_child) != 0 || ::pipe(from_child) != 0) return {-1, ""};

  pid_t child = ::fork();
  if (child == 0) {
    ::dup2(to_child[0], STDIN_FILENO);
    ::dup2(from_child[1], STDOUT_FILENO);
    ::close(to_child[1]);
    ::close(from_child[0]);
    std::vector<char*> argv;
    std::string binary = ADEMPAUZE_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copies = args;
    for (std::string& arg : copies) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }

  ::close(to_child[0]);
  ::close(from_child[1]);
  // A child that exits before reading must not end the test with SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  (void)!::write(to_child[1], input.data(), input.size());
  ::close(to_child[1]);

  std::string output;
  char buffer[4096];
  ssize_t count = 0;
  while ((count = ::read(from_child[0], buffer, sizeof buffer)) > 0) output.append(buffer, static_cast<std::size_t>(count));
  ::close(from_child[0]);

  int status = 0;
  ::waitpid(child, &status, 0);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

// An initialised installation with a password file.
struct UserFixture : CliFixture {
  std::string password_file = (dir / "wachtwoord.txt").string();

  UserFixture() {
    EXPECT_EQ(Run({"init"}).exit_code, 0);
    std::ofstream(password_file) << kPassword << '\n';
  }

  // Opens the database and checks `password` for `username`.
  bool CanLogIn(const std::string& username, std::string_view password) {
    std::unique_ptr<store::Store> store = OpenStore(*this);
    return store != nullptr && auth::Accounts(*store).Authenticate(username, password).ok();
  }
};

TEST(UserCommands, AddsUserFromPasswordFile) {
  UserFixture fixture;
  CliResult added = fixture.Run({"user", "add", "An.Peeters", "--roles", "social_worker,reviewer", "--display-name",
                                 "An Peeters", "--password-file", fixture.password_file});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_TRUE(Contains(added.out, "Gebruiker an.peeters toegevoegd (id 1) met de rollen: maatschappelijk werker, "
                                  "controleur."))
      << added.out;
  EXPECT_FALSE(Contains(added.out + added.err, kPassword));
  EXPECT_TRUE(fixture.CanLogIn("an.peeters", kPassword));
}

TEST(UserCommands, AddsUserFromStandardInput) {
  UserFixture fixture;
  auto [exit_code, output] = RunBinaryWithInput({"--db", fixture.db, "--key-file", fixture.keys, "user", "add",
                                                 "wim", "--roles", "debtor_team", "--password-stdin"},
                                                std::string(kPassword) + "\n");
  ASSERT_EQ(exit_code, 0) << output;
  EXPECT_TRUE(Contains(output, "Gebruiker wim toegevoegd")) << output;
  EXPECT_TRUE(fixture.CanLogIn("wim", kPassword));
  EXPECT_FALSE(fixture.CanLogIn("wim", std::string(kPassword) + "\n"));
}

TEST(UserCommands, ReadsPipedInputWithoutOption) {
  UserFixture fixture;
  auto [exit_code, output] = RunBinaryWithInput(
      {"--db", fixture.db, "--key-file", fixture.keys, "user", "add", "els", "--roles", "officer"},
      std::string(kPassword) + "\r\n");
  ASSERT_EQ(exit_code, 0) << output;
  EXPECT_TRUE(fixture.CanLogIn("els", kPassword));
}

TEST(UserCommands, RejectsShortPasswordFromStandardInput) {
  UserFixture fixture;
  auto [exit_code, output] = RunBinaryWithInput({"--db", fixture.db, "--key-file", fixture.keys, "--lang", "en",
                                                 "user", "add", "els", "--roles", "officer", "--password-stdin"},
                                                "kort\n");
  EXPECT_EQ(exit_code, 1);
  CliResult list = fixture.Run({"user", "list"});
  EXPECT_TRUE(Contains(list.out, "0 gebruikers.")) << list.out;
}

TEST(UserCommands, RejectsBadInputBeforeReadingPassword) {
  UserFixture fixture;
  CliResult unknown_role =
      fixture.Run({"user", "add", "jan", "--roles", "baas", "--password-file", fixture.password_file});
  EXPECT_EQ(unknown_role.exit_code, 1);
  EXPECT_TRUE(Contains(unknown_role.err, "Onbekende rol 'baas'")) << unknown_role.err;

  CliResult both = fixture.Run(
      {"user", "add", "jan", "--roles", "officer", "--password-file", fixture.password_file, "--password-stdin"});
  EXPECT_EQ(both.exit_code, 1);
  EXPECT_TRUE(Contains(both.err, "--password-file of --password-stdin")) << both.err;

  CliResult missing_file = fixture.Run(
      {"user", "add", "jan", "--roles", "officer", "--password-file", (fixture.dir / "geen.txt").string()});
  EXPECT_EQ(missing_file.exit_code, 1);
  EXPECT_TRUE(Contains(missing_file.err, "geen.txt")) << missing_file.err;
}

TEST(UserCommands, RejectsTakenName) {
  UserFixture fixture;
  ASSERT_EQ(fixture.Run({"user", "add", "jan", "--roles", "officer", "--password-file", fixture.password_file})
                .exit_code,
            0);
  CliResult again =
      fixture.Run({"--lang", "en", "user", "add", "JAN", "--roles", "admin", "--password-file", fixture.password_file});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_TRUE(Contains(again.err, "The username 'jan' is already taken")) << again.err;
}

TEST(UserCommands, ListsRolesAndStates) {
  UserFixture fixture;
  for (const char* name : {"lies", "koen"}) {
    ASSERT_EQ(fixture.Run({"user", "add", name, "--roles", "debtor_team", "--password-file", fixture.password_file})
                  .exit_code,
              0);
  }
  ASSERT_EQ(fixture.Run({"user", "roles", "koen", "--set", "officer,admin"}).exit_code, 0);
  ASSERT_EQ(fixture.Run({"user", "disable", "lies"}).exit_code, 0);

  CliResult list = fixture.Run({"user", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_TRUE(Contains(list.out, "gebruikersnaam\tweergavenaam\trollen\tuitgeschakeld\tgeblokkeerd\n")) << list.out;
  EXPECT_TRUE(Contains(list.out, "koen\tkoen\tfunctionaris voor gegevensbescherming, beheerder\tnee\tnee\n"))
      << list.out;
  EXPECT_TRUE(Contains(list.out, "lies\tlies\tdebiteurenteam\tja\tnee\n")) << list.out;
  EXPECT_TRUE(Contains(list.out, "2 gebruikers.")) << list.out;
  EXPECT_LT(list.out.find("koen"), list.out.find("lies"));

  CliResult english = fixture.Run({"--lang", "en", "user", "list"});
  EXPECT_TRUE(Contains(english.out, "koen\tkoen\tdata protection officer, administrator\tno\tno\n")) << english.out;
}

TEST(UserCommands, DisableEnableAndReset) {
  UserFixture fixture;
  ASSERT_EQ(fixture.Run({"user", "add", "sofie", "--roles", "reviewer", "--password-file", fixture.password_file})
                .exit_code,
            0);
  CliResult disabled = fixture.Run({"user", "disable", "sofie"});
  ASSERT_EQ(disabled.exit_code, 0) << disabled.err;
  EXPECT_TRUE(Contains(disabled.out, "sofie is uitgeschakeld")) << disabled.out;
  EXPECT_FALSE(fixture.CanLogIn("sofie", kPassword));
  ASSERT_EQ(fixture.Run({"user", "enable", "sofie"}).exit_code, 0);
  EXPECT_TRUE(fixture.CanLogIn("sofie", kPassword));

  const std::string new_password_file = (fixture.dir / "nieuw.txt").string();
  std::ofstream(new_password_file) << "een heel ander wachtwoord\n";
  CliResult reset = fixture.Run({"user", "reset-password", "sofie", "--password-file", new_password_file});
  ASSERT_EQ(reset.exit_code, 0) << reset.err;
  EXPECT_FALSE(fixture.CanLogIn("sofie", kPassword));
  EXPECT_TRUE(fixture.CanLogIn("sofie", "een heel ander wachtwoord"));

  CliResult unknown = fixture.Run({"user", "disable", "niemand"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_TRUE(Contains(unknown.err, "Gebruiker 'niemand' bestaat niet")) << unknown.err;
}

TEST(TokenCommands, AddListAndRevoke) {
  UserFixture fixture;
  CliResult added = fixture.Run({"token", "add", "financien", "--role", "debtor_team"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_TRUE(Contains(added.out, "API-sleutel financien aangemaakt voor de rol debiteurenteam:")) << added.out;
  EXPECT_TRUE(Contains(added.out, "maar één keer getoond")) << added.out;
  const std::size_t start = added.out.find("adp_");
  ASSERT_NE(start, std::string::npos) << added.out;
  const std::string secret = added.out.substr(start, 68);
  EXPECT_EQ(secret.find_first_not_of("0123456789abcdef", 4), std::string::npos) << secret;

  CliResult list = fixture.Run({"token", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_TRUE(Contains(list.out, "financien\tdebiteurenteam\t2021-04-01T")) << list.out;
  EXPECT_TRUE(Contains(list.out, "\tcli:tester\tnee\n")) << list.out;
  EXPECT_FALSE(Contains(list.out, secret.substr(4))) << list.out;

  CliResult revoked = fixture.Run({"token", "revoke", "financien"});
  ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  EXPECT_TRUE(Contains(revoked.out, "financien is ingetrokken")) << revoked.out;
  CliResult listed_again = fixture.Run({"token", "list"});
  EXPECT_FALSE(Contains(listed_again.out, "\tnee\n")) << listed_again.out;

  CliResult again = fixture.Run({"token", "revoke", "financien"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_TRUE(Contains(again.err, "al ingetrokken")) << again.err;

  std::unique_ptr<store::Store> store = OpenStore(fixture);
  ASSERT_NE(store, nullptr);
  EXPECT_FALSE(auth::ApiTokens(*store).Resolve(secret)->has_value());
}

TEST(TokenCommands, RejectsUnknownRoleAndName) {
  UserFixture fixture;
  CliResult bad_role = fixture.Run({"--lang", "en", "token", "add", "financien", "--role", "boss"});
  EXPECT_EQ(bad_role.exit_code, 1);
  EXPECT_TRUE(Contains(bad_role.err, "Unknown role 'boss'")) << bad_role.err;
  CliResult unknown = fixture.Run({"token", "revoke", "onbekend"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_TRUE(Contains(unknown.err, "geen API-sleutel met de naam 'onbekend'")) << unknown.err;
}

TEST(UserCommands, WritesAccessLogThatVerifies) {
  UserFixture fixture;
  ASSERT_EQ(fixture.Run({"user", "add", "jan", "--roles", "officer", "--password-file", fixture.password_file})
                .exit_code,
            0);
  ASSERT_EQ(fixture.Run({"user", "disable", "jan"}).exit_code, 0);
  ASSERT_EQ(fixture.Run({"token", "add", "financien", "--role", "debtor_team"}).exit_code, 0);
  CliResult verify = fixture.Run({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
}

}  // namespace
}  // namespace adempauze::cli
