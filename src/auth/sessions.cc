// Sessions of the web application, kept in the database under a keyed hash of their id.
#include <chrono>

#include "adempauze/auth/auth.h"
#include "auth/account_rows.h"
#include "auth/secrets.h"
#include "auth/timestamp.h"

namespace adempauze::auth {
namespace {

constexpr std::size_t kSessionIdBytes = 32;
constexpr std::size_t kCsrfTokenBytes = 32;

std::string_view StoredLanguage(std::string_view language) {
  return ParseLanguage(language) == Language::kEnglish ? "en" : "nl";
}

// How often a live session's last use is written.
constexpr std::chrono::seconds kTouchInterval{30};

// True when the session has been unused for `idle` or started `absolute` ago, or when one
// of its times cannot be parsed.
bool IsExpired(const Session& session, std::string_view now, const SessionPolicy& policy) {
  std::optional<TimePoint> at = ParseTimestamp(now);
  std::optional<TimePoint> created = ParseTimestamp(session.created_at);
  std::optional<TimePoint> last_seen = ParseTimestamp(session.last_seen_at);
  if (!at || !created || !last_seen) return true;
  return *at - *last_seen >= policy.idle || *at - *created >= policy.absolute;
}

Status DeleteSession(store::Database& db, const std::string& id_hash) {
  Result<store::Transaction> transaction = store::Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();
  Result<store::Statement> erase = db.Prepare("DELETE FROM sessions WHERE id_hash = ?1");
  if (!erase.ok()) return erase.error();
  erase->BindText(1, id_hash);
  if (Status status = erase->Run(); !status.ok()) return status;
  return transaction->Commit();
}

// Stores `now` as the session's last use. Returns false when the session was deleted in
// the meantime (a logout in another process).
Result<bool> Touch(store::Database& db, const std::string& id_hash, const std::string& now) {
  Result<store::Transaction> transaction = store::Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();
  Result<store::Statement> update = db.Prepare("UPDATE sessions SET last_seen_at = ?2 WHERE id_hash = ?1");
  if (!update.ok()) return update.error();
  update->BindText(1, id_hash).BindText(2, now);
  if (Status status = update->Run(); !status.ok()) return status.error();
  const bool found = db.Changes() > 0;
  if (Status status = transaction->Commit(); !status.ok()) return status.error();
  return found;
}

}  // namespace

Result<Session> Sessions::Create(std::int64_t user_id, std::string_view language) {
  Result<std::string> token = RandomHex(kSessionIdBytes);
  if (!token.ok()) return token.error();
  Result<std::string> csrf = RandomHex(kCsrfTokenBytes);
  if (!csrf.ok()) return csrf.error();

  store::Database& db = store_.database();
  Result<store::Transaction> transaction = store::Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();
  Result<store::Statement> user = db.Prepare("SELECT disabled FROM users WHERE id = ?1");
  if (!user.ok()) return user.error();
  user->Bind(1, user_id);
  Result<bool> found = user->Step();
  if (!found.ok()) return found.error();
  if (!*found) return MakeError(ErrorCode::kNotFound, "auth.user.not_found", user_id);
  if (user->ColumnInt(0) != 0) return MakeError(ErrorCode::kPermissionDenied, "auth.user.disabled");

  Session session;
  session.token = std::move(token).value();
  session.user_id = user_id;
  session.csrf_token = std::move(csrf).value();
  session.language = StoredLanguage(language);
  session.created_at = store_.Now();
  session.last_seen_at = session.created_at;
  Result<store::Statement> insert = db.Prepare(
      "INSERT INTO sessions (id_hash, user_id, csrf_token, language, created_at, last_seen_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?5)");
  if (!insert.ok()) return insert.error();
  insert->BindText(1, HashSecret(store_.keys(), SecretKind::kSessionId, session.token))
      .Bind(2, user_id)
      .BindText(3, session.csrf_token)
      .BindText(4, session.language)
      .BindText(5, session.created_at);
  if (Status status = insert->Run(); !status.ok()) return status.error();
  if (Status status = transaction->Commit(); !status.ok()) return status.error();
  return session;
}

Result<std::optional<Session>> Sessions::Resolve(std::string_view token) {
  if (!IsLowerHex(token, 2 * kSessionIdBytes)) return std::optional<Session>();
  const std::string id_hash = HashSecret(store_.keys(), SecretKind::kSessionId, token);

  // Step 1: read the session with its user's state.
  store::Database& db = store_.database();
  Result<store::Statement> query = db.Prepare(
      "SELECT s.id_hash, s.user_id, s.csrf_token, s.language, s.created_at, s.last_seen_at, u.disabled "
      "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?1");
  if (!query.ok()) return query.error();
  query->BindText(1, id_hash);
  Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  // The index lookup already matched the hash. The constant-time comparison keeps the
  // final decision independent of how SQLite compares strings.
  if (!*row || !ConstantTimeEqual(query->ColumnText(0), id_hash)) return std::optional<Session>();
  Session session;
  session.user_id = query->ColumnInt(1);
  session.csrf_token = query->ColumnText(2);
  session.language = query->ColumnText(3);
  session.created_at = query->ColumnText(4);
  session.last_seen_at = query->ColumnText(5);
  const bool disabled = query->ColumnInt(6) != 0;
  query->Reset();

  // Step 2: an expired session, or one of a disabled user, is deleted.
  const std::string now = store_.Now();
  if (disabled || IsExpired(session, now, policy_)) {
    if (Status status = DeleteSession(db, id_hash); !status.ok()) return status.error();
    return std::optional<Session>();
  }

  // Step 3: a live session records its use, at most once per kTouchInterval, so a burst of
  // requests does not take the write lock for each one. Idle expiry is that much coarser.
  std::optional<TimePoint> last_seen = ParseTimestamp(session.last_seen_at);
  std::optional<TimePoint> at = ParseTimestamp(now);
  if (last_seen && at && *at - *last_seen < kTouchInterval) return std::optional<Session>(std::move(session));
  Result<bool> touched = Touch(db, id_hash, now);
  if (!touched.ok()) return touched.error();
  if (!*touched) return std::optional<Session>();
  session.last_seen_at = now;
  return std::optional<Session>(std::move(session));
}

Status Sessions::SetLanguage(std::string_view token, std::string_view language) {
  if (!IsLowerHex(token, 2 * kSessionIdBytes)) return MakeError(ErrorCode::kNotFound, "auth.session.not_found");
  store::Database& db = store_.database();
  Result<store::Transaction> transaction = store::Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();
  Result<store::Statement> update = db.Prepare("UPDATE sessions SET language = ?2 WHERE id_hash = ?1");
  if (!update.ok()) return update.error();
  update->BindText(1, HashSecret(store_.keys(), SecretKind::kSessionId, token)).BindText(2, StoredLanguage(language));
  if (Status status = update->Run(); !status.ok()) return status;
  if (db.Changes() == 0) return MakeError(ErrorCode::kNotFound, "auth.session.not_found");
  return transaction->Commit();
}

Status Sessions::Destroy(std::string_view token) {
  if (!IsLowerHex(token, 2 * kSessionIdBytes)) return Status::Ok();
  return DeleteSession(store_.database(), HashSecret(store_.keys(), SecretKind::kSessionId, token));
}

Status Sessions::DestroyAllForUser(std::int64_t user_id) {
  store::Database& db = store_.database();
  Result<store::Transaction> transaction = store::Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();
  if (Status status = DeleteSessionsOfUser(db, user_id); !status.ok()) return status;
  return transaction->Commit();
}

Result<std::int64_t> Sessions::DeleteExpired() {
  // Timestamps of one format compare in time order as strings, so SQLite can compare them.
  const std::string now = store_.Now();
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  std::optional<std::string> idle_cutoff = AddToTimestamp(now, -duration_cast<milliseconds>(policy_.idle));
  std::optional<std::string> absolute_cutoff = AddToTimestamp(now, -duration_cast<milliseconds>(policy_.absolute));
  if (!idle_cutoff || !absolute_cutoff) {
    return MakeError(ErrorCode::kInternal, "common.error.internal", "the clock returned an invalid timestamp");
  }

  store::Database& db = store_.database();
  Result<store::Transaction> transaction = store::Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();
  Result<store::Statement> erase =
      db.Prepare("DELETE FROM sessions WHERE last_seen_at <= ?1 OR created_at <= ?2");
  if (!erase.ok()) return erase.error();
  erase->BindText(1, *idle_cutoff).BindText(2, *absolute_cutoff);
  if (Status status = erase->Run(); !status.ok()) return status.error();
  const std::int64_t deleted = db.Changes();
  if (Status status = transaction->Commit(); !status.ok()) return status.error();
  return deleted;
}

}  // namespace adempauze::auth
