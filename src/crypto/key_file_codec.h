// Internal to the crypto module: helpers shared by the key file reader and writer
// (keys.cc) and the version 2 format with rotation and shredding (key_file_v2.cc).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include <sodium.h>

#include "adempauze/common/result.h"
#include "adempauze/crypto/keys.h"

namespace adempauze::crypto {

// Owns a buffer from sodium_malloc and wipes it on every exit path.
class SecureBytes {
 public:
  explicit SecureBytes(std::size_t size)
      : data_(static_cast<unsigned char*>(sodium_malloc(size))), size_(size) {
    if (data_ != nullptr) sodium_memzero(data_, size_);
  }
  ~SecureBytes() { sodium_free(data_); }
  SecureBytes(const SecureBytes&) = delete;
  SecureBytes& operator=(const SecureBytes&) = delete;
  unsigned char* data() { return data_; }
  std::size_t size() const { return size_; }

 private:
  unsigned char* data_;
  std::size_t size_;
};

// Reads and writes the version 2 layout (docs/formats/key-file.md). A friend of KeySet.
struct KeyFileCodec {
  static constexpr unsigned char kVersion2 = 2;
  static constexpr std::size_t kHeaderBytes = 32;
  static constexpr std::size_t kEntryBytes = 84;
  static constexpr std::size_t kMaxEntries = 8;

  // True when `size` is the size of a version 2 file with 1 to kMaxEntries entries.
  static bool IsVersion2Size(std::size_t size);
  // Returns the file image of `keys` in version 2 layout, checksum included.
  // Returns kCrypto when protected memory cannot be allocated.
  static Result<std::size_t> EncodedSize(const KeySet& keys);
  static void Encode(const KeySet& keys, unsigned char* out, std::size_t size);
  // Parses a version 2 image whose magic was checked. Returns kCrypto
  // ("crypto.key_file.checksum", "keys.file.bad_entry") when it is damaged.
  static Result<KeySet> Parse(const unsigned char* image, std::size_t size, const std::string& name);
  // Access to KeySet internals for the version 1 reader and the rotation helpers.
  static unsigned char* Block(KeySet& keys) { return keys.writable(); }
};

// Creates `path` with mode 0600 and O_EXCL and writes `size` bytes, then fsyncs it.
// Returns kAlreadyExists ("crypto.key_file.exists") when the path exists, kIo otherwise
// (the partial file is removed).
Status WriteNewKeyFile(const std::filesystem::path& path, const unsigned char* data, std::size_t size);

// Fsyncs the folder that holds `path`, so a create or rename survives a crash.
void SyncParentDirectory(const std::filesystem::path& path);

}  // namespace adempauze::crypto
