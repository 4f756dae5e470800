// The follow-up date of a "cliënt OCMW" dossier: the city's pause list and the OCMW's view of
// the dossier must show the same date, whatever step of the follow-up the OCMW has reached.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <regex>

#include "cli/store_cli_support.h"

namespace adempauze::testing_support {
namespace {

// People 0..5 are debtors D-0..D-5; people 0..2 are OCMW clients, so `match` pauses D-0..D-2
// on 2021-04-01 with the pilot protocol's term.
struct FollowUpCli : CliFixture {
  FollowUpCli() {
    EXPECT_EQ(Run({"init"}).exit_code, 0);
    EXPECT_EQ(Run({"import", "debtors", WriteDebtors(0, 6)}).exit_code, 0);
    EXPECT_EQ(Run({"import", "clients", WriteClients(0, 3)}).exit_code, 0);
    EXPECT_EQ(Run({"match"}).exit_code, 0);
  }

  // Returns the "opvolgen tegen" date that `dossier show` prints, or "" when it prints none.
  std::string DossierDeadline(const std::string& dossier) const {
    CliResult show = Run({"dossier", "show", dossier});
    EXPECT_EQ(show.exit_code, 0) << show.err;
    std::smatch found;
    if (std::regex_search(show.out, found, std::regex("Opvolgen tegen: (\\d{4}-\\d{2}-\\d{2})"))) return found[1];
    return "";
  }

  // Returns the pause list's row of `dossier` ("D-0;cliënt OCMW;2021-04-01;2021-05-31"), or "".
  std::string PauseRow(const std::string& dossier) const {
    const std::string out = (dir / "pauze.csv").string();
    CliResult exported = Run({"export", "pause", "--out", out});
    EXPECT_EQ(exported.exit_code, 0) << exported.err;
    std::ifstream in(out, std::ios::binary);
    const std::string csv((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::size_t start = csv.find("\r\n" + dossier + ";");
    if (start == std::string::npos) return "";
    return csv.substr(start + 2, csv.find("\r\n", start + 2) - start - 2);
  }
};

TEST(FollowUpDate, PauseListMatchesDossierDeadline) {
  FollowUpCli fixture;
  ASSERT_EQ(fixture.DossierDeadline("D-0"), "2021-05-31");
  EXPECT_EQ(fixture.PauseRow("D-0"), "D-0;cliënt OCMW;2021-04-01;2021-05-31");

  ASSERT_EQ(fixture.Run({"dossier", "set-status", "D-0", "solution_in_progress", "--reason", "Cliënt stemt in"},
                        "2021-04-20")
                .exit_code,
            0);
  EXPECT_EQ(fixture.DossierDeadline("D-0"), "2021-05-31");
  EXPECT_EQ(fixture.PauseRow("D-0"), "D-0;cliënt OCMW;2021-04-01;2021-05-31");

  ASSERT_EQ(fixture.Run({"dossier", "set-status", "D-0", "solution_reached", "--reason", "Afbetalingsplan"},
                        "2021-05-02")
                .exit_code,
            0);
  EXPECT_EQ(fixture.DossierDeadline("D-0"), "2021-05-31");
  EXPECT_EQ(fixture.PauseRow("D-0"), "D-0;cliënt OCMW;2021-04-01;2021-05-31");
}

TEST(FollowUpDate, ReachedSolutionIsNotOverdue) {
  FollowUpCli fixture;
  ASSERT_EQ(fixture.Run({"dossier", "set-status", "D-0", "solution_in_progress", "--reason", "Cliënt stemt in"})
                .exit_code,
            0);
  ASSERT_EQ(fixture.Run({"dossier", "set-status", "D-0", "solution_reached", "--reason", "Afbetalingsplan"})
                .exit_code,
            0);
  CliResult overdue = fixture.Run({"dossier", "overdue"}, "2021-07-01");
  ASSERT_EQ(overdue.exit_code, 0) << overdue.err;
  EXPECT_EQ(overdue.out.find("D-0"), std::string::npos) << overdue.out;
  EXPECT_NE(overdue.out.find("D-1"), std::string::npos) << overdue.out;
}

TEST(FollowUpDate, ResumedDossierLeavesPauseList) {
  FollowUpCli fixture;
  ASSERT_EQ(fixture.Run({"dossier", "set-status", "D-0", "resume_collection", "--reason", "Geen toestemming"})
                .exit_code,
            0);
  EXPECT_EQ(fixture.DossierDeadline("D-0"), "");
  EXPECT_EQ(fixture.PauseRow("D-0"), "");
}

}  // namespace
}  // namespace adempauze::testing_support
