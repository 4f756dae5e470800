// The server as an operator runs it: configuration by file and environment, HTTPS with a
// certificate, and a graceful stop on SIGTERM.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "adempauze/web/server.h"
#include "web_test_support.h"

namespace adempauze::web {
namespace {

using testing::WebServerFixture;

std::filesystem::path TempFile(const std::string& name, const std::string& text) {
  std::filesystem::path path = WebServerFixture::Get().dir() / name;
  std::ofstream(path) << text;
  return path;
}

TEST(ServerConfig, ReadsTheFileAndTheEnvironmentOverridesIt) {
  std::filesystem::path file = TempFile("server.toml",
                                        "host = \"127.0.0.2\"\nport = 9090\nmax_upload_mib = 5\n"
                                        "behind_https_proxy = true\nsession_idle_minutes = 12\n");
  ::setenv("ADEMPAUZE_PORT", "9191", 1);
  Result<ServerConfig> config = LoadServerConfig(file.string());
  ::unsetenv("ADEMPAUZE_PORT");
  ASSERT_TRUE(config.ok()) << config.error().message_key;
  EXPECT_EQ(config->host, "127.0.0.2");
  EXPECT_EQ(config->port, 9191);
  EXPECT_EQ(config->max_upload_bytes, 5u * 1024 * 1024);
  EXPECT_TRUE(config->behind_https_proxy);
  EXPECT_EQ(config->session_idle_minutes, 12);
}

TEST(ServerConfig, RejectsAnUnknownSettingAndABadValue) {
  Result<ServerConfig> unknown = LoadServerConfig(TempFile("unknown.toml", "colour = \"blue\"\n").string());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().message_key, "web.config.invalid");
  Result<ServerConfig> port = LoadServerConfig(TempFile("port.toml", "port = 70000\n").string());
  ASSERT_FALSE(port.ok());
  EXPECT_EQ(port.error().args.at(0), "port");
  Result<ServerConfig> broken = LoadServerConfig(TempFile("broken.toml", "port = \n").string());
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().message_key, "web.config.unreadable");
}

TEST(Server, RefusesAPortInUseWithADutchMessage) {
  ServerConfig config;
  config.db_path = WebServerFixture::Get().db_path().string();
  config.port = WebServerFixture::Get().port();
  Result<std::unique_ptr<WebServer>> second = WebServer::Create(config);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().message_key, "web.bind_failed");
  EXPECT_NE(second.error().Render(Language::kDutch).find("poort"), std::string::npos);
}

TEST(Server, ServesHttpsWithSecureCookies) {
  const std::filesystem::path dir = WebServerFixture::Get().dir();
  std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -keyout " +
                        (dir / "tls.key").string() + " -out " + (dir / "tls.crt").string() + " > /dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0);
  ServerConfig config;
  config.db_path = WebServerFixture::Get().db_path().string();
  config.port = 0;
  config.tls_cert = (dir / "tls.crt").string();
  config.tls_key = (dir / "tls.key").string();
  config.today = CivilDate::FromIso(testing::kToday);
  Result<std::unique_ptr<WebServer>> server = WebServer::Create(config);
  ASSERT_TRUE(server.ok()) << server.error().message_key;
  std::thread thread([&] { (*server)->Run(); });

  httplib::SSLClient client("127.0.0.1", (*server)->port());
  client.enable_server_certificate_verification(false);
  auto page = client.Get("/login");
  for (int i = 0; i < 100 && !page; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    page = client.Get("/login");
  }
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  bool secure = false;
  for (const auto& [key, value] : page->headers) {
    if (key == "Set-Cookie" && value.find("; Secure") != std::string::npos) secure = true;
  }
  EXPECT_TRUE(secure);
  EXPECT_NE(page->get_header_value("Strict-Transport-Security"), "");
  (*server)->Stop();
  thread.join();
}

TEST(Server, StopsGracefullyOnSigterm) {
  // The real executable, as an operator or systemd starts it.
  int out[2];
  ASSERT_EQ(::pipe(out), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDERR_FILENO);
    std::string db = WebServerFixture::Get().db_path().string();
    ::execl(ADEMPAUZE_BINARY, ADEMPAUZE_BINARY, "--db", db.c_str(), "--today", testing::kToday, "serve", "--port", "0",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(out[1]);

  // The first line names the address: "adempauze: luistert op http://127.0.0.1:PORT".
  std::string line;
  char c = 0;
  while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
  std::size_t colon = line.rfind(':');
  ASSERT_NE(colon, std::string::npos) << line;
  int port = std::stoi(line.substr(colon + 1));
  httplib::Client client("127.0.0.1", port);
  auto health = client.Get("/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);

  ASSERT_EQ(::kill(child, SIGTERM), 0);
  int status = 0;
  for (int i = 0; i < 200; ++i) {
    if (::waitpid(child, &status, WNOHANG) == child) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::close(out[0]);
  ASSERT_TRUE(WIFEXITED(status)) << "the server did not stop within 10 s";
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace adempauze::web
