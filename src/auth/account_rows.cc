#include "auth/account_rows.h"

namespace adempauze::auth {

Result<User> UserFromRow(const store::Statement& row) {
  User user;
  user.id = row.ColumnInt(0);
  user.username = row.ColumnText(1);
  user.display_name = row.ColumnText(2);
  Result<RoleSet> roles = RoleSet::Parse(row.ColumnText(3));
  if (!roles.ok()) return MakeError(ErrorCode::kCorrupt, "auth.user.stored_invalid", user.id);
  user.roles = *roles;
  user.disabled = row.ColumnInt(4) != 0;
  user.failed_logins = static_cast<int>(row.ColumnInt(5));
  if (!row.ColumnIsNull(6)) user.locked_until = row.ColumnText(6);
  user.created_at = row.ColumnText(7);
  return user;
}

std::string LowerAscii(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

std::string NormalizeAccountName(std::string_view name) { return LowerAscii(name); }

bool IsValidAccountName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                         c == '-' || c == '_';
    if (!allowed) return false;
  }
  return true;
}

Status LogAdministration(store::Store& store, const store::Actor& by, std::string_view action,
                         std::string_view object_type, std::string_view object_id, std::string_view outcome,
                         std::string detail) {
  store::AccessEntry entry;
  entry.actor = by.name;
  entry.role = by.role;
  entry.action = action;
  entry.object_type = object_type;
  entry.object_id = object_id;
  entry.purpose = "administration";
  entry.outcome = outcome;
  entry.detail = std::move(detail);
  Result<std::int64_t> appended = store.access_log().Append(std::move(entry));
  if (!appended.ok()) return appended.error();
  return Status::Ok();
}

Status DeleteSessionsOfUser(store::Database& db, std::int64_t user_id) {
  Result<store::Statement> erase = db.Prepare("DELETE FROM sessions WHERE user_id = ?1");
  if (!erase.ok()) return erase.error();
  erase->Bind(1, user_id);
  return erase->Run();
}

}  // namespace adempauze::auth
