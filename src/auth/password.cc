// The password rule and Argon2id hashing (libsodium crypto_pwhash).
#include <sodium.h>

#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "adempauze/auth/auth.h"
#include "adempauze/crypto/keys.h"
#include "auth/password_internal.h"

namespace adempauze::auth {
namespace {

constexpr std::size_t kMinPasswordCodePoints = 12;

// Counts UTF-8 code points: every byte that is not a continuation byte (10xxxxxx) starts
// one. A malformed sequence still counts each of its lead bytes.
std::size_t CountCodePoints(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace

Status CheckPasswordRule(std::string_view password) {
  if (password.size() > kMaxPasswordBytes) {
    return MakeError(ErrorCode::kInvalidArgument, "auth.password.too_long", password.size(), kMaxPasswordBytes);
  }
  const std::size_t code_points = CountCodePoints(password);
  if (code_points < kMinPasswordCodePoints) {
    return MakeError(ErrorCode::kInvalidArgument, "auth.password.too_short", code_points, kMinPasswordCodePoints);
  }
  return Status::Ok();
}

PasswordHashCost InteractiveHashCost() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordHashCost MinimumHashCost() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

Result<std::string> HashPassword(std::string_view password) { return HashPassword(password, InteractiveHashCost()); }

Result<std::string> HashPassword(std::string_view password, PasswordHashCost cost) {
  if (Status started = crypto::InitializeSodium(); !started.ok()) return started.error();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(), cost.operations, cost.memory_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return MakeError(ErrorCode::kInternal, "auth.password.hash_failed");
  }
  return std::string(hash);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  if (!crypto::InitializeSodium().ok()) return false;
  // crypto_pwhash_str_verify reads a NUL-terminated string, and a hash of another algorithm
  // (Argon2i) would be accepted by it, so the prefix is checked first.
  if (hash.size() >= crypto_pwhash_STRBYTES || hash.rfind(crypto_pwhash_argon2id_STRPREFIX, 0) != 0) return false;
  const std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

std::string DummyHash(PasswordHashCost cost) {
  // One hash per cost and process, made on first use from a random password that is discarded.
  static std::mutex mutex;
  static std::map<std::pair<unsigned long long, std::size_t>, std::string> hashes;
  std::lock_guard<std::mutex> lock(mutex);
  std::string& hash = hashes[{cost.operations, cost.memory_bytes}];
  if (hash.empty()) {
    unsigned char secret[32];
    if (crypto::InitializeSodium().ok()) randombytes_buf(secret, sizeof secret);
    Result<std::string> made =
        HashPassword(std::string_view(reinterpret_cast<const char*>(secret), sizeof secret), cost);
    sodium_memzero(secret, sizeof secret);
    // Without memory for a hash the verification fails fast, and the login fails either way.
    if (made.ok()) hash = std::move(made).value();
  }
  return hash;
}

}  // namespace adempauze::auth
