// Field encryption, blind index and keyed hashes (docs/formats/database.md).
#include "adempauze/crypto/field_cipher.h"

#include <cstring>

#include <sodium.h>

namespace adempauze::crypto {
namespace {

constexpr unsigned char kSealedVersion1 = 0x01;  // no key tag; still read
constexpr unsigned char kSealedVersion = 0x02;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
static_assert(kSealedOverhead == 1 + kKeyTagBytes + kNonceBytes + kTagBytes);

// Additional data: "adempauze.field.v1", then table, column and the decimal row id, each
// followed by a NUL byte. Table and column names never contain NUL, so the encoding is
// unambiguous.
std::string AdditionalData(const FieldPlace& place) {
  std::string ad = "adempauze.field.v1";
  ad.push_back('\0');
  ad.append(place.table);
  ad.push_back('\0');
  ad.append(place.column);
  ad.push_back('\0');
  ad.append(std::to_string(place.row_id));
  ad.push_back('\0');
  return ad;
}

const auto* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

FieldCipher::~FieldCipher() { sodium_memzero(nonce_pool_.data(), nonce_pool_.size()); }

void FieldCipher::NextNonce(unsigned char* nonce) {
  if (nonce_pool_used_ + kNonceBytes > nonce_pool_.size()) {
    // A fresh 32-byte seed from the operating system expands into the next block of
    // nonces with ChaCha20 (randombytes_buf_deterministic). The kernel then produces 32
    // random bytes per 170 nonces instead of 24 per nonce, which made it a fifth of a bulk
    // import's time, and the nonces are still unpredictable and unique.
    unsigned char seed[randombytes_SEEDBYTES];
    randombytes_buf(seed, sizeof(seed));
    randombytes_buf_deterministic(nonce_pool_.data(), nonce_pool_.size(), seed);
    sodium_memzero(seed, sizeof(seed));
    nonce_pool_used_ = 0;
  }
  std::memcpy(nonce, nonce_pool_.data() + nonce_pool_used_, kNonceBytes);
  nonce_pool_used_ += kNonceBytes;
}

std::string FieldCipher::Seal(std::string_view plaintext, const FieldPlace& place) {
  const std::string ad = AdditionalData(place);
  std::string sealed(kSealedOverhead + plaintext.size(), '\0');
  auto* out = reinterpret_cast<unsigned char*>(sealed.data());
  out[0] = kSealedVersion;
  std::memcpy(out + 1, keys_.data_key_id().data(), kKeyTagBytes);
  unsigned char* nonce = out + 1 + kKeyTagBytes;
  NextNonce(nonce);
  unsigned long long cipher_length = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + kNonceBytes, &cipher_length,
                                             Bytes(plaintext), plaintext.size(), Bytes(ad),
                                             ad.size(), nullptr, nonce, keys_.data_key());
  return sealed;
}

bool FieldCipher::IsSealedWithCurrentKey(std::string_view sealed) const {
  return sealed.size() >= kSealedOverhead && static_cast<unsigned char>(sealed[0]) == kSealedVersion &&
         std::memcmp(sealed.data() + 1, keys_.data_key_id().data(), kKeyTagBytes) == 0;
}

Result<std::string> FieldCipher::Open(std::string_view sealed, const FieldPlace& place) const {
  auto failed = [&] {
    return MakeError(ErrorCode::kCrypto, "crypto.decrypt_failed", place.table, place.column,
                     place.row_id);
  };
  const std::size_t overhead_v1 = kSealedOverhead - kKeyTagBytes;
  if (sealed.size() < overhead_v1) return failed();
  const auto version = static_cast<unsigned char>(sealed[0]);

  // Choose the candidate keys: by key tag (version 2), or current then previous (version 1).
  const unsigned char* candidates[2] = {nullptr, nullptr};
  std::size_t header = 1;
  if (version == kSealedVersion && sealed.size() >= kSealedOverhead) {
    header = 1 + kKeyTagBytes;
    const char* tag = sealed.data() + 1;
    if (keys_.has_data_key() && std::memcmp(tag, keys_.data_key_id().data(), kKeyTagBytes) == 0) {
      candidates[0] = keys_.data_key();
    } else if (keys_.has_previous_data_key() &&
               std::memcmp(tag, keys_.previous_data_key_id().data(), kKeyTagBytes) == 0) {
      candidates[0] = keys_.previous_data_key();
    } else {
      return MakeError(ErrorCode::kCrypto, "keys.data_key_missing", place.table, place.column,
                       place.row_id, ToHex(std::string_view(tag, kKeyTagBytes)));
    }
  } else if (version == kSealedVersion1) {
    if (keys_.has_data_key()) candidates[0] = keys_.data_key();
    if (keys_.has_previous_data_key()) candidates[1] = keys_.previous_data_key();
  } else {
    return failed();
  }

  const std::string ad = AdditionalData(place);
  const unsigned char* nonce = Bytes(sealed) + header;
  const unsigned char* cipher = nonce + kNonceBytes;
  const std::size_t cipher_size = sealed.size() - header - kNonceBytes;
  std::string plaintext(cipher_size - kTagBytes, '\0');
  for (const unsigned char* key : candidates) {
    if (key == nullptr) continue;
    unsigned long long plain_length = 0;
    int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
        reinterpret_cast<unsigned char*>(plaintext.data()), &plain_length, nullptr, cipher,
        cipher_size, Bytes(ad), ad.size(), nonce, key);
    if (rc == 0) {
      plaintext.resize(plain_length);
      return plaintext;
    }
  }
  return failed();
}

BlindIndex ComputeBlindIndex(const KeySet& keys, std::string_view digits) {
  BlindIndex index{};
  crypto_generichash(index.data(), index.size(), Bytes(digits), digits.size(),
                     keys.blind_index_key(), kKeyBytes);
  return index;
}

Digest ChainHash(const KeySet& keys, const Digest& previous, std::string_view message) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, keys.log_key(), kKeyBytes, kDigestBytes);
  crypto_generichash_update(&state, previous.data(), previous.size());
  crypto_generichash_update(&state, Bytes(message), message.size());
  Digest digest{};
  crypto_generichash_final(&state, digest.data(), digest.size());
  return digest;
}

namespace {

constexpr std::string_view kCheckLabel = "adempauze key check v1";

std::string KeyCheckValueWith(const unsigned char* data_key, const KeySet& keys) {
  const unsigned char* all_keys[] = {data_key, keys.blind_index_key(), keys.log_key()};
  std::string check;
  for (const unsigned char* key : all_keys) {
    unsigned char part[16];
    crypto_generichash(part, sizeof(part), Bytes(kCheckLabel), kCheckLabel.size(), key, kKeyBytes);
    check.append(reinterpret_cast<const char*>(part), sizeof(part));
  }
  return ToHex(check);
}

}  // namespace

std::string KeyCheckValue(const KeySet& keys) { return KeyCheckValueWith(keys.data_key(), keys); }

bool KeyCheckMatches(const KeySet& keys, std::string_view stored) {
  if (stored == KeyCheckValue(keys)) return true;
  return keys.has_previous_data_key() && stored == KeyCheckValueWith(keys.previous_data_key(), keys);
}

std::string ToHex(std::string_view bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), Bytes(bytes), bytes.size());
  hex.pop_back();
  return hex;
}

}  // namespace adempauze::crypto
