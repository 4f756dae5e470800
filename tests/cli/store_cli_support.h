// Helpers for the CLI tests of the store commands: run RunCli in-process and write
// fictitious debtor and client lists as CSV files.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "adempauze/cli/cli.h"
#include "crypto/temp_dir.h"
#include "store/store_test_support.h"

namespace adempauze::testing_support {

struct CliResult {
  int exit_code = 0;
  std::string out;
  std::string err;
};

// A temporary installation: database and key file paths, and a way to run commands on them.
struct CliFixture {
  TempDir dir;
  std::string db = (dir / "stad.db").string();
  std::string keys = (dir / "stad.db.keys").string();

  // The pilot protocol (valid 2021-04-01..2021-12-31), which `init` loads so that the
  // exchange commands run on the fixture's default date.
  static std::string PilotProtocol() { return std::string(ADEMPAUZE_TEST_DATA) + "/../../config/protocols/pilot-2021.toml"; }

  // Runs a command; a bare {"init"} also loads PilotProtocol().
  CliResult Run(std::vector<std::string> args, const std::string& today = "2021-04-01",
                const std::string& actor = "cli:tester") const {
    if (args == std::vector<std::string>{"init"}) args = {"init", "--protocol", PilotProtocol()};
    std::vector<std::string> full = {"--db", db, "--key-file", keys, "--as", actor, "--today", today};
    full.insert(full.end(), args.begin(), args.end());
    std::ostringstream out;
    std::ostringstream err;
    CliResult result;
    result.exit_code = cli::RunCli(full, out, err);
    result.out = out.str();
    result.err = err.str();
    return result;
  }

  // Adds the account `name` with `roles` and returns the path of a file holding its password,
  // for the officer-only commands (--as NAME --password-file PATH).
  std::string AddAccount(const std::string& name, const std::string& roles) const {
    const std::string password_file = (dir / (name + ".wachtwoord")).string();
    std::ofstream(password_file) << "fictief-wachtwoord-" << name << "\n";
    CliResult added = Run({"user", "add", name, "--roles", roles, "--password-file", password_file});
    EXPECT_EQ(added.exit_code, 0) << added.err;
    return password_file;
  }

  // Runs an officer-only command as the officer account `name` (see AddAccount).
  CliResult RunAsOfficer(std::vector<std::string> args, const std::string& password_file,
                         const std::string& today = "2021-04-01", const std::string& name = "fgb") const {
    args.push_back("--password-file");
    args.push_back(password_file);
    return Run(std::move(args), today, name);
  }

  // Writes a debtor list of people first..first+count-1 with an extra column outside the
  // protocol, and returns its path.
  std::string WriteDebtors(std::size_t first, std::size_t count, const std::string& name = "debiteuren.csv") const {
    std::ofstream out(dir / name);
    out << "Dossiernummer;Voornaam;Naam;Rijksregisternummer;Straat;Huisnummer;Bedrag\n";
    for (std::size_t i = first; i < first + count; ++i) {
      out << fmt::format("D-{};{};{};{};Kerkstraat;{};125,50\n", i, kFirstNames[i % 8],
                         kLastNames[(i / 8) % 8], nn::Format(PersonNumber(i)), 1 + i % 200);
    }
    return (dir / name).string();
  }

  std::string WriteClients(std::size_t first, std::size_t count, const std::string& name = "clienten.csv") const {
    std::ofstream out(dir / name);
    out << "Rijksregisternummer;Voornaam;Naam;Straat;Huisnummer;Postcode;Clientreferentie\n";
    for (std::size_t i = first; i < first + count; ++i) {
      out << fmt::format("{};{};{};Kerkstraat;{};9000;OCMW-{}\n", PersonNumber(i), kFirstNames[i % 8],
                         kLastNames[(i / 8) % 8], 1 + i % 200, i);
    }
    return (dir / name).string();
  }
};

}  // namespace adempauze::testing_support
