// The store command families (init, import, match, dossier, audit) through RunCli.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include "cli/store_cli_support.h"

namespace adempauze::cli {
namespace {

using namespace testing_support;

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// An installation with 10 debtors (people 0..9) and a client list of people 5..14, matched.
struct MatchedFixture : CliFixture {
  MatchedFixture() {
    EXPECT_EQ(Run({"init"}).exit_code, 0);
    EXPECT_EQ(Run({"import", "debtors", WriteDebtors(0, 10)}).exit_code, 0);
    EXPECT_EQ(Run({"import", "clients", WriteClients(5, 10)}).exit_code, 0);
    EXPECT_EQ(Run({"match"}).exit_code, 0);
  }
};

TEST(InitCommand, CreatesDatabaseAndPrivateKeyFile) {
  CliFixture fixture;
  CliResult result = fixture.Run({"init"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(Contains(result.out, "sleutelbestand")) << result.out;
  for (const std::string& path : {fixture.keys, fixture.db}) {
    struct stat info {};
    ASSERT_EQ(::stat(path.c_str(), &info), 0) << path;
    EXPECT_EQ(info.st_mode & 0777, 0600u) << path;
  }
}

TEST(InitCommand, RefusesToOverwrite) {
  CliFixture fixture;
  ASSERT_EQ(fixture.Run({"init"}).exit_code, 0);
  const std::string key_bytes = ReadFileBytes(fixture.keys);
  CliResult again = fixture.Run({"init"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_TRUE(Contains(again.err, "bestaat al")) << again.err;
  EXPECT_EQ(ReadFileBytes(fixture.keys), key_bytes);
}

TEST(InitCommand, RefusesExistingKeyFileWithoutDatabase) {
  CliFixture fixture;
  ASSERT_EQ(fixture.Run({"init"}).exit_code, 0);
  std::filesystem::remove(fixture.db);
  CliResult again = fixture.Run({"init"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_TRUE(Contains(again.err, "Sleutelbestand")) << again.err;
  EXPECT_FALSE(std::filesystem::exists(fixture.db));
}

TEST(ImportCommand, PrintsSummaryAndWritesReport) {
  CliFixture fixture;
  ASSERT_EQ(fixture.Run({"init"}).exit_code, 0);
  const std::string report = (fixture.dir / "rapport.csv").string();
  CliResult result = fixture.Run({"import", "debtors", fixture.WriteDebtors(0, 5), "--report", report});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(Contains(result.out, "debiteuren.csv: 5 rijen gelezen, 5 ingelezen, 0 geweigerd")) << result.out;
  EXPECT_TRUE(Contains(result.out, "1 kolommen buiten het protocol")) << result.out;
  EXPECT_TRUE(Contains(result.out, "Batch 1 aangemaakt")) << result.out;
  EXPECT_TRUE(std::filesystem::exists(report));
  EXPECT_TRUE(Contains(ReadFileBytes(report), "Bedrag"));
  // The terminal output names no person.
  EXPECT_FALSE(Contains(result.out, kLastNames[0]));
  EXPECT_FALSE(Contains(result.out, nn::Format(PersonNumber(1))));
}

TEST(ImportCommand, StrictRefusesListWithRejectedRows) {
  CliFixture fixture;
  ASSERT_EQ(fixture.Run({"init"}).exit_code, 0);
  std::string path = fixture.WriteDebtors(0, 3);
  {
    std::ofstream append(path, std::ios::app);
    append << ";Zonder;Dossier;" << nn::Format(PersonNumber(50)) << ";Markt;1;0\n";  // no dossier number
  }
  CliResult strict = fixture.Run({"import", "debtors", path, "--strict"});
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_TRUE(Contains(strict.err, "--strict")) << strict.err;
  CliResult list = fixture.Run({"dossier", "list"});
  EXPECT_TRUE(Contains(list.out, "0 dossiers")) << list.out;

  CliResult lenient = fixture.Run({"import", "debtors", path});
  EXPECT_EQ(lenient.exit_code, 0) << lenient.err;
  EXPECT_TRUE(Contains(lenient.out, "3 ingelezen, 1 geweigerd")) << lenient.out;
}

TEST(ImportCommand, MissingFileFailsClearly) {
  CliFixture fixture;
  ASSERT_EQ(fixture.Run({"init"}).exit_code, 0);
  CliResult result = fixture.Run({"import", "debtors", (fixture.dir / "afwezig.csv").string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_FALSE(result.err.empty());
}

TEST(ImportCommand, ExplicitMappingReadsOtherHeaders) {
  CliFixture fixture;
  ASSERT_EQ(fixture.Run({"init"}).exit_code, 0);
  const auto path = fixture.dir / "eigen-koppen.csv";
  {
    std::ofstream out(path);
    out << "Ref;Roepnaam;Familie;Nummer;Adres;Nr\n";
    out << "A-1;Jan;Peeters;" << PersonNumber(1) << ";Kerkstraat;1\n";
    out << "A-2;An;Maes;" << PersonNumber(2) << ";Markt;2\n";
  }
  CliResult result = fixture.Run({"import", "debtors", path.string(), "--map", "dossiernummer=Ref", "--map",
                                  "voornaam=Roepnaam", "--map", "naam=Familie", "--map",
                                  "rijksregisternummer=Nummer", "--map", "straat=Adres", "--map", "huisnummer=Nr"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(Contains(result.out, "2 ingelezen")) << result.out;
  CliResult show = fixture.Run({"dossier", "show", "A-2"});
  EXPECT_TRUE(Contains(show.out, "An Maes")) << show.out;
}

TEST(ImportCommand, ClientListReportsReplacedRows) {
  CliFixture fixture;
  ASSERT_EQ(fixture.Run({"init"}).exit_code, 0);
  ASSERT_EQ(fixture.Run({"import", "clients", fixture.WriteClients(0, 7)}).exit_code, 0);
  CliResult second = fixture.Run({"--lang", "en", "import", "clients", fixture.WriteClients(3, 2, "nieuw.csv")});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_TRUE(Contains(second.out, "it replaces the previous list (7 rows deleted)")) << second.out;
  EXPECT_TRUE(Contains(second.out, "nieuw.csv: 2 rows read, 2 imported")) << second.out;
}

TEST(MatchCommand, PrintsCounts) {
  CliFixture fixture;
  ASSERT_EQ(fixture.Run({"init"}).exit_code, 0);
  ASSERT_EQ(fixture.Run({"import", "debtors", fixture.WriteDebtors(0, 10)}).exit_code, 0);
  ASSERT_EQ(fixture.Run({"import", "clients", fixture.WriteClients(5, 10)}).exit_code, 0);
  CliResult result = fixture.Run({"match"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(Contains(result.out, "10 dossiers vergeleken met 10 cliënten: 5 nieuw geschorst")) << result.out;
  EXPECT_TRUE(Contains(result.out, "5 geen cliënt")) << result.out;
}

TEST(DossierCommand, ListShowsStatusWithoutPersonalData) {
  MatchedFixture fixture;
  CliResult all = fixture.Run({"dossier", "list"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_TRUE(Contains(all.out, "10 dossiers.")) << all.out;
  for (const char* name : kLastNames) EXPECT_FALSE(Contains(all.out, name)) << name;
  CliResult paused = fixture.Run({"dossier", "list", "--status", "client_paused"});
  EXPECT_TRUE(Contains(paused.out, "D-5\t1\tcliënt OCMW — invordering geschorst\t2021-04-01\t2021-05-31\t2"))
      << paused.out;
  EXPECT_TRUE(Contains(paused.out, "5 dossiers.")) << paused.out;
  CliResult english = fixture.Run({"--lang", "en", "dossier", "list", "--status", "not_client"});
  EXPECT_TRUE(Contains(english.out, "not a client")) << english.out;
}

TEST(DossierCommand, UnknownStatusNamesAcceptedOnes) {
  MatchedFixture fixture;
  CliResult result = fixture.Run({"dossier", "list", "--status", "geschorst"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(Contains(result.err, "client_paused")) << result.err;
}

TEST(DossierCommand, ShowMasksNumberAndIsLogged) {
  MatchedFixture fixture;
  CliResult result = fixture.Run({"dossier", "show", "D-5"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(Contains(result.out, "Dossier D-5")) << result.out;
  EXPECT_TRUE(Contains(result.out, kFirstNames[5])) << result.out;
  EXPECT_TRUE(Contains(result.out, nn::Mask(PersonNumber(5)))) << result.out;
  EXPECT_FALSE(Contains(result.out, nn::Format(PersonNumber(5)))) << result.out;
  EXPECT_FALSE(Contains(result.out, PersonNumber(5))) << result.out;
  EXPECT_TRUE(Contains(result.out, "exacte koppeling")) << result.out;
  EXPECT_TRUE(Contains(result.out, "toegangslog")) << result.out;
  CliResult missing = fixture.Run({"dossier", "show", "D-999"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_TRUE(Contains(missing.err, "D-999")) << missing.err;
}

TEST(DossierCommand, ShowMasksInvalidNumber) {
  CliFixture fixture;
  ASSERT_EQ(fixture.Run({"init"}).exit_code, 0);
  std::string path = fixture.WriteDebtors(0, 1);
  {
    std::ofstream append(path, std::ios::app);
    append << "D-77;Els;Jacobs;85.07.30-033.29;Markt;1;0\n";  // wrong check digits
  }
  ASSERT_EQ(fixture.Run({"import", "debtors", path}).exit_code, 0);
  CliResult show = fixture.Run({"dossier", "show", "D-77"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_FALSE(Contains(show.out, "033.29")) << show.out;
  EXPECT_FALSE(Contains(show.out, "03329")) << show.out;
  EXPECT_TRUE(Contains(show.out, "rijksregisternummer 85.07.30-***.**")) << show.out;
}

TEST(DossierCommand, SetStatusChecksReasonVersionAndTable) {
  MatchedFixture fixture;
  CliResult no_reason = fixture.Run({"dossier", "set-status", "D-5", "solution_in_progress"});
  EXPECT_EQ(no_reason.exit_code, 2);
  CliResult blank = fixture.Run({"dossier", "set-status", "D-5", "solution_in_progress", "--reason", " "});
  EXPECT_EQ(blank.exit_code, 1);
  EXPECT_TRUE(Contains(blank.err, "reden")) << blank.err;

  CliResult done = fixture.Run(
      {"dossier", "set-status", "D-5", "solution_in_progress", "--reason", "Cliënt stemt in", "--version", "2"});
  ASSERT_EQ(done.exit_code, 0) << done.err;
  EXPECT_TRUE(Contains(done.out, "nieuwe versie 3")) << done.out;

  CliResult stale = fixture.Run(
      {"dossier", "set-status", "D-5", "resume_collection", "--reason", "Geen oplossing", "--version", "2"});
  EXPECT_EQ(stale.exit_code, 1);
  EXPECT_TRUE(Contains(stale.err, "door iemand anders gewijzigd")) << stale.err;

  CliResult forbidden = fixture.Run({"dossier", "set-status", "D-0", "solution_reached", "--reason", "x"});
  EXPECT_EQ(forbidden.exit_code, 1);
  EXPECT_TRUE(Contains(forbidden.err, "Toegelaten vanuit not_client")) << forbidden.err;

  CliResult show = fixture.Run({"dossier", "show", "D-5"});
  EXPECT_TRUE(Contains(show.out, "Cliënt stemt in")) << show.out;
}

TEST(DossierCommand, OverdueListsPausedPastDeadline) {
  MatchedFixture fixture;
  CliResult before = fixture.Run({"dossier", "overdue"}, "2021-05-31");
  EXPECT_TRUE(Contains(before.out, "0 dossiers.")) << before.out;
  CliResult after = fixture.Run({"dossier", "overdue"}, "2021-06-01");
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_TRUE(Contains(after.out, "5 dossiers.")) << after.out;
}

TEST(AuditCommand, VerifiesIntactLog) {
  MatchedFixture fixture;
  ASSERT_EQ(fixture.Run({"dossier", "show", "D-5"}).exit_code, 0);
  CliResult result = fixture.Run({"audit", "verify"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  // protocol load, two imports, match and the view; matching may log more than one run.
  EXPECT_TRUE(Contains(result.out, "Toegangslog intact: ")) << result.out;
  EXPECT_FALSE(Contains(result.out, "intact: 4 regels")) << result.out;
}

TEST(AuditCommand, FailsOnTamperedLog) {
  MatchedFixture fixture;
  {
    auto db = store::Database::Open(fixture.db, store::Database::Mode::kExisting);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Execute("DROP TRIGGER access_log_no_delete").ok());
    ASSERT_TRUE(db->Execute("DELETE FROM access_log WHERE seq = 2").ok());
  }
  CliResult result = fixture.Run({"audit", "verify"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(Contains(result.err, "functionaris voor gegevensbescherming")) << result.err;
  EXPECT_TRUE(Contains(result.err, "regel 3")) << result.err;
}

TEST(StoreCommands, WrongKeyFileIsRejected) {
  MatchedFixture fixture;
  CliFixture other;
  ASSERT_EQ(other.Run({"init"}).exit_code, 0);
  fixture.keys = other.keys;
  CliResult result = fixture.Run({"dossier", "list"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(Contains(result.err, "hoort niet bij databank")) << result.err;
}

TEST(StoreCommands, KeyFileReadableByOthersIsRejected) {
  MatchedFixture fixture;
  ASSERT_EQ(::chmod(fixture.keys.c_str(), 0644), 0);
  CliResult result = fixture.Run({"dossier", "list"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(Contains(result.err, "chmod 600")) << result.err;
}

TEST(StoreCommands, MissingDatabaseSuggestsInit) {
  CliFixture fixture;
  CliResult result = fixture.Run({"--lang", "en", "match"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(Contains(result.err, "adempauze init")) << result.err;
}

}  // namespace
}  // namespace adempauze::cli
