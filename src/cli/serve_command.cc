// adempauze serve: the web application (src/web) on the database of --db.
#include <iostream>

#include <spdlog/spdlog.h>

#include "adempauze/web/server.h"
#include "cli/context.h"

namespace adempauze::cli {
namespace {

struct ServeArgs {
  std::string config_file;
  std::string host;
  int port = -1;
  std::string tls_cert;
  std::string tls_key;
  std::string assets_dir;
  std::string templates_dir;
  bool behind_https_proxy = false;
};

void RunServe(CLI::App& root, CliContext& context, const ServeArgs& args) {
  // Precedence: defaults, then the file, then the environment, then the options typed here.
  Result<web::ServerConfig> loaded = web::LoadServerConfig(args.config_file);
  if (!loaded.ok()) return context.Fail(loaded.error());
  web::ServerConfig config = std::move(loaded).value();
  if (root.get_option("--db")->count() > 0) config.db_path = context.db_path;
  if (root.get_option("--key-file")->count() > 0) config.key_file = context.key_file;
  if (!context.today_option.empty()) config.today = context.today;
  if (!args.host.empty()) config.host = args.host;
  if (args.port >= 0) config.port = args.port;
  if (!args.tls_cert.empty()) config.tls_cert = args.tls_cert;
  if (!args.tls_key.empty()) config.tls_key = args.tls_key;
  if (!args.assets_dir.empty()) config.assets_dir = args.assets_dir;
  if (!args.templates_dir.empty()) config.templates_dir = args.templates_dir;
  if (args.behind_https_proxy) config.behind_https_proxy = true;

  // The request log (one JSON line per request, ids only) is the server's operator log.
  if (spdlog::get_level() > spdlog::level::info) spdlog::set_level(spdlog::level::info);
  context.exit_code = web::ServeUntilSignal(config, context.language, context.out, context.err);
}

}  // namespace

void RegisterServeCommand(CLI::App& app, CliContext& context) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* serve = app.add_subcommand("serve", "Start de webtoepassing (HTTP, of HTTPS met --tls-cert en --tls-key)");
  serve->add_option("--config", args->config_file, "Configuratiebestand (TOML), zie docs/formats/server-config.md");
  serve->add_option("--host", args->host, "Adres om op te luisteren (standaard 127.0.0.1)");
  serve->add_option("--port", args->port, "Poort (standaard 8080; 0 kiest een vrije poort)");
  serve->add_option("--tls-cert", args->tls_cert, "Certificaat (PEM) voor HTTPS");
  serve->add_option("--tls-key", args->tls_key, "Private sleutel (PEM) voor HTTPS");
  serve->add_option("--assets-dir", args->assets_dir, "Map met de statische bestanden");
  serve->add_option("--templates-dir", args->templates_dir, "Map met de sjablonen");
  serve->add_flag("--behind-https-proxy", args->behind_https_proxy,
                  "Een reverse proxy bedient de site over HTTPS: cookies krijgen het Secure-attribuut");
  serve->callback([&app, &context, args] { RunServe(app, context, *args); });
}

}  // namespace adempauze::cli
