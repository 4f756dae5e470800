// `adempauze retention run`: after it, no name, number or dossier number of the imported
// people is left in the database files, the figures stay readable, the log verifies and
// the attestation's signature checks out.
#include <fstream>
#include <iterator>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "adempauze/nn/national_number.h"
#include "cli/store_cli_support.h"

namespace adempauze::cli {
namespace {

using namespace testing_support;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Returns the contents of the database file and its -wal and -shm files.
std::string DatabaseBytes(const CliFixture& fixture) {
  std::string bytes = ReadFile(fixture.db);
  for (const char* suffix : {"-wal", "-shm"}) {
    if (std::filesystem::exists(fixture.db + suffix)) bytes += ReadFile(fixture.db + suffix);
  }
  return bytes;
}

// Every personal value of the people the fixture imported: names, national numbers in
// both forms, dossier numbers, client references.
std::vector<std::string> PersonalValues(std::size_t count) {
  std::vector<std::string> values;
  // Names of four letters or fewer ("An", "Jan") occur by chance in ciphertext and hashes,
  // so only the longer ones are searched.
  for (const char* name : kFirstNames) {
    if (std::string_view(name).size() >= 5) values.emplace_back(name);
  }
  for (const char* name : kLastNames) values.emplace_back(name);
  values.emplace_back("Kerkstraat");
  for (std::size_t i = 0; i < count; ++i) {
    values.push_back(PersonNumber(i));
    values.push_back(nn::Format(PersonNumber(i)));
    if (i >= 100) values.push_back(fmt::format("D-{}", i));
    if (i >= 10) values.push_back(fmt::format("OCMW-{}", i));
  }
  return values;
}

void Populate(const CliFixture& fixture) {
  ASSERT_EQ(fixture.Run({"init"}).exit_code, 0);
  ASSERT_EQ(fixture.Run({"import", "debtors", fixture.WriteDebtors(0, 300)}).exit_code, 0);
  ASSERT_EQ(fixture.Run({"import", "clients", fixture.WriteClients(0, 120)}).exit_code, 0);
  CliResult match = fixture.Run({"match"});
  ASSERT_EQ(match.exit_code, 0) << match.err;
}

TEST(RetentionCli, DryRunChangesNothing) {
  CliFixture fixture;
  Populate(fixture);
  const std::string keys_before = ReadFile(fixture.keys);
  CliResult plan = fixture.Run({"retention", "run", "--dry-run", "--order", "einde protocol"}, "2022-01-01");
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_NE(plan.out.find("debtors: 300"), std::string::npos) << plan.out;
  EXPECT_NE(plan.out.find("final_status"), std::string::npos) << plan.out;
  EXPECT_EQ(ReadFile(fixture.keys), keys_before);
  EXPECT_EQ(fixture.Run({"retention", "figures"}).out.find("final_status"), std::string::npos);
  EXPECT_EQ(fixture.Run({"dossier", "list"}).exit_code, 0);
}

TEST(RetentionCli, NothingPersonalRemainsAndFiguresLogAndAttestationHold) {
  CliFixture fixture;
  Populate(fixture);
  const std::vector<std::string> personal = PersonalValues(300);
  {
    // The check can fail: before retention the dossier numbers are in the file.
    const std::string bytes = DatabaseBytes(fixture);
    EXPECT_NE(bytes.find("D-150"), std::string::npos);
  }
  const std::string attestation = (fixture.dir / "attest.json").string();
  CliResult run = fixture.RunAsOfficer({"retention", "run", "--order", "einde protocol, opdracht functionaris 2022-01",
                                        "--attestation", attestation},
                                       fixture.AddAccount("fgb", "officer"), "2022-01-01");
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;

  const std::string bytes = DatabaseBytes(fixture);
  for (const std::string& value : personal) {
    EXPECT_EQ(bytes.find(value), std::string::npos) << "found in the database files: " << value;
  }
  EXPECT_EQ(std::filesystem::exists(fixture.db + "-wal") ? std::filesystem::file_size(fixture.db + "-wal") : 0u, 0u);

  auto keys = crypto::LoadKeyFile(fixture.keys);
  ASSERT_TRUE(keys.ok());
  EXPECT_FALSE(keys->has_data_key());
  EXPECT_FALSE(keys->has_blind_index_key());
  EXPECT_TRUE(keys->has_signing_key());

  CliResult figures = fixture.Run({"retention", "figures"});
  ASSERT_EQ(figures.exit_code, 0) << figures.err;
  EXPECT_NE(figures.out.find("final_status"), std::string::npos) << figures.out;
  EXPECT_NE(figures.out.find("debtors_per_import_month"), std::string::npos) << figures.out;
  EXPECT_NE(figures.out.find("matches"), std::string::npos) << figures.out;
  CliResult verify = fixture.Run({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;

  EXPECT_EQ(std::filesystem::status(attestation).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  CliResult attested = fixture.Run({"retention", "verify-attestation", attestation});
  EXPECT_EQ(attested.exit_code, 0) << attested.err;
  std::string text = ReadFile(attestation);
  EXPECT_NE(text.find("\"debtors\": 300"), std::string::npos) << text;
  const auto at = text.find("einde protocol");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 5, "EINDE");
  std::ofstream(attestation, std::ios::trunc) << text;
  EXPECT_EQ(fixture.Run({"retention", "verify-attestation", attestation}).exit_code, 1);

  CliResult late = fixture.Run({"import", "debtors", fixture.WriteDebtors(0, 5, "laat.csv")}, "2022-01-02");
  EXPECT_NE(late.exit_code, 0);
  CliResult rotate = fixture.Run({"keys", "rotate"}, "2022-01-02");
  EXPECT_EQ(rotate.exit_code, 1);
  EXPECT_NE(rotate.err.find("geen gegevenssleutel meer"), std::string::npos) << rotate.err;
}

TEST(RetentionCli, SecondRunKeepsFirstFigures) {
  CliFixture fixture;
  Populate(fixture);
  ASSERT_EQ(fixture.RunAsOfficer({"retention", "run", "--order", "einde protocol"}, fixture.AddAccount("fgb", "officer"),
                                 "2022-01-01").exit_code, 0);
  const std::string first = fixture.Run({"retention", "figures"}).out;
  CliResult again = fixture.RunAsOfficer({"retention", "run", "--order", "einde protocol"},
                                         (fixture.dir / "fgb.wachtwoord").string(), "2022-01-02");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(fixture.Run({"retention", "figures"}).out, first);
  EXPECT_NE(first.find("client_paused"), std::string::npos) << first;
  EXPECT_EQ(fixture.Run({"audit", "verify"}).exit_code, 0);
}

// A crash after the shredded key file replaced the old one, but before the database
// recorded its key check value: the next run repairs the check value and finishes.
TEST(RetentionCli, RunAfterCrashInKeyDestructionFinishes) {
  CliFixture fixture;
  Populate(fixture);
  auto keys = crypto::LoadKeyFile(fixture.keys);
  ASSERT_TRUE(keys.ok());
  auto signing = keys->WithSigningKey();
  ASSERT_TRUE(signing.ok());
  auto shredded = signing->WithoutPersonalDataKeys();
  ASSERT_TRUE(shredded.ok());
  {
    auto db = store::Database::Open(fixture.db, store::Database::Mode::kExisting);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Execute(fmt::format("INSERT INTO meta (key, value) VALUES ('retention.key_check_after', '{}')",
                                        crypto::KeyCheckValue(*shredded)))
                    .ok());
  }
  ASSERT_TRUE(crypto::ReplaceKeyFile(fixture.keys, *shredded, true).ok());
  EXPECT_NE(fixture.Run({"audit", "verify"}).exit_code, 0);  // the database expects the old check value

  // Finishing the interrupted run carries out the order already given: no new login.
  CliResult run = fixture.Run({"retention", "run", "--order", "einde protocol"}, "2022-01-01");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(fixture.Run({"audit", "verify"}).exit_code, 0);
  EXPECT_NE(fixture.Run({"retention", "figures"}).out.find("final_status"), std::string::npos);
}

TEST(RetentionCli, OrderIsRequired) {
  CliFixture fixture;
  Populate(fixture);
  EXPECT_NE(fixture.Run({"retention", "run"}).exit_code, 0);
}

}  // namespace
}  // namespace adempauze::cli
