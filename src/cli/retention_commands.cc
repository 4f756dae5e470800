// `adempauze retention run|figures|verify-attestation` (docs/formats/retention.md).
#include <memory>
#include <string>

#include <fmt/format.h>

#include "adempauze/crypto/keys.h"
#include "adempauze/store/retention.h"
#include "cli/context.h"
#include "cli/officer_auth.h"
#include "cli/store_commands.h"

namespace adempauze::cli {
namespace {

struct RunArgs {
  std::string order;
  bool dry_run = false;
  int log_retention_years = 10;
  std::string attestation;
  PasswordSource password;  // the officer's password, for a run that deletes
};

void PrintFigures(CliContext& context, const std::vector<store::EvaluationFigure>& figures) {
  for (const store::EvaluationFigure& figure : figures) {
    context.out << fmt::format("  {:<26} {:<36} {:g}\n", figure.figure, figure.dimension, figure.value);
  }
}

// True when an earlier run stopped after destroying the keys (its check value is recorded),
// so the store no longer opens with the key file and the run only has to finish.
bool RetentionInterrupted(const std::string& db_path) {
  auto db = store::Database::Open(db_path, store::Database::Mode::kExisting);
  if (!db.ok()) return false;
  auto query = db->Prepare("SELECT 1 FROM meta WHERE key = 'retention.key_check_after'");
  if (!query.ok()) return false;
  auto row = query->Step();
  return row.ok() && *row;
}

void RunRetentionCommand(CliContext& context, const RunArgs& args) {
  store::RetentionOptions options;
  options.actor = CliActor(context);
  if (!args.dry_run && !RetentionInterrupted(context.db_path)) {
    // Deleting is the officer's order: their account and password, checked on a connection
    // that closes before retention opens its own. A run that finishes an interrupted one
    // carries out the order given then.
    std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
    if (!store) return;
    std::optional<store::Actor> officer = AuthenticateOfficer(context, *store, args.password);
    if (!officer) return;
    options.actor = *officer;
  }
  options.actor.purpose = "retention";
  options.order = args.order;
  options.dry_run = args.dry_run;
  options.log_retention_years = args.log_retention_years;
  options.today = context.today;
  options.attestation_path =
      args.attestation.empty() ? context.db_path + ".attestation-" + context.today.ToIso() + ".json" : args.attestation;
  Result<store::RetentionReport> report = store::RunRetention(context.db_path, context.KeyFilePath(), options);
  if (!report.ok()) return context.Fail(report.error());

  context.out << context.Text(args.dry_run ? "retention.cli.plan" : "retention.cli.done") << '\n';
  for (const auto& [table, rows] : report->rows_deleted) {
    context.out << context.Text("retention.cli.rows", table, rows) << '\n';
  }
  for (const std::string& key : report->keys_destroyed) {
    context.out << context.Text(args.dry_run ? "retention.cli.key_planned" : "retention.cli.key", key) << '\n';
  }
  context.out << context.Text("retention.cli.log", report->log_entries, report->log_entries_past_retention,
                              args.log_retention_years)
              << '\n';
  context.out << context.Text("retention.cli.figures", report->figures.size()) << '\n';
  PrintFigures(context, report->figures);
  if (!args.dry_run) context.out << context.Text("retention.cli.attestation", report->attestation_path) << '\n';
}

void RunFigures(CliContext& context) {
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  Result<std::vector<store::EvaluationFigure>> figures = store::ReadFrozenFigures(store->database());
  if (!figures.ok()) return context.Fail(figures.error());
  if (figures->empty()) {
    context.out << context.Text("retention.cli.no_figures") << '\n';
    return;
  }
  context.out << context.Text("retention.cli.figures", figures->size()) << '\n';
  PrintFigures(context, *figures);
}

void RunVerifyAttestation(CliContext& context, const std::string& file, std::string public_key) {
  if (public_key.empty()) {
    Result<crypto::KeySet> keys = crypto::LoadKeyFile(context.KeyFilePath());
    if (!keys.ok()) return context.Fail(keys.error());
    if (!keys->has_signing_key()) {
      return context.Fail(MakeError(ErrorCode::kFailedPrecondition, "retention.attestation.no_signing_key",
                                    context.KeyFilePath()));
    }
    public_key = keys->SigningPublicKeyHex();
  }
  Status verified = store::VerifyAttestation(file, public_key);
  if (!verified.ok()) return context.Fail(verified.error());
  context.out << context.Text("retention.cli.attestation_ok", file, public_key) << '\n';
}

}  // namespace

void RegisterRetentionCommands(CLI::App& app, CliContext& context) {
  CLI::App* retention = app.add_subcommand("retention", "Bewaartermijn: persoonsgegevens en sleutels vernietigen");
  retention->require_subcommand(1);

  auto args = std::make_shared<RunArgs>();
  CLI::App* run = retention->add_subcommand(
      "run", "Bevries de evaluatiecijfers, wis de persoonsgegevens en vernietig de sleutels");
  run->add_option("--order", args->order, "Reden en opdrachtgever (einde protocol, opdracht van de functionaris)")
      ->required();
  run->add_flag("--dry-run", args->dry_run, "Toon enkel wat zou verdwijnen; wijzig niets");
  run->add_option("--log-retention-years", args->log_retention_years, "Bewaartermijn van de toegangslog (standaard 10)")
      ->check(CLI::Range(1, 100));
  run->add_option("--attestation", args->attestation, "Pad van het ondertekende vernietigingsattest");
  AddOfficerPasswordOptions(*run, args->password);
  run->callback([&context, args] { RunRetentionCommand(context, *args); });

  CLI::App* figures = retention->add_subcommand("figures", "Toon de bevroren anonieme evaluatiecijfers");
  figures->callback([&context] { RunFigures(context); });

  auto file = std::make_shared<std::string>();
  auto public_key = std::make_shared<std::string>();
  CLI::App* verify = retention->add_subcommand("verify-attestation", "Controleer de handtekening van een vernietigingsattest");
  verify->add_option("FILE", *file, "Het attest (JSON)")->required();
  verify->add_option("--public-key", *public_key, "Publieke sleutel (hex); standaard die uit het sleutelbestand");
  verify->callback([&context, file, public_key] { RunVerifyAttestation(context, *file, *public_key); });
}

}  // namespace adempauze::cli
