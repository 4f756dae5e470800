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

 private:
  friend Result<KeySet> LoadKeyFile(const std::filesystem::path& path);
  KeySet(unsigned char* block, const KeyId& key_id) : block_(block), key_id_(key_id) {}
  static Result<KeySet> Allocate();  // zeroed, writable block
  void SealReadOnly();

  unsigned char* block_ = nullptr;  // 3 * kKeyBytes from sodium_malloc; owned
  KeyId key_id_{};
};

// Writes `keys` to a new key file at `path` with mode 0600 (the file is created with that
// mode and O_EXCL, never chmod-ed afterwards, so it is never readable by others).
// Returns kAlreadyExists ("crypto.key_file.exists") when the path exists: a key is never
// overwritten, because the data encrypted with it would be lost. Returns kIo on a write
// failure, after removing the partial file.
Status WriteKeyFile(const std::filesystem::path& path, const KeySet& keys);

// Reads a key file. Returns kNotFound when it does not exist, kPermissionDenied when it
// is not a regular file or group or others have any access to it, kCrypto when its size,
// magic, version or checksum is wrong (not a key file, or damaged), kIo on a read error.
// Every error message names the file and says what to do.
Result<KeySet> LoadKeyFile(const std::filesystem::path& path);

}  // namespace adempauze::crypto
