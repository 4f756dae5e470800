// `adempauze keys rotate [--resume]` and `adempauze keys status`.
#include <cstdlib>
#include <memory>
#include <string>

#include <spdlog/spdlog.h>

#include "adempauze/crypto/keys.h"
#include "adempauze/store/key_rotation.h"
#include "cli/context.h"
#include "cli/store_commands.h"

namespace adempauze::cli {
namespace {

// Reads ADEMPAUZE_TEST_ROTATION_FAULT ("fail:N" or "kill:N"), a test-only hook that stops
// the rotation after N committed batches (see store::RotationFault).
store::RotationFault RotationFaultFromEnvironment() {
  const char* value = std::getenv("ADEMPAUZE_TEST_ROTATION_FAULT");
  if (value == nullptr) return {};
  const std::string text(value);
  store::RotationFault fault;
  if (text.rfind("kill:", 0) == 0) {
    fault.kind = store::RotationFault::Kind::kKill;
  } else if (text.rfind("fail:", 0) == 0) {
    fault.kind = store::RotationFault::Kind::kFail;
  } else {
    return {};
  }
  fault.after_batches = std::strtoll(text.c_str() + 5, nullptr, 10);
  spdlog::warn("key rotation: test fault {} is active", text);
  return fault;
}

struct RotateArgs {
  bool resume = false;
  std::int64_t batch_rows = 1000;
};

void RunRotate(CliContext& context, const RotateArgs& args) {
  store::RotationOptions options;
  options.actor = CliActor(context);
  options.actor.purpose = "key_rotation";
  options.batch_rows = args.batch_rows;
  options.resume_only = args.resume;
  options.fault = RotationFaultFromEnvironment();
  Result<store::RotationReport> report =
      store::RotateDataKey(context.db_path, context.KeyFilePath(), options);
  if (!report.ok()) return context.Fail(report.error());
  if (report->resumed) context.out << context.Text("keys.cli.rotate.resumed") << '\n';
  context.out << context.Text("keys.cli.rotate.done", report->new_key_id, report->old_key_id,
                              report->rows_checked, report->batches, report->fields_resealed)
              << '\n';
}

void RunStatus(CliContext& context) {
  Result<crypto::KeySet> keys = crypto::LoadKeyFile(context.KeyFilePath());
  if (!keys.ok()) return context.Fail(keys.error());
  const std::string present = context.Text("keys.cli.present");
  const std::string destroyed = context.Text("keys.cli.destroyed");
  const std::string rotating =
      keys->has_previous_data_key()
          ? context.Text("keys.cli.status.rotating", keys->PreviousDataKeyIdHex())
          : std::string();
  context.out << context.Text("keys.cli.status", context.KeyFilePath(), keys->KeyIdHex(),
                              keys->has_data_key() ? keys->DataKeyIdHex() : destroyed, rotating,
                              keys->has_blind_index_key() ? present : destroyed,
                              keys->has_signing_key() ? keys->SigningPublicKeyHex()
                                                      : context.Text("keys.cli.absent"))
              << '\n';
}

}  // namespace

void RegisterKeysCommands(CLI::App& app, CliContext& context) {
  CLI::App* keys = app.add_subcommand("keys", "De sleutels van de installatie beheren");
  keys->require_subcommand(1);

  auto args = std::make_shared<RotateArgs>();
  CLI::App* rotate = keys->add_subcommand(
      "rotate", "Wissel de gegevenssleutel en versleutel alle persoonsgegevens opnieuw, in reeksen");
  rotate->add_flag("--resume", args->resume, "Hervat enkel een onderbroken sleutelwissel");
  rotate->add_option("--batch-rows", args->batch_rows, "Rijen per transactie (standaard 1000)")
      ->check(CLI::Range(static_cast<std::int64_t>(1), static_cast<std::int64_t>(1'000'000)));
  rotate->callback([&context, args] { RunRotate(context, *args); });

  CLI::App* status = keys->add_subcommand("status", "Toon welke sleutels in het sleutelbestand staan (geen geheimen)");
  status->callback([&context] { RunStatus(context); });
}

}  // namespace adempauze::cli
