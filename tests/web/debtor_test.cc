// The debtor team's screens and the client-list keeper's upload, on a server of their own:
// these tests replace the client list, suspend the exchange and add users, which the shared
// fixture's other tests must not see.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <spdlog/spdlog.h>
#include <xlsxwriter.h>

#include "adempauze/auth/auth.h"
#include "adempauze/crypto/keys.h"
#include "adempauze/ingest/ingest.h"
#include "adempauze/nn/national_number.h"
#include "adempauze/store/protocol_state.h"
#include "adempauze/store/store.h"
#include "adempauze/web/server.h"
#include "ingest/xlsx_reader.h"
#include "web/templates.h"
#include "web_test_support.h"

namespace adempauze::web {
namespace {

using testing::Browser;
using testing::kDemoPassword;
using testing::kToday;

namespace fs = std::filesystem;

constexpr const char* kCsvType = "text/csv";
constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A server started in this process on a database, stopped by the destructor.
class RunningServer {
 public:
  explicit RunningServer(ServerConfig config) {
    auto server = WebServer::Create(config);
    if (!server.ok()) {
      ADD_FAILURE() << "server did not start: " << server.error().message_key;
      return;
    }
    server_ = std::move(server).value();
    thread_ = std::thread([this] { server_->Run(); });
    for (int i = 0; i < 200 && !Client().Get("/health"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ~RunningServer() {
    if (!server_) return;
    server_->Stop();
    thread_.join();
  }

  httplib::Client Client() const {
    httplib::Client client("127.0.0.1", server_ ? server_->port() : 1);
    client.set_read_timeout(std::chrono::seconds(120));
    client.set_write_timeout(std::chrono::seconds(60));
    return client;
  }

  // Signs in as `username` and returns the session cookie and its form token.
  Browser Login(const std::string& username) const {
    httplib::Client client = Client();
    return testing::SignIn(client, username);
  }

 private:
  std::unique_ptr<WebServer> server_;
  std::thread thread_;
};

// A small demo database (300 debtors) with its own server, shared by the tests below.
class DebtorFixture {
 public:
  static DebtorFixture& Get() {
    static DebtorFixture* fixture = new DebtorFixture();
    return *fixture;
  }

  const fs::path& dir() const { return dir_; }
  fs::path db_path() const { return dir_ / "adempauze.db"; }
  RunningServer& server() { return *server_; }

  ServerConfig Config() const {
    ServerConfig config;
    config.port = 0;
    config.db_path = db_path().string();
    config.today = CivilDate::FromIso(kToday);
    config.threads = 4;
    return config;
  }

  // A second connection to the database, for checks and for setting the scene.
  std::unique_ptr<store::Store> OpenStore() const {
    auto keys = crypto::LoadKeyFile(db_path().string() + ".keys");
    if (!keys.ok()) return nullptr;
    auto store = store::Store::Open(db_path(), std::move(keys).value());
    return store.ok() ? std::move(store).value() : nullptr;
  }

 private:
  DebtorFixture() {
    spdlog::set_level(spdlog::level::warn);  // the request log would drown the test output
    dir_ = fs::temp_directory_path() / ("adempauze-debtor-web-" + std::to_string(::getpid()));
    testing::PrepareDemo(dir_, "--debtors 300 --clients 200");
    server_ = std::make_unique<RunningServer>(Config());
  }

  fs::path dir_;
  std::unique_ptr<RunningServer> server_;
};

std::int64_t QueryCount(const std::string& sql) {
  auto store = DebtorFixture::Get().OpenStore();
  if (!store) return -1;
  auto count = store::QueryInt(store->database(), sql);
  return count.ok() ? *count : -1;
}

httplib::Result Upload(const RunningServer& server, const Browser& browser, const std::string& path,
                       const std::string& file_name, const std::string& bytes, const std::string& type,
                       bool strict = false) {
  httplib::MultipartFormDataItems items{{"_csrf", browser.csrf, "", ""},
                                        {"file", bytes, file_name, type},
                                        {"sheet", "", "", ""}};
  if (strict) items.push_back({"strict", "1", "", ""});
  return server.Client().Post(path.c_str(), browser.headers(), items);
}

httplib::Result Fetch(const RunningServer& server, const Browser& browser, const std::string& path) {
  return server.Client().Get(path.c_str(), browser.headers());
}

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// A debtor CSV with valid fictitious numbers; `bad_row` adds a row without a dossier number.
std::string DebtorCsv(const std::string& prefix, int rows, bool bad_row) {
  std::string csv = "Voornaam;Naam;Rijksregisternummer;Straat;Huisnummer;Dossiernummer;Bedrag\n";
  for (int i = 0; i < rows; ++i) {
    const std::string number = nn::Make(1980, 1 + (i / 28) % 12, 1 + i % 28, 101 + 2 * (i % 400));
    csv += "Lotte;Vermeulen" + std::to_string(i) + ";" + number + ";Kerkstraat;" +
           std::to_string(i + 1) + ";" + prefix + std::to_string(1000 + i) + ";12,50\n";
  }
  if (bad_row) csv += "Wout;Claes;" + nn::Make(1975, 6, 9, 33) + ";Molenstraat;4;;9,99\n";
  return csv;
}

// Returns the local ingest report of `bytes`, read as the server reads the upload.
ingest::ValidationReport LocalDebtorReport(const std::string& file_name, const std::string& bytes) {
  const fs::path path = DebtorFixture::Get().dir() / file_name;
  std::ofstream(path, std::ios::binary) << bytes;
  ingest::IngestOptions options{file_name, "", {}, *CivilDate::FromIso(kToday), ingest::Encoding::kAuto};
  auto list = ingest::ReadDebtorList(path, options);
  EXPECT_TRUE(list.ok());
  return list.ok() ? list->report : ingest::ValidationReport{};
}

// Returns `text` as mstch escapes a {{value}}: EscapeHtml plus '/' as "&#x2F;".
std::string Escaped(const std::string& text) {
  std::string escaped;
  for (char c : EscapeHtml(text)) {
    if (c == '/') {
      escaped += "&#x2F;";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

// True when `html` contains `text` as it is or as a template writes it.
bool Shows(const std::string& html, const std::string& text) {
  return html.find(text) != std::string::npos || html.find(Escaped(text)) != std::string::npos;
}

std::string RenderedEntry(const ingest::ReportEntry& entry) {
  return Escaped(Error{ErrorCode::kInvalidArgument, entry.message_key, entry.args, {}}.Render(Language::kDutch));
}

// ---- Upload -----------------------------------------------------------------------------

TEST(DebtorUpload, CsvBadRowReportAndDownload) {
  DebtorFixture& fixture = DebtorFixture::Get();
  Browser browser = fixture.server().Login("debiteuren");
  const std::string csv = DebtorCsv("CSV-", 4, true);
  const std::int64_t batches_before = QueryCount("SELECT count(*) FROM batches");

  auto posted = Upload(fixture.server(), browser, "/debtors/upload", "schuldenaars.csv", csv, kCsvType);
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 303) << posted->body;
  const std::string location = posted->get_header_value("Location");
  ASSERT_TRUE(std::regex_match(location, std::regex(R"(/debtors/reports/\d+)"))) << location;
  EXPECT_EQ(QueryCount("SELECT count(*) FROM batches"), batches_before + 1);

  // The page shows the counts and every entry with the CLI's texts.
  auto page = Fetch(fixture.server(), browser, location);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("De lijst werd ingelezen als batch"), std::string::npos);
  EXPECT_NE(page->body.find("badge-rejected\">afgewezen<"), std::string::npos);
  const ingest::ValidationReport local = LocalDebtorReport("schuldenaars.csv", csv);
  ASSERT_FALSE(local.entries().empty());
  for (const ingest::ReportEntry& entry : local.entries()) {
    EXPECT_NE(page->body.find(RenderedEntry(entry)), std::string::npos) << entry.message_key;
  }
  EXPECT_NE(page->body.find("Dossiers vergeleken"), std::string::npos);

  // The download is the report `adempauze import --report` writes.
  auto download = Fetch(fixture.server(), browser, location + ".csv");
  ASSERT_TRUE(download);
  ASSERT_EQ(download->status, 200);
  EXPECT_NE(download->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_EQ(download->body, local.ToCsv(Language::kDutch));
}

TEST(DebtorUpload, XlsxBatchAppearsInList) {
  DebtorFixture& fixture = DebtorFixture::Get();
  Browser browser = fixture.server().Login("debiteuren");

  // Step 1: a real workbook, with the national numbers stored as numbers as Excel does.
  const fs::path path = fixture.dir() / "maart-lijst.xlsx";
  lxw_workbook* workbook = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Debiteuren");
  const char* headers[] = {"Voornaam", "Naam", "INSZ", "Straat", "Huisnummer", "Dossiernummer"};
  for (int c = 0; c < 6; ++c) worksheet_write_string(sheet, 0, c, headers[c], nullptr);
  for (int r = 1; r <= 3; ++r) {
    worksheet_write_string(sheet, r, 0, "Noor", nullptr);
    worksheet_write_string(sheet, r, 1, ("Jacobs" + std::to_string(r)).c_str(), nullptr);
    worksheet_write_number(sheet, r, 2, std::stod(nn::Make(1990, 1, r, 11 + 2 * r)), nullptr);
    worksheet_write_string(sheet, r, 3, "Dorpsstraat", nullptr);
    worksheet_write_string(sheet, r, 4, std::to_string(r).c_str(), nullptr);
    worksheet_write_string(sheet, r, 5, ("XLSX-" + std::to_string(r)).c_str(), nullptr);
  }
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);

  // Step 2: the upload imports all three rows.
  auto posted = Upload(fixture.server(), browser, "/debtors/upload", "maart-lijst.xlsx", ReadBytes(path), kXlsxType);
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 303) << posted->body;
  auto page = Fetch(fixture.server(), browser, posted->get_header_value("Location"));
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("<th scope=\"row\">Rijen ingelezen</th><td class=\"num\">3</td>"), std::string::npos);

  // Step 3: the batch is listed with its three dossiers.
  auto list = Fetch(fixture.server(), browser, "/debtors/batches");
  ASSERT_TRUE(list);
  ASSERT_EQ(list->status, 200);
  const std::size_t row = list->body.find(">maart-lijst.xlsx</a>");
  ASSERT_NE(row, std::string::npos);
  EXPECT_NE(list->body.find("<td>debiteuren</td><td class=\"num\">3</td>", row), std::string::npos);
}

TEST(DebtorUpload, InvalidFileImportsNothing) {
  DebtorFixture& fixture = DebtorFixture::Get();
  Browser browser = fixture.server().Login("debiteuren");
  struct Case {
    const char* file_name;
    std::string bytes;
    const char* type;
  };
  const Case cases[] = {
      {"notities.csv", "Dit is geen lijst\nmaar een boodschappenbriefje\n", kCsvType},
      {"kapot.xlsx", std::string("PK\x03\x04", 4) + "geen zip-archief", kXlsxType},
      {"leeg.csv", "", kCsvType},
  };
  for (const Case& item : cases) {
    SCOPED_TRACE(item.file_name);
    const std::int64_t batches_before = QueryCount("SELECT count(*) FROM batches");
    auto posted = Upload(fixture.server(), browser, "/debtors/upload", item.file_name, item.bytes, item.type);
    ASSERT_TRUE(posted);
    EXPECT_EQ(posted->status, 400);
    EXPECT_NE(posted->body.find("er werd niets ingelezen"), std::string::npos);
    EXPECT_NE(posted->body.find("role=\"alert\""), std::string::npos);
    EXPECT_EQ(QueryCount("SELECT count(*) FROM batches"), batches_before);
  }
}

TEST(DebtorUpload, StrictRejectionKeepsReportOnly) {
  DebtorFixture& fixture = DebtorFixture::Get();
  Browser browser = fixture.server().Login("debiteuren");
  const std::int64_t batches_before = QueryCount("SELECT count(*) FROM batches");
  const std::string csv = DebtorCsv("STRICT-", 3, true);

  auto posted = Upload(fixture.server(), browser, "/debtors/upload", "streng.csv", csv, kCsvType, true);
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 409);
  EXPECT_NE(posted->body.find("Er werd niets ingelezen."), std::string::npos);
  EXPECT_NE(posted->body.find("badge-rejected\">afgewezen<"), std::string::npos);
  EXPECT_EQ(QueryCount("SELECT count(*) FROM batches"), batches_before);
  EXPECT_EQ(QueryCount("SELECT count(*) FROM debtors WHERE dossier_number LIKE 'STRICT-%'"), 0);

  // The refused upload's report can still be downloaded.
  std::smatch link;
  ASSERT_TRUE(std::regex_search(posted->body, link, std::regex(R"(href="&#x2F;debtors&#x2F;reports&#x2F;(\d+)\.csv")")));
  auto download = Fetch(fixture.server(), browser, "/debtors/reports/" + link[1].str() + ".csv");
  ASSERT_TRUE(download);
  EXPECT_EQ(download->status, 200);
  EXPECT_EQ(download->body, LocalDebtorReport("streng.csv", csv).ToCsv(Language::kDutch));
}

TEST(DebtorUpload, MissingFileIsBadRequest) {
  DebtorFixture& fixture = DebtorFixture::Get();
  Browser browser = fixture.server().Login("debiteuren");
  httplib::MultipartFormDataItems items{{"_csrf", browser.csrf, "", ""}, {"file", "", "", "application/octet-stream"}};
  auto posted = fixture.server().Client().Post("/debtors/upload", browser.headers(), items);
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 400);
  EXPECT_NE(posted->body.find("Er is geen bestand gekozen."), std::string::npos);
}

TEST(DebtorUpload, OversizedFileGetsDutch413Page) {
  DebtorFixture& fixture = DebtorFixture::Get();
  ServerConfig config = fixture.Config();
  config.max_upload_bytes = 16 * 1024;
  RunningServer small(config);
  Browser browser = small.Login("debiteuren");

  auto posted = Upload(small, browser, "/debtors/upload", "groot.csv", DebtorCsv("BIG-", 600, false), kCsvType);
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 413);
  EXPECT_NE(posted->body.find("Het bestand is te groot"), std::string::npos);
  EXPECT_NE(posted->body.find("<html lang=\"nl\">"), std::string::npos);
  EXPECT_EQ(QueryCount("SELECT count(*) FROM debtors WHERE dossier_number LIKE 'BIG-%'"), 0);
}

TEST(DebtorUpload, ReportIsShownOnlyToItsUploader) {
  DebtorFixture& fixture = DebtorFixture::Get();
  {
    auto store = fixture.OpenStore();
    ASSERT_TRUE(store);
    auth::LoginPolicy policy;
    policy.hash_cost = auth::MinimumHashCost();
    auto added = auth::Accounts(*store, policy)
                     .AddUser("collega", "Collega Debiteuren", kDemoPassword, {auth::Role::kDebtorTeam},
                              store::Actor{"test", "admin", "administration"});
    ASSERT_TRUE(added.ok()) << added.error().message_key;
  }
  Browser uploader = fixture.server().Login("debiteuren");
  auto posted = Upload(fixture.server(), uploader, "/debtors/upload", "eigen.csv", DebtorCsv("OWN-", 2, false), kCsvType);
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 303);
  const std::string location = posted->get_header_value("Location");

  Browser colleague = fixture.server().Login("collega");
  auto page = Fetch(fixture.server(), colleague, location);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 404);
  auto download = Fetch(fixture.server(), colleague, location + ".csv");
  ASSERT_TRUE(download);
  EXPECT_EQ(download->status, 404);
  EXPECT_EQ(QueryCount("SELECT count(*) FROM access_log WHERE actor = 'collega' AND object_type = 'upload_report'"), 0);
}

TEST(DebtorUpload, SuspendedExchangeRejectsUploadAndExport) {
  DebtorFixture& fixture = DebtorFixture::Get();
  Browser browser = fixture.server().Login("debiteuren");
  const store::Actor officer{"fgb", "officer", "supervision"};
  {
    auto store = fixture.OpenStore();
    ASSERT_TRUE(store);
    ASSERT_TRUE(store::SuspendExchange(*store, "test van de schorsing", officer).ok());
  }
  const std::int64_t denied_before = QueryCount("SELECT count(*) FROM access_log WHERE outcome = 'denied'");

  auto form = Fetch(fixture.server(), browser, "/debtors/upload");
  auto exports_page = Fetch(fixture.server(), browser, "/debtors/exports");
  auto posted = Upload(fixture.server(), browser, "/debtors/upload", "geschorst.csv", DebtorCsv("SUSP-", 2, false),
                       kCsvType);
  auto exported = Fetch(fixture.server(), browser, "/debtors/exports/pause.csv");
  {
    auto store = fixture.OpenStore();
    ASSERT_TRUE(store);
    ASSERT_TRUE(store::ResumeExchange(*store, "einde van de test", officer).ok());
  }

  ASSERT_TRUE(form);
  EXPECT_NE(form->body.find("notice-warning"), std::string::npos);
  ASSERT_TRUE(exports_page);
  EXPECT_NE(exports_page->body.find("notice-warning"), std::string::npos);
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 409);
  EXPECT_NE(posted->body.find("geschorst"), std::string::npos);
  ASSERT_TRUE(exported);
  EXPECT_EQ(exported->status, 409);
  EXPECT_EQ(QueryCount("SELECT count(*) FROM debtors WHERE dossier_number LIKE 'SUSP-%'"), 0);
  EXPECT_EQ(QueryCount("SELECT count(*) FROM access_log WHERE outcome = 'denied'"), denied_before + 2);
}

// ---- Dossiers ---------------------------------------------------------------------------

// Returns every page of the dossiers of batch 1 (the demo's debtor list).
std::string AllDossierPages(const RunningServer& server, const Browser& browser, int* pages) {
  std::string html;
  for (int page = 1; page <= 100; ++page) {
    auto answer = Fetch(server, browser, "/debtors/batches/1?page=" + std::to_string(page));
    if (!answer || answer->status != 200) {
      ADD_FAILURE() << "page " << page << " failed";
      break;
    }
    html += answer->body;
    *pages = page;
    if (answer->body.find("rel=\"next\"") == std::string::npos) break;
  }
  return html;
}

TEST(DebtorDossiers, PagesHidePersonalDataAndReasons) {
  DebtorFixture& fixture = DebtorFixture::Get();
  Browser browser = fixture.server().Login("debiteuren");
  int pages = 0;
  const std::string html = AllDossierPages(fixture.server(), browser, &pages);
  EXPECT_EQ(pages, 6);  // 300 rows of the demo minus rejected ones, 50 per page

  auto store = fixture.OpenStore();
  ASSERT_TRUE(store);
  auto dossiers = store->ListDossiers({std::nullopt, 1}, store::Actor{"test", "", "test"});
  ASSERT_TRUE(dossiers.ok());
  std::size_t reasons = 0;
  for (const store::DossierSummary& summary : *dossiers) {
    EXPECT_NE(html.find(">" + Escaped(summary.dossier_number) + "<"), std::string::npos) << summary.dossier_number;
    auto detail = store->ReadDossier(summary.debtor_id, store::Actor{"test", "", "test"});
    ASSERT_TRUE(detail.ok());
    EXPECT_FALSE(Shows(html, detail->first_name + " " + detail->last_name)) << summary.dossier_number;
    EXPECT_FALSE(Shows(html, detail->street + " " + detail->house_number)) << summary.dossier_number;
    if (detail->number_valid) {
      EXPECT_FALSE(Shows(html, detail->national_number)) << summary.dossier_number;
      EXPECT_FALSE(Shows(html, nn::Mask(detail->national_number))) << summary.dossier_number;
    }
    for (const store::DossierEvent& event : detail->history) {
      if (event.reason.empty()) continue;
      ++reasons;
      EXPECT_FALSE(Shows(html, event.reason)) << summary.dossier_number;
    }
  }
  EXPECT_GT(reasons, 0u) << "the demo records follow-ups with reasons";
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(\d\d\.\d\d\.\d\d-)")));
  EXPECT_EQ(html.find("oplossing"), std::string::npos);
  EXPECT_EQ(html.find("opvolgen"), std::string::npos);
}

TEST(DebtorDossiers, FilterSearchPagingMatchDatabase) {
  DebtorFixture& fixture = DebtorFixture::Get();
  Browser browser = fixture.server().Login("debiteuren");

  const std::int64_t clients = QueryCount(
      "SELECT count(*) FROM debtors WHERE batch_id = 1 AND status IN "
      "('client_paused', 'solution_in_progress', 'solution_reached')");
  ASSERT_GT(clients, 0);
  auto filtered = Fetch(fixture.server(), browser, "/debtors/batches/1?flag=client_ocmw");
  ASSERT_TRUE(filtered);
  EXPECT_NE(filtered->body.find(", " + std::to_string(clients) + " in totaal</p>"), std::string::npos);
  EXPECT_EQ(filtered->body.find("badge flag-none"), std::string::npos);
  EXPECT_NE(filtered->body.find("badge flag-pause"), std::string::npos);

  auto second = Fetch(fixture.server(), browser, "/debtors/batches/1?page=2");
  ASSERT_TRUE(second);
  EXPECT_NE(second->body.find("aria-current=\"page\"><span class=\"visually-hidden\">Pagina </span>2<"),
            std::string::npos);

  // A search by part of a dossier number finds that dossier.
  auto store = fixture.OpenStore();
  ASSERT_TRUE(store);
  auto one = store::QueryInt(store->database(), "SELECT min(id) FROM debtors WHERE batch_id = 1");
  ASSERT_TRUE(one.ok());
  auto statement = store->database().Prepare("SELECT dossier_number FROM debtors WHERE id = ?1");
  ASSERT_TRUE(statement.ok());
  statement->Bind(1, *one);
  ASSERT_TRUE(*statement->Step());
  const std::string number = statement->ColumnText(0);
  auto searched = Fetch(fixture.server(), browser, "/debtors/batches/1?q=" + httplib::detail::encode_query_param(number));
  ASSERT_TRUE(searched);
  EXPECT_NE(searched->body.find(", 1 in totaal</p>"), std::string::npos);
}

TEST(DebtorDossiers, PageLogsTheIdsShown) {
  DebtorFixture& fixture = DebtorFixture::Get();
  Browser browser = fixture.server().Login("debiteuren");
  auto page = Fetch(fixture.server(), browser, "/debtors/batches/1?page=2");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);

  auto store = fixture.OpenStore();
  ASSERT_TRUE(store);
  auto entry = store->database().Prepare(
      "SELECT actor, role, object_id, detail FROM access_log WHERE action = 'list' AND object_type = 'dossier_list' "
      "ORDER BY seq DESC LIMIT 1");
  ASSERT_TRUE(entry.ok());
  ASSERT_TRUE(*entry->Step());
  EXPECT_EQ(entry->ColumnText(0), "debiteuren");
  EXPECT_EQ(entry->ColumnText(1), "debtor_team");
  EXPECT_EQ(entry->ColumnText(2), "1");
  EXPECT_NE(entry->ColumnText(3).find("offset=50 rows=50"), std::string::npos) << entry->ColumnText(3);
  EXPECT_TRUE(std::regex_search(entry->ColumnText(3), std::regex(R"(debtor_ids=\d+)"))) << entry->ColumnText(3);
}

TEST(DebtorDossiers, UnknownOrClientBatchIsNotFound) {
  DebtorFixture& fixture = DebtorFixture::Get();
  Browser browser = fixture.server().Login("debiteuren");
  const std::int64_t client_batch = QueryCount("SELECT min(id) FROM batches WHERE kind = 'clients'");
  ASSERT_GT(client_batch, 0);
  auto clients = Fetch(fixture.server(), browser, "/debtors/batches/" + std::to_string(client_batch));
  ASSERT_TRUE(clients);
  EXPECT_EQ(clients->status, 404);
  auto unknown = Fetch(fixture.server(), browser, "/debtors/batches/999999");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
}

// ---- Downloads ----------------------------------------------------------------------------

std::vector<std::string> CsvLines(const std::string& bytes) {
  std::vector<std::string> lines;
  std::string text = bytes.rfind("\xEF\xBB\xBF", 0) == 0 ? bytes.substr(3) : bytes;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find("\r\n", start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

TEST(DebtorExports, ListsParseAndMatchCli) {
  DebtorFixture& fixture = DebtorFixture::Get();
  Browser browser = fixture.server().Login("debiteuren");

  for (const std::string list : {"pause", "resume"}) {
    SCOPED_TRACE(list);
    auto csv = Fetch(fixture.server(), browser, "/debtors/exports/" + list + ".csv");
    ASSERT_TRUE(csv);
    ASSERT_EQ(csv->status, 200);
    EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");

    // Step 1: the CSV is what `adempauze export` writes.
    const fs::path cli_file = fixture.dir() / ("cli-" + list + ".csv");
    const std::string command = std::string(ADEMPAUZE_BINARY) + " --today " + kToday + " --db " +
                                fixture.db_path().string() + " export " + list + " --out " + cli_file.string() +
                                " > /dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0);
    EXPECT_EQ(csv->body, ReadBytes(cli_file));
    const std::vector<std::string> lines = CsvLines(csv->body);
    ASSERT_GE(lines.size(), 2u);
    EXPECT_EQ(lines[0].rfind("dossiernummer;vlag;", 0), 0u) << lines[0];

    // Step 2: the XLSX has the same dossiers in column A.
    auto xlsx = Fetch(fixture.server(), browser, "/debtors/exports/" + list + ".xlsx");
    ASSERT_TRUE(xlsx);
    ASSERT_EQ(xlsx->status, 200);
    auto sheet = ingest::ReadXlsxSheet(xlsx->body, "", "export.xlsx");
    ASSERT_TRUE(sheet.ok()) << sheet.error().message_key;
    ASSERT_EQ(sheet->rows.size(), lines.size());
    for (std::size_t i = 1; i < lines.size(); ++i) {
      EXPECT_EQ(sheet->rows[i].cells.at(0), lines[i].substr(0, lines[i].find(';')));
    }
  }
}

TEST(DebtorExports, DownloadIsLogged) {
  DebtorFixture& fixture = DebtorFixture::Get();
  Browser browser = fixture.server().Login("debiteuren");
  const std::string query =
      "SELECT count(*) FROM access_log WHERE action = 'export' AND object_type = 'resume_list' "
      "AND actor = 'debiteuren' AND role = 'debtor_team'";
  const std::int64_t before = QueryCount(query);
  auto csv = Fetch(fixture.server(), browser, "/debtors/exports/resume.csv");
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(QueryCount(query), before + 1);
}

// ---- The client-list keeper ----------------------------------------------------------------

TEST(ClientListUpload, KeeperSeesCountsOnly) {
  DebtorFixture& fixture = DebtorFixture::Get();
  Browser keeper = fixture.server().Login("clientenlijst");

  // A client list with one debtor the demo found not to be a client: the new list makes
  // them one, and the keeper learns only the count.
  auto store = fixture.OpenStore();
  ASSERT_TRUE(store);
  auto not_client = store::QueryInt(store->database(),
                                    "SELECT min(id) FROM debtors WHERE status = 'not_client' AND blind_index IS NOT NULL");
  ASSERT_TRUE(not_client.ok());
  auto debtor = store->ReadDossier(*not_client, store::Actor{"test", "", "test"});
  ASSERT_TRUE(debtor.ok());
  const std::string csv = "Voornaam;Naam;INSZ;Straat;Huisnummer;Postcode;Cliëntnummer\n" + debtor->first_name + ";" +
                          debtor->last_name + ";" + debtor->national_number + ";" + debtor->street + ";" +
                          debtor->house_number + ";9000;OCMW-1\nLien;Smet;" + nn::Make(1999, 9, 9, 77) +
                          ";Veldstraat;3;9000;OCMW-2\n";

  auto posted = Upload(fixture.server(), keeper, "/client-list/upload", "clienten.csv", csv, kCsvType);
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 303) << posted->body;
  const std::string location = posted->get_header_value("Location");
  ASSERT_EQ(location.rfind("/client-list/reports/", 0), 0u) << location;
  auto page = Fetch(fixture.server(), keeper, location);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("Eerder geen cliënt, nu cliënt OCMW</th><td class=\"num\">1<"), std::string::npos);
  EXPECT_FALSE(std::regex_search(page->body, std::regex(R"(2026&#x2F;\d)"))) << "a city dossier number is shown";
  EXPECT_EQ(page->body.find(debtor->summary.dossier_number), std::string::npos);
  EXPECT_EQ(page->body.find("&#x2F;debtors&#x2F;"), std::string::npos);
  EXPECT_EQ(QueryCount("SELECT status = 'client_paused' FROM debtors WHERE id = " + std::to_string(*not_client)), 1);

  auto download = Fetch(fixture.server(), keeper, location + ".csv");
  ASSERT_TRUE(download);
  EXPECT_EQ(download->status, 200);
}

TEST(ClientListUpload, KeeperCannotSeeBatchesOrExports) {
  DebtorFixture& fixture = DebtorFixture::Get();
  Browser keeper = fixture.server().Login("clientenlijst");
  for (const char* path : {"/debtors/batches", "/debtors/batches/1", "/debtors/exports/pause.csv", "/debtors/upload"}) {
    auto answer = Fetch(fixture.server(), keeper, path);
    ASSERT_TRUE(answer) << path;
    EXPECT_EQ(answer->status, 403) << path;
    EXPECT_EQ(answer->body.find("2026&#x2F;"), std::string::npos) << path;
  }
  auto home = Fetch(fixture.server(), keeper, "/");
  ASSERT_TRUE(home);
  EXPECT_EQ(home->body.find("href=\"&#x2F;debtors&#x2F;batches\""), std::string::npos);
  EXPECT_NE(home->body.find("Cliëntenlijst opladen"), std::string::npos);
}

TEST(ClientListUpload, DebtorTeamCannotUploadClientList) {
  DebtorFixture& fixture = DebtorFixture::Get();
  Browser browser = fixture.server().Login("debiteuren");
  auto posted = Upload(fixture.server(), browser, "/client-list/upload", "clienten.csv", "Naam\nPeeters\n", kCsvType);
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 403);
}

}  // namespace
}  // namespace adempauze::web
