// Shared helpers of the protocol tests: a small valid protocol file, the shipped samples,
// and loading with the problems kept.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "adempauze/protocol/loader.h"
#include "adempauze/protocol/protocol.h"
#include "crypto/temp_dir.h"

namespace adempauze::protocol::testing_support {

// The crypto tests' temporary directory, removed with its contents after each test.
using TempDir = ::adempauze::testing_support::TempDir;

// A valid protocol with one-line values, so a test can break it with one replacement.
// Every party is fictitious.
inline constexpr std::string_view kValidProtocol = R"(format_version = 1
id = "test-protocol"
title = "Testprotocol Stad Testdorp - OCMW Testdorp"
purposes = ["De invordering schorsen voor cliënten van het OCMW."]
legal_bases = ["Decreet van 18 juli 2008, artikel 8."]
periodicity = "Maandelijks."
follow_up_days = 60
security_measures = ["Versleuteling."]
sanction = "De uitwisseling stopt onmiddellijk."
original_purposes = ["Invordering.", "Maatschappelijke dienstverlening."]
compatibility_analysis = "Verenigbaar."
data_quality = "Controlecijfers worden nagekeken."
specific_measures = ["Instemming van de cliënt."]

[[controllers]]
role = "city"
name = "Stad Testdorp"
address = "Markt 1, 9999 Testdorp"
data_protection_officer = { email = "dpo@testdorp.example" }

[[controllers]]
role = "ocmw"
name = "OCMW Testdorp"
address = "Kerkstraat 2, 9999 Testdorp"
data_protection_officer = { email = "dpo@ocmw-testdorp.example" }

[fields]
city_to_ocmw = ["first_name", "last_name", "national_number", "street", "house_number", "dossier_number"]
ocmw_to_city = ["client_ocmw", "resume_collection"]

[[recipients]]
party = "Stad Testdorp"
services = "Debiteurenbeheer"

[[recipients]]
party = "OCMW Testdorp"
services = "Sociale dienst"

[validity]
start = 2021-04-01
end = 2021-12-31

[retention]
personal_data = "delete"
within_days = 90
evaluation = "Evaluatie met geanonimiseerde cijfers."

[signed_text]
title = "Testprotocol"
date_signed = 2021-03-25
document_reference = "TST/001"
)";

// Returns kValidProtocol with the first occurrence of `from` replaced by `to`.
// REQUIRES: `from` occurs in kValidProtocol (checked, so a stale case fails loudly).
inline std::string ValidWith(std::string_view from, std::string_view to) {
  std::string text(kValidProtocol);
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "test case does not match the base protocol: " << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// Parses `text` and reports each problem as a test failure, so a caller only needs to
// ASSERT that the result is OK.
inline Result<Protocol> ParseExpectingValid(std::string_view text) {
  std::vector<ProtocolProblem> problems;
  Result<Protocol> protocol = ParseProtocol(text, "test.toml", &problems);
  for (const ProtocolProblem& problem : problems) {
    ADD_FAILURE() << FormatProblem(problem, "test.toml", Language::kEnglish);
  }
  return protocol;
}

inline std::filesystem::path SampleProtocol(std::string_view name) {
  return std::filesystem::path(ADEMPAUZE_TEST_DATA) / ".." / ".." / "config" / "protocols" /
         std::string(name);
}

}  // namespace adempauze::protocol::testing_support
