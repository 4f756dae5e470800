// Field encryption, blind index and keyed hashes (docs/formats/database.md).
#include "adempauze/crypto/field_cipher.h"

#include <cstring>

#include <sodium.h>

namespace adempauze::crypto {
namespace {

constexpr unsigned char kSealedVersion = 0x01;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
static_assert(kSealedOverhead == 1 + kNonceBytes + kTagBytes);

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
  NextNonce(out + 1);
  unsigned long long cipher_length = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out + 1 + kNonceBytes, &cipher_length,
                                             Bytes(plaintext), plaintext.size(), Bytes(ad),
                                             ad.size(), nullptr, out + 1, keys_.data_key());
  return sealed;
}

Result<std::string> FieldCipher::Open(std::string_view sealed, const FieldPlace& place) const {
  auto failed = [&] {
    return MakeError(ErrorCode::kCrypto, "crypto.decrypt_failed", place.table, place.column,
                     place.row_id);
  };
  if (sealed.size() < kSealedOverhead || static_cast<unsigned char>(sealed[0]) != kSealedVersion) {
    return failed();
  }
  const std::string ad = AdditionalData(place);
  std::string plaintext(sealed.size() - kSealedOverhead, '\0');
  unsigned long long plain_length = 0;
  const unsigned char* nonce = Bytes(sealed) + 1;
  const unsigned char* cipher = nonce + kNonceBytes;
  int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
      reinterpret_cast<unsigned char*>(plaintext.data()), &plain_length, nullptr, cipher,
      sealed.size() - 1 - kNonceBytes, Bytes(ad), ad.size(), nonce, keys_.data_key());
  if (rc != 0) return failed();
  plaintext.resize(plain_length);
  return plaintext;
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

std::string KeyCheckValue(const KeySet& keys) {
  static constexpr std::string_view kLabel = "adempauze key check v1";
  const unsigned char* all_keys[] = {keys.data_key(), keys.blind_index_key(), keys.log_key()};
  std::string check;
  for (const unsigned char* key : all_keys) {
    unsigned char part[16];
    crypto_generichash(part, sizeof(part), Bytes(kLabel), kLabel.size(), key, kKeyBytes);
    check.append(reinterpret_cast<const char*>(part), sizeof(part));
  }
  return ToHex(check);
}

std::string ToHex(std::string_view bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), Bytes(bytes), bytes.size());
  hex.pop_back();
  return hex;
}

}  // namespace adempauze::crypto
