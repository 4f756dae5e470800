// The JSON API for the city's finance application, called as that application calls it:
// a bearer token of the debtor team, JSON in and out, against the demo database.
//
// What the tests hold the API to. The check returns only the flag and its date, and a
// number the city never sent gets the same result as a stranger's. Revoked tokens and other
// roles are rejected. A batch upload runs as a job that only its token can read. The flags
// equal the export. Every call with a token leaves an access-log entry. The OpenAPI
// document lists every API route.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "adempauze/auth/auth.h"
#include "adempauze/export/flag_table.h"
#include "adempauze/ingest/ingest.h"
#include "adempauze/nn/national_number.h"
#include "adempauze/store/flags.h"
#include "adempauze/store/protocol_state.h"
#include "adempauze/store/store.h"
#include "web/app.h"
#include "web_test_support.h"

namespace adempauze::web {
namespace {

using testing::OpenFixtureStore;
using testing::WebServerFixture;
using Json = nlohmann::json;

const store::Actor kTestActor{"test:api", "debtor_team", "collection_pause"};
constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

CivilDate Today() { return *CivilDate::FromIso(testing::kToday); }

// Creates an API token as `adempauze token add NAME --role ROLE` does; returns its secret.
std::string NewToken(const std::string& name, auth::Role role = auth::Role::kDebtorTeam) {
  std::unique_ptr<store::Store> store = OpenFixtureStore();
  if (!store) return {};
  auto secret = auth::ApiTokens(*store).Create(name, role, {"test", "admin", "administration"});
  EXPECT_TRUE(secret.ok()) << name;
  return secret.ok() ? *secret : std::string();
}

void RevokeToken(const std::string& name) {
  std::unique_ptr<store::Store> store = OpenFixtureStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(auth::ApiTokens(*store).Revoke(name, {"test", "admin", "administration"}).ok());
}

httplib::Headers Bearer(const std::string& secret, const std::string& accept_language = {}) {
  httplib::Headers headers{{"Authorization", "Bearer " + secret}};
  if (!accept_language.empty()) headers.emplace("Accept-Language", accept_language);
  return headers;
}

httplib::Result PostJson(const std::string& path, const std::string& secret, const Json& body,
                         const std::string& accept_language = {}) {
  return WebServerFixture::Get().Client().Post(path, Bearer(secret, accept_language), body.dump(), "application/json");
}

httplib::Result Check(const std::string& secret, const std::string& dossier_number, const std::string& number) {
  return PostJson("/api/v1/check", secret, {{"dossier_number", dossier_number}, {"national_number", number}});
}

Json BodyOf(const httplib::Result& answer) {
  Json body = Json::parse(answer->body, nullptr, false);
  EXPECT_FALSE(body.is_discarded()) << answer->body;
  return body;
}

// A dossier of the demo database with a valid national number, in the newest batch that
// has its number, with the reasons a social worker wrote in its history.
struct KnownDossier {
  std::string dossier_number;
  std::string digits;
  std::vector<std::string> reasons;
  std::vector<std::string> deadlines;  // the follow-up deadlines of its history, ISO dates
};

std::vector<KnownDossier> DossiersWithStatus(const std::string& status, std::size_t wanted) {
  std::vector<KnownDossier> found;
  std::unique_ptr<store::Store> store = OpenFixtureStore();
  if (!store) return found;
  auto dossiers = store->ListDossiers({status, std::nullopt}, kTestActor);
  EXPECT_TRUE(dossiers.ok());
  if (!dossiers.ok()) return found;
  for (const store::DossierSummary& summary : *dossiers) {
    if (found.size() == wanted) break;
    auto newest = store->FindDossier(summary.dossier_number);
    if (!newest.ok() || newest->debtor_id != summary.debtor_id) continue;
    auto detail = store->ReadDossier(summary.debtor_id, kTestActor);
    if (!detail.ok() || !detail->number_valid) continue;
    KnownDossier dossier{summary.dossier_number, detail->national_number, {}, {}};
    for (const store::DossierEvent& event : detail->history) {
      if (!event.reason.empty()) dossier.reasons.push_back(event.reason);
      if (event.follow_up_deadline) dossier.deadlines.push_back(event.follow_up_deadline->ToIso());
    }
    if (summary.follow_up_deadline) dossier.deadlines.push_back(summary.follow_up_deadline->ToIso());
    found.push_back(std::move(dossier));
  }
  return found;
}

// The valid national numbers of the demo's OCMW client list.
std::vector<std::string> ClientNumbers() {
  ingest::IngestOptions options;
  options.today = Today();
  auto clients = ingest::ReadClientList(WebServerFixture::Get().dir() / "invoer" / "clienten.csv", options);
  EXPECT_TRUE(clients.ok());
  std::vector<std::string> numbers;
  if (!clients.ok()) return numbers;
  for (const ingest::ClientRow& row : clients->rows) {
    if (row.national_number.number) numbers.push_back(row.national_number.number->digits);
  }
  return numbers;
}

// Returns every access-log entry after `seq`.
std::vector<store::AccessEntry> LogAfter(std::int64_t seq) {
  std::vector<store::AccessEntry> entries;
  std::unique_ptr<store::Store> store = OpenFixtureStore();
  if (!store) return entries;
  while (true) {
    auto chunk = store->access_log().Read(seq, 1000);
    EXPECT_TRUE(chunk.ok());
    if (!chunk.ok() || chunk->empty()) break;
    seq = chunk->back().seq;
    entries.insert(entries.end(), chunk->begin(), chunk->end());
  }
  return entries;
}

std::int64_t LastLogSeq() {
  std::vector<store::AccessEntry> entries = LogAfter(0);
  return entries.empty() ? 0 : entries.back().seq;
}

std::vector<store::AccessEntry> EntriesOf(const std::vector<store::AccessEntry>& entries, const std::string& actor) {
  std::vector<store::AccessEntry> selected;
  std::copy_if(entries.begin(), entries.end(), std::back_inserter(selected),
               [&](const store::AccessEntry& entry) { return entry.actor == actor; });
  return selected;
}

TEST(ApiCheck, ClientOcmwWithItsDate) {
  std::string token = NewToken("check-paused");
  std::vector<KnownDossier> paused = DossiersWithStatus("client_paused", 3);
  ASSERT_FALSE(paused.empty());

  for (const KnownDossier& dossier : paused) {
    auto answer = Check(token, dossier.dossier_number, nn::Format(dossier.digits));
    ASSERT_TRUE(answer);
    ASSERT_EQ(answer->status, 200) << answer->body;
    Json body = BodyOf(answer);
    EXPECT_EQ(body["dossier_number"], dossier.dossier_number);
    EXPECT_EQ(body["flag"], "client_ocmw");
    ASSERT_TRUE(body.contains("since"));
    EXPECT_TRUE(CivilDate::FromIso(body["since"].get<std::string>()).has_value()) << body.dump();
  }
}

TEST(ApiCheck, TokenFromTheCommandLineWorks) {
  // `adempauze token add` prints the secret once, on a line of its own.
  const WebServerFixture& fixture = WebServerFixture::Get();
  const std::filesystem::path output = fixture.dir() / "token-add.txt";
  const std::string command = std::string(ADEMPAUZE_BINARY) + " --db " + fixture.db_path().string() +
                              " token add financien-cli --role debtor_team > " + output.string() + " 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::ifstream printed(output);
  std::string line;
  std::string secret;
  while (std::getline(printed, line)) {
    if (line.rfind("adp_", 0) == 0) secret = line;
  }
  ASSERT_EQ(secret.size(), 68u);
  std::vector<KnownDossier> paused = DossiersWithStatus("client_paused", 1);
  ASSERT_FALSE(paused.empty());

  auto answer = Check(secret, paused[0].dossier_number, paused[0].digits);
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->status, 200) << answer->body;
  EXPECT_EQ(BodyOf(answer)["flag"], "client_ocmw");
}

TEST(ApiCheck, MapsEveryStatusToTheCityFlag) {
  std::string token = NewToken("check-statuses");
  const std::map<std::string, std::string> expected = {
      {"client_paused", "client_ocmw"},        {"solution_in_progress", "client_ocmw"},
      {"solution_reached", "client_ocmw"},     {"resume_collection", "resume_collection"},
      {"not_client", "not_client"},
  };
  for (const auto& [status, flag] : expected) {
    std::vector<KnownDossier> dossiers = DossiersWithStatus(status, 1);
    ASSERT_FALSE(dossiers.empty()) << "the demo has no dossier in " << status;
    auto answer = Check(token, dossiers[0].dossier_number, dossiers[0].digits);
    ASSERT_TRUE(answer);
    ASSERT_EQ(answer->status, 200) << answer->body;
    Json body = BodyOf(answer);
    EXPECT_EQ(body["flag"], flag) << status;
    const bool dated = flag == "client_ocmw" || flag == "resume_collection";
    EXPECT_EQ(body.contains("since"), dated) << status;
  }
}

TEST(ApiCheck, NeverContainsTheOcmwFollowUp) {
  std::string token = NewToken("check-privacy");
  std::vector<KnownDossier> dossiers;
  for (const char* status : {"client_paused", "solution_in_progress", "solution_reached", "resume_collection"}) {
    std::vector<KnownDossier> some = DossiersWithStatus(status, 5);
    dossiers.insert(dossiers.end(), some.begin(), some.end());
  }
  ASSERT_FALSE(dossiers.empty());
  std::size_t reasons_seen = 0;

  for (const KnownDossier& dossier : dossiers) {
    auto answer = Check(token, dossier.dossier_number, dossier.digits);
    ASSERT_TRUE(answer);
    ASSERT_EQ(answer->status, 200);
    Json body = BodyOf(answer);
    for (const auto& [key, value] : body.items()) {
      EXPECT_TRUE(key == "dossier_number" || key == "flag" || key == "since") << "unexpected member " << key;
    }
    for (const std::string& reason : dossier.reasons) {
      ++reasons_seen;
      EXPECT_EQ(answer->body.find(reason), std::string::npos) << "the answer quotes a reason";
    }
    for (const std::string& deadline : dossier.deadlines) {
      EXPECT_NE(body.value("since", std::string()), deadline) << "the answer gives a follow-up deadline";
    }
    for (const char* word : {"solution", "oplossing", "reason", "reden", "follow", "opvolg", "consent", dossier.digits.c_str()}) {
      EXPECT_EQ(answer->body.find(word), std::string::npos) << word;
    }
  }
  EXPECT_GT(reasons_seen, 0u) << "the demo dossiers should have reasons to leak";
}

TEST(ApiCheck, UnsentNumberIsUnknown) {
  std::string token = NewToken("check-unknown");
  std::vector<KnownDossier> debtors = DossiersWithStatus("not_client", 2);
  ASSERT_EQ(debtors.size(), 2u);
  std::vector<std::string> clients = ClientNumbers();
  ASSERT_FALSE(clients.empty());
  const std::string stranger = nn::Make(1977, 3, 14, 321);

  // An OCMW client the city did not send, a stranger, and another debtor's number with
  // this dossier: all get the same response, so it reveals nothing about them.
  std::set<std::string> bodies;
  for (const std::string& number : {clients.front(), stranger, debtors[1].digits}) {
    auto answer = Check(token, debtors[0].dossier_number, number);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 200);
    EXPECT_EQ(BodyOf(answer)["flag"], "unknown");
    bodies.insert(answer->body);
  }
  EXPECT_EQ(bodies.size(), 1u);

  // A dossier number the city never used.
  auto unused = Check(token, "BESTAAT-NIET-0001", clients.front());
  ASSERT_TRUE(unused);
  EXPECT_EQ(BodyOf(unused)["flag"], "unknown");
  EXPECT_EQ(BodyOf(unused).contains("since"), false);
}

TEST(ApiCheck, ReceivedDossierIsNotMatchedYet) {
  // Imported on a second connection without matching, so it stays received.
  const std::string number = nn::Make(1969, 11, 2, 87);
  const std::filesystem::path file = WebServerFixture::Get().dir() / "api-received.csv";
  std::ofstream(file) << "dossiernummer;naam;voornaam;rijksregisternummer;straat;huisnummer\r\n"
                      << "API-ONTVANGEN-1;Verhulst;Lotte;" << number << ";Kerkstraat;4\r\n";
  {
    std::unique_ptr<store::Store> store = OpenFixtureStore();
    ASSERT_NE(store, nullptr);
    ingest::IngestOptions options;
    options.today = Today();
    auto list = ingest::ReadDebtorList(file, options);
    ASSERT_TRUE(list.ok());
    ASSERT_TRUE(store->ImportDebtors(*list, store::ImportOptions{kTestActor, false, {}}).ok());
  }

  std::string token = NewToken("check-received");
  auto answer = Check(token, "API-ONTVANGEN-1", number);
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->status, 200) << answer->body;
  EXPECT_EQ(BodyOf(answer)["flag"], "not_matched_yet");
}

TEST(ApiCheck, InvalidNumberInRequestedLanguage) {
  std::string token = NewToken("check-language");
  const Json body{{"dossier_number", "2026/000001"}, {"national_number", "85.07.30-033.29"}};
  httplib::Client client = WebServerFixture::Get().Client();

  auto dutch = PostJson("/api/v1/check", token, body);
  ASSERT_TRUE(dutch);
  EXPECT_EQ(dutch->status, 400);
  EXPECT_EQ(BodyOf(dutch)["error"], "web.api.check.number_invalid");
  EXPECT_NE(BodyOf(dutch)["message"].get<std::string>().find("ongeldig"), std::string::npos);
  EXPECT_EQ(dutch->body.find("033.29"), std::string::npos) << "the message masks the number";

  auto by_parameter = client.Post("/api/v1/check?lang=en", Bearer(token), body.dump(), "application/json");
  ASSERT_TRUE(by_parameter);
  EXPECT_NE(BodyOf(by_parameter)["message"].get<std::string>().find("invalid"), std::string::npos);

  auto by_header = PostJson("/api/v1/check", token, body, "fr-BE, en-GB;q=0.8, nl;q=0.5");
  ASSERT_TRUE(by_header);
  EXPECT_NE(BodyOf(by_header)["message"].get<std::string>().find("invalid"), std::string::npos);

  auto dutch_preferred = PostJson("/api/v1/check", token, body, "en;q=0.3, nl-BE");
  ASSERT_TRUE(dutch_preferred);
  EXPECT_NE(BodyOf(dutch_preferred)["message"].get<std::string>().find("ongeldig"), std::string::npos);
}

TEST(ApiCheck, RejectsAMalformedBody) {
  std::string token = NewToken("check-malformed");
  httplib::Client client = WebServerFixture::Get().Client();
  auto not_json = client.Post("/api/v1/check", Bearer(token), "dossier=1", "application/json");
  ASSERT_TRUE(not_json);
  EXPECT_EQ(not_json->status, 400);
  EXPECT_EQ(BodyOf(not_json)["error"], "web.api.body_not_json");

  auto missing = PostJson("/api/v1/check", token, {{"dossier_number", "2026/000001"}});
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 400);
  EXPECT_EQ(BodyOf(missing)["error"], "web.api.field_missing");

  auto number_as_number = PostJson("/api/v1/check", token, {{"dossier_number", "1"}, {"national_number", 85073003328}});
  ASSERT_TRUE(number_as_number);
  EXPECT_EQ(number_as_number->status, 400);
}

TEST(ApiCheck, RejectedWhileExchangeSuspended) {
  std::string token = NewToken("check-suspended");
  std::vector<KnownDossier> paused = DossiersWithStatus("client_paused", 1);
  ASSERT_FALSE(paused.empty());
  {
    std::unique_ptr<store::Store> store = OpenFixtureStore();
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store::SuspendExchange(*store, "test: inbreuk onderzocht", {"test:fgb", "officer", "audit"}).ok());
  }
  auto answer = Check(token, paused[0].dossier_number, paused[0].digits);
  {
    std::unique_ptr<store::Store> store = OpenFixtureStore();
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store::ResumeExchange(*store, "test: onderzoek afgerond", {"test:fgb", "officer", "audit"}).ok());
  }
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 409);
  EXPECT_EQ(BodyOf(answer)["error"], "protocol.exchange.suspended");
  EXPECT_FALSE(BodyOf(answer).contains("flag"));
}

TEST(ApiAuth, RevokedTokenRejected) {
  std::string token = NewToken("revoked-app");
  std::vector<KnownDossier> paused = DossiersWithStatus("client_paused", 1);
  ASSERT_FALSE(paused.empty());
  auto before = Check(token, paused[0].dossier_number, paused[0].digits);
  ASSERT_TRUE(before);
  EXPECT_EQ(before->status, 200);

  RevokeToken("revoked-app");
  const std::int64_t mark = LastLogSeq();
  auto after = Check(token, paused[0].dossier_number, paused[0].digits);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401);
  EXPECT_EQ(BodyOf(after)["error"], "web.api.unauthorized");
  EXPECT_FALSE(BodyOf(after).contains("flag"));

  // The officer sees that the application still uses the revoked token.
  std::vector<store::AccessEntry> entries = EntriesOf(LogAfter(mark), "api:revoked-app");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "api_check");
  EXPECT_EQ(entries[0].outcome, "denied");
  EXPECT_NE(entries[0].detail.find("token=revoked"), std::string::npos);
}

TEST(ApiAuth, OtherRoleForbiddenAndLogged) {
  std::string token = NewToken("ocmw-app", auth::Role::kSocialWorker);
  std::vector<KnownDossier> paused = DossiersWithStatus("client_paused", 1);
  ASSERT_FALSE(paused.empty());
  const std::int64_t mark = LastLogSeq();

  auto answer = Check(token, paused[0].dossier_number, paused[0].digits);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 403);
  EXPECT_EQ(BodyOf(answer)["error"], "web.api.forbidden");
  EXPECT_FALSE(BodyOf(answer).contains("flag"));

  std::vector<store::AccessEntry> entries = EntriesOf(LogAfter(mark), "api:ocmw-app");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].role, "social_worker");
  EXPECT_EQ(entries[0].action, "api_check");
  EXPECT_EQ(entries[0].outcome, "denied");
  EXPECT_NE(entries[0].detail.find("http=403"), std::string::npos);
}

TEST(ApiAuth, MissingOrMalformedTokenRejected) {
  httplib::Client client = WebServerFixture::Get().Client();
  for (const httplib::Headers& headers :
       {httplib::Headers{}, httplib::Headers{{"Authorization", "Bearer adp_123"}},
        httplib::Headers{{"Authorization", "Basic ZGViaXRldXJlbjpkZW1v"}}}) {
    auto answer = client.Get("/api/v1/flags?list=pause", headers);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 401);
    EXPECT_EQ(BodyOf(answer)["error"], "web.api.unauthorized");
  }
}

// Writes a CSV debtor list: `clients` OCMW clients and `others` people the OCMW does not know.
std::string DebtorCsv(const std::string& prefix, const std::vector<std::string>& clients, int others) {
  std::string csv = "dossiernummer;naam;voornaam;rijksregisternummer;straat;huisnummer;telefoon\r\n";
  int index = 0;
  for (const std::string& number : clients) {
    ++index;
    csv += prefix + std::to_string(index) + ";Peeters;An;" + number + ";Stationsstraat;" + std::to_string(index) +
           ";0470123456\r\n";
  }
  for (int i = 0; i < others; ++i) {
    ++index;
    csv += prefix + std::to_string(index) + ";Claes;Wout;" + nn::Make(1950 + i, 5, 9, 100 + i) + ";Dorp;" +
           std::to_string(index) + ";\r\n";
  }
  return csv;
}

Json ReadJobAs(const std::string& token, const std::string& href, int expected_status = 200) {
  auto answer = WebServerFixture::Get().Client().Get(href, Bearer(token));
  EXPECT_TRUE(answer);
  if (!answer) return {};
  EXPECT_EQ(answer->status, expected_status) << answer->body;
  return BodyOf(answer);
}

TEST(ApiBatches, UploadedFlagsReachTheLists) {
  std::string token = NewToken("batch-csv");
  std::vector<std::string> clients = ClientNumbers();
  ASSERT_GE(clients.size(), 3u);
  const std::vector<std::string> chosen(clients.end() - 3, clients.end());

  // Step 1: the upload gets 202 with the job's address.
  httplib::Client client = WebServerFixture::Get().Client();
  auto accepted = client.Post("/api/v1/batches?name=api-test-csv", Bearer(token), DebtorCsv("API-CSV-", chosen, 2),
                              "text/csv; charset=utf-8");
  ASSERT_TRUE(accepted);
  ASSERT_EQ(accepted->status, 202) << accepted->body;
  Json job_ref = BodyOf(accepted);
  const std::string href = job_ref["href"];
  EXPECT_EQ(accepted->get_header_value("Location"), href);

  // Step 2: the job is done and counts the new batch's flags.
  Json job = ReadJobAs(token, href);
  EXPECT_EQ(job["id"], job_ref["job_id"]);
  ASSERT_EQ(job["state"], "done") << job.dump(2);
  const Json& result = job["result"];
  EXPECT_EQ(result["rows_imported"], 5);
  EXPECT_EQ(result["flags"]["client_ocmw"], 3);
  EXPECT_EQ(result["flags"]["not_client"], 2);
  EXPECT_EQ(result["report_counts"]["column_dropped"], 1) << "the telefoon column is outside the protocol";
  bool dropped_reported = false;
  for (const Json& entry : result["report"]) {
    if (entry["severity"] == "column_dropped") dropped_reported = entry["column"] == "telefoon";
    EXPECT_FALSE(entry["message"].get<std::string>().empty());
  }
  EXPECT_TRUE(dropped_reported);
  EXPECT_EQ(job.dump().find("0470123456"), std::string::npos);
  for (const std::string& number : chosen) EXPECT_EQ(job.dump().find(number), std::string::npos);

  // Step 3: the pause list and the check show the new dossiers.
  auto pause = client.Get("/api/v1/flags?list=pause", Bearer(token));
  ASSERT_TRUE(pause);
  ASSERT_EQ(pause->status, 200);
  const Json pause_list = BodyOf(pause);
  std::set<std::string> listed;
  for (const Json& row : pause_list["dossiers"]) listed.insert(row["dossier_number"].get<std::string>());
  for (int i = 1; i <= 3; ++i) EXPECT_TRUE(listed.count("API-CSV-" + std::to_string(i))) << i;
  EXPECT_FALSE(listed.count("API-CSV-4"));
  auto checked = Check(token, "API-CSV-1", chosen[0]);
  ASSERT_TRUE(checked);
  EXPECT_EQ(BodyOf(checked)["flag"], "client_ocmw");
}

TEST(ApiBatches, JsonRowsCheckedLikeAFile) {
  std::string token = NewToken("batch-json");
  Json rows = Json::array();
  rows.push_back({{"dossier_number", "API-JSON-1"}, {"last_name", "Wouters"}, {"first_name", "Ilse"},
                  {"national_number", nn::Make(1988, 2, 29, 44)}, {"street", "Molenweg"}, {"house_number", "7"},
                  {"email", "ilse@example.invalid"}});
  rows.push_back({{"dossier_number", "API-JSON-2"}, {"last_name", "Maes"}, {"first_name", nullptr},
                  {"national_number", "12345"}, {"street", "Veldstraat"}, {"house_number", "3 bus 2"}});
  rows.push_back({{"dossier_number", ""}, {"last_name", "Jacobs"}, {"national_number", nn::Make(1991, 7, 1, 12)}});

  auto accepted = PostJson("/api/v1/batches?lang=en", token, {{"name", "api-test-json"}, {"rows", rows}});
  ASSERT_TRUE(accepted);
  ASSERT_EQ(accepted->status, 202) << accepted->body;
  Json job = ReadJobAs(token, BodyOf(accepted)["href"].get<std::string>() + "?lang=en");
  ASSERT_EQ(job["state"], "done") << job.dump(2);
  const Json& result = job["result"];
  EXPECT_EQ(result["rows_read"], 3);
  EXPECT_EQ(result["rows_imported"], 2);
  EXPECT_EQ(result["rows_rejected"], 1) << "the row without dossier number";
  EXPECT_EQ(result["rows_without_valid_number"], 1);
  EXPECT_EQ(result["report_counts"]["column_dropped"], 1) << "email is outside the protocol";
  std::set<std::string> keys;
  for (const Json& entry : result["report"]) keys.insert(entry["message_key"].get<std::string>());
  EXPECT_TRUE(keys.count("ingest.row.dossier_missing"));
  EXPECT_EQ(job.dump().find("example.invalid"), std::string::npos);
}

TEST(ApiBatches, RejectsWhatItCannotRead) {
  std::string token = NewToken("batch-bad");
  httplib::Client client = WebServerFixture::Get().Client();

  auto html = client.Post("/api/v1/batches", Bearer(token), "<p>lijst</p>", "text/html");
  ASSERT_TRUE(html);
  EXPECT_EQ(html->status, 415);
  EXPECT_EQ(BodyOf(html)["error"], "web.api.batch.content_type");

  auto empty = client.Post("/api/v1/batches", Bearer(token), "", "text/csv");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 400);

  Json rows = Json::array();
  rows.push_back({{"dossier_number", "X"}, {"national_number", 85073003328}});
  auto number_as_number = PostJson("/api/v1/batches", token, {{"rows", rows}});
  ASSERT_TRUE(number_as_number);
  EXPECT_EQ(number_as_number->status, 400);
  EXPECT_EQ(BodyOf(number_as_number)["error"], "web.api.batch.value_not_text");

  auto bad_strict = client.Post("/api/v1/batches?strict=maybe", Bearer(token), "a;b\r\n", "text/csv");
  ASSERT_TRUE(bad_strict);
  EXPECT_EQ(bad_strict->status, 400);
  EXPECT_EQ(BodyOf(bad_strict)["error"], "web.api.param_invalid");
}

TEST(ApiBatches, UnreadableFileFailsTheJob) {
  std::string token = NewToken("batch-broken");
  std::int64_t batches_before = 0;
  {
    std::unique_ptr<store::Store> store = OpenFixtureStore();
    ASSERT_NE(store, nullptr);
    batches_before = static_cast<std::int64_t>(store->ListBatches()->size());
  }
  std::string broken("PK\x03\x04 not really a spreadsheet", 33);
  auto accepted = WebServerFixture::Get().Client().Post("/api/v1/batches", Bearer(token), broken, kXlsxType);
  ASSERT_TRUE(accepted);
  ASSERT_EQ(accepted->status, 202) << accepted->body;
  Json job = ReadJobAs(token, BodyOf(accepted)["href"]);
  EXPECT_EQ(job["state"], "failed");
  ASSERT_TRUE(job["result"].contains("error"));
  EXPECT_FALSE(job["result"]["error"]["message"].get<std::string>().empty());
  EXPECT_FALSE(job["result"].contains("batch_id"));
  std::unique_ptr<store::Store> store = OpenFixtureStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(static_cast<std::int64_t>(store->ListBatches()->size()), batches_before);
}

TEST(ApiJobs, OnlyTheCreatingTokenReadsAJob) {
  std::string owner = NewToken("job-owner");
  std::string other = NewToken("job-other");
  auto accepted = WebServerFixture::Get().Client().Post("/api/v1/batches", Bearer(owner),
                                                       DebtorCsv("API-JOB-", {}, 1), "text/csv");
  ASSERT_TRUE(accepted);
  ASSERT_EQ(accepted->status, 202);
  const std::string href = BodyOf(accepted)["href"];
  const std::int64_t mark = LastLogSeq();

  Json refused = ReadJobAs(other, href, 404);
  EXPECT_EQ(refused["error"], "web.api.job.not_found");
  EXPECT_FALSE(refused.contains("state"));
  Json absent = ReadJobAs(other, "/api/v1/jobs/999999", 404);
  EXPECT_EQ(absent["error"], "web.api.job.not_found");
  EXPECT_EQ(ReadJobAs(owner, href)["state"], "done");

  std::vector<store::AccessEntry> entries = EntriesOf(LogAfter(mark), "api:job-other");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].outcome, "denied") << "another token's job";
  EXPECT_EQ(entries[1].outcome, "failed") << "no such job";
}

TEST(ApiFlags, ListsTheSameRowsAsTheExport) {
  std::string token = NewToken("flags-export");
  httplib::Client client = WebServerFixture::Get().Client();
  for (store::FlagList list : {store::FlagList::kPause, store::FlagList::kResume}) {
    const std::string name = list == store::FlagList::kPause ? "pause" : "resume";
    auto answer = client.Get("/api/v1/flags?list=" + name, Bearer(token));
    ASSERT_TRUE(answer);
    ASSERT_EQ(answer->status, 200) << answer->body;
    Json body = BodyOf(answer);

    std::unique_ptr<store::Store> store = OpenFixtureStore();
    ASSERT_NE(store, nullptr);
    auto state = store::ReadExchangeState(*store);
    ASSERT_TRUE(state.ok());
    ASSERT_TRUE(state->installed.has_value());
    auto flagged = store::ListFlaggedDossiers(*store, list, kTestActor);
    ASSERT_TRUE(flagged.ok());
    exports::Table table = exports::MakeFlagTable(*flagged, list, Language::kDutch,
                                                  state->installed->protocol.FollowUpDays());
    ASSERT_EQ(body["count"], table.rows.size());
    ASSERT_EQ(body["dossiers"].size(), table.rows.size());
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
      const Json& row = body["dossiers"][i];
      EXPECT_EQ(row["dossier_number"], table.rows[i][0].text);
      EXPECT_EQ(row["flag"], table.rows[i][1].text);
      EXPECT_EQ(row["since"], table.rows[i][2].date->ToIso());
      if (list == store::FlagList::kPause) {
        EXPECT_EQ(row["follow_up"], table.rows[i][3].date->ToIso());
      }
      EXPECT_EQ(row.size(), table.header.size());
    }
  }

  auto unknown = client.Get("/api/v1/flags?list=alles", Bearer(token));
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 400);
  EXPECT_EQ(BodyOf(unknown)["error"], "web.api.flags.list_unknown");
}

TEST(ApiAccessLog, EveryTokenCallLogged) {
  std::string token = NewToken("logged-app");
  std::vector<KnownDossier> paused = DossiersWithStatus("client_paused", 1);
  ASSERT_FALSE(paused.empty());
  httplib::Client client = WebServerFixture::Get().Client();
  const std::int64_t mark = LastLogSeq();

  // One call of each route, successful and rejected ones alike.
  std::vector<int> statuses;
  auto record = [&](const httplib::Result& answer) {
    ASSERT_TRUE(answer);
    statuses.push_back(answer->status);
  };
  record(Check(token, paused[0].dossier_number, paused[0].digits));
  record(Check(token, paused[0].dossier_number, "00000000000"));
  record(client.Get("/api/v1/flags?list=resume", Bearer(token)));
  record(client.Get("/api/v1/flags?list=geen", Bearer(token)));
  record(client.Post("/api/v1/batches", Bearer(token), DebtorCsv("API-LOG-", {}, 1), "text/csv"));
  record(client.Post("/api/v1/batches", Bearer(token), "x", "image/png"));
  record(client.Get("/api/v1/jobs/999999", Bearer(token)));
  EXPECT_EQ(statuses, (std::vector<int>{200, 400, 200, 400, 202, 415, 404}));

  std::vector<store::AccessEntry> entries = EntriesOf(LogAfter(mark), "api:logged-app");
  std::vector<store::AccessEntry> api_entries;
  std::copy_if(entries.begin(), entries.end(), std::back_inserter(api_entries),
               [](const store::AccessEntry& entry) { return entry.action.rfind("api_", 0) == 0; });
  ASSERT_EQ(api_entries.size(), statuses.size());
  const std::vector<std::string> actions = {"api_check", "api_check", "api_flags_read", "api_flags_read",
                                            "api_batch_create", "api_batch_create", "api_job_read"};
  for (std::size_t i = 0; i < api_entries.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(api_entries[i].role, "debtor_team");
    EXPECT_EQ(api_entries[i].action, actions[i]);
    EXPECT_EQ(api_entries[i].outcome, statuses[i] < 400 ? "ok" : "failed");
    EXPECT_NE(api_entries[i].detail.find("http=" + std::to_string(statuses[i])), std::string::npos);
    EXPECT_EQ(api_entries[i].detail.find(paused[0].digits), std::string::npos);
    EXPECT_EQ(api_entries[i].object_id.find(paused[0].digits), std::string::npos);
  }
  EXPECT_EQ(api_entries[0].object_type, "dossier");
  EXPECT_EQ(api_entries[0].object_id, paused[0].dossier_number);
  EXPECT_NE(api_entries[0].detail.find("flag=client_ocmw"), std::string::npos);
  EXPECT_EQ(api_entries[4].object_type, "api_job");

  // The store functions log the personal data they touch on top: the export and the import.
  std::set<std::string> store_actions;
  for (const store::AccessEntry& entry : entries) store_actions.insert(entry.action);
  EXPECT_TRUE(store_actions.count("export"));
  EXPECT_TRUE(store_actions.count("import"));

  // The chain stays intact.
  std::unique_ptr<store::Store> store = OpenFixtureStore();
  ASSERT_NE(store, nullptr);
  auto verified = store->access_log().Verify();
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok());
}

// Turns a route pattern into an OpenAPI path template: each regex group becomes {param}.
std::string TemplateOf(const std::string& pattern) {
  static const std::regex group(R"(\([^)]*\))");
  return std::regex_replace(pattern, group, "{param}");
}

std::string NormalisedPath(const std::string& path) {
  static const std::regex parameter(R"(\{[^}]*\})");
  return std::regex_replace(path, parameter, "{param}");
}

TEST(ApiOpenApi, DocumentListsEveryApiRoute) {
  auto answer = WebServerFixture::Get().Client().Get("/api/v1/openapi.json");
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->status, 200);
  EXPECT_EQ(answer->get_header_value("Content-Type"), "application/json");
  Json document = BodyOf(answer);
  ASSERT_TRUE(document.is_object());
  EXPECT_EQ(document["openapi"].get<std::string>().substr(0, 2), "3.");
  ASSERT_TRUE(document["paths"].is_object());

  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, operations] : document["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) documented.insert({NormalisedPath(path), method});
  }
  std::set<std::pair<std::string, std::string>> routed;
  for (const Route& route : AllRoutes()) {
    if (route.pattern.rfind("/api/", 0) != 0) continue;
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::tolower(c); });
    routed.insert({TemplateOf(route.pattern), method});
    EXPECT_TRUE(documented.count({TemplateOf(route.pattern), method})) << route.method << " " << route.pattern;
  }
  for (const auto& [path, method] : documented) {
    EXPECT_TRUE(routed.count({path, method})) << "documented but not routed: " << method << " " << path;
  }
  EXPECT_GE(routed.size(), 5u);
}

TEST(ApiOpenApi, EveryReferenceResolves) {
  auto answer = WebServerFixture::Get().Client().Get("/api/v1/openapi.json");
  ASSERT_TRUE(answer);
  Json document = BodyOf(answer);
  std::vector<std::string> references;
  std::function<void(const Json&)> collect = [&](const Json& node) {
    if (node.is_object()) {
      for (const auto& [key, value] : node.items()) {
        if (key == "$ref" && value.is_string()) references.push_back(value);
        collect(value);
      }
    } else if (node.is_array()) {
      for (const Json& item : node) collect(item);
    }
  };
  collect(document);
  ASSERT_FALSE(references.empty());
  for (const std::string& reference : references) {
    ASSERT_EQ(reference.rfind("#/", 0), 0u) << reference;
    EXPECT_TRUE(document.contains(Json::json_pointer(reference.substr(1)))) << reference;
  }
}

}  // namespace
}  // namespace adempauze::web
