// The installation's secret keys and the key file that holds them.
//
// One key file belongs to one database (one installation or protocol). It lives outside
// the database, so a copy of the database alone reveals no personal data. The file format
// is specified in docs/formats/key-file.md.
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <string>

#include "adempauze/common/result.h"

namespace adempauze::crypto {

inline constexpr std::size_t kKeyBytes = 32;
inline constexpr std::size_t kKeyIdBytes = 16;
inline constexpr std::size_t kSigningSecretKeyBytes = 64;  // Ed25519 (libsodium crypto_sign)
inline constexpr std::size_t kSigningPublicKeyBytes = 32;

using KeyId = std::array<unsigned char, kKeyIdBytes>;

// Initialises libsodium once per process. Thread-safe and idempotent.
// Returns kCrypto ("crypto.sodium_init_failed") when libsodium cannot start.
Status InitializeSodium();

// The three secret keys of an installation and the random id that names them.
//
// The keys live in memory from sodium_malloc (guard pages, locked against swapping where
// the system allows it, made read-only after loading) and are wiped by sodium_free on
// destruction. Move-only: a key is never copied into ordinary memory by this class.
// Thread-safe for concurrent readers.
class KeySet {
 public:
  // Creates fresh random keys and a fresh key id.
  // Returns kCrypto when libsodium cannot start or cannot allocate protected memory.
  static Result<KeySet> Generate();

  KeySet(KeySet&& other) noexcept;
  KeySet& operator=(KeySet&& other) noexcept;
  KeySet(const KeySet&) = delete;
  KeySet& operator=(const KeySet&) = delete;
  ~KeySet();

  // XChaCha20-Poly1305 key for personal fields.
  const unsigned char* data_key() const { return block_; }
  // BLAKE2b key for the blind index of national numbers.
  const unsigned char* blind_index_key() const { return block_ + kKeyBytes; }
  // BLAKE2b key for the hash chain of the access log.
  const unsigned char* log_key() const { return block_ + 2 * kKeyBytes; }
  const KeyId& key_id() const { return key_id_; }
  // Returns the key id as 32 lowercase hex digits; not secret.
  std::string KeyIdHex() const;

  // Key rotation and crypto-shredding (docs/formats/key-file.md, version 2).
  // The key set id above names the installation and never changes; each data key has its
  // own id. In a version 1 key file the data key id is the key set id.
  //
  // False once the data key was destroyed (retention); data_key() then points at zeros.
  bool has_data_key() const { return (flags_ & kHasData) != 0; }
  // False once the blind-index key was destroyed; blind_index_key() then points at zeros.
  bool has_blind_index_key() const { return (flags_ & kHasBlind) != 0; }
  const KeyId& data_key_id() const { return data_key_id_; }
  std::string DataKeyIdHex() const;
  // During a rotation the key file also holds the data key being replaced.
  bool has_previous_data_key() const { return (flags_ & kHasPrevious) != 0; }
  // REQUIRES: has_previous_data_key().
  const unsigned char* previous_data_key() const { return block_ + 3 * kKeyBytes; }
  const KeyId& previous_data_key_id() const { return previous_data_key_id_; }
  std::string PreviousDataKeyIdHex() const;
  // The Ed25519 key that signs destruction attestations.
  bool has_signing_key() const { return (flags_ & kHasSigning) != 0; }
  // REQUIRES: has_signing_key(). 64 bytes, libsodium's crypto_sign secret key format.
  const unsigned char* signing_secret_key() const { return block_ + 4 * kKeyBytes; }
  // REQUIRES: has_signing_key(). Returns the public half as 64 lowercase hex digits.
  std::string SigningPublicKeyHex() const;

  // Each of these returns a new key set and leaves this one unchanged. They return kCrypto
  // when protected memory cannot be allocated, kFailedPrecondition
  // ("keys.rotation.not_allowed") when the precondition below does not hold.
  //
  // Rotation start: a fresh data key with a fresh id becomes the current one and this
  // set's data key becomes the previous one. REQUIRES: has_data_key(), no previous key.
  Result<KeySet> WithNewDataKey() const;
  // Rotation end: the same set without the previous data key.
  Result<KeySet> WithoutPreviousDataKey() const;
  // Crypto-shredding: the same set without the data keys and the blind-index key. The log
  // key and the signing key stay, so the access log still verifies and attestations can
  // be signed.
  Result<KeySet> WithoutPersonalDataKeys() const;
  // The same set with a fresh Ed25519 signing key when it has none yet.
  Result<KeySet> WithSigningKey() const;

  // True when the set can be written as a version 1 key file (no rotation, no signing
  // key, nothing destroyed, data key id equal to the key set id).
  bool FitsVersion1() const;

 private:
  friend Result<KeySet> LoadKeyFile(const std::filesystem::path& path);
  friend struct KeyFileCodec;  // src/crypto/key_file_codec.h
  static constexpr std::size_t kBlockBytes = 4 * kKeyBytes + kSigningSecretKeyBytes;
  static constexpr unsigned kHasData = 1, kHasBlind = 2, kHasPrevious = 4, kHasSigning = 8;
  KeySet(unsigned char* block, const KeyId& key_id) : block_(block), key_id_(key_id) {}
  static Result<KeySet> Allocate();  // zeroed, writable block
  Result<KeySet> Copy() const;       // writable copy
  void SealReadOnly();
  unsigned char* writable() { return block_; }

  // kBlockBytes from sodium_malloc; owned. Layout: data key, blind-index key, log key,
  // previous data key, Ed25519 secret key.
  unsigned char* block_ = nullptr;
  KeyId key_id_{};
  KeyId data_key_id_{};
  KeyId previous_data_key_id_{};
  unsigned flags_ = kHasData | kHasBlind;
};

// Writes `keys` to a new key file at `path` with mode 0600 (the file is created with that
// mode and O_EXCL, never chmod-ed afterwards, so it is never readable by others).
// Returns kAlreadyExists ("crypto.key_file.exists") when the path exists: a key is never
// overwritten, because the data encrypted with it would be lost. Returns kIo on a write
// failure, after removing the partial file.
Status WriteKeyFile(const std::filesystem::path& path, const KeySet& keys);

// Replaces the key file at `path` with `keys` (version 2 unless FitsVersion1()): writes
// "<path>.new" with mode 0600 and O_EXCL, fsyncs it, then renames it over `path` and fsyncs
// the folder, so a crash leaves either the old or the new file, never a mix. With
// `overwrite_old`, the old file keeps a second name "<path>.old" across the rename and its
// bytes are then overwritten with random bytes, synced and unlinked, so the replaced keys
// do not stay in the freed blocks (crypto-shredding; see the NOTE in
// docs/formats/key-file.md on what a file system can still keep).
// Returns kIo on a write failure (the old file is then untouched unless overwritten).
Status ReplaceKeyFile(const std::filesystem::path& path, const KeySet& keys, bool overwrite_old);

// Reads a key file. Returns kNotFound when it does not exist, kPermissionDenied when it
// is not a regular file or group or others have any access to it, kCrypto when its size,
// magic, version, entries or checksum are wrong (not a key file, or damaged), kIo on a read error.
// Every error message names the file and says what to do.
Result<KeySet> LoadKeyFile(const std::filesystem::path& path);

}  // namespace adempauze::crypto
