// Accounts of the web application: roles, Argon2id password hashes, sessions kept in the
// database (so several server processes share them), login lockout, and API tokens of
// other applications. The tables are in schema version 4 (docs/formats/accounts.md).
//
// Every class here works on the database of one Store and is not thread-safe: the web
// server serialises its calls. Secrets (passwords, session ids, API tokens) are never stored
// or logged in clear: passwords as Argon2id strings, session ids and tokens as BLAKE2b
// hashes keyed with sub-keys of the store's log key.
#pragma once

#include <chrono>
#include <cstddef>
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

// The Argon2id cost of a new password hash. The limits are written into the hash string,
// so VerifyPassword checks a hash with the cost it was made with.
struct PasswordHashCost {
  unsigned long long operations = 0;  // crypto_pwhash opslimit (passes over memory)
  std::size_t memory_bytes = 0;       // crypto_pwhash memlimit
};

// libsodium's interactive limits: 2 passes over 64 MiB. One hash takes an estimated 0.1 to
// 0.5 s, depending on the machine.
PasswordHashCost InteractiveHashCost();

// TEST ONLY: libsodium's minimum limits (1 pass over 8 KiB), so a test can hash many
// passwords quickly. Such a hash gives no protection against guessing.
PasswordHashCost MinimumHashCost();

// Returns an Argon2id hash string (libsodium crypto_pwhash_str_alg, interactive limits).
// Returns kInternal ("auth.password.hash_failed") when the hash cannot be computed (out
// of memory).
Result<std::string> HashPassword(std::string_view password);
Result<std::string> HashPassword(std::string_view password, PasswordHashCost cost);

// True when `password` matches `hash` as returned by HashPassword. False for a hash that
// is not an Argon2id string.
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

// True when `user` is locked out at `now` (a Store::Now() timestamp). A lockout whose end
// cannot be parsed counts as locked.
bool IsLocked(const User& user, std::string_view now);

struct LoginPolicy {
  int max_failures = 5;                               // failures in a row before a lockout
  std::chrono::seconds lockout = std::chrono::minutes(15);
  // Cost of the hashes that Accounts writes. Tests may lower it to MinimumHashCost().
  PasswordHashCost hash_cost = InteractiveHashCost();
};

// Returns a user or API token name as Accounts and ApiTokens store it, with ASCII letters
// in lower case.
std::string NormalizeAccountName(std::string_view name);

// The users table. Every change is logged in the access log (object type "user", the user
// id as object id, purpose "administration"; never the password). User names are
// case-insensitive: they are stored and looked up in lower case.
class Accounts {
 public:
  explicit Accounts(store::Store& store, LoginPolicy policy = {}) : store_(store), policy_(policy) {}

  // Adds an account and returns its id. An empty display name becomes the username.
  // Returns kInvalidArgument for a username that is not 1..64 ASCII letters, digits, '.',
  // '-' or '_' ("auth.user.bad_name"). Returns kInvalidArgument for a display name over 200
  // bytes or with control characters ("auth.user.bad_display_name"), a broken password
  // rule or no roles ("auth.user.no_roles"). Returns kAlreadyExists ("auth.user.exists")
  // for a taken name.
  Result<std::int64_t> AddUser(std::string_view username, std::string_view display_name,
                               std::string_view password, RoleSet roles, const store::Actor& by);

  // Returns kNotFound ("auth.user.not_found", arg 0: the name or id).
  Result<User> FindUser(std::string_view username);
  Result<User> GetUser(std::int64_t id);
  Result<std::vector<User>> ListUsers();

  // The four methods below return kNotFound ("auth.user.not_found") for an unknown id.
  //
  // Replaces the user's roles. Returns kInvalidArgument ("auth.user.no_roles") for an
  // empty set.
  Status SetRoles(std::int64_t id, RoleSet roles, const store::Actor& by);
  // A disabled user cannot log in, and their sessions end. Enabling also clears a lockout.
  Status SetDisabled(std::int64_t id, bool disabled, const store::Actor& by);
  // Sets a new password without the old one (administrator reset), clears a lockout and
  // ends the user's sessions.
  Status ResetPassword(std::int64_t id, std::string_view new_password, const store::Actor& by);
  // The user's own change. Ends all the user's sessions, the current one included, so the
  // caller creates a new session for the user afterwards. Returns kPermissionDenied:
  // - "auth.password.wrong_current" when `current` is wrong, which counts as a failed login
  //   towards the lockout,
  // - "auth.password.locked" (arg 0: the lockout's end) while the account is locked,
  //   whatever `current` is,
  // - "auth.user.disabled" for a disabled account.
  // Returns kInvalidArgument ("auth.password.unchanged") when the new password is the
  // current one, or for a broken password rule. Returns kConflict ("auth.password.conflict")
  // when the password was reset or the account disabled while the new hash was computed.
  Status ChangePassword(std::int64_t id, std::string_view current, std::string_view new_password);

  // Checks a login. Unknown user, wrong password, disabled account and locked account all
  // return the same kPermissionDenied ("auth.login.failed", arg 0: the lockout in
  // minutes), and each costs one Argon2id verification, so neither the error nor its
  // timing reveals which names exist. After policy.max_failures failures in a row the
  // account locks for policy.lockout. While it is locked even the right password fails,
  // and further attempts do not extend the lockout. Each attempt is logged (action
  // "login", outcome "ok" or "denied", the reason in the detail). Returns kConflict when
  // another process holds the database.
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

  // Starts a session for a user who has just logged in. `language` is stored as "en" when
  // ParseLanguage reads English, else "nl". Returns kNotFound ("auth.user.not_found") for
  // an unknown user and kPermissionDenied ("auth.user.disabled") for a disabled one.
  Result<Session> Create(std::int64_t user_id, std::string_view language);

  // Returns the live session of `token`, after updating its last use, or nullopt when the
  // token is malformed, unknown, idle, past its absolute lifetime or belongs to a disabled
  // user (such a session is deleted).
  Result<std::optional<Session>> Resolve(std::string_view token);

  // Returns kNotFound ("auth.session.not_found") when no session has `token`.
  Status SetLanguage(std::string_view token, std::string_view language);
  // Both succeed when there is nothing to delete.
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
  // only as a keyed hash. Names follow the username rule and are stored in lower case.
  // Returns kInvalidArgument ("auth.token.bad_name") for a malformed name and kAlreadyExists
  // ("auth.token.exists") for a taken name. A revoked token keeps its name, so the access
  // log and the API jobs stay attributable.
  Result<std::string> Create(std::string_view name, Role role, const store::Actor& by);

  // Returns the token of `secret`, or nullopt when it is malformed, unknown or revoked.
  Result<std::optional<ApiToken>> Resolve(std::string_view secret);

  // Returns the token of `secret` even when it is revoked (revoked_at is then set), or
  // nullopt when it is malformed or unknown. Only for attributing a refused call in the
  // access log: authentication uses Resolve.
  Result<std::optional<ApiToken>> Identify(std::string_view secret);

  // Returns kNotFound ("auth.token.not_found") for an unknown name and kFailedPrecondition
  // ("auth.token.already_revoked", arg 1: when) for a revoked token.
  Status Revoke(std::string_view name, const store::Actor& by);
  // Returns every token, revoked ones included, ordered by name.
  Result<std::vector<ApiToken>> List();

 private:
  store::Store& store_;
};

}  // namespace adempauze::auth
