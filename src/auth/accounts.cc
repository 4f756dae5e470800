// Accounts: adding, reading and changing users. Logins are in login.cc.
#include <functional>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "adempauze/auth/auth.h"
#include "auth/account_rows.h"
#include "auth/password_internal.h"
#include "auth/timestamp.h"

namespace adempauze::auth {
namespace {

constexpr std::size_t kMaxDisplayNameBytes = 200;

Status CheckDisplayName(std::string_view name) {
  if (name.size() > kMaxDisplayNameBytes) {
    return MakeError(ErrorCode::kInvalidArgument, "auth.user.bad_display_name", kMaxDisplayNameBytes);
  }
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      return MakeError(ErrorCode::kInvalidArgument, "auth.user.bad_display_name", kMaxDisplayNameBytes);
    }
  }
  return Status::Ok();
}

// One change of a user row: an UPDATE whose ?1 is the user id and whose further
// parameters are `texts`, and the access-log entry that records it.
struct UserChange {
  std::string_view sql;
  std::vector<std::string> texts;
  bool end_sessions = false;
  std::string_view action;
  std::string detail;
};

// Applies `change` to user `id` in one transaction with its log entry.
Status ApplyUserChange(store::Store& store, std::int64_t id, const UserChange& change, const store::Actor& by) {
  store::Database& db = store.database();
  Result<store::Transaction> transaction = store::Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();

  Result<store::Statement> update = db.Prepare(change.sql);
  if (!update.ok()) return update.error();
  update->Bind(1, id);
  for (std::size_t i = 0; i < change.texts.size(); ++i) update->BindText(static_cast<int>(i + 2), change.texts[i]);
  if (Status status = update->Run(); !status.ok()) return status;
  if (db.Changes() == 0) return MakeError(ErrorCode::kNotFound, "auth.user.not_found", id);

  if (change.end_sessions) {
    if (Status status = DeleteSessionsOfUser(db, id); !status.ok()) return status;
  }
  if (Status status = LogAdministration(store, by, change.action, "user", std::to_string(id), "ok", change.detail);
      !status.ok()) {
    return status;
  }
  if (Status status = transaction->Commit(); !status.ok()) return status;
  spdlog::info("auth: {} on user {}", change.action, id);
  return Status::Ok();
}

// Reads the one user selected by `where` (with ?1 bound by `bind`); kNotFound names the
// user as `shown_as`.
Result<User> QueryOneUser(store::Database& db, std::string_view where,
                          const std::function<void(store::Statement&)>& bind, const std::string& shown_as) {
  Result<store::Statement> query = db.Prepare(fmt::format("SELECT {} FROM users WHERE {}", kUserColumns, where));
  if (!query.ok()) return query.error();
  bind(*query);
  Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  if (!*row) return MakeError(ErrorCode::kNotFound, "auth.user.not_found", shown_as);
  return UserFromRow(*query);
}

}  // namespace

bool IsLocked(const User& user, std::string_view now) {
  if (!user.locked_until) return false;
  std::optional<TimePoint> until = ParseTimestamp(*user.locked_until);
  std::optional<TimePoint> at = ParseTimestamp(now);
  if (!until || !at) return true;
  return *at < *until;
}

Result<std::int64_t> Accounts::AddUser(std::string_view username, std::string_view display_name,
                                       std::string_view password, RoleSet roles, const store::Actor& by) {
  // Step 1: check every input before the costly hash.
  const std::string name = LowerAscii(username);
  if (!IsValidAccountName(name)) return MakeError(ErrorCode::kInvalidArgument, "auth.user.bad_name", username);
  if (Status status = CheckDisplayName(display_name); !status.ok()) return status.error();
  if (Status status = CheckPasswordRule(password); !status.ok()) return status.error();
  if (roles.empty()) return MakeError(ErrorCode::kInvalidArgument, "auth.user.no_roles");

  // Step 2: hash outside the transaction, so the write lock is not held for the hash.
  Result<std::string> hash = HashPassword(password, policy_.hash_cost);
  if (!hash.ok()) return hash.error();

  // Step 3: the row and its log entry in one transaction.
  store::Database& db = store_.database();
  Result<store::Transaction> transaction = store::Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();
  Result<store::Statement> existing = db.Prepare("SELECT count(*) FROM users WHERE username = ?1");
  if (!existing.ok()) return existing.error();
  existing->BindText(1, name);
  if (Result<bool> row = existing->Step(); !row.ok()) return row.error();
  if (existing->ColumnInt(0) > 0) return MakeError(ErrorCode::kAlreadyExists, "auth.user.exists", name);

  const std::string now = store_.Now();
  Result<store::Statement> insert = db.Prepare(
      "INSERT INTO users (username, display_name, password_hash, roles, created_at, password_changed_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?5)");
  if (!insert.ok()) return insert.error();
  insert->BindText(1, name)
      .BindText(2, display_name.empty() ? std::string_view(name) : display_name)
      .BindText(3, *hash)
      .BindText(4, roles.ToString())
      .BindText(5, now);
  if (Status status = insert->Run(); !status.ok()) return status.error();
  Result<std::int64_t> id = store::QueryInt(db, "SELECT last_insert_rowid()");
  if (!id.ok()) return id.error();

  if (Status status = LogAdministration(store_, by, "user_add", "user", std::to_string(*id), "ok",
                                        "roles=" + roles.ToString());
      !status.ok()) {
    return status.error();
  }
  if (Status status = transaction->Commit(); !status.ok()) return status.error();
  spdlog::info("auth: user {} added", *id);
  return *id;
}

Result<User> Accounts::FindUser(std::string_view username) {
  const std::string name = LowerAscii(username);
  return QueryOneUser(
      store_.database(), "username = ?1", [&name](store::Statement& query) { query.BindText(1, name); },
      std::string(username));
}

Result<User> Accounts::GetUser(std::int64_t id) {
  return QueryOneUser(
      store_.database(), "id = ?1", [id](store::Statement& query) { query.Bind(1, id); }, std::to_string(id));
}

Result<std::vector<User>> Accounts::ListUsers() {
  Result<store::Statement> query =
      store_.database().Prepare(fmt::format("SELECT {} FROM users ORDER BY username", kUserColumns));
  if (!query.ok()) return query.error();
  std::vector<User> users;
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    Result<User> user = UserFromRow(*query);
    if (!user.ok()) return user.error();
    users.push_back(std::move(user).value());
  }
  return users;
}

Status Accounts::SetRoles(std::int64_t id, RoleSet roles, const store::Actor& by) {
  if (roles.empty()) return MakeError(ErrorCode::kInvalidArgument, "auth.user.no_roles");
  return ApplyUserChange(store_, id,
                         {"UPDATE users SET roles = ?2 WHERE id = ?1", {roles.ToString()}, false, "user_roles",
                          "roles=" + roles.ToString()},
                         by);
}

Status Accounts::SetDisabled(std::int64_t id, bool disabled, const store::Actor& by) {
  if (disabled) {
    return ApplyUserChange(store_, id, {"UPDATE users SET disabled = 1 WHERE id = ?1", {}, true, "user_disable", ""},
                           by);
  }
  return ApplyUserChange(
      store_, id,
      {"UPDATE users SET disabled = 0, failed_logins = 0, locked_until = NULL WHERE id = ?1", {}, false,
       "user_enable", ""},
      by);
}

Status Accounts::ResetPassword(std::int64_t id, std::string_view new_password, const store::Actor& by) {
  if (Status status = CheckPasswordRule(new_password); !status.ok()) return status;
  Result<std::string> hash = HashPassword(new_password, policy_.hash_cost);
  if (!hash.ok()) return hash.error();
  return ApplyUserChange(store_, id,
                         {"UPDATE users SET password_hash = ?2, password_changed_at = ?3, failed_logins = 0, "
                          "locked_until = NULL WHERE id = ?1",
                          {*hash, store_.Now()}, true, "password_reset", ""},
                         by);
}

}  // namespace adempauze::auth
