// `adempauze serve`: the web application for the debtor team, the OCMW and the data
// protection officer, and the JSON API for the city's finance application
// (docs/adr/0009-web-application.md, docs/formats/server-config.md).
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/messages.h"
#include "adempauze/common/result.h"
#include "adempauze/store/store.h"

namespace adempauze::web {

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests)
  std::string db_path = "adempauze.db";
  std::string key_file;  // empty: <db_path>.keys
  // HTTPS when both are set; otherwise plain HTTP behind a reverse proxy that terminates TLS.
  std::string tls_cert;
  std::string tls_key;
  // True when a reverse proxy serves the site over HTTPS: cookies get the Secure attribute.
  bool behind_https_proxy = false;
  std::string assets_dir;     // empty: the web/static directory of the source tree
  std::string templates_dir;  // empty: the web/templates directory of the source tree
  std::size_t max_upload_bytes = 64u * 1024 * 1024;
  int session_idle_minutes = 30;
  int session_absolute_hours = 10;
  int threads = 32;  // worker threads; each open connection holds one while it is in use
  std::optional<CivilDate> today;  // fixed date for rehearsals and tests; empty: system date

  std::string KeyFilePath() const { return key_file.empty() ? db_path + ".keys" : key_file; }
  bool https() const { return !tls_cert.empty() && !tls_key.empty(); }
};

// Returns the store options of the server: the store's clock follows config.today when set.
store::StoreOptions StoreOptionsFor(const ServerConfig& config);

// Reads the configuration: defaults, then the TOML file `config_file` (when not empty),
// then the environment variables ADEMPAUZE_HOST, ADEMPAUZE_PORT, ADEMPAUZE_DB,
// ADEMPAUZE_KEY_FILE, ADEMPAUZE_TLS_CERT, ADEMPAUZE_TLS_KEY, ADEMPAUZE_BEHIND_HTTPS_PROXY,
// ADEMPAUZE_ASSETS_DIR, ADEMPAUZE_TEMPLATES_DIR, ADEMPAUZE_MAX_UPLOAD_MIB,
// ADEMPAUZE_SESSION_IDLE_MINUTES, ADEMPAUZE_SESSION_ABSOLUTE_HOURS, ADEMPAUZE_THREADS.
// Command-line options are applied by the caller after this. Returns kInvalidArgument
// ("web.config.invalid", arg 0: the setting, arg 1: the value) for a bad value and the
// loader's error for an unreadable file.
Result<ServerConfig> LoadServerConfig(const std::string& config_file);

// A running server. Create opens the store and the templates and binds the port; Run
// blocks until Stop is called (from another thread or a signal handler thread).
class WebServer {
 public:
  // Returns the store's errors (missing database, wrong key), kNotFound for a missing
  // template directory, kIo ("web.bind_failed") when the port cannot be bound.
  static Result<std::unique_ptr<WebServer>> Create(const ServerConfig& config);
  ~WebServer();

  int port() const;
  std::string Url() const;
  void Run();
  void Stop();

 private:
  struct Impl;
  explicit WebServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Runs the server until SIGINT or SIGTERM and shuts it down gracefully: the listening socket
// closes and requests in progress finish. Prints the address to stdout. Returns the exit code.
int ServeUntilSignal(const ServerConfig& config, Language language, std::ostream& out, std::ostream& err,
                     const std::string& banner_extra = {});

}  // namespace adempauze::web
