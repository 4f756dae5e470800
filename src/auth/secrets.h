// Random secrets (session ids, CSRF tokens, API token secrets) and the keyed hashes under
// which the database stores them (docs/formats/accounts.md, "Hashing secrets").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "adempauze/common/result.h"
#include "adempauze/crypto/keys.h"

namespace adempauze::auth {

// The sub-keys derived from the log key, one per kind of secret, so a hash of a session id
// can never be replayed as the hash of an API token.
enum class SecretKind { kSessionId = 1, kApiToken = 2 };

// Returns `bytes` random bytes from randombytes_buf as lowercase hex (2 * bytes digits).
// Returns kCrypto when libsodium cannot start.
Result<std::string> RandomHex(std::size_t bytes);

// Returns the 32-byte BLAKE2b hash of `secret` keyed with the sub-key of `kind`, as 64
// lowercase hex digits.
std::string HashSecret(const crypto::KeySet& keys, SecretKind kind, std::string_view secret);

// True when the two strings are equal, compared with sodium_memcmp so the time does not
// depend on where they differ. Strings of different length are unequal.
bool ConstantTimeEqual(std::string_view a, std::string_view b);

// True when `text` is exactly `digits` lowercase hex digits.
bool IsLowerHex(std::string_view text, std::size_t digits);

}  // namespace adempauze::auth
