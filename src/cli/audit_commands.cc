// `adempauze audit verify`: walks the hash chain of the access log.
#include <memory>

#include "cli/store_commands.h"

namespace adempauze::cli {
namespace {

std::string_view ProblemKey(store::AccessLogVerification::Problem problem) {
  using Problem = store::AccessLogVerification::Problem;
  switch (problem) {
    case Problem::kChanged:
      return "store.cli.audit.changed";
    case Problem::kMissing:
      return "store.cli.audit.missing";
    case Problem::kBrokenLink:
      return "store.cli.audit.broken_link";
    case Problem::kNone:
      break;
  }
  return "store.cli.audit.ok";
}

void RunVerify(CliContext& context) {
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  Result<store::AccessLogVerification> verification = store->access_log().Verify();
  if (!verification.ok()) return context.Fail(verification.error());
  if (verification->ok()) {
    context.out << context.Text("store.cli.audit.ok", verification->entries_checked) << '\n';
    return;
  }
  context.err << context.Text(ProblemKey(verification->problem), verification->first_bad_seq,
                              verification->entries_checked)
              << '\n';
  context.exit_code = 1;
}

}  // namespace

void RegisterAuditCommands(CLI::App& app, CliContext& context) {
  CLI::App* audit = app.add_subcommand("audit", "De toegangslog controleren");
  audit->require_subcommand(1);
  CLI::App* verify = audit->add_subcommand(
      "verify", "Controleer de hashketen van de toegangslog; afsluitcode 1 als ze gebroken is");
  verify->callback([&context] { RunVerify(context); });
}

}  // namespace adempauze::cli
