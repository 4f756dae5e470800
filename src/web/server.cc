#include "adempauze/web/server.h"

#include <csignal>
#include <cstdlib>
#include <ostream>
#include <thread>

#include <pthread.h>
#include <spdlog/spdlog.h>
#include <toml++/toml.h>

#include "adempauze/crypto/keys.h"
#include "web/app.h"

#ifndef ADEMPAUZE_WEB_DIR
#define ADEMPAUZE_WEB_DIR "web"
#endif

namespace adempauze::web {
namespace {

Error Invalid(std::string_view setting, std::string_view value) {
  return MakeError(ErrorCode::kInvalidArgument, "web.config.invalid", setting, value);
}

Status ParseInt(std::string_view setting, const std::string& text, int min, int max, int& out) {
  try {
    std::size_t used = 0;
    long value = std::stol(text, &used);
    if (used != text.size() || value < min || value > max) return Invalid(setting, text);
    out = static_cast<int>(value);
    return {};
  } catch (const std::exception&) {
    return Invalid(setting, text);
  }
}

Status ParseBool(std::string_view setting, const std::string& text, bool& out) {
  if (text == "1" || text == "true" || text == "yes") out = true;
  else if (text == "0" || text == "false" || text == "no") out = false;
  else return Invalid(setting, text);
  return {};
}

// Applies one setting given as text (from the file or the environment).
Status Apply(ServerConfig& config, std::string_view setting, const std::string& value) {
  int mib = 0;
  if (setting == "host") config.host = value;
  else if (setting == "port") return ParseInt(setting, value, 0, 65535, config.port);
  else if (setting == "db") config.db_path = value;
  else if (setting == "key_file") config.key_file = value;
  else if (setting == "tls_cert") config.tls_cert = value;
  else if (setting == "tls_key") config.tls_key = value;
  else if (setting == "behind_https_proxy") return ParseBool(setting, value, config.behind_https_proxy);
  else if (setting == "assets_dir") config.assets_dir = value;
  else if (setting == "templates_dir") config.templates_dir = value;
  else if (setting == "max_upload_mib") {
    if (Status status = ParseInt(setting, value, 1, 4096, mib); !status.ok()) return status;
    config.max_upload_bytes = static_cast<std::size_t>(mib) * 1024 * 1024;
  } else if (setting == "session_idle_minutes") return ParseInt(setting, value, 1, 24 * 60, config.session_idle_minutes);
  else if (setting == "session_absolute_hours") return ParseInt(setting, value, 1, 24 * 7, config.session_absolute_hours);
  else if (setting == "threads") return ParseInt(setting, value, 1, 256, config.threads);
  else if (setting == "today") {
    auto date = CivilDate::FromIso(value);
    if (!date) return Invalid(setting, value);
    config.today = *date;
  } else {
    return Invalid(setting, value);
  }
  return {};
}

constexpr std::string_view kSettings[] = {
    "host", "port", "db", "key_file", "tls_cert", "tls_key", "behind_https_proxy", "assets_dir",
    "templates_dir", "max_upload_mib", "session_idle_minutes", "session_absolute_hours", "threads", "today",
};

}  // namespace

Result<ServerConfig> LoadServerConfig(const std::string& config_file) {
  ServerConfig config;

  // Step 1: the file, when given. Every key must be a known setting.
  if (!config_file.empty()) {
    toml::table table;
    try {
      table = toml::parse_file(config_file);
    } catch (const toml::parse_error& error) {
      return MakeError(ErrorCode::kInvalidArgument, "web.config.unreadable", config_file,
                       error.source().begin.line);
    }
    for (const auto& [key, node] : table) {
      std::string value;
      if (auto text = node.value<std::string>()) value = *text;
      else if (auto number = node.value<std::int64_t>()) value = std::to_string(*number);
      else if (auto flag = node.value<bool>()) value = *flag ? "true" : "false";
      else return Invalid(key.str(), "?");
      if (Status status = Apply(config, key.str(), value); !status.ok()) return status.error();
    }
  }

  // Step 2: the environment overrides the file.
  for (std::string_view setting : kSettings) {
    std::string name = "ADEMPAUZE_";
    for (char c : setting) name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (const char* value = std::getenv(name.c_str()); value != nullptr && *value != '\0') {
      if (Status status = Apply(config, setting, value); !status.ok()) return status.error();
    }
  }
  return config;
}

store::StoreOptions StoreOptionsFor(const ServerConfig& config) {
  store::StoreOptions options;
  if (config.today) {
    // With a fixed date, times are stamped on that date at the current time of day, as the
    // command line does with --today, so the history and the figures stay consistent.
    options.clock = [today = *config.today] { return today.ToIso() + store::SystemClockNow().substr(10); };
  }
  return options;
}

struct WebServer::Impl {
  std::unique_ptr<httplib::Server> server;
  std::unique_ptr<App> app;
  int port = 0;
  std::string url;
};

WebServer::WebServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WebServer::~WebServer() { Stop(); }

Result<std::unique_ptr<WebServer>> WebServer::Create(const ServerConfig& input) {
  ServerConfig config = input;
  if (config.assets_dir.empty()) config.assets_dir = std::string(ADEMPAUZE_WEB_DIR) + "/static";
  if (config.templates_dir.empty()) config.templates_dir = std::string(ADEMPAUZE_WEB_DIR) + "/templates";

  // Step 1: the store, the templates and the application.
  Result<crypto::KeySet> keys = crypto::LoadKeyFile(config.KeyFilePath());
  if (!keys.ok()) return keys.error();
  Result<std::unique_ptr<store::Store>> store =
      store::Store::Open(config.db_path, std::move(keys).value(), StoreOptionsFor(config));
  if (!store.ok()) return store.error();
  Result<Templates> templates = Templates::Load(config.templates_dir);
  if (!templates.ok()) return templates.error();
  auto impl = std::make_unique<Impl>();
  impl->app = std::make_unique<App>(config, std::move(store).value(), std::move(templates).value());

  // Step 2: the HTTP(S) server with its limits.
  if (config.https()) {
    impl->server = std::make_unique<httplib::SSLServer>(config.tls_cert.c_str(), config.tls_key.c_str());
    if (!impl->server->is_valid()) return MakeError(ErrorCode::kInvalidArgument, "web.tls_invalid", config.tls_cert);
  } else {
    impl->server = std::make_unique<httplib::Server>();
  }
  int threads = config.threads;
  impl->server->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, which would let a second server
  // share the port silently instead of failing to start.
  impl->server->set_socket_options([](socket_t socket) {
    int yes = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  impl->server->set_payload_max_length(config.max_upload_bytes);
  impl->server->set_read_timeout(std::chrono::seconds(60));
  impl->server->set_write_timeout(std::chrono::seconds(60));
  // Browsers keep up to six idle connections per site open, and each holds a worker thread:
  // a short keep-alive and enough threads keep idle users from blocking active ones.
  impl->server->set_keep_alive_timeout(3);
  impl->app->Install(*impl->server);

  // Step 3: the port.
  if (config.port == 0) {
    impl->port = impl->server->bind_to_any_port(config.host);
  } else {
    impl->port = impl->server->bind_to_port(config.host, config.port) ? config.port : -1;
  }
  if (impl->port <= 0) return MakeError(ErrorCode::kIo, "web.bind_failed", config.host, config.port);
  std::string host = config.host.find(':') != std::string::npos ? "[" + config.host + "]" : config.host;
  impl->url = std::string(config.https() ? "https" : "http") + "://" + host + ":" + std::to_string(impl->port);
  return std::unique_ptr<WebServer>(new WebServer(std::move(impl)));
}

int WebServer::port() const { return impl_->port; }
std::string WebServer::Url() const { return impl_->url; }

void WebServer::Run() { impl_->server->listen_after_bind(); }

void WebServer::Stop() {
  if (impl_ && impl_->server && impl_->server->is_running()) impl_->server->stop();
}

int ServeUntilSignal(const ServerConfig& config, Language language, std::ostream& out, std::ostream& err,
                     const std::string& banner_extra) {
  // Block the signals in every thread the server starts; one thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  Result<std::unique_ptr<WebServer>> server = WebServer::Create(config);
  if (!server.ok()) {
    err << server.error().Render(language) << '\n';
    return 1;
  }
  out << Message(language, "web.listening", (*server)->Url()) << '\n';
  out << Message(language, "web.stop_hint") << '\n';
  if (!banner_extra.empty()) out << banner_extra;
  out.flush();
  spdlog::info("web: listening on port {}", (*server)->port());

  std::thread waiter([&signals, &server] {
    int received = 0;
    sigwait(&signals, &received);
    spdlog::info("web: signal {} received, stopping", received);
    (*server)->Stop();
  });
  (*server)->Run();
  // Run returns after Stop (signal) or when listening fails; wake the waiter if needed.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  spdlog::info("web: stopped");
  return 0;
}

}  // namespace adempauze::web
