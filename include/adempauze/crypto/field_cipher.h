// Authenticated encryption of personal fields, the blind index and keyed hashes.
//
// A sealed field is: version byte 0x02, a 4-byte key tag (the first bytes of the id of the
// data key that sealed it), a 24-byte random nonce, then the XChaCha20-Poly1305 ciphertext
// with its 16-byte tag. Version 0x01 fields (no key tag) are still read. The additional data binds the
// ciphertext to its place (table, column, row id), so a ciphertext moved to another row
// or column fails authentication. docs/formats/database.md specifies the encoding.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "adempauze/common/result.h"
#include "adempauze/crypto/keys.h"

namespace adempauze::crypto {

inline constexpr std::size_t kKeyTagBytes = 4;
inline constexpr std::size_t kSealedOverhead = 1 + kKeyTagBytes + 24 + 16;
inline constexpr std::size_t kBlindIndexBytes = 32;
inline constexpr std::size_t kDigestBytes = 32;

using BlindIndex = std::array<unsigned char, kBlindIndexBytes>;
using Digest = std::array<unsigned char, kDigestBytes>;

// Where an encrypted value is stored. The row id must be stable for the row's lifetime.
struct FieldPlace {
  std::string_view table;
  std::string_view column;
  std::int64_t row_id = 0;
};

// Encrypts and decrypts fields under the data key of a KeySet.
// The KeySet must outlive the cipher. Not thread-safe (it buffers random nonces):
// use one cipher per thread.
class FieldCipher {
 public:
  explicit FieldCipher(const KeySet& keys) : keys_(keys) {}
  ~FieldCipher();
  FieldCipher(const FieldCipher&) = delete;
  FieldCipher& operator=(const FieldCipher&) = delete;

  // Returns the sealed form of `plaintext` for `place` (binary, kSealedOverhead longer),
  // sealed with the current data key. REQUIRES: keys.has_data_key() (after retention the
  // store refuses new personal data before anything is sealed).
  std::string Seal(std::string_view plaintext, const FieldPlace& place);

  // Returns the plaintext, or kCrypto ("crypto.decrypt_failed") when the value is not a
  // sealed field, was changed, belongs to another place or was sealed with another key,
  // and kCrypto ("keys.data_key_missing") when the key tag names no data key of the key set
  // (the key file lacks the key that sealed it). During a key rotation, fields sealed with
  // the previous data key open as well.
  Result<std::string> Open(std::string_view sealed, const FieldPlace& place) const;

  // True when `sealed` carries the key tag of the current data key.
  bool IsSealedWithCurrentKey(std::string_view sealed) const;

 private:
  void NextNonce(unsigned char* nonce);

  const KeySet& keys_;
  // Nonces made in blocks from a fresh random seed, so a bulk import does not ask the
  // kernel for 24 random bytes per field. Each nonce is still 24 unpredictable bytes.
  std::array<unsigned char, 24 * 170> nonce_pool_{};
  std::size_t nonce_pool_used_ = sizeof(nonce_pool_);
};

// Returns the blind index of an 11-digit national number: BLAKE2b-256 keyed with the
// blind-index key. Equal numbers give equal indexes; without the key the index reveals
// nothing and cannot be brute-forced. REQUIRES: `digits` is the 11-digit canonical form.
BlindIndex ComputeBlindIndex(const KeySet& keys, std::string_view digits);

// Returns BLAKE2b-256 keyed with the log key over `previous` followed by `message`:
// one link of the access-log hash chain (docs/formats/access-log.md).
Digest ChainHash(const KeySet& keys, const Digest& previous, std::string_view message);

// Returns the key check value: for each of the three keys, 16 bytes of BLAKE2b keyed with
// that key over a fixed label, concatenated and hex-encoded (96 hex digits). A database
// stores it so that opening it with another key file fails at once.
std::string KeyCheckValue(const KeySet& keys);

// True when `stored` equals KeyCheckValue(keys), or, during a rotation, the check value of
// the same key set with the previous data key in place of the current one (the database
// may not have recorded the new data key yet).
bool KeyCheckMatches(const KeySet& keys, std::string_view stored);

// Returns `bytes` as lowercase hex.
std::string ToHex(std::string_view bytes);

}  // namespace adempauze::crypto
