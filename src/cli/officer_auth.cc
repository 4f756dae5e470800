#include "cli/officer_auth.h"

#include "adempauze/auth/auth.h"

namespace adempauze::cli {

std::optional<store::Actor> AuthenticateOfficer(CliContext& context, store::Store& store,
                                                const PasswordSource& source) {
  // Step 1: --as must name an account; the default "cli:<system user>" names none.
  if (context.actor.empty() || context.actor.rfind("cli:", 0) == 0) {
    context.Fail(MakeError(ErrorCode::kPermissionDenied, "cli.officer.account_required"));
    return std::nullopt;
  }

  // Step 2: the password, checked like a login (with its lockout and log entry).
  std::optional<std::string> password = ReadCurrentPassword(context, source, context.actor);
  if (!password) return std::nullopt;
  auth::Accounts accounts(store);
  Result<auth::User> user = accounts.Authenticate(context.actor, *password);
  if (!user.ok()) {
    context.Fail(user.error());
    return std::nullopt;
  }

  // Step 3: the role.
  store::Actor actor{user->username, std::string(auth::RoleId(auth::Role::kOfficer)), "supervision"};
  if (!user->roles.Has(auth::Role::kOfficer)) {
    Result<store::Transaction> transaction = store::Transaction::Begin(store.database());
    if (transaction.ok()) {
      store::AccessEntry entry{0, "", user->username, "", "officer_action", "protocol", "", "supervision", "denied",
                               "role=missing"};
      if (store.access_log().Append(entry).ok()) (void)transaction->Commit();
    }
    context.Fail(MakeError(ErrorCode::kPermissionDenied, "cli.officer.role_required", user->username));
    return std::nullopt;
  }
  return actor;
}

void AddOfficerPasswordOptions(CLI::App& command, PasswordSource& source) {
  command.add_option("--password-file", source.file, "Bestand met het wachtwoord van de account van --as (eerste regel)");
  command.add_flag("--password-stdin", source.from_stdin, "Lees het wachtwoord van de account van --as van standaardinvoer");
}

}  // namespace adempauze::cli
