// The review commands and the fuzzy step of `match` through RunCli.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "cli/store_cli_support.h"

namespace adempauze::testing_support {
namespace {

const char* const kFirst[] = {"Jan", "An", "Pieter", "Els", "Koen", "Lies", "Wim", "Sofie", "Bart", "Ine"};
const char* const kLast[] = {"Peeters", "Janssens", "Maes", "Ysebaert", "Mertens",
                             "Vercammen", "Claes", "Goossens", "De Smet", "Wouters"};
const char* const kStreet[] = {"Kerkstraat", "Molenweg", "Dorpsplein", "Stationsstraat", "Beukenlaan",
                               "Veldstraat", "Kapelstraat", "Schoolstraat", "Lindelaan", "Bosweg"};

// Ten clients with distinct names and streets. Debtor R-1 is client 3 without a national
// number, R-2 is client 5 with a BIS number for the same birth date, R-3 is client 7 exactly.
struct ReviewCli : CliFixture {
  ReviewCli() {
    EXPECT_EQ(Run({"init"}).exit_code, 0);
    std::ofstream clients(dir / "clienten.csv");
    clients << "Rijksregisternummer;Voornaam;Naam;Straat;Huisnummer;Postcode;Clientreferentie\n";
    for (std::size_t i = 0; i < 10; ++i) {
      clients << fmt::format("{};{};{};{};{};9999;OCMW-{}\n", PersonNumber(i * 37), kFirst[i], kLast[i], kStreet[i],
                             3 + i * 7, i);
    }
    clients.close();

    const CivilDate birth = CivilDate::FromDaysSinceEpoch(-10950 + 5 * 37);
    const std::string bis = nn::Make(birth.year, birth.month, birth.day, 17, 40);
    std::ofstream out(dir / "debiteuren.csv");
    out << "Dossiernummer;Voornaam;Naam;Rijksregisternummer;Straat;Huisnummer\n";
    out << fmt::format("R-1;{};{};;{};24\n", kFirst[3], kLast[3], kStreet[3]);
    out << fmt::format("R-2;{};{};{};{};38\n", kFirst[5], kLast[5], nn::Format(bis), kStreet[5]);
    out << fmt::format("R-3;{};{};{};{};52\n", kFirst[7], kLast[7], nn::Format(PersonNumber(7 * 37)), kStreet[7]);
    out.close();
    EXPECT_EQ(Run({"import", "debtors", (dir / "debiteuren.csv").string()}).exit_code, 0);
    EXPECT_EQ(Run({"import", "clients", (dir / "clienten.csv").string()}).exit_code, 0);
  }

  CliResult RunAs(const std::string& actor, std::vector<std::string> args) const {
    std::vector<std::string> full = {"--db", db, "--key-file", keys, "--as", actor, "--today", "2021-04-01"};
    full.insert(full.end(), args.begin(), args.end());
    std::ostringstream out, err;
    CliResult result;
    result.exit_code = cli::RunCli(full, out, err);
    result.out = out.str();
    result.err = err.str();
    return result;
  }

  // Returns the queue number of the list line of `dossier`, or "".
  std::string QueueId(const std::string& dossier) const {
    CliResult list = Run({"review", "list"});
    std::smatch found;
    if (std::regex_search(list.out, found, std::regex("\\n(\\d+);" + dossier + ";"))) return found[1];
    return "";
  }
};

TEST(ReviewCommands, MatchReportsPairsForReview) {
  ReviewCli fixture;
  CliResult match = fixture.Run({"match"});
  ASSERT_EQ(match.exit_code, 0) << match.err;
  EXPECT_NE(match.out.find("2 voorstellen wachten op beoordeling"), std::string::npos) << match.out;
}

TEST(ReviewCommands, ListMasksNamesAndShowsLevels) {
  ReviewCli fixture;
  ASSERT_EQ(fixture.Run({"match"}).exit_code, 0);
  CliResult list = fixture.Run({"review", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find(";R-1;"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find(";R-2;"), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find(";R-3;"), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find(kLast[3]), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("E** Y*******"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("VN= FN="), std::string::npos) << list.out;
}

TEST(ReviewCommands, ShowPutsRecordsSideBySide) {
  ReviewCli fixture;
  ASSERT_EQ(fixture.Run({"match"}).exit_code, 0);
  const std::string id = fixture.QueueId("R-2");
  ASSERT_FALSE(id.empty());
  CliResult show = fixture.Run({"review", "show", id});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find(std::string("voornaam;") + kFirst[5] + ";" + kFirst[5] + ";= gelijk"),
            std::string::npos)
      << show.out;
  EXPECT_NE(show.out.find("-***.**"), std::string::npos) << show.out;
  EXPECT_EQ(show.out.find(PersonNumber(5 * 37)), std::string::npos) << show.out;
}

TEST(ReviewCommands, ConfirmPausesDossier) {
  ReviewCli fixture;
  ASSERT_EQ(fixture.Run({"match"}).exit_code, 0);
  const std::string id = fixture.QueueId("R-1");
  ASSERT_FALSE(id.empty());
  CliResult confirm = fixture.RunAs("an", {"review", "confirm", id, "--reason", "zelfde adres en naam"});
  ASSERT_EQ(confirm.exit_code, 0) << confirm.err;
  EXPECT_NE(confirm.out.find("bevestigd"), std::string::npos) << confirm.out;
  CliResult dossiers = fixture.Run({"dossier", "list", "--status", "client_paused"});
  EXPECT_NE(dossiers.out.find("R-1"), std::string::npos) << dossiers.out;
}

TEST(ReviewCommands, ReasonIsRequired) {
  ReviewCli fixture;
  ASSERT_EQ(fixture.Run({"match"}).exit_code, 0);
  CliResult confirm = fixture.Run({"review", "confirm", fixture.QueueId("R-1")});
  EXPECT_NE(confirm.exit_code, 0);
}

TEST(ReviewCommands, SameReviewerCannotReverse) {
  ReviewCli fixture;
  ASSERT_EQ(fixture.Run({"match"}).exit_code, 0);
  const std::string id = fixture.QueueId("R-2");
  ASSERT_EQ(fixture.RunAs("an", {"review", "reject", id, "--reason", "twijfel"}).exit_code, 0);
  CliResult same = fixture.RunAs("an", {"review", "reverse", id, "--reason", "toch wel"});
  EXPECT_EQ(same.exit_code, 1);
  EXPECT_NE(same.err.find("Alleen een tweede beoordelaar"), std::string::npos) << same.err;

  CliResult second = fixture.RunAs("els", {"review", "reverse", id, "--reason", "BIS-nummer vervangen"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("teruggedraaid"), std::string::npos) << second.out;
  CliResult dossiers = fixture.Run({"dossier", "list", "--status", "client_paused"});
  EXPECT_NE(dossiers.out.find("R-2"), std::string::npos) << dossiers.out;
}

// Uploading the same client list again must not leave the old proposals next to the new
// ones: the old ones are withdrawn, and `match` proposes each dossier once.
TEST(ReviewCommands, NewClientListDoesNotDoubleQueue) {
  ReviewCli fixture;
  ASSERT_EQ(fixture.Run({"match"}).exit_code, 0);
  const std::string old_id = fixture.QueueId("R-1");
  ASSERT_FALSE(old_id.empty());

  CliResult again = fixture.Run({"import", "clients", (fixture.dir / "clienten.csv").string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("2 open voorstellen voor de controleur werden ingetrokken"), std::string::npos)
      << again.out;
  CliResult match = fixture.Run({"match"});
  ASSERT_EQ(match.exit_code, 0) << match.err;
  EXPECT_NE(match.out.find("2 voorstellen wachten op beoordeling"), std::string::npos) << match.out;

  CliResult list = fixture.Run({"review", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  for (const char* dossier : {";R-1;", ";R-2;"}) {
    const std::size_t first = list.out.find(dossier);
    ASSERT_NE(first, std::string::npos) << dossier << " in " << list.out;
    EXPECT_EQ(list.out.find(dossier, first + 1), std::string::npos) << dossier << " twice in " << list.out;
  }
  const std::string new_id = fixture.QueueId("R-1");
  EXPECT_NE(new_id, old_id);

  // The old proposal shows its withdrawal and can no longer be confirmed.
  CliResult show = fixture.Run({"review", "show", old_id});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("Ingetrokken op"), std::string::npos) << show.out;
  CliResult confirm = fixture.RunAs("an", {"review", "confirm", old_id, "--reason", "zelfde adres en naam"});
  EXPECT_EQ(confirm.exit_code, 1);
  EXPECT_NE(confirm.err.find("ingetrokken"), std::string::npos) << confirm.err;
  CliResult pending = fixture.Run({"dossier", "list", "--status", "received"});
  EXPECT_NE(pending.out.find("R-1"), std::string::npos) << pending.out;

  CliResult confirm_new = fixture.RunAs("an", {"review", "confirm", new_id, "--reason", "zelfde adres en naam"});
  EXPECT_EQ(confirm_new.exit_code, 0) << confirm_new.err;
}

TEST(ReviewCommands, UnknownIdFails) {
  ReviewCli fixture;
  CliResult show = fixture.Run({"review", "show", "42"});
  EXPECT_EQ(show.exit_code, 1);
  EXPECT_NE(show.err.find("Voorstel 42"), std::string::npos) << show.err;
}

TEST(FuzzyEvaluate, PrintsQualityFigures) {
  CliFixture fixture;
  CliResult run = fixture.Run({"fuzzy", "evaluate", "--debtors", "300", "--clients", "2000"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("precisie"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("paarvolledigheid"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace adempauze::testing_support
