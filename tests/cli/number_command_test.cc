// `adempauze number check`, run through RunCli with string streams.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "adempauze/cli/cli.h"

namespace adempauze::cli {
namespace {

struct CliRun {
  int exit_code = 0;
  std::string out;
  std::string err;
};

CliRun RunArgs(std::vector<std::string> args) {
  std::ostringstream out;
  std::ostringstream err;
  CliRun run;
  run.exit_code = RunCli(args, out, err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

TEST(NumberCheckCommand, PrintsOneVerdictPerNumber) {
  const CliRun run = RunArgs({"--today", "2026-12-04", "number", "check", "85.07.30-033.28",
                              "98472899765", "12345678901", "85073500107", "30010100153"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
  const std::vector<std::string> expected = {
      "85.07.30-033.28\tvalid\trrn",       "98472899765\tvalid\tbis",
      "12345678901\tinvalid\tchecksum",    "85073500107\tinvalid\tdate",
      "30010100153\tinvalid\tfuture_date",
  };
  EXPECT_EQ(Lines(run.out), expected);
}

TEST(NumberCheckCommand, ShowsRepairsInFourthColumn) {
  const CliRun run =
      RunArgs({"--today", "2026-12-04", "number", "check", "5031412397", "8.5073003328E+10",
               "5.031412397E+09", "85073003328,0", "8.5073E+10", "5031400026"});
  EXPECT_EQ(run.exit_code, 0);
  const std::vector<std::string> expected = {
      "5031412397\tvalid\trrn\trepaired:leading_zero",
      "8.5073003328E+10\tvalid\trrn\trepaired:scientific_notation",
      "5.031412397E+09\tvalid\trrn\trepaired:scientific_notation,leading_zero",
      "85073003328,0\tvalid\trrn\trepaired:trailing_decimal",
      "8.5073E+10\tinvalid\tdigits_lost",
      "5031400026\tinvalid\tserial\trepaired:leading_zero",
  };
  EXPECT_EQ(Lines(run.out), expected);
}

TEST(NumberCheckCommand, EchoesArgumentOnOneLine) {
  const CliRun run =
      RunArgs({"--today", "2026-12-04", "number", "check", " 85 07 30 033 28 ", "85\t07", ""});
  EXPECT_EQ(run.exit_code, 0);
  const std::vector<std::string> expected = {
      " 85 07 30 033 28 \tvalid\trrn",
      "85 07\tinvalid\tbad_characters",
      "\tinvalid\tempty",
  };
  EXPECT_EQ(Lines(run.out), expected);
}

TEST(NumberCheckCommand, UsesTodayOption) {
  const CliRun before = RunArgs({"--today", "2026-12-04", "number", "check", "26120500123"});
  EXPECT_EQ(before.out, "26120500123\tinvalid\tfuture_date\n");
  const CliRun after = RunArgs({"--today", "2026-12-05", "number", "check", "26120500123"});
  EXPECT_EQ(after.out, "26120500123\tvalid\trrn\n");
}

TEST(NumberCheckCommand, RequiresANumber) {
  const CliRun run = RunArgs({"number", "check"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err, "");
}

TEST(NumberCheckCommand, HelpIsDutch) {
  const CliRun run = RunArgs({"number", "check", "--help"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("Controleer rijksregisternummers"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace adempauze::cli
