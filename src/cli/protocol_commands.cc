// `adempauze protocol load|show|render|suspend|resume`: the protocol in the installation.
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "adempauze/protocol/document.h"
#include "adempauze/protocol/loader.h"
#include "cli/officer_auth.h"
#include "cli/protocol_gate.h"
#include "cli/store_commands.h"

namespace adempauze::cli {
namespace {

struct ProtocolArgs {
  std::string file;
  std::string format = "html";
  std::string out;
  std::string reason;
  PasswordSource password;  // suspend and resume: the officer's password
};

void PrintProblems(CliContext& context, const std::vector<protocol::ProtocolProblem>& problems,
                   const std::string& path) {
  for (const protocol::ProtocolProblem& problem : problems) {
    context.err << "  " << protocol::FormatProblem(problem, path, context.language) << '\n';
  }
}

// Prints whether the exchange may run on the command's date, and why not.
void PrintStatus(CliContext& context, const store::ExchangeState& state) {
  const protocol::Protocol& in_force = state.installed->protocol;
  const protocol::ValidityPeriod period = in_force.Period();
  if (state.suspended) {
    context.out << context.Text("cli.protocol.status_suspended", state.suspension_at, state.suspension_by,
                                state.suspension_reason)
                << '\n';
  } else if (context.today < period.start) {
    context.out << context.Text("cli.protocol.status_not_yet", period.start.ToIso()) << '\n';
  } else if (period.end < context.today) {
    context.out << context.Text("cli.protocol.status_expired", period.end.ToIso()) << '\n';
  } else {
    context.out << context.Text("cli.protocol.status_in_force", context.today.ToIso()) << '\n';
  }
}

void RunLoad(CliContext& context, const ProtocolArgs& args) {
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  LoadProtocolIntoStore(context, *store, args.file);
}

void RunShow(CliContext& context) {
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  Result<store::ExchangeState> state = store::ReadExchangeState(*store);
  if (!state.ok()) return context.Fail(state.error());
  if (!state->installed) return context.Fail(MakeError(ErrorCode::kFailedPrecondition, "cli.protocol.none"));

  const store::InstalledProtocol& installed = *state->installed;
  const protocol::ValidityPeriod period = installed.protocol.Period();
  context.out << context.Text("cli.protocol.show", installed.protocol.id(), installed.protocol.definition().title,
                              period.start.ToIso(), period.end.ToIso(), installed.protocol.FollowUpDays(),
                              installed.sha256, installed.loaded_at, installed.loaded_by)
              << '\n';
  PrintStatus(context, *state);
}

void RunRender(CliContext& context, const ProtocolArgs& args) {
  if (args.format != "html" && args.format != "pdf") {
    return context.Fail(MakeError(ErrorCode::kInvalidArgument, "cli.protocol.format_unknown", args.format));
  }
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  Result<store::ExchangeState> state = store::ReadExchangeState(*store);
  if (!state.ok()) return context.Fail(state.error());
  if (!state->installed) return context.Fail(MakeError(ErrorCode::kFailedPrecondition, "cli.protocol.none"));

  std::string bytes;
  if (args.format == "html") {
    bytes = protocol::RenderHtml(state->installed->protocol, context.language);
  } else {
    Result<protocol::PdfDocument> pdf = protocol::RenderPdf(state->installed->protocol, context.language);
    if (!pdf.ok()) return context.Fail(pdf.error());
    bytes = std::move(pdf->bytes);
  }
  std::ofstream out(args.out, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) return context.Fail(MakeError(ErrorCode::kIo, "cli.protocol.write_failed", args.out));
  context.out << context.Text("cli.protocol.rendered", state->installed->protocol.id(), args.out) << '\n';
}

void RunSuspendOrResume(CliContext& context, const ProtocolArgs& args, bool suspend) {
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  std::optional<store::Actor> officer_account = AuthenticateOfficer(context, *store, args.password);
  if (!officer_account) return;
  store::Actor officer = *officer_account;
  Status done = suspend ? store::SuspendExchange(*store, args.reason, officer)
                        : store::ResumeExchange(*store, args.reason, officer);
  if (!done.ok()) return context.Fail(done.error());
  context.out << context.Text(suspend ? "cli.protocol.suspended" : "cli.protocol.resumed", officer.name) << '\n';
}

}  // namespace

std::optional<protocol::Protocol> AuthorizeOrFail(CliContext& context, store::Store& store,
                                                  store::Exchange exchange) {
  Result<protocol::Protocol> allowed = store::AuthorizeExchange(store, exchange, CliActor(context), context.today);
  if (allowed.ok()) return std::move(allowed).value();
  context.Fail(allowed.error());
  return std::nullopt;
}

bool CheckProtocolFile(CliContext& context, const std::string& path) {
  std::vector<protocol::ProtocolProblem> problems;
  Result<protocol::Protocol> parsed = protocol::LoadProtocolFile(path, &problems);
  if (parsed.ok()) return true;
  context.Fail(parsed.error());
  PrintProblems(context, problems, path);
  return false;
}

bool LoadProtocolIntoStore(CliContext& context, store::Store& store, const std::string& path) {
  // LoadProtocolFile reports a missing, unreadable or oversized file; the text it accepted
  // is then read again to be stored byte for byte.
  if (!CheckProtocolFile(context, path)) return false;
  std::ifstream in(path, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  std::vector<protocol::ProtocolProblem> problems;
  Result<store::InstalledProtocol> installed =
      store::InstallProtocol(store, text, path, CliActor(context), &problems);
  if (!installed.ok()) {
    context.Fail(installed.error());
    PrintProblems(context, problems, path);
    return false;
  }
  const protocol::ValidityPeriod period = installed->protocol.Period();
  context.out << context.Text("cli.protocol.loaded", installed->protocol.id(), period.start.ToIso(),
                              period.end.ToIso(), installed->sha256)
              << '\n';
  if (!period.Contains(context.today)) {
    context.out << context.Text("cli.protocol.loaded_outside_period", context.today.ToIso()) << '\n';
  }
  return true;
}

Status InstallProtocolFile(store::Store& store, const std::string& path, const store::Actor& actor) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, "protocol.file.not_found", path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Result<store::InstalledProtocol> installed = store::InstallProtocol(store, text, path, actor, nullptr);
  if (!installed.ok()) return installed.error();
  return Status::Ok();
}

Result<protocol::Protocol> LoadDemoProtocol(const std::string& path, CivilDate today) {
  Result<protocol::Protocol> loaded = protocol::LoadProtocolFile(path, nullptr);
  if (!loaded.ok()) return loaded.error();
  const protocol::ValidityPeriod period = loaded->Period();
  if (!period.Contains(today)) {
    return MakeError(ErrorCode::kFailedPrecondition, "cli.protocol.demo_outside_period", loaded->id(),
                     period.start.ToIso(), period.end.ToIso(), today.ToIso());
  }
  return loaded;
}

void RegisterProtocolCommands(CLI::App& app, CliContext& context) {
  CLI::App* group = app.add_subcommand("protocol", "Het protocol van de uitwisseling laden, tonen en schorsen");
  group->require_subcommand(1);
  auto args = std::make_shared<ProtocolArgs>();

  CLI::App* load = group->add_subcommand("load", "Controleer een protocolbestand (TOML) en sla het op in de databank");
  load->add_option("FILE", args->file, "Protocolbestand (.toml)")->required();
  load->callback([&context, args] { RunLoad(context, *args); });

  CLI::App* show = group->add_subcommand("show", "Toon het geladen protocol, zijn geldigheidsperiode en status");
  show->callback([&context] { RunShow(context); });

  CLI::App* render = group->add_subcommand("render", "Schrijf het protocoldocument van het geladen protocol");
  render->add_option("--format", args->format, "html (standaard) of pdf");
  render->add_option("--out,-o", args->out, "Doelbestand")->required();
  render->callback([&context, args] { RunRender(context, *args); });

  CLI::App* suspend = group->add_subcommand(
      "suspend", "Schors de uitwisseling (functionaris voor gegevensbescherming: --as ACCOUNT, wachtwoord gevraagd)");
  suspend->add_option("--reason", args->reason, "Waarom de uitwisseling geschorst wordt, zonder persoonsgegevens")
      ->required();
  AddOfficerPasswordOptions(*suspend, args->password);
  suspend->callback([&context, args] { RunSuspendOrResume(context, *args, true); });

  CLI::App* resume = group->add_subcommand(
      "resume", "Hervat een geschorste uitwisseling (functionaris voor gegevensbescherming: --as ACCOUNT, wachtwoord gevraagd)");
  resume->add_option("--reason", args->reason, "Waarom de uitwisseling hervat wordt, zonder persoonsgegevens")
      ->required();
  AddOfficerPasswordOptions(*resume, args->password);
  resume->callback([&context, args] { RunSuspendOrResume(context, *args, false); });
}

}  // namespace adempauze::cli
