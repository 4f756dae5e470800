// Logins, lockout and the user's own password change.
#include <spdlog/spdlog.h>

#include <chrono>

#include "adempauze/auth/auth.h"
#include "auth/account_rows.h"
#include "auth/password_internal.h"
#include "auth/timestamp.h"

namespace adempauze::auth {
namespace {

// An account row with its password hash.
struct StoredAccount {
  User user;
  std::string password_hash;
};

// Reads the account `name` with its hash, or nullopt when there is none.
Result<std::optional<StoredAccount>> ReadAccount(store::Database& db, std::string_view column,
                                                 std::string_view name, std::int64_t id) {
  Result<store::Statement> query =
      db.Prepare(std::string("SELECT ") + std::string(kUserColumns) + ", password_hash FROM users WHERE " +
                 std::string(column) + " = ?1");
  if (!query.ok()) return query.error();
  if (column == "id") {
    query->Bind(1, id);
  } else {
    query->BindText(1, name);
  }
  Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<StoredAccount>();
  Result<User> user = UserFromRow(*query);
  if (!user.ok()) return user.error();
  return std::optional<StoredAccount>(StoredAccount{std::move(user).value(), query->ColumnText(8)});
}

// Verifies `password` against `hash` with one Argon2id computation whatever the input, so
// the time taken does not depend on whether the account exists or how long the password is.
bool VerifyOnce(std::string_view hash, std::string_view password) {
  if (password.size() > kMaxPasswordBytes) {
    (void)VerifyPassword(hash, std::string_view());
    return false;
  }
  return VerifyPassword(hash, password);
}

// Counts one failed password for `user` and locks the account when the count reaches the
// policy's maximum. A lockout that has ended starts a new count. Returns the log detail.
// REQUIRES: a transaction is open and `user` was read inside it.
Result<std::string> RecordFailure(store::Database& db, const User& user, const LoginPolicy& policy,
                                  const std::string& now) {
  const int failures = (user.locked_until ? 0 : user.failed_logins) + 1;
  std::optional<std::string> locked_until;
  if (failures >= policy.max_failures) {
    locked_until = AddToTimestamp(now, std::chrono::duration_cast<std::chrono::milliseconds>(policy.lockout));
    // An unreadable clock value still locks: IsLocked treats an unparsable end as locked.
    if (!locked_until) locked_until = now;
  }
  Result<store::Statement> update =
      db.Prepare("UPDATE users SET failed_logins = ?2, locked_until = ?3 WHERE id = ?1");
  if (!update.ok()) return update.error();
  update->Bind(1, user.id).Bind(2, static_cast<std::int64_t>(failures));
  if (locked_until) {
    update->BindText(3, *locked_until);
  } else {
    update->BindNull(3);
  }
  if (Status status = update->Run(); !status.ok()) return status.error();

  std::string detail = "reason=wrong_password failures=" + std::to_string(failures);
  if (locked_until) {
    detail += " locked_until=" + *locked_until;
    spdlog::warn("auth: user {} locked until {} after {} failed passwords", user.id, *locked_until, failures);
  }
  return detail;
}

Status ClearFailures(store::Database& db, std::int64_t id) {
  Result<store::Statement> update =
      db.Prepare("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?1");
  if (!update.ok()) return update.error();
  update->Bind(1, id);
  return update->Run();
}

store::Actor ActorOf(const User& user) { return {user.username, user.roles.ToString(), "administration"}; }

}  // namespace

Result<User> Accounts::Authenticate(std::string_view username, std::string_view password) {
  const Error failed = MakeError(ErrorCode::kPermissionDenied, "auth.login.failed",
                                 std::chrono::duration_cast<std::chrono::minutes>(policy_.lockout).count());
  store::Database& db = store_.database();

  // Step 1: one Argon2id verification, outside the write transaction so the lock is not
  // held for it. An unknown or malformed name is verified against a dummy hash.
  const std::string name = LowerAscii(username);
  std::optional<StoredAccount> account;
  if (IsValidAccountName(name)) {
    Result<std::optional<StoredAccount>> read = ReadAccount(db, "username", name, 0);
    if (!read.ok()) return read.error();
    account = std::move(read).value();
  }
  const std::string verified_hash = account ? account->password_hash : DummyHash(policy_.hash_cost);
  bool password_ok = VerifyOnce(verified_hash, password);

  // Step 2: decide on the account as it is now (another process may have counted a failure
  // in the meantime), and record the attempt in the same transaction.
  Result<store::Transaction> transaction = store::Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();
  if (account) {
    Result<std::optional<StoredAccount>> current = ReadAccount(db, "id", {}, account->user.id);
    if (!current.ok()) return current.error();
    account = std::move(current).value();
    // A password reset since step 1 makes the verification stale.
    if (account && account->password_hash != verified_hash) password_ok = false;
  }
  if (!account) {
    // The typed name is not logged: people type their password in the name field.
    const store::Actor unknown_actor{"-", "", "administration"};
    if (Status status = LogAdministration(store_, unknown_actor, "login", "user", "-", "denied", "reason=unknown_user");
        !status.ok()) {
      return status.error();
    }
    if (Status status = transaction->Commit(); !status.ok()) return status.error();
    return failed;
  }

  User& user = account->user;
  const std::string now = store_.Now();
  std::string detail;
  if (user.disabled) {
    detail = "reason=disabled";
  } else if (IsLocked(user, now)) {
    detail = "reason=locked";
  } else if (!password_ok) {
    Result<std::string> recorded = RecordFailure(db, user, policy_, now);
    if (!recorded.ok()) return recorded.error();
    detail = std::move(recorded).value();
  } else {
    if (Status status = ClearFailures(db, user.id); !status.ok()) return status.error();
  }
  const char* outcome = detail.empty() ? "ok" : "denied";
  if (Status status = LogAdministration(store_, ActorOf(user), "login", "user", std::to_string(user.id), outcome,
                                        detail);
      !status.ok()) {
    return status.error();
  }
  if (Status status = transaction->Commit(); !status.ok()) return status.error();
  if (!detail.empty()) {
    spdlog::info("auth: login of user {} denied ({})", user.id, detail);
    return failed;
  }
  user.failed_logins = 0;
  user.locked_until.reset();
  return user;
}

Status Accounts::ChangePassword(std::int64_t id, std::string_view current, std::string_view new_password) {
  store::Database& db = store_.database();
  Result<std::optional<StoredAccount>> read = ReadAccount(db, "id", {}, id);
  if (!read.ok()) return read.error();
  if (!*read) return MakeError(ErrorCode::kNotFound, "auth.user.not_found", id);
  const StoredAccount& account = **read;
  if (account.user.disabled) return MakeError(ErrorCode::kPermissionDenied, "auth.user.disabled");
  if (Status status = CheckPasswordRule(new_password); !status.ok()) return status;

  // Step 1: the current password. A wrong one counts as a failed login, so a stolen session
  // cannot be used to guess the password past the lockout. While the account is locked the
  // change is rejected whatever the password, so the error gives a guesser no information.
  const bool current_ok = VerifyOnce(account.password_hash, current);
  if (!current_ok || IsLocked(account.user, store_.Now())) {
    Result<store::Transaction> transaction = store::Transaction::Begin(db);
    if (!transaction.ok()) return transaction.error();
    Result<std::optional<StoredAccount>> reread = ReadAccount(db, "id", {}, id);
    if (!reread.ok()) return reread.error();
    if (!*reread) return MakeError(ErrorCode::kNotFound, "auth.user.not_found", id);
    const User& user = (*reread)->user;
    const std::string now = store_.Now();
    const bool locked = IsLocked(user, now);
    std::string detail = "reason=locked";
    if (!locked) {
      Result<std::string> recorded = RecordFailure(db, user, policy_, now);
      if (!recorded.ok()) return recorded.error();
      detail = std::move(recorded).value();
    }
    if (Status status =
            LogAdministration(store_, ActorOf(user), "password_change", "user", std::to_string(id), "denied", detail);
        !status.ok()) {
      return status;
    }
    if (Status status = transaction->Commit(); !status.ok()) return status;
    if (locked) return MakeError(ErrorCode::kPermissionDenied, "auth.password.locked", user.locked_until.value_or(""));
    return MakeError(ErrorCode::kPermissionDenied, "auth.password.wrong_current");
  }
  if (current == new_password) return MakeError(ErrorCode::kInvalidArgument, "auth.password.unchanged");

  // Step 2: the new hash outside the transaction, then the row, the end of every session
  // and the log entry together.
  Result<std::string> hash = HashPassword(new_password, policy_.hash_cost);
  if (!hash.ok()) return hash.error();
  Result<store::Transaction> transaction = store::Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();
  // The row changes only when no reset or disable happened since step 1.
  // NOTE: no test reaches the conflict below or the stale-hash check in Authenticate, because
  // both need another writer between the two steps of one call.
  Result<store::Statement> update = db.Prepare(
      "UPDATE users SET password_hash = ?2, password_changed_at = ?3, failed_logins = 0, locked_until = NULL "
      "WHERE id = ?1 AND password_hash = ?4 AND disabled = 0");
  if (!update.ok()) return update.error();
  update->Bind(1, id).BindText(2, *hash).BindText(3, store_.Now()).BindText(4, account.password_hash);
  if (Status status = update->Run(); !status.ok()) return status;
  if (db.Changes() == 0) return MakeError(ErrorCode::kConflict, "auth.password.conflict");
  if (Status status = DeleteSessionsOfUser(db, id); !status.ok()) return status;
  if (Status status =
          LogAdministration(store_, ActorOf(account.user), "password_change", "user", std::to_string(id), "ok", "");
      !status.ok()) {
    return status;
  }
  if (Status status = transaction->Commit(); !status.ok()) return status;
  spdlog::info("auth: user {} changed their password", id);
  return Status::Ok();
}

}  // namespace adempauze::auth
