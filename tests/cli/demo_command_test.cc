// The main job end to end: `adempauze demo` and `adempauze export` through RunCli.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adempauze/cli/cli.h"

namespace adempauze::cli {
namespace {

namespace fs = std::filesystem;

struct CliRun {
  int code = 0;
  std::string out;
  std::string err;
};

CliRun RunCommand(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  CliRun run;
  run.code = RunCli(args, out, err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

std::string ReadFile(const fs::path& file) {
  std::ifstream stream(file, std::ios::binary);
  std::stringstream buffer;
  buffer << stream.rdbuf();
  return buffer.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  std::string line;
  while (std::getline(stream, line)) lines.push_back(line);
  return lines;
}

class DemoCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("adempauze-demo-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  CliRun RunDemo(const std::string& language = "nl") {
    return RunCommand({"--lang", language, "--today", "2026-12-04", "demo", "--dir", dir_.string(), "--debtors", "400",
                "--clients", "300", "--overlap", "0.2", "--seed", "7"});
  }

  fs::path dir_;
};

TEST_F(DemoCommandTest, WritesEveryOutputFile) {
  CliRun run = RunDemo();
  ASSERT_EQ(run.code, 0) << run.err;
  for (const char* file : {"adempauze.db", "adempauze.db.keys", "samenvatting.txt", "invoer/debiteuren.csv",
                           "invoer/debiteuren.xlsx", "invoer/clienten.csv", "invoer/clienten.xlsx",
                           "rapport/debiteuren-validatie.csv", "rapport/clienten-validatie.csv",
                           "export/te-schorsen.csv", "export/te-schorsen.xlsx", "export/te-hervatten.csv",
                           "export/te-hervatten.xlsx"}) {
    EXPECT_TRUE(fs::exists(dir_ / file)) << file;
  }
}

TEST_F(DemoCommandTest, KeyFileAndExportsAreOwnerOnly) {
  ASSERT_EQ(RunDemo().code, 0);
  for (const char* file : {"adempauze.db.keys", "export/te-schorsen.csv", "rapport/debiteuren-validatie.csv"}) {
    struct stat info {};
    ASSERT_EQ(::stat((dir_ / file).c_str(), &info), 0) << file;
    EXPECT_EQ(info.st_mode & 0777, 0600u) << file;
  }
}

TEST_F(DemoCommandTest, SummaryFlagsNoNonClient) {
  CliRun run = RunDemo();
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_NE(run.out.find("0 dossiers ten onrechte als cliënt gemarkeerd"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("keten intact"), std::string::npos) << run.out;
  EXPECT_EQ(ReadFile(dir_ / "samenvatting.txt"), run.out);
}

TEST_F(DemoCommandTest, SummaryInEnglish) {
  CliRun run = RunDemo("en");
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_NE(run.out.find("Debtor list:"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("chain intact"), std::string::npos) << run.out;
}

TEST_F(DemoCommandTest, PauseExportHasOnlyFlagColumns) {
  ASSERT_EQ(RunDemo().code, 0);
  std::vector<std::string> lines = Lines(ReadFile(dir_ / "export/te-schorsen.csv"));
  ASSERT_GT(lines.size(), 1u);
  EXPECT_EQ(lines[0], "\xEF\xBB\xBF" "dossiernummer;vlag;geschorst sinds;opvolgen tegen\r");
  for (std::size_t i = 1; i < lines.size(); ++i) {
    EXPECT_NE(lines[i].find(";cliënt OCMW;2026-12-04;2027-02-02"), std::string::npos) << lines[i];
  }
}

TEST_F(DemoCommandTest, ExportCommandMatchesDemoExport) {
  ASSERT_EQ(RunDemo().code, 0);
  const fs::path out = dir_ / "opnieuw.csv";
  CliRun run = RunCommand({"--db", (dir_ / "adempauze.db").string(), "export", "pause", "--out", out.string()});
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(ReadFile(out), ReadFile(dir_ / "export/te-schorsen.csv"));
}

TEST_F(DemoCommandTest, ExportRejectsUnknownFormat) {
  ASSERT_EQ(RunDemo().code, 0);
  CliRun run = RunCommand({"--db", (dir_ / "adempauze.db").string(), "export", "resume", "--out",
                    (dir_ / "x.txt").string(), "--format", "ods"});
  EXPECT_EQ(run.code, 1);
  EXPECT_NE(run.err.find("Onbekend exportformaat 'ods'"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(dir_ / "x.txt"));
}

TEST_F(DemoCommandTest, RerunStartsAfresh) {
  ASSERT_EQ(RunDemo().code, 0);
  CliRun second = RunDemo();
  ASSERT_EQ(second.code, 0) << second.err;
  EXPECT_EQ(ReadFile(dir_ / "samenvatting.txt"), second.out);
}

TEST_F(DemoCommandTest, DatabaseHoldsNoPlainPersonalData) {
  ASSERT_EQ(RunDemo().code, 0);
  // No last name (of five letters or more) and no 11-digit national number of the debtor
  // list may appear in the database file as plain text.
  std::vector<std::string> rows = Lines(ReadFile(dir_ / "invoer/debiteuren.csv"));
  ASSERT_GT(rows.size(), 2u);
  const std::string database = ReadFile(dir_ / "adempauze.db");
  std::size_t checked = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    std::istringstream fields(rows[i]);
    std::string first_name, last_name, number;
    std::getline(fields, first_name, ';');
    std::getline(fields, last_name, ';');
    std::getline(fields, number, ';');
    if (last_name.size() >= 5) {
      EXPECT_EQ(database.find(last_name), std::string::npos) << "row " << i << ": last name in plain text";
      ++checked;
    }
    if (number.size() == 11) {
      EXPECT_EQ(database.find(number), std::string::npos) << "row " << i << ": number in plain text";
    }
  }
  EXPECT_GT(checked, 100u);
}

}  // namespace
}  // namespace adempauze::cli
