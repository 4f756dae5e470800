// API tokens of other applications, stored under a keyed hash of their secret.
#include <spdlog/spdlog.h>

#include "adempauze/auth/auth.h"
#include "auth/account_rows.h"
#include "auth/secrets.h"

namespace adempauze::auth {
namespace {

constexpr std::string_view kSecretPrefix = "adp_";
constexpr std::size_t kSecretBytes = 32;

constexpr std::string_view kTokenColumns = "id, name, role, created_at, created_by, revoked_at";

Result<ApiToken> TokenFromRow(const store::Statement& row) {
  ApiToken token;
  token.id = row.ColumnInt(0);
  token.name = row.ColumnText(1);
  std::optional<Role> role = ParseRole(row.ColumnText(2));
  if (!role) return MakeError(ErrorCode::kCorrupt, "auth.token.stored_invalid", token.id);
  token.role = *role;
  token.created_at = row.ColumnText(3);
  token.created_by = row.ColumnText(4);
  if (!row.ColumnIsNull(5)) token.revoked_at = row.ColumnText(5);
  return token;
}

}  // namespace

Result<std::string> ApiTokens::Create(std::string_view name, Role role, const store::Actor& by) {
  const std::string lower = LowerAscii(name);
  if (!IsValidAccountName(lower)) return MakeError(ErrorCode::kInvalidArgument, "auth.token.bad_name", name);
  Result<std::string> random = RandomHex(kSecretBytes);
  if (!random.ok()) return random.error();
  std::string secret = std::string(kSecretPrefix) + *random;

  store::Database& db = store_.database();
  Result<store::Transaction> transaction = store::Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();
  Result<store::Statement> existing = db.Prepare("SELECT count(*) FROM api_tokens WHERE name = ?1");
  if (!existing.ok()) return existing.error();
  existing->BindText(1, lower);
  if (Result<bool> row = existing->Step(); !row.ok()) return row.error();
  if (existing->ColumnInt(0) > 0) return MakeError(ErrorCode::kAlreadyExists, "auth.token.exists", lower);

  Result<store::Statement> insert = db.Prepare(
      "INSERT INTO api_tokens (name, token_hash, role, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!insert.ok()) return insert.error();
  insert->BindText(1, lower)
      .BindText(2, HashSecret(store_.keys(), SecretKind::kApiToken, secret))
      .BindText(3, RoleId(role))
      .BindText(4, store_.Now())
      .BindText(5, by.name);
  if (Status status = insert->Run(); !status.ok()) return status.error();
  Result<std::int64_t> id = store::QueryInt(db, "SELECT last_insert_rowid()");
  if (!id.ok()) return id.error();
  if (Status status = LogAdministration(store_, by, "token_create", "api_token", std::to_string(*id), "ok",
                                        "role=" + std::string(RoleId(role)));
      !status.ok()) {
    return status.error();
  }
  if (Status status = transaction->Commit(); !status.ok()) return status.error();
  spdlog::info("auth: API token {} created", *id);
  return secret;
}

Result<std::optional<ApiToken>> ApiTokens::Resolve(std::string_view secret) {
  Result<std::optional<ApiToken>> token = Identify(secret);
  if (!token.ok() || !token->has_value() || !(*token)->revoked_at) return token;
  return std::optional<ApiToken>();
}

Result<std::optional<ApiToken>> ApiTokens::Identify(std::string_view secret) {
  if (secret.substr(0, kSecretPrefix.size()) != kSecretPrefix ||
      !IsLowerHex(secret.substr(kSecretPrefix.size()), 2 * kSecretBytes)) {
    return std::optional<ApiToken>();
  }
  const std::string token_hash = HashSecret(store_.keys(), SecretKind::kApiToken, secret);
  Result<store::Statement> query = store_.database().Prepare(
      "SELECT " + std::string(kTokenColumns) + ", token_hash FROM api_tokens WHERE token_hash = ?1");
  if (!query.ok()) return query.error();
  query->BindText(1, token_hash);
  Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  if (!*row || !ConstantTimeEqual(query->ColumnText(6), token_hash)) return std::optional<ApiToken>();
  Result<ApiToken> token = TokenFromRow(*query);
  if (!token.ok()) return token.error();
  return std::optional<ApiToken>(std::move(token).value());
}

Status ApiTokens::Revoke(std::string_view name, const store::Actor& by) {
  const std::string lower = LowerAscii(name);
  store::Database& db = store_.database();
  Result<store::Transaction> transaction = store::Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();
  Result<store::Statement> query = db.Prepare("SELECT id, revoked_at FROM api_tokens WHERE name = ?1");
  if (!query.ok()) return query.error();
  query->BindText(1, lower);
  Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  if (!*row) return MakeError(ErrorCode::kNotFound, "auth.token.not_found", name);
  const std::int64_t id = query->ColumnInt(0);
  if (!query->ColumnIsNull(1)) {
    return MakeError(ErrorCode::kFailedPrecondition, "auth.token.already_revoked", lower, query->ColumnText(1));
  }
  query->Reset();

  Result<store::Statement> update = db.Prepare("UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1");
  if (!update.ok()) return update.error();
  update->Bind(1, id).BindText(2, store_.Now());
  if (Status status = update->Run(); !status.ok()) return status;
  if (Status status = LogAdministration(store_, by, "token_revoke", "api_token", std::to_string(id), "ok", "");
      !status.ok()) {
    return status;
  }
  if (Status status = transaction->Commit(); !status.ok()) return status;
  spdlog::info("auth: API token {} revoked", id);
  return Status::Ok();
}

Result<std::vector<ApiToken>> ApiTokens::List() {
  Result<store::Statement> query =
      store_.database().Prepare("SELECT " + std::string(kTokenColumns) + " FROM api_tokens ORDER BY name");
  if (!query.ok()) return query.error();
  std::vector<ApiToken> tokens;
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    Result<ApiToken> token = TokenFromRow(*query);
    if (!token.ok()) return token.error();
    tokens.push_back(std::move(token).value());
  }
  return tokens;
}

}  // namespace adempauze::auth
