// The protocol, person and audit-export commands through RunCli.
#include <gtest/gtest.h>

#include "cli/store_cli_support.h"

namespace adempauze::cli {
namespace {

using namespace testing_support;

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(ProtocolCommands, ExchangeRefusedWithoutProtocol) {
  CliFixture fixture;
  // A bare init in the fixture loads the pilot protocol; this one does not.
  ASSERT_EQ(fixture.Run({"init", "--protocol", ""}).exit_code, 0);
  CliResult import = fixture.Run({"import", "debtors", fixture.WriteDebtors(0, 3)});
  EXPECT_EQ(import.exit_code, 1);
  EXPECT_TRUE(Contains(import.err, "adempauze protocol load")) << import.err;
  for (const char* command : {"match", "export"}) {
    std::vector<std::string> args = {command};
    if (std::string(command) == "export") args = {"export", "pause", "--out", (fixture.dir / "p.csv").string()};
    CliResult refused = fixture.Run(args);
    EXPECT_EQ(refused.exit_code, 1) << command;
    EXPECT_TRUE(Contains(refused.err, "geen protocol geladen")) << refused.err;
  }

  const std::string log = (fixture.dir / "log.csv").string();
  ASSERT_EQ(fixture.Run({"audit", "export", "--out", log}).exit_code, 0);
  const std::string csv = ReadFileBytes(log);
  EXPECT_TRUE(Contains(csv, ";import_debtors;protocol;'-;collection_pause;denied;")) << csv;
  EXPECT_TRUE(Contains(csv, ";match;protocol;'-;collection_pause;denied;")) << csv;
}

TEST(ProtocolCommands, LoadShowAndOutsidePeriod) {
  CliFixture fixture;
  ASSERT_EQ(fixture.Run({"init"}).exit_code, 0);
  CliResult show = fixture.Run({"protocol", "show"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_TRUE(Contains(show.out, "adembeek-pilot-2021")) << show.out;
  EXPECT_TRUE(Contains(show.out, "van kracht op 2021-04-01")) << show.out;

  CliResult later = fixture.Run({"protocol", "show"}, "2022-01-01");
  EXPECT_TRUE(Contains(later.out, "verlopen op 2021-12-31")) << later.out;
  CliResult refused = fixture.Run({"import", "debtors", fixture.WriteDebtors(0, 3)}, "2022-01-01");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_TRUE(Contains(refused.err, "verlopen op 2021-12-31")) << refused.err;
}

TEST(ProtocolCommands, InvalidFileListsProblems) {
  CliFixture fixture;
  ASSERT_EQ(fixture.Run({"init"}).exit_code, 0);
  std::string text = ReadFileBytes(CliFixture::PilotProtocol());
  text.replace(text.find("follow_up_days = 60"), 19, "follow_up_days = 0");
  const std::string path = (fixture.dir / "fout.toml").string();
  std::ofstream(path) << text;
  CliResult load = fixture.Run({"protocol", "load", path});
  EXPECT_EQ(load.exit_code, 1);
  EXPECT_TRUE(Contains(load.err, "fout.toml:")) << load.err;
}

TEST(ProtocolCommands, SuspendBlocksUntilResume) {
  CliFixture fixture;
  ASSERT_EQ(fixture.Run({"init"}).exit_code, 0);
  const std::string password = fixture.AddAccount("fgb", "officer");
  ASSERT_EQ(fixture.RunAsOfficer({"protocol", "suspend", "--reason", "inbreuk gemeld"}, password).exit_code, 0);
  CliResult refused = fixture.Run({"import", "debtors", fixture.WriteDebtors(0, 3)});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_TRUE(Contains(refused.err, "geschorst")) << refused.err;
  EXPECT_TRUE(Contains(fixture.Run({"protocol", "show"}).out, "inbreuk gemeld"));
  ASSERT_EQ(fixture.RunAsOfficer({"protocol", "resume", "--reason", "opgelost"}, password).exit_code, 0);
  EXPECT_EQ(fixture.Run({"import", "debtors", fixture.WriteDebtors(0, 3)}).exit_code, 0);

  const std::string log = (fixture.dir / "log.csv").string();
  ASSERT_EQ(fixture.Run({"audit", "export", "--out", log, "--user", "fgb"}).exit_code, 0);
  const std::string csv = ReadFileBytes(log);
  EXPECT_TRUE(Contains(csv, ";officer;exchange_suspend;")) << csv;
  EXPECT_TRUE(Contains(csv, "reason=inbreuk gemeld")) << csv;
}

TEST(ProtocolCommands, SuspendNeedsAnOfficerAccount) {
  CliFixture fixture;
  ASSERT_EQ(fixture.Run({"init"}).exit_code, 0);

  // Without an account: the default actor "cli:<user>" names none.
  CliResult anonymous = fixture.Run({"protocol", "suspend", "--reason", "inbreuk gemeld"});
  EXPECT_EQ(anonymous.exit_code, 1);
  EXPECT_TRUE(Contains(anonymous.err, "voorbehouden aan de functionaris")) << anonymous.err;

  // An account without the officer role, with its right password.
  const std::string team = fixture.AddAccount("debiteuren", "debtor_team");
  CliResult wrong_role = fixture.RunAsOfficer({"protocol", "suspend", "--reason", "x"}, team, "2021-04-01", "debiteuren");
  EXPECT_EQ(wrong_role.exit_code, 1);
  EXPECT_TRUE(Contains(wrong_role.err, "niet de rol functionaris")) << wrong_role.err;

  // The officer's account with a wrong password.
  fixture.AddAccount("fgb", "officer");
  CliResult wrong_password = fixture.RunAsOfficer({"protocol", "resume", "--reason", "x"}, team);
  EXPECT_EQ(wrong_password.exit_code, 1);
  EXPECT_TRUE(Contains(fixture.Run({"protocol", "show"}).out, "van kracht")) << "the exchange must stay active";

  const std::string log = (fixture.dir / "log.csv").string();
  ASSERT_EQ(fixture.Run({"audit", "export", "--out", log}).exit_code, 0);
  const std::string csv = ReadFileBytes(log);
  EXPECT_TRUE(Contains(csv, ";officer_action;protocol;")) << csv;
  EXPECT_FALSE(Contains(csv, "exchange_suspend")) << csv;
}

TEST(ProtocolCommands, RendersHtmlAndPdf) {
  CliFixture fixture;
  ASSERT_EQ(fixture.Run({"init"}).exit_code, 0);
  const std::string html = (fixture.dir / "p.html").string();
  const std::string pdf = (fixture.dir / "p.pdf").string();
  ASSERT_EQ(fixture.Run({"protocol", "render", "--out", html}).exit_code, 0);
  ASSERT_EQ(fixture.Run({"protocol", "render", "--format", "pdf", "--out", pdf}).exit_code, 0);
  EXPECT_TRUE(Contains(ReadFileBytes(html), "id=\"item-13\""));
  EXPECT_EQ(ReadFileBytes(pdf).substr(0, 5), "%PDF-");
}

TEST(PersonCommands, ShowCorrectAndExportByPerson) {
  CliFixture fixture;
  ASSERT_EQ(fixture.Run({"init"}).exit_code, 0);
  ASSERT_EQ(fixture.Run({"import", "debtors", fixture.WriteDebtors(0, 4)}).exit_code, 0);
  ASSERT_EQ(fixture.Run({"import", "clients", fixture.WriteClients(2, 4)}).exit_code, 0);
  ASSERT_EQ(fixture.Run({"match"}).exit_code, 0);

  CliResult corrected = fixture.Run({"dossier", "correct", "D-2", "--field", "street", "--value", "Markt",
                                     "--reason", "verzoek van de betrokkene"});
  ASSERT_EQ(corrected.exit_code, 0) << corrected.err;
  CliResult person = fixture.Run({"person", "show", nn::Format(PersonNumber(2))});
  ASSERT_EQ(person.exit_code, 0) << person.err;
  EXPECT_TRUE(Contains(person.out, "1 dossier(s), 1 rij(en)")) << person.out;
  EXPECT_TRUE(Contains(person.out, "Markt")) << person.out;
  EXPECT_TRUE(Contains(person.out, "oude waarde \"Kerkstraat\"")) << person.out;
  EXPECT_FALSE(Contains(person.out, PersonNumber(2))) << person.out;

  const std::string log = (fixture.dir / "log.csv").string();
  ASSERT_EQ(fixture.Run({"audit", "export", "--out", log, "--person", PersonNumber(2)}).exit_code, 0);
  const std::string csv = ReadFileBytes(log);
  EXPECT_TRUE(Contains(csv, ";correct;dossier;D-2;")) << csv;
  EXPECT_TRUE(Contains(csv, ";access_request;person;")) << csv;
  EXPECT_FALSE(Contains(csv, ";D-3;")) << csv;
  EXPECT_FALSE(Contains(csv, PersonNumber(2))) << csv;
}

TEST(AuditCommands, AnchorDetectsTruncatedTail) {
  CliFixture fixture;
  ASSERT_EQ(fixture.Run({"init"}).exit_code, 0);
  ASSERT_EQ(fixture.Run({"import", "debtors", fixture.WriteDebtors(0, 4)}).exit_code, 0);
  const std::string anchor = (fixture.dir / "anker.txt").string();
  ASSERT_EQ(fixture.Run({"audit", "anchor", "--out", anchor}).exit_code, 0);
  CliResult intact = fixture.Run({"audit", "verify", "--anchor", anchor});
  EXPECT_EQ(intact.exit_code, 0) << intact.err;
  {
    auto db = store::Database::Open(fixture.db, store::Database::Mode::kExisting);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Execute("DROP TRIGGER access_log_no_delete; "
                            "DELETE FROM access_log WHERE seq = (SELECT MAX(seq) FROM access_log)")
                    .ok());
  }
  EXPECT_EQ(fixture.Run({"audit", "verify"}).exit_code, 0);
  CliResult truncated = fixture.Run({"audit", "verify", "--anchor", anchor});
  EXPECT_EQ(truncated.exit_code, 1);
  EXPECT_TRUE(Contains(truncated.err, "ingekort")) << truncated.err;
}

}  // namespace
}  // namespace adempauze::cli
