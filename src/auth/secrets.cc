#include "auth/secrets.h"

#include <sodium.h>

#include "adempauze/crypto/field_cipher.h"

namespace adempauze::auth {
namespace {

// crypto_kdf context of the auth sub-keys: exactly crypto_kdf_CONTEXTBYTES (8) characters.
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "adp-auth";

static_assert(crypto_kdf_KEYBYTES == crypto::kKeyBytes, "the log key is a crypto_kdf master key");

}  // namespace

Result<std::string> RandomHex(std::size_t bytes) {
  if (Status started = crypto::InitializeSodium(); !started.ok()) return started.error();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex = crypto::ToHex(raw);
  sodium_memzero(raw.data(), raw.size());
  return hex;
}

std::string HashSecret(const crypto::KeySet& keys, SecretKind kind, std::string_view secret) {
  // The log key is the master key: it is never rotated and survives crypto-shredding, so
  // sessions and API tokens stay valid through key rotation and retention.
  unsigned char subkey[crypto_generichash_KEYBYTES];
  crypto_kdf_derive_from_key(subkey, sizeof subkey, static_cast<std::uint64_t>(kind), kKdfContext, keys.log_key());

  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(secret.data()), secret.size(),
                     subkey, sizeof subkey);
  sodium_memzero(subkey, sizeof subkey);
  return crypto::ToHex(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool IsLowerHex(std::string_view text, std::size_t digits) {
  if (text.size() != digits) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace adempauze::auth
