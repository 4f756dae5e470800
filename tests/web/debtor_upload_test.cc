// The upload forms' column mapping ("Kolommen koppelen") and the messages of a refused
// upload: the web names its own form controls, never a command-line option, and shows a
// refusal once. The tests run on a small demo database and server of their own, because
// they import lists and suspend the exchange.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <spdlog/spdlog.h>

#include "adempauze/crypto/keys.h"
#include "adempauze/nn/national_number.h"
#include "adempauze/store/protocol_state.h"
#include "adempauze/store/store.h"
#include "adempauze/web/server.h"
#include "web_test_support.h"

namespace adempauze::web {
namespace {

using testing::Browser;
using testing::kToday;

namespace fs = std::filesystem;

constexpr const char* kCsvType = "text/csv";

// A demo database of 300 debtors with a server of its own, shared by the tests below.
class UploadFixture {
 public:
  static UploadFixture& Get() {
    static UploadFixture* fixture = new UploadFixture();
    return *fixture;
  }

  const fs::path& dir() const { return dir_; }
  fs::path db_path() const { return dir_ / "adempauze.db"; }

  httplib::Client Client() const {
    httplib::Client client("127.0.0.1", server_ ? server_->port() : 1);
    client.set_read_timeout(std::chrono::seconds(120));
    return client;
  }

  // Signs in as `username`; fails the test and returns an empty Browser when that fails.
  Browser Login(const std::string& username) const {
    httplib::Client client = Client();
    auto page = client.Get("/login");
    if (!page) {
      ADD_FAILURE() << "GET /login failed";
      return {};
    }
    httplib::Params form{{"_csrf", testing::CsrfIn(page->body)},
                         {"username", username},
                         {"password", testing::kDemoPassword},
                         {"next", "/"}};
    auto answer = client.Post(
        "/login", {{"Cookie", "adempauze_login=" + testing::SetCookieValue(page, "adempauze_login")}}, form);
    if (!answer || answer->status != 303) {
      ADD_FAILURE() << "login of " << username << " failed";
      return {};
    }
    Browser browser;
    browser.cookie = "adempauze_session=" + testing::SetCookieValue(answer, "adempauze_session");
    auto home = client.Get("/", browser.headers());
    browser.csrf = home ? testing::CsrfIn(home->body) : std::string();
    return browser;
  }

  std::unique_ptr<store::Store> OpenStore() const {
    auto keys = crypto::LoadKeyFile(db_path().string() + ".keys");
    if (!keys.ok()) return nullptr;
    auto store = store::Store::Open(db_path(), std::move(keys).value());
    return store.ok() ? std::move(store).value() : nullptr;
  }

  std::int64_t Count(const std::string& sql) const {
    auto store = OpenStore();
    if (!store) return -1;
    auto count = store::QueryInt(store->database(), sql);
    return count.ok() ? *count : -1;
  }

 private:
  UploadFixture() {
    spdlog::set_level(spdlog::level::warn);  // the request log would drown the test output
    dir_ = fs::temp_directory_path() / ("adempauze-upload-web-" + std::to_string(::getpid()));
    testing::PrepareDemo(dir_, "--debtors 300 --clients 200");
    ServerConfig config;
    config.port = 0;
    config.db_path = db_path().string();
    config.today = CivilDate::FromIso(kToday);
    config.threads = 2;
    auto server = WebServer::Create(config);
    if (!server.ok()) {
      ADD_FAILURE() << "server did not start: " << server.error().message_key;
      std::abort();
    }
    server_ = std::move(server).value();
    thread_ = std::thread([this] { server_->Run(); });
    for (int i = 0; i < 200 && !Client().Get("/health"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }

  fs::path dir_;
  std::unique_ptr<WebServer> server_;
  std::thread thread_;
};

// Posts `csv` to the upload form at `path` with the other form fields given.
httplib::Result Upload(const Browser& browser, const std::string& path, const std::string& file_name,
                       const std::string& csv, const std::vector<std::pair<std::string, std::string>>& fields = {}) {
  httplib::MultipartFormDataItems items{{"_csrf", browser.csrf, "", ""}, {"file", csv, file_name, kCsvType}};
  for (const auto& [name, value] : fields) items.push_back({name, value, "", ""});
  return UploadFixture::Get().Client().Post(path.c_str(), browser.headers(), items);
}

httplib::Result Fetch(const Browser& browser, const std::string& path) {
  return UploadFixture::Get().Client().Get(path.c_str(), browser.headers());
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Returns how often `part` occurs in `text`.
std::size_t Occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

// Returns `html` with the entities mstch writes for '/' and '\'' replaced by the characters.
std::string Unescaped(std::string html) {
  html = std::regex_replace(html, std::regex("&#x2F;"), "/");
  return std::regex_replace(html, std::regex("&#39;"), "'");
}

// A debtor list whose headers ingest cannot guess: the finance package's own names.
const char* const kOwnHeaders = "Kenmerk;Identificatie;Familie;Roepnaam;Weg;Huis\n";

std::string OwnHeaderCsv(const std::string& prefix, int rows, const std::string& headers = kOwnHeaders) {
  std::string csv = headers;
  for (int i = 0; i < rows; ++i) {
    csv += prefix + std::to_string(100 + i) + ";" + nn::Make(1982, 3, 1 + i, 201 + 2 * i) + ";Peeters" +
           std::to_string(i) + ";Jan;Dorpsstraat;" + std::to_string(i + 1) + "\n";
  }
  return csv;
}

// The mapping of kOwnHeaders, as the form's inputs name it.
const std::vector<std::pair<std::string, std::string>> kOwnMapping = {
    {"map_dossiernummer", "Kenmerk"}, {"map_rijksregisternummer", " Identificatie "},
    {"map_naam", "Familie"},          {"map_voornaam", "Roepnaam"},
    {"map_straat", "Weg"},            {"map_huisnummer", "Huis"},
};

// A debtor list with recognised headers and `bad_rows` rows without a dossier number.
std::string CsvWithBadRows(const std::string& prefix, int good_rows, int bad_rows) {
  std::string csv = "Voornaam;Naam;Rijksregisternummer;Straat;Huisnummer;Dossiernummer\n";
  for (int i = 0; i < good_rows; ++i) {
    csv += "An;Maes" + std::to_string(i) + ";" + nn::Make(1979, 5, 1 + i, 301 + 2 * i) + ";Kerkstraat;" +
           std::to_string(i + 1) + ";" + prefix + std::to_string(i) + "\n";
  }
  for (int i = 0; i < bad_rows; ++i) {
    csv += "Wout;Claes" + std::to_string(i) + ";" + nn::Make(1975, 6, 9 + i, 33 + 2 * i) + ";Molenstraat;4;\n";
  }
  return csv;
}

// ---- Column mapping ----------------------------------------------------------------------

TEST(UploadMapping, FormHasInputPerListField) {
  UploadFixture& fixture = UploadFixture::Get();
  auto debtors = Fetch(fixture.Login("debiteuren"), "/debtors/upload");
  auto clients = Fetch(fixture.Login("clientenlijst"), "/client-list/upload");
  ASSERT_TRUE(debtors);
  ASSERT_TRUE(clients);
  ASSERT_EQ(debtors->status, 200);
  ASSERT_EQ(clients->status, 200);

  for (const std::string& html : {debtors->body, clients->body}) {
    EXPECT_TRUE(Contains(html, "<details id=\"column-mapping\">")) << "closed until it is needed";
    EXPECT_TRUE(Contains(html, "<summary>Kolommen koppelen"));
    EXPECT_TRUE(Contains(html, "<legend>"));
    EXPECT_FALSE(Contains(html, "--map"));
  }
  for (const char* field : {"dossiernummer", "rijksregisternummer", "naam", "voornaam", "straat", "huisnummer", "bus"}) {
    const std::string name(field);
    EXPECT_TRUE(Contains(debtors->body, "<label for=\"map-" + name + "\">")) << name;
    EXPECT_TRUE(Contains(debtors->body, "id=\"map-" + name + "\" name=\"map_" + name + "\"")) << name;
  }
  EXPECT_FALSE(Contains(debtors->body, "map_postcode"));
  EXPECT_FALSE(Contains(debtors->body, "map_clientreferentie"));
  for (const char* field : {"rijksregisternummer", "naam", "postcode", "clientreferentie"}) {
    EXPECT_TRUE(Contains(clients->body, "<label for=\"map-" + std::string(field) + "\">")) << field;
  }
  EXPECT_FALSE(Contains(clients->body, "map_dossiernummer"));
}

TEST(UploadMapping, UnknownHeadersPointToTheMapping) {
  UploadFixture& fixture = UploadFixture::Get();
  Browser browser = fixture.Login("debiteuren");
  struct Case {
    std::string headers;
    std::string advice;
  };
  const Case cases[] = {
      {kOwnHeaders, "vul onder 'Kolommen koppelen' in hoe de kolommen in uw bestand heten"},
      // "Referentie" is a known name of the dossier number, so only the required columns miss.
      {"Referentie;Identificatie;Familie;Roepnaam;Weg;Huis\n",
       "vul onder 'Kolommen koppelen' in hoe die kolom in uw bestand heet"},
  };
  for (const Case& test : cases) {
    auto posted = Upload(browser, "/debtors/upload", "eigen-koppen.csv", OwnHeaderCsv("KOP-", 3, test.headers));
    ASSERT_TRUE(posted) << test.headers;
    EXPECT_EQ(posted->status, 400) << test.headers;
    const std::string html = Unescaped(posted->body);
    EXPECT_TRUE(Contains(html, test.advice)) << html;
    EXPECT_FALSE(Contains(html, "--map")) << test.headers;
    EXPECT_TRUE(Contains(html, "<a href=\"#column-mapping\">Naar Kolommen koppelen</a>")) << test.headers;
    EXPECT_TRUE(Contains(html, "<details id=\"column-mapping\" open>")) << test.headers;
  }
  EXPECT_EQ(fixture.Count("SELECT count(*) FROM debtors WHERE dossier_number LIKE 'KOP-%'"), 0);
}

TEST(UploadMapping, MappedColumnsAreImported) {
  UploadFixture& fixture = UploadFixture::Get();
  Browser browser = fixture.Login("debiteuren");
  auto posted = Upload(browser, "/debtors/upload", "eigen-koppen.csv", OwnHeaderCsv("MAP-", 4), kOwnMapping);
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 303) << posted->body;
  EXPECT_EQ(fixture.Count("SELECT count(*) FROM debtors WHERE dossier_number LIKE 'MAP-%'"), 4);

  auto report = Fetch(browser, posted->get_header_value("Location"));
  ASSERT_TRUE(report);
  EXPECT_EQ(report->status, 200);
  EXPECT_TRUE(Contains(report->body, "De lijst werd ingelezen als batch"));
}

TEST(UploadMapping, ClientListTakesTheMappingToo) {
  UploadFixture& fixture = UploadFixture::Get();
  Browser keeper = fixture.Login("clientenlijst");
  std::string csv = "Identificatie;Familie;Roepnaam;Dossier OCMW\n";
  for (int i = 0; i < 3; ++i) {
    csv += nn::Make(1990, 2, 1 + i, 401 + 2 * i) + ";Wouters" + std::to_string(i) + ";Els;C-" + std::to_string(i) + "\n";
  }
  auto refused = Upload(keeper, "/client-list/upload", "clienten.csv", csv);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_TRUE(Contains(Unescaped(refused->body), "'Kolommen koppelen'"));

  const std::int64_t batches = fixture.Count("SELECT count(*) FROM batches");
  auto posted = Upload(keeper, "/client-list/upload", "clienten.csv", csv,
                       {{"map_rijksregisternummer", "Identificatie"},
                        {"map_naam", "familie"},
                        {"map_voornaam", "ROEPNAAM"},
                        {"map_clientreferentie", "Dossier OCMW"}});
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 303) << posted->body;
  EXPECT_EQ(fixture.Count("SELECT count(*) FROM batches"), batches + 1);
}

TEST(UploadMapping, MappedHeaderMissingFromTheFile) {
  UploadFixture& fixture = UploadFixture::Get();
  Browser browser = fixture.Login("debiteuren");
  std::vector<std::pair<std::string, std::string>> mapping = kOwnMapping;
  mapping[0].second = "Dossier";
  auto posted = Upload(browser, "/debtors/upload", "eigen-koppen.csv", OwnHeaderCsv("MIS-", 2), mapping);
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 400);
  const std::string html = Unescaped(posted->body);
  EXPECT_TRUE(Contains(html, "die u onder 'Kolommen koppelen' opgaf, staat niet in de kolomrij")) << html;
  EXPECT_TRUE(Contains(html, "value=\"Dossier\"")) << "the form keeps what was typed";
  EXPECT_TRUE(Contains(html, "<details id=\"column-mapping\" open>"));
}

TEST(UploadMapping, DuplicateColumnPointsToForm) {
  UploadFixture& fixture = UploadFixture::Get();
  Browser browser = fixture.Login("debiteuren");
  std::string csv = "Dossiernummer;Rijksregisternummer;Naam;Familienaam;Voornaam\n";
  csv += "DUP-1;" + nn::Make(1970, 8, 8, 55) + ";Janssens;Janssens;Piet\n";
  auto posted = Upload(browser, "/debtors/upload", "dubbel.csv", csv);
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 303) << posted->body;
  const std::string location = posted->get_header_value("Location");

  auto page = Fetch(browser, location);
  ASSERT_TRUE(page);
  const std::string html = Unescaped(page->body);
  EXPECT_TRUE(Contains(html, "vul dan haar naam in bij dat veld onder 'Kolommen koppelen'")) << html;
  EXPECT_FALSE(Contains(html, "--map"));
  auto download = Fetch(browser, location + ".csv");
  ASSERT_TRUE(download);
  EXPECT_EQ(download->status, 200);
  EXPECT_TRUE(Contains(download->body, "Kolommen koppelen")) << download->body;
  EXPECT_FALSE(Contains(download->body, "--map"));
}

// ---- Strict mode -------------------------------------------------------------------------

TEST(UploadStrict, RefusalNamesCheckboxAndRowCount) {
  UploadFixture& fixture = UploadFixture::Get();
  Browser browser = fixture.Login("debiteuren");
  const std::vector<std::pair<std::string, std::string>> strict = {{"strict", "1"}};

  auto one = Upload(browser, "/debtors/upload", "een.csv", CsvWithBadRows("ONE-", 2, 1), strict);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->status, 409);
  const std::string one_html = Unescaped(one->body);
  EXPECT_TRUE(Contains(one_html, "heeft 1 afgewezen rij en 'Niets inlezen als er afgewezen rijen zijn' is aangevinkt"))
      << one_html;
  EXPECT_FALSE(Contains(one_html, "--strict"));

  auto two = Upload(browser, "/debtors/upload", "twee.csv", CsvWithBadRows("TWO-", 2, 2), strict);
  ASSERT_TRUE(two);
  EXPECT_EQ(two->status, 409);
  const std::string two_html = Unescaped(two->body);
  EXPECT_TRUE(Contains(two_html, "heeft 2 afgewezen rijen en")) << two_html;
  EXPECT_FALSE(Contains(two_html, "--strict"));

  // The refused upload's own page shows the same text.
  std::smatch link;
  ASSERT_TRUE(std::regex_search(two_html, link, std::regex(R"(href="(/debtors/reports/\d+)\.csv")")));
  auto report = Fetch(browser, link[1].str());
  ASSERT_TRUE(report);
  EXPECT_TRUE(Contains(Unescaped(report->body), "heeft 2 afgewezen rijen en"));
  EXPECT_EQ(fixture.Count("SELECT count(*) FROM debtors WHERE dossier_number LIKE 'ONE-%' OR "
                          "dossier_number LIKE 'TWO-%'"),
            0);
}

TEST(UploadStrict, CliSingularForOneRow) {
  UploadFixture& fixture = UploadFixture::Get();
  const fs::path file = fixture.dir() / "streng-een.csv";
  std::ofstream(file, std::ios::binary) << CsvWithBadRows("CLI-", 2, 1);
  const fs::path output = fixture.dir() / "streng-een.txt";
  const std::string command = std::string(ADEMPAUZE_BINARY) + " --today " + kToday + " --db " +
                              fixture.db_path().string() + " import debtors " + file.string() + " --strict > " +
                              output.string() + " 2>&1";
  EXPECT_NE(std::system(command.c_str()), 0);
  std::ifstream printed(output);
  const std::string text((std::istreambuf_iterator<char>(printed)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(Contains(text, "heeft 1 geweigerde rij en --strict is gevraagd")) << text;
  EXPECT_FALSE(Contains(text, "1 geweigerde rijen")) << text;
}

// ---- Protocol gate -----------------------------------------------------------------------

TEST(UploadGate, SuspensionShownOnce) {
  UploadFixture& fixture = UploadFixture::Get();
  Browser browser = fixture.Login("debiteuren");
  const store::Actor officer{"fgb", "officer", "supervision"};
  {
    auto store = fixture.OpenStore();
    ASSERT_TRUE(store);
    ASSERT_TRUE(store::SuspendExchange(*store, "test: een melding", officer).ok());
  }
  auto form = Fetch(browser, "/debtors/upload");
  auto posted = Upload(browser, "/debtors/upload", "geschorst.csv", CsvWithBadRows("GATE-", 2, 0));
  {
    auto store = fixture.OpenStore();
    ASSERT_TRUE(store);
    ASSERT_TRUE(store::ResumeExchange(*store, "einde van de test", officer).ok());
  }

  // Before the post the form warns. After it, only the error shows the text.
  ASSERT_TRUE(form);
  EXPECT_EQ(Occurrences(form->body, "Uitwisseling geweigerd"), 1u) << form->body;
  EXPECT_TRUE(Contains(form->body, "notice-warning"));
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 409);
  EXPECT_EQ(Occurrences(posted->body, "Uitwisseling geweigerd"), 1u) << posted->body;
  EXPECT_TRUE(Contains(posted->body, "notice-error"));
  EXPECT_FALSE(Contains(posted->body, "notice-warning"));
}

}  // namespace
}  // namespace adempauze::web
