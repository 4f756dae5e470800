// Accounts of the web application: roles, Argon2id password hashes, sessions kept in the
// database (so several server processes share them), login lockout, and API tokens of
// other applications. The tables are in schema version 4 (docs/formats/accounts.md).
//
// Every class here works on the database of one Store and is not thread-safe: the web
// server serialises its calls. Secrets (passwords, session ids, API tokens) are never stored
// or logged in clear: passwords as Argon2id strings, session ids and tokens as keyed BLAKE2b
// hashes.
#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adempauze/common/messages.h"
#include "adempauze/common/result.h"
#include "adempauze/store/store.h"

namespace adempauze::auth {

// The roles of DESIGN.md section 2. A user can hold several.
enum class Role {
  kDebtorTeam,        // debiteurenteam (city)
  kSocialWorker,      // maatschappelijk werker (OCMW)
  kReviewer,          // controleur (OCMW)
  kClientListKeeper,  // beheerder cliëntenlijst (OCMW)
  kOfficer,           // functionaris voor gegevensbescherming
  kAdministrator,     // beheerder
};

// Returns every role in the order above.
std::span<const Role> AllRoles();

// Returns the identifier stored and typed on the command line: "debtor_team",
// "social_worker", "reviewer", "client_list_keeper", "officer", "admin".
std::string_view RoleId(Role role);

// Parses an identifier as returned by RoleId. Returns nullopt otherwise.
std::optional<Role> ParseRole(std::string_view id);

// Returns the role's name in the user's language ("maatschappelijk werker").
std::string RoleLabel(Role role, Language language);

// A set of roles, stored as a comma-separated list of identifiers.
class RoleSet {
 public:
  RoleSet() = default;
  RoleSet(std::initializer_list<Role> roles);
  bool Has(Role role) const { return (bits_ & Bit(role)) != 0; }
  void Add(Role role) { bits_ |= Bit(role); }
  bool empty() const { return bits_ == 0; }
  // True when the two sets share a role.
  bool Intersects(RoleSet other) const { return (bits_ & other.bits_) != 0; }
  std::vector<Role> roles() const;
  // "debtor_team,officer"
  std::string ToString() const;
  // Parses a comma-separated list of identifiers. Returns kInvalidArgument
  // ("auth.role.unknown", arg 0: the identifier) for an unknown one.
  static Result<RoleSet> Parse(std::string_view text);
  bool operator==(const RoleSet&) const = default;

 private:
  static std::uint32_t Bit(Role role) { return 1u << static_cast<int>(role); }
  std::uint32_t bits_ = 0;
};

// The password rule: at least 12 characters (counted as UTF-8 code points), at most 256 bytes.
// Returns kInvalidArgument ("auth.password.too_short" / "auth.password.too_long").
Status CheckPasswordRule(std::string_view password);

// Returns an Argon2id hash string (libsodium crypto_pwhash_str, interactive limits).
// Returns kInternal when the hash cannot be computed (out of memory).
Result<std::string> HashPassword(std::string_view password);

// True when `password` matches `hash` as returned by HashPassword.
bool VerifyPassword(std::string_view hash, std::string_view password);

struct User {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  RoleSet roles;
  bool disabled = false;
  int failed_logins = 0;
  std::optional<std::string> locked_until;  // UTC timestamp as Store::Now() writes it
  std::string created_at;
};

struct LoginPolicy {
  int max_failures = 5;                               // failures in a row before a lockout
  std::chrono::seconds lockout = std::chrono::minutes(15);
};

// The users table. Every change is logged in the access log (object type "user", the user
// id as object id; never the password).
class Accounts {
 public:
  explicit Accounts(store::Store& store, LoginPolicy policy = {}) : store_(store), policy_(policy) {}

  // Adds an account. Returns kInvalidArgument for an empty or malformed username
  // ("auth.user.bad_name": letters, digits, '.', '-', '_', 1..64), a broken password rule or
  // no roles ("auth.user.no_roles"); kAlreadyExists ("auth.user.exists") for a taken name.
  Result<std::int64_t> AddUser(std::string_view username, std::string_view display_name,
                               std::string_view password, RoleSet roles, const store::Actor& by);

  // Returns kNotFound ("auth.user.not_found", arg 0: the name or id).
  Result<User> FindUser(std::string_view username);
  Result<User> GetUser(std::int64_t id);
  Result<std::vector<User>> ListUsers();

  Status SetRoles(std::int64_t id, RoleSet roles, const store::Actor& by);
  // A disabled user cannot log in, and their sessions end.
  Status SetDisabled(std::int64_t id, bool disabled, const store::Actor& by);
  // Sets a new password without the old one (administrator reset) and clears a lockout.
  Status ResetPassword(std::int64_t id, std::string_view new_password, const store::Actor& by);
  // The user's own change: returns kPermissionDenied ("auth.password.wrong_current") when
  // `current` is wrong. Ends the user's other sessions.
  Status ChangePassword(std::int64_t id, std::string_view current, std::string_view new_password);

  // Checks a login. Unknown user, wrong password and disabled account all return the same
  // kPermissionDenied ("auth.login.failed"), so the answer does not reveal which names
  // exist; a locked account returns kPermissionDenied ("auth.login.locked", arg 0: minutes
  // left) even with the right password. After policy.max_failures failures in a row the
  // account locks for policy.lockout. Each attempt is logged (action "login", outcome "ok"
  // or "denied").
  Result<User> Authenticate(std::string_view username, std::string_view password);

 private:
  store::Store& store_;
  LoginPolicy policy_;
};

struct SessionPolicy {
  std::chrono::seconds idle = std::chrono::minutes(30);     // ends after this long unused
  std::chrono::seconds absolute = std::chrono::hours(10);   // ends this long after login
};

struct Session {
  std::string token;  // the cookie value: set by Create only, empty when resolved
  std::int64_t user_id = 0;
  std::string csrf_token;  // 32 random bytes as hex, compared in constant time by the caller
  std::string language;    // "nl" or "en"
  std::string created_at;
  std::string last_seen_at;
};

// Sessions in the database. A session id is 32 random bytes (64 hex digits); the table
// holds only its keyed hash, so a copy of the database gives no usable session.
class Sessions {
 public:
  explicit Sessions(store::Store& store, SessionPolicy policy = {}) : store_(store), policy_(policy) {}

  Result<Session> Create(std::int64_t user_id, std::string_view language);

  // Returns the live session of `token`, after updating its last use, or nullopt when the
  // token is unknown, idle or past its absolute lifetime (such a session is deleted).
  Result<std::optional<Session>> Resolve(std::string_view token);

  Status SetLanguage(std::string_view token, std::string_view language);
  Status Destroy(std::string_view token);
  Status DestroyAllForUser(std::int64_t user_id);
  // Deletes every expired session; returns how many.
  Result<std::int64_t> DeleteExpired();

 private:
  store::Store& store_;
  SessionPolicy policy_;
};

struct ApiToken {
  std::int64_t id = 0;
  std::string name;  // the application, "financien"
  Role role = Role::kDebtorTeam;
  std::string created_at;
  std::string created_by;
  std::optional<std::string> revoked_at;
};

// API tokens of other applications, one per application, scoped to one role.
class ApiTokens {
 public:
  explicit ApiTokens(store::Store& store) : store_(store) {}

  // Creates a token and returns its secret ("adp_" + 64 hex digits): shown once, stored
  // only as a keyed hash. Returns kAlreadyExists ("auth.token.exists") for a taken name.
  Result<std::string> Create(std::string_view name, Role role, const store::Actor& by);

  // Returns the token of `secret`, or nullopt when it is unknown or revoked.
  Result<std::optional<ApiToken>> Resolve(std::string_view secret);

  // Returns kNotFound ("auth.token.not_found") for an unknown name.
  Status Revoke(std::string_view name, const store::Actor& by);
  Result<std::vector<ApiToken>> List();

 private:
  store::Store& store_;
};

}  // namespace adempauze::auth
