// Reading and changing rows of the users table, and the access-log entries of the auth
// module; shared by the files of the auth module.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "adempauze/auth/auth.h"
#include "adempauze/store/store.h"

namespace adempauze::auth {

// The columns UserFromRow reads, in its order.
inline constexpr std::string_view kUserColumns =
    "id, username, display_name, roles, disabled, failed_logins, locked_until, created_at";

// Reads a user from `row`, whose first columns are kUserColumns. Returns kCorrupt
// ("auth.user.stored_invalid") when the stored roles cannot be parsed.
Result<User> UserFromRow(const store::Statement& row);

// Returns `text` with ASCII letters in lower case.
std::string LowerAscii(std::string_view text);

// True for 1..64 ASCII letters, digits, '.', '-' and '_': the rule for user names and
// API token names.
bool IsValidAccountName(std::string_view name);

// Appends an access-log entry with purpose "administration".
// REQUIRES: a transaction is open on the store's database.
Status LogAdministration(store::Store& store, const store::Actor& by, std::string_view action,
                         std::string_view object_type, std::string_view object_id, std::string_view outcome,
                         std::string detail);

// Deletes every session of `user_id`. REQUIRES: a transaction is open.
Status DeleteSessionsOfUser(store::Database& db, std::int64_t user_id);

}  // namespace adempauze::auth
