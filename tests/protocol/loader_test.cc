// Loading protocol files: the shipped samples, every validation rule (one broken snippet
// per rule), problem collection, positions and messages.
#include "adempauze/protocol/loader.h"

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include "protocol/protocol_test_support.h"

namespace adempauze::protocol {
namespace {

using testing_support::kValidProtocol;
using testing_support::ParseExpectingValid;
using testing_support::SampleProtocol;
using testing_support::ValidWith;

std::vector<ProtocolProblem> ProblemsOf(const std::string& text) {
  std::vector<ProtocolProblem> problems;
  Result<Protocol> protocol = ParseProtocol(text, "test.toml", &problems);
  EXPECT_FALSE(protocol.ok());
  return problems;
}

std::string Describe(const std::vector<ProtocolProblem>& problems) {
  std::string text;
  for (const ProtocolProblem& problem : problems) {
    text += "  [" + problem.key + "] " + problem.error.message_key + ": " +
            FormatProblem(problem, "test.toml", Language::kEnglish) + "\n";
  }
  return text;
}

TEST(ProtocolSamples, PilotLoads) {
  std::vector<ProtocolProblem> problems;
  Result<Protocol> protocol = LoadProtocolFile(SampleProtocol("pilot-2021.toml"), &problems);
  ASSERT_TRUE(protocol.ok()) << protocol.error().Render(Language::kEnglish) << "\n"
                             << Describe(problems);
  EXPECT_EQ(protocol->id(), "adembeek-pilot-2021");
  EXPECT_EQ(protocol->Period().start, (CivilDate{2021, 4, 1}));
  EXPECT_EQ(protocol->Period().end, (CivilDate{2021, 12, 31}));
  EXPECT_EQ(protocol->Party(PartyRole::kCity).name, "Stad Adembeek");
  EXPECT_EQ(protocol->Party(PartyRole::kOcmw).name, "OCMW Adembeek");
  EXPECT_EQ(protocol->FollowUpDays(), 60);
  EXPECT_EQ(protocol->definition().retention.access_log_years, 10);
}

TEST(ProtocolSamples, RunningYearLoads) {
  std::vector<ProtocolProblem> problems;
  Result<Protocol> protocol = LoadProtocolFile(SampleProtocol("running-year.toml"), &problems);
  ASSERT_TRUE(protocol.ok()) << protocol.error().Render(Language::kEnglish) << "\n"
                             << Describe(problems);
  EXPECT_EQ(protocol->Period().start, (CivilDate{2026, 1, 1}));
  EXPECT_EQ(protocol->Period().end, (CivilDate{2027, 12, 31}));
  EXPECT_TRUE(protocol->AllowsField(Direction::kCityToOcmw, Field::kStreetAndHouseNumber));
  EXPECT_EQ(protocol->definition().signed_text.sha256.size(), 64u);
}

TEST(ProtocolLoader, ValidBaseLoadsWithAllValues) {
  Result<Protocol> protocol = ParseExpectingValid(kValidProtocol);
  ASSERT_TRUE(protocol.ok());
  const ProtocolDefinition& definition = protocol->definition();
  EXPECT_EQ(definition.id, "test-protocol");
  ASSERT_EQ(definition.controllers.size(), 2u);
  EXPECT_EQ(definition.controllers[0].data_protection_officer.email, "dpo@testdorp.example");
  EXPECT_EQ(definition.city_to_ocmw.size(), 6u);
  EXPECT_EQ(definition.ocmw_to_city,
            (std::vector<Field>{Field::kClientOcmw, Field::kResumeCollection}));
  EXPECT_EQ(definition.retention.personal_data, RetentionAction::kDelete);
  EXPECT_EQ(definition.retention.within_days, 90);
  EXPECT_EQ(definition.retention.access_log_years, 10);  // the default
  EXPECT_EQ(definition.signed_text.date_signed, (CivilDate{2021, 3, 25}));
  EXPECT_TRUE(definition.data_extent.empty());
}

TEST(ProtocolLoader, AcceptsQuotedIsoDates) {
  Result<Protocol> protocol =
      ParseExpectingValid(ValidWith("end = 2021-12-31", "end = \"2021-12-31\""));
  ASSERT_TRUE(protocol.ok());
  EXPECT_EQ(protocol->Period().end, (CivilDate{2021, 12, 31}));
}

TEST(ProtocolLoader, NormalisesSha256ToLowercase) {
  const std::string hash(64, 'A');
  Result<Protocol> protocol = ParseExpectingValid(
      ValidWith("document_reference = \"TST/001\"", "sha256 = \"" + hash + "\""));
  ASSERT_TRUE(protocol.ok());
  EXPECT_EQ(protocol->definition().signed_text.sha256, std::string(64, 'a'));
}

// One broken snippet per validation rule: replacing `from` by `to` in the valid base must
// yield a problem about `key` with catalog key `message_key`.
struct BrokenCase {
  const char* name;
  std::string from;
  std::string to;
  std::string key;
  std::string message_key;
};

const BrokenCase kBrokenCases[] = {
    {"missing key", "follow_up_days = 60\n", "", "follow_up_days", "protocol.key.missing"},
    {"missing table", "[validity]\nstart = 2021-04-01\nend = 2021-12-31\n", "", "validity",
     "protocol.key.missing"},
    {"missing nested key", "data_protection_officer = { email = \"dpo@testdorp.example\" }\n", "",
     "controllers[1].data_protection_officer", "protocol.key.missing"},
    {"typo with suggestion", "follow_up_days = 60", "follow_up_days = 60\nfollowup_days = 30",
     "followup_days", "protocol.key.unknown_suggest"},
    {"unknown key", "periodicity = \"Maandelijks.\"", "periodicity = \"Maandelijks.\"\ncolour = 1",
     "colour", "protocol.key.unknown"},
    {"unknown key in table", "start = 2021-04-01", "start = 2021-04-01\nbegin = 2021-04-01",
     "validity.begin", "protocol.key.unknown"},
    {"typo in array of tables", "address = \"Markt 1, 9999 Testdorp\"",
     "address = \"Markt 1, 9999 Testdorp\"\nadres = \"Markt 1\"", "controllers[1].adres",
     "protocol.key.unknown_suggest"},
    {"unknown key in inline table", "{ email = \"dpo@testdorp.example\" }",
     "{ email = \"dpo@testdorp.example\", telefoon = \"1\" }",
     "controllers[1].data_protection_officer.telefoon", "protocol.key.unknown"},
    {"top-level key below a table", "end = 2021-12-31",
     "end = 2021-12-31\nperiodicity = \"Wekelijks.\"", "validity.periodicity",
     "protocol.key.misplaced"},
    {"unknown table", "[validity]", "[extra]\nnote = \"x\"\n\n[validity]", "extra",
     "protocol.key.unknown"},
    {"text where integer expected", "follow_up_days = 60", "follow_up_days = \"60\"",
     "follow_up_days", "protocol.key.wrong_type"},
    {"float where integer expected", "follow_up_days = 60", "follow_up_days = 60.5",
     "follow_up_days", "protocol.key.wrong_type"},
    {"text where list expected", "legal_bases = [\"Decreet van 18 juli 2008, artikel 8.\"]",
     "legal_bases = \"Decreet van 18 juli 2008\"", "legal_bases", "protocol.key.wrong_type"},
    {"number in a text list",
     "purposes = [\"De invordering schorsen voor cliënten van het OCMW.\"]", "purposes = [42]",
     "purposes[1]", "protocol.key.wrong_type"},
    {"blank text", "sanction = \"De uitwisseling stopt onmiddellijk.\"", "sanction = \"   \"",
     "sanction", "protocol.key.empty"},
    {"empty list", "security_measures = [\"Versleuteling.\"]", "security_measures = []",
     "security_measures", "protocol.key.empty"},
    {"blank list item", "specific_measures = [\"Instemming van de cliënt.\"]",
     "specific_measures = [\"Instemming van de cliënt.\", \"\"]", "specific_measures[2]",
     "protocol.key.empty"},
    {"follow-up of 0 days", "follow_up_days = 60", "follow_up_days = 0", "follow_up_days",
     "protocol.key.out_of_range"},
    {"follow-up of 366 days", "follow_up_days = 60", "follow_up_days = 366", "follow_up_days",
     "protocol.key.out_of_range"},
    {"negative follow-up", "follow_up_days = 60", "follow_up_days = -5", "follow_up_days",
     "protocol.key.out_of_range"},
    {"unsupported format version", "format_version = 1", "format_version = 2", "format_version",
     "protocol.format_version.unsupported"},
    {"invalid id", "id = \"test-protocol\"", "id = \"Test Protocol\"", "id", "protocol.id.invalid"},
    {"unknown role", "role = \"ocmw\"", "role = \"incassobureau\"", "controllers[2].role",
     "protocol.controller.role_unknown"},
    {"two cities", "role = \"ocmw\"", "role = \"city\"", "controllers[2].role",
     "protocol.controller.role_duplicate"},
    {"third controller", "[fields]",
     "[[controllers]]\nrole = \"city\"\nname = \"Incasso NV\"\naddress = \"Baan 3, 9999 "
     "Testdorp\"\n"
     "data_protection_officer = { email = \"dpo@incasso.example\" }\n\n[fields]",
     "controllers[3].role", "protocol.controller.role_duplicate"},
    {"no OCMW",
     "[[controllers]]\nrole = \"ocmw\"\nname = \"OCMW Testdorp\"\naddress = \"Kerkstraat 2, 9999 "
     "Testdorp\"\ndata_protection_officer = { email = \"dpo@ocmw-testdorp.example\" }\n",
     "", "controllers", "protocol.controller.role_missing"},
    {"same name twice", "name = \"OCMW Testdorp\"", "name = \"Stad Testdorp\"",
     "controllers[2].name", "protocol.controller.name_duplicate"},
    {"invalid officer e-mail", "email = \"dpo@testdorp.example\"", "email = \"dpo at testdorp\"",
     "controllers[1].data_protection_officer.email", "protocol.controller.email_invalid"},
    {"field outside the protocol", "\"dossier_number\"]", "\"dossier_number\", \"phone_number\"]",
     "fields.city_to_ocmw[7]", "protocol.field.unknown"},
    {"amount is no protocol field", "ocmw_to_city = [\"client_ocmw\", \"resume_collection\"]",
     "ocmw_to_city = [\"client_ocmw\", \"resume_collection\", \"amount\"]",
     "fields.ocmw_to_city[3]", "protocol.field.unknown"},
    {"field in the wrong direction", "\"dossier_number\"]", "\"dossier_number\", \"client_ocmw\"]",
     "fields.city_to_ocmw[7]", "protocol.field.wrong_direction"},
    {"field listed twice", "[\"first_name\", \"last_name\"",
     "[\"first_name\", \"first_name\", \"last_name\"", "fields.city_to_ocmw[2]",
     "protocol.field.duplicate"},
    {"field key in another case", "\"first_name\"", "\"First_Name\"", "fields.city_to_ocmw[1]",
     "protocol.field.unknown"},
    {"recipient not a party", "party = \"OCMW Testdorp\"", "party = \"Incassobureau Janssens\"",
     "recipients[2].party", "protocol.recipient.not_a_party"},
    {"third-party recipient added", "[validity]",
     "[[recipients]]\nparty = \"Incassobureau Janssens\"\nservices = \"Invordering\"\n\n[validity]",
     "recipients[3].party", "protocol.recipient.not_a_party"},
    {"recipient listed twice", "party = \"OCMW Testdorp\"", "party = \"Stad Testdorp\"",
     "recipients[2].party", "protocol.recipient.duplicate"},
    {"party missing among recipients", "party = \"OCMW Testdorp\"", "party = \"Stad Testdorp\"",
     "recipients", "protocol.recipient.party_missing"},
    {"end before start", "end = 2021-12-31", "end = 2021-03-31", "validity.end",
     "protocol.validity.end_before_start"},
    {"date in another notation", "end = 2021-12-31", "end = \"31/12/2021\"", "validity.end",
     "protocol.key.date_invalid"},
    {"date with a time", "end = 2021-12-31", "end = 2021-12-31T12:00:00", "validity.end",
     "protocol.key.wrong_type"},
    {"unknown retention action", "personal_data = \"delete\"", "personal_data = \"archive\"",
     "retention.personal_data", "protocol.retention.action_unknown"},
    {"deletion after 0 days", "within_days = 90", "within_days = 0", "retention.within_days",
     "protocol.key.out_of_range"},
    {"access log kept 50 years", "within_days = 90", "within_days = 90\naccess_log_years = 50",
     "retention.access_log_years", "protocol.key.out_of_range"},
    {"invalid sha256", "document_reference = \"TST/001\"", "sha256 = \"abc123\"",
     "signed_text.sha256", "protocol.signed_text.sha256_invalid"},
    {"no reference to the signed text", "document_reference = \"TST/001\"\n", "", "signed_text",
     "protocol.signed_text.reference_missing"},
    {"signed after the start", "date_signed = 2021-03-25", "date_signed = 2021-04-02",
     "signed_text.date_signed", "protocol.signed_text.signed_after_start"},
    {"syntax error", "follow_up_days = 60", "follow_up_days = = 60", "", "protocol.file.syntax"},
    {"key defined twice", "follow_up_days = 60", "follow_up_days = 60\nfollow_up_days = 30", "",
     "protocol.file.syntax"},
    {"invalid UTF-8", "Maandelijks.", "Maandelijks\xff.", "", "protocol.file.syntax"},
};

void PrintTo(const BrokenCase& broken, std::ostream* out) { *out << broken.name; }

class ProtocolValidation : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(ProtocolValidation, ReportsProblemOnKey) {
  const BrokenCase& broken = GetParam();
  const std::vector<ProtocolProblem> problems = ProblemsOf(ValidWith(broken.from, broken.to));

  const auto found = std::find_if(problems.begin(), problems.end(), [&](const ProtocolProblem& p) {
    return p.key == broken.key && p.error.message_key == broken.message_key;
  });
  EXPECT_NE(found, problems.end())
      << "expected [" << broken.key << "] " << broken.message_key << ", got:\n"
      << Describe(problems);

  // Every problem renders in both languages with all placeholders filled.
  for (const ProtocolProblem& problem : problems) {
    EXPECT_TRUE(HasMessage(problem.error.message_key)) << problem.error.message_key;
    for (Language language : {Language::kDutch, Language::kEnglish}) {
      const std::string text = problem.error.Render(language);
      for (std::size_t at = text.find('{'); at != std::string::npos; at = text.find('{', at + 1)) {
        EXPECT_FALSE(at + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[at + 1])))
            << "unfilled placeholder: " << text;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(BrokenSnippets, ProtocolValidation, ::testing::ValuesIn(kBrokenCases),
                         [](const ::testing::TestParamInfo<BrokenCase>& info) {
                           std::string name;
                           for (char c : std::string(info.param.name)) {
                             name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           }
                           return name;
                         });

TEST(ProtocolLoader, CollectsEveryProblem) {
  std::string text = ValidWith("follow_up_days = 60", "follow_up_days = 400");
  text.replace(text.find("end = 2021-12-31"), 16, "end = 2021-01-01");
  text.replace(text.find("\"dossier_number\"]"), 17, "\"email\"]");

  const std::vector<ProtocolProblem> problems = ProblemsOf(text);

  ASSERT_EQ(problems.size(), 3u) << Describe(problems);
  std::vector<std::string> keys;
  for (const ProtocolProblem& problem : problems) keys.push_back(problem.error.message_key);
  EXPECT_EQ(keys, (std::vector<std::string>{"protocol.key.out_of_range", "protocol.field.unknown",
                                            "protocol.validity.end_before_start"}));
}

TEST(ProtocolLoader, SummaryErrorCountsProblems) {
  std::vector<ProtocolProblem> problems;
  Result<Protocol> protocol = ParseProtocol(
      ValidWith("follow_up_days = 60", "follow_up_days = 0\nfollowup = 1"), "mijn.toml", &problems);
  ASSERT_FALSE(protocol.ok());
  EXPECT_EQ(protocol.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(protocol.error().message_key, "protocol.file.invalid");
  EXPECT_EQ(protocol.error().args, (std::vector<std::string>{"mijn.toml", "2"}));
  EXPECT_EQ(problems.size(), 2u);
}

TEST(ProtocolLoader, ProblemsCarryLineNumbers) {
  // follow_up_days is on line 7 of the base protocol.
  const std::vector<ProtocolProblem> problems =
      ProblemsOf(ValidWith("follow_up_days = 60", "follow_up_days = 0"));
  ASSERT_EQ(problems.size(), 1u) << Describe(problems);
  EXPECT_EQ(problems[0].line, 7);
  EXPECT_EQ(FormatProblem(problems[0], "test.toml", Language::kDutch),
            "test.toml:7: follow_up_days = 0 ligt buiten het toegelaten bereik van 1 tot en met "
            "365. Kies een waarde binnen dat bereik.");
  EXPECT_EQ(FormatProblem(problems[0], "test.toml", Language::kEnglish),
            "test.toml:7: follow_up_days = 0 is outside the allowed range of 1 to 365. Choose a "
            "value within that range.");
}

TEST(ProtocolLoader, MissingTopLevelKeyHasNoLine) {
  const std::vector<ProtocolProblem> problems =
      ProblemsOf(ValidWith("sanction = \"De uitwisseling stopt onmiddellijk.\"\n", ""));
  ASSERT_EQ(problems.size(), 1u) << Describe(problems);
  EXPECT_EQ(problems[0].line, 0);
  EXPECT_EQ(FormatProblem(problems[0], "p.toml", Language::kDutch),
            "p.toml: De verplichte sleutel sanction ontbreekt. Voeg hem toe, bijvoorbeeld: "
            "sanction = \"...\"");
}

TEST(ProtocolLoader, SuggestsTheIntendedKey) {
  const std::vector<ProtocolProblem> problems =
      ProblemsOf(ValidWith("within_days = 90", "within_days = 90\nacces_log_years = 10"));
  ASSERT_EQ(problems.size(), 1u) << Describe(problems);
  EXPECT_EQ(problems[0].error.args,
            (std::vector<std::string>{"retention.acces_log_years", "retention.access_log_years"}));
}

TEST(ProtocolLoader, ProblemsSortedByLine) {
  std::string text = ValidWith("format_version = 1\n", "");  // no line: first
  text.replace(text.find("within_days = 90"), 16, "within_days = 900");
  text.replace(text.find("follow_up_days = 60"), 19, "follow_up_days = 0");

  const std::vector<ProtocolProblem> problems = ProblemsOf(text);
  ASSERT_EQ(problems.size(), 3u) << Describe(problems);
  EXPECT_EQ(problems[0].key, "format_version");
  EXPECT_EQ(problems[1].key, "follow_up_days");
  EXPECT_EQ(problems[2].key, "retention.within_days");
  EXPECT_LT(problems[1].line, problems[2].line);
}

TEST(ProtocolLoader, SyntaxErrorNamesLineAndColumn) {
  const std::vector<ProtocolProblem> problems =
      ProblemsOf(ValidWith("follow_up_days = 60", "follow_up_days = = 60"));
  ASSERT_EQ(problems.size(), 1u) << Describe(problems);
  EXPECT_EQ(problems[0].line, 7);
  ASSERT_EQ(problems[0].error.args.size(), 2u);
  EXPECT_EQ(problems[0].error.args[0], "18");  // column of the second '='
}

TEST(ProtocolLoader, EmptyFileReportsEveryRequiredKey) {
  const std::vector<ProtocolProblem> problems = ProblemsOf("");
  // The 13 required top-level keys (data_extent is optional) and the 6 tables.
  EXPECT_EQ(problems.size(), 19u) << Describe(problems);
  for (const ProtocolProblem& problem : problems) {
    EXPECT_EQ(problem.error.message_key, "protocol.key.missing") << problem.key;
  }
}

TEST(ProtocolLoader, NullProblemListIsAllowed) {
  Result<Protocol> protocol = ParseProtocol("id = 1", "x.toml", nullptr);
  EXPECT_FALSE(protocol.ok());
}

TEST(ProtocolLoader, LoadsFileByPath) {
  testing_support::TempDir dir;
  const std::filesystem::path file = dir / "protocol.toml";
  std::ofstream(file, std::ios::binary) << kValidProtocol;

  std::vector<ProtocolProblem> problems;
  Result<Protocol> protocol = LoadProtocolFile(file, &problems);
  ASSERT_TRUE(protocol.ok()) << Describe(problems);
  EXPECT_EQ(protocol->id(), "test-protocol");
}

TEST(ProtocolLoader, FileProblemsUseTheFileName) {
  testing_support::TempDir dir;
  const std::filesystem::path file = dir / "kapot.toml";
  std::ofstream(file, std::ios::binary) << ValidWith("follow_up_days = 60", "follow_up_days = 0");

  std::vector<ProtocolProblem> problems;
  Result<Protocol> protocol = LoadProtocolFile(file, &problems);
  ASSERT_FALSE(protocol.ok());
  EXPECT_EQ(protocol.error().args.at(0), "kapot.toml");
}

TEST(ProtocolLoader, MissingFileIsNotFound) {
  testing_support::TempDir dir;
  Result<Protocol> protocol = LoadProtocolFile(dir / "bestaat-niet.toml", nullptr);
  ASSERT_FALSE(protocol.ok());
  EXPECT_EQ(protocol.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(protocol.error().message_key, "protocol.file.not_found");
}

TEST(ProtocolLoader, DirectoryIsReadFailure) {
  testing_support::TempDir dir;
  Result<Protocol> protocol = LoadProtocolFile(dir.path(), nullptr);
  ASSERT_FALSE(protocol.ok());
  EXPECT_EQ(protocol.error().code, ErrorCode::kIo);
  EXPECT_EQ(protocol.error().message_key, "protocol.file.read_failed");
}

TEST(ProtocolLoader, RejectsOversizedFile) {
  testing_support::TempDir dir;
  const std::filesystem::path file = dir / "groot.toml";
  std::ofstream(file, std::ios::binary) << std::string(kMaxProtocolFileBytes + 1, '#');

  Result<Protocol> protocol = LoadProtocolFile(file, nullptr);
  ASSERT_FALSE(protocol.ok());
  EXPECT_EQ(protocol.error().message_key, "protocol.file.too_large");
}

}  // namespace
}  // namespace adempauze::protocol
