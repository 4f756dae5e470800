// `adempauze user add|list|roles|disable|enable|reset-password` and
// `adempauze token add|list|revoke`: accounts of the web application and API tokens.
#include <memory>
#include <optional>
#include <string>

#include "adempauze/auth/auth.h"
#include "adempauze/web/api_roles.h"
#include "cli/context.h"
#include "cli/password_input.h"
#include "cli/store_commands.h"

namespace adempauze::cli {
namespace {

constexpr const char* kRolesHelp =
    "Rollen, gescheiden door komma's: debtor_team (debiteurenteam), social_worker (maatschappelijk werker), "
    "reviewer (controleur), client_list_keeper (beheerder cliëntenlijst), officer (functionaris voor "
    "gegevensbescherming), admin (beheerder)";

struct UserArgs {
  std::string name;
  std::string roles;
  std::string display_name;
  PasswordSource password;
};

struct TokenArgs {
  std::string name;
  std::string role;
};

store::Actor AdminActor(const CliContext& context) {
  store::Actor actor = CliActor(context);
  actor.purpose = "administration";
  return actor;
}

std::string RoleLabels(const CliContext& context, auth::RoleSet roles) {
  std::string text;
  for (auth::Role role : roles.roles()) {
    if (!text.empty()) text += ", ";
    text += auth::RoleLabel(role, context.language);
  }
  return text;
}

std::optional<auth::RoleSet> ParseRolesOrFail(CliContext& context, const std::string& text) {
  Result<auth::RoleSet> roles = auth::RoleSet::Parse(text);
  if (!roles.ok()) {
    context.Fail(roles.error());
    return std::nullopt;
  }
  return *roles;
}

void RunAdd(CliContext& context, const UserArgs& args) {
  // The store and the roles are checked first, so no password is typed for a command that
  // fails anyway.
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  std::optional<auth::RoleSet> roles = ParseRolesOrFail(context, args.roles);
  if (!roles) return;
  std::optional<std::string> password = ReadNewPassword(context, args.password, args.name);
  if (!password) return;

  auth::Accounts accounts(*store);
  Result<std::int64_t> id = accounts.AddUser(args.name, args.display_name, *password, *roles, AdminActor(context));
  if (!id.ok()) return context.Fail(id.error());
  context.out << context.Text("auth.cli.user_added", auth::NormalizeAccountName(args.name), *id, RoleLabels(context, *roles))
              << '\n';
}

void RunList(CliContext& context) {
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  Result<std::vector<auth::User>> users = auth::Accounts(*store).ListUsers();
  if (!users.ok()) return context.Fail(users.error());
  const std::string now = store->Now();
  const std::string yes = context.Text("auth.cli.yes");
  const std::string no = context.Text("auth.cli.no");
  context.out << context.Text("auth.cli.list_header") << '\n';
  for (const auth::User& user : *users) {
    const std::string locked =
        auth::IsLocked(user, now) ? context.Text("auth.cli.locked_until", user.locked_until.value_or("")) : no;
    context.out << user.username << '\t' << user.display_name << '\t' << RoleLabels(context, user.roles) << '\t'
                << (user.disabled ? yes : no) << '\t' << locked << '\n';
  }
  context.out << context.Text("auth.cli.list_count", users->size()) << '\n';
}

// Opens the store and finds the user `name`. Prints the error and returns nullopt on failure.
std::optional<auth::User> FindUserOrFail(CliContext& context, store::Store& store, const std::string& name) {
  Result<auth::User> user = auth::Accounts(store).FindUser(name);
  if (!user.ok()) {
    context.Fail(user.error());
    return std::nullopt;
  }
  return *user;
}

void RunSetRoles(CliContext& context, const UserArgs& args) {
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  std::optional<auth::RoleSet> roles = ParseRolesOrFail(context, args.roles);
  if (!roles) return;
  std::optional<auth::User> user = FindUserOrFail(context, *store, args.name);
  if (!user) return;
  Status changed = auth::Accounts(*store).SetRoles(user->id, *roles, AdminActor(context));
  if (!changed.ok()) return context.Fail(changed.error());
  context.out << context.Text("auth.cli.roles_set", user->username, RoleLabels(context, *roles)) << '\n';
}

void RunSetDisabled(CliContext& context, const UserArgs& args, bool disabled) {
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  std::optional<auth::User> user = FindUserOrFail(context, *store, args.name);
  if (!user) return;
  Status changed = auth::Accounts(*store).SetDisabled(user->id, disabled, AdminActor(context));
  if (!changed.ok()) return context.Fail(changed.error());
  context.out << context.Text(disabled ? "auth.cli.disabled" : "auth.cli.enabled", user->username) << '\n';
}

void RunResetPassword(CliContext& context, const UserArgs& args) {
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  std::optional<auth::User> user = FindUserOrFail(context, *store, args.name);
  if (!user) return;
  std::optional<std::string> password = ReadNewPassword(context, args.password, user->username);
  if (!password) return;
  Status reset = auth::Accounts(*store).ResetPassword(user->id, *password, AdminActor(context));
  if (!reset.ok()) return context.Fail(reset.error());
  context.out << context.Text("auth.cli.password_reset", user->username) << '\n';
}

void AddPasswordOptions(CLI::App* command, UserArgs& args) {
  command->add_option("--password-file", args.password.file,
                      "Lees het wachtwoord uit de eerste regel van dit bestand (nooit als argument)");
  command->add_flag("--password-stdin", args.password.from_stdin,
                    "Lees het wachtwoord uit de eerste regel van de standaardinvoer");
}

void RunTokenAdd(CliContext& context, const TokenArgs& args) {
  std::optional<auth::Role> role = auth::ParseRole(args.role);
  if (!role) return context.Fail(MakeError(ErrorCode::kInvalidArgument, "auth.role.unknown", args.role));
  if (Status usable = web::CheckApiTokenRole(*role); !usable.ok()) return context.Fail(usable.error());
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  Result<std::string> secret = auth::ApiTokens(*store).Create(args.name, *role, AdminActor(context));
  if (!secret.ok()) return context.Fail(secret.error());
  context.out << context.Text("auth.cli.token_added", auth::NormalizeAccountName(args.name), auth::RoleLabel(*role, context.language))
              << '\n'
              << *secret << '\n'
              << context.Text("auth.cli.token_shown_once") << '\n';
}

void RunTokenList(CliContext& context) {
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  Result<std::vector<auth::ApiToken>> tokens = auth::ApiTokens(*store).List();
  if (!tokens.ok()) return context.Fail(tokens.error());
  context.out << context.Text("auth.cli.token_list_header") << '\n';
  for (const auth::ApiToken& token : *tokens) {
    context.out << token.name << '\t' << auth::RoleLabel(token.role, context.language) << '\t' << token.created_at
                << '\t' << token.created_by << '\t' << token.revoked_at.value_or(context.Text("auth.cli.no")) << '\n';
  }
  context.out << context.Text("auth.cli.token_list_count", tokens->size()) << '\n';
}

void RunTokenRevoke(CliContext& context, const TokenArgs& args) {
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  Status revoked = auth::ApiTokens(*store).Revoke(args.name, AdminActor(context));
  if (!revoked.ok()) return context.Fail(revoked.error());
  context.out << context.Text("auth.cli.token_revoked", auth::NormalizeAccountName(args.name)) << '\n';
}

}  // namespace

void RegisterUserCommands(CLI::App& app, CliContext& context) {
  CLI::App* user = app.add_subcommand("user", "Gebruikers van de webtoepassing beheren");
  user->require_subcommand(1);
  auto args = std::make_shared<UserArgs>();

  CLI::App* add = user->add_subcommand("add", "Voeg een gebruiker toe; het wachtwoord wordt gevraagd of gelezen");
  add->add_option("name", args->name, "Gebruikersnaam, bijvoorbeeld jan.peeters")->required();
  add->add_option("--roles", args->roles, kRolesHelp)->required();
  add->add_option("--display-name", args->display_name, "Naam zoals de webtoepassing ze toont");
  AddPasswordOptions(add, *args);
  add->callback([&context, args] { RunAdd(context, *args); });

  CLI::App* list = user->add_subcommand("list", "Toon de gebruikers, hun rollen en of ze uitgeschakeld of geblokkeerd zijn");
  list->callback([&context] { RunList(context); });

  CLI::App* roles = user->add_subcommand("roles", "Vervang de rollen van een gebruiker");
  roles->add_option("name", args->name, "Gebruikersnaam")->required();
  roles->add_option("--set", args->roles, kRolesHelp)->required();
  roles->callback([&context, args] { RunSetRoles(context, *args); });

  CLI::App* disable = user->add_subcommand("disable", "Schakel een gebruiker uit en beëindig zijn sessies");
  disable->add_option("name", args->name, "Gebruikersnaam")->required();
  disable->callback([&context, args] { RunSetDisabled(context, *args, true); });

  CLI::App* enable = user->add_subcommand("enable", "Schakel een gebruiker weer in en hef een blokkering op");
  enable->add_option("name", args->name, "Gebruikersnaam")->required();
  enable->callback([&context, args] { RunSetDisabled(context, *args, false); });

  CLI::App* reset = user->add_subcommand(
      "reset-password", "Vervang het wachtwoord van een gebruiker, hef een blokkering op en beëindig zijn sessies");
  reset->add_option("name", args->name, "Gebruikersnaam")->required();
  AddPasswordOptions(reset, *args);
  reset->callback([&context, args] { RunResetPassword(context, *args); });
}

void RegisterTokenCommands(CLI::App& app, CliContext& context) {
  CLI::App* token = app.add_subcommand("token", "API-sleutels van andere toepassingen beheren");
  token->require_subcommand(1);
  auto args = std::make_shared<TokenArgs>();

  CLI::App* add = token->add_subcommand("add", "Maak een API-sleutel voor één toepassing en één rol; de sleutel wordt één keer getoond");
  add->add_option("name", args->name, "Naam van de toepassing, bijvoorbeeld financien")->required();
  add->add_option("--role", args->role,
                  "De ene rol van de sleutel: een rol die de API aanvaardt (" + web::ApiTokenRoles().ToString() + ")")
      ->required();
  add->callback([&context, args] { RunTokenAdd(context, *args); });

  CLI::App* list = token->add_subcommand("list", "Toon de API-sleutels (zonder geheimen)");
  list->callback([&context] { RunTokenList(context); });

  CLI::App* revoke = token->add_subcommand("revoke", "Trek een API-sleutel in");
  revoke->add_option("name", args->name, "Naam van de sleutel")->required();
  revoke->callback([&context, args] { RunTokenRevoke(context, *args); });
}

}  // namespace adempauze::cli
