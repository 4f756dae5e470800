// Key generation and the key file (docs/formats/key-file.md).
#include "adempauze/crypto/keys.h"
#include "crypto/key_file_codec.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

#include <fmt/format.h>
#include <sodium.h>

namespace adempauze::crypto {
namespace {

constexpr char kMagic[8] = {'A', 'D', 'P', 'Z', 'K', 'E', 'Y', 'S'};
constexpr unsigned char kVersion = 1;
constexpr std::size_t kKeyIdOffset = 12;
constexpr std::size_t kKeysOffset = kKeyIdOffset + kKeyIdBytes;        // 28
constexpr std::size_t kChecksumOffset = kKeysOffset + 3 * kKeyBytes;   // 124
constexpr std::size_t kFileBytes = kChecksumOffset + 32;               // 156

void FileChecksum(const unsigned char* file, unsigned char* out) {
  crypto_generichash(out, 32, file, kChecksumOffset, nullptr, 0);
}

std::string SystemError(int error_number) { return std::strerror(error_number); }

// Closes a file descriptor on scope exit.
struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

// Returns 0, or the errno of the failed write.
int WriteAll(int fd, const unsigned char* data, std::size_t size) {
  std::size_t written = 0;
  while (written < size) {
    ssize_t n = ::write(fd, data + written, size - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n < 0 ? errno : EIO;
    written += static_cast<std::size_t>(n);
  }
  return 0;
}

}  // namespace

Status InitializeSodium() {
  static std::once_flag once;
  static int result = -1;
  std::call_once(once, [] { result = sodium_init(); });
  if (result < 0) return MakeError(ErrorCode::kCrypto, "crypto.sodium_init_failed");
  return Status::Ok();
}

Result<KeySet> KeySet::Allocate() {
  if (Status status = InitializeSodium(); !status.ok()) return status.error();
  auto* block = static_cast<unsigned char*>(sodium_malloc(kBlockBytes));
  if (block == nullptr) return MakeError(ErrorCode::kCrypto, "crypto.secure_memory_failed");
  sodium_memzero(block, kBlockBytes);
  return KeySet(block, KeyId{});
}

void KeySet::SealReadOnly() { sodium_mprotect_readonly(block_); }

Result<KeySet> KeySet::Generate() {
  Result<KeySet> keys = Allocate();
  if (!keys.ok()) return keys;
  randombytes_buf(keys->block_, 3 * kKeyBytes);
  randombytes_buf(keys->key_id_.data(), keys->key_id_.size());
  keys->data_key_id_ = keys->key_id_;
  keys->SealReadOnly();
  return keys;
}

KeySet::KeySet(KeySet&& other) noexcept
    : block_(other.block_),
      key_id_(other.key_id_),
      data_key_id_(other.data_key_id_),
      previous_data_key_id_(other.previous_data_key_id_),
      flags_(other.flags_) {
  other.block_ = nullptr;
}

KeySet& KeySet::operator=(KeySet&& other) noexcept {
  if (this != &other) {
    sodium_free(block_);
    block_ = other.block_;
    key_id_ = other.key_id_;
    data_key_id_ = other.data_key_id_;
    previous_data_key_id_ = other.previous_data_key_id_;
    flags_ = other.flags_;
    other.block_ = nullptr;
  }
  return *this;
}

KeySet::~KeySet() { sodium_free(block_); }  // sodium_free wipes before releasing

std::string KeySet::KeyIdHex() const {
  char hex[2 * kKeyIdBytes + 1];
  sodium_bin2hex(hex, sizeof(hex), key_id_.data(), key_id_.size());
  return hex;
}

Status WriteKeyFile(const std::filesystem::path& path, const KeySet& keys) {
  if (Status status = InitializeSodium(); !status.ok()) return status;

  // A key set with rotation, shredding or a signing key needs version 2 (key_file_v2.cc).
  if (!keys.FitsVersion1()) {
    Result<std::size_t> size = KeyFileCodec::EncodedSize(keys);
    if (!size.ok()) return size.error();
    SecureBytes image(*size);
    if (image.data() == nullptr) return MakeError(ErrorCode::kCrypto, "crypto.secure_memory_failed");
    KeyFileCodec::Encode(keys, image.data(), image.size());
    return WriteNewKeyFile(path, image.data(), image.size());
  }

  // Build the file image in protected memory.
  SecureBytes image(kFileBytes);
  if (image.data() == nullptr) return MakeError(ErrorCode::kCrypto, "crypto.secure_memory_failed");
  std::memcpy(image.data(), kMagic, sizeof(kMagic));
  image.data()[8] = kVersion;
  std::memcpy(image.data() + kKeyIdOffset, keys.key_id().data(), kKeyIdBytes);
  std::memcpy(image.data() + kKeysOffset, keys.data_key(), 3 * kKeyBytes);
  FileChecksum(image.data(), image.data() + kChecksumOffset);
  return WriteNewKeyFile(path, image.data(), image.size());
}

Status WriteNewKeyFile(const std::filesystem::path& path, const unsigned char* data, std::size_t size) {
  // Create the file with its final mode in one step: O_EXCL refuses an existing file or
  // symbolic link, and the mode is never wider than 0600 (the umask can only narrow it).
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      return MakeError(ErrorCode::kAlreadyExists, "crypto.key_file.exists", path.string());
    }
    return MakeError(ErrorCode::kIo, "crypto.key_file.create_failed", path.string(),
                     SystemError(errno));
  }
  FdCloser closer{fd};

  int failure = WriteAll(fd, data, size);
  if (failure == 0 && ::fsync(fd) != 0) failure = errno;
  if (failure != 0) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    return MakeError(ErrorCode::kIo, "crypto.key_file.create_failed", path.string(),
                     SystemError(failure));
  }
  SyncParentDirectory(path);
  return Status::Ok();
}

void SyncParentDirectory(const std::filesystem::path& path) {
  std::filesystem::path parent = path.parent_path();
  if (parent.empty()) parent = ".";
  int fd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

Result<KeySet> LoadKeyFile(const std::filesystem::path& path) {
  if (Status status = InitializeSodium(); !status.ok()) return status.error();
  const std::string name = path.string();

  // Open first and check the opened file, so the checks and the read see the same file.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return MakeError(ErrorCode::kNotFound, "crypto.key_file.not_found", name);
    if (errno == EACCES) {
      return MakeError(ErrorCode::kPermissionDenied, "crypto.key_file.unreadable", name);
    }
    return MakeError(ErrorCode::kIo, "crypto.key_file.read_failed", name, SystemError(errno));
  }
  FdCloser closer{fd};

  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    return MakeError(ErrorCode::kIo, "crypto.key_file.read_failed", name, SystemError(errno));
  }
  if (!S_ISREG(info.st_mode)) {
    return MakeError(ErrorCode::kPermissionDenied, "crypto.key_file.not_regular", name);
  }
  if ((info.st_mode & 077) != 0) {
    return MakeError(ErrorCode::kPermissionDenied, "crypto.key_file.permissions", name,
                     fmt::format("{:04o}", info.st_mode & 07777));
  }
  const auto file_bytes = static_cast<std::size_t>(info.st_size);
  if (file_bytes != kFileBytes && !KeyFileCodec::IsVersion2Size(file_bytes)) {
    return MakeError(ErrorCode::kCrypto, "crypto.key_file.wrong_size", name,
                     static_cast<long long>(info.st_size), kFileBytes);
  }

  // Read the whole file into protected memory.
  SecureBytes image(file_bytes);
  if (image.data() == nullptr) return MakeError(ErrorCode::kCrypto, "crypto.secure_memory_failed");
  std::size_t read_total = 0;
  while (read_total < file_bytes) {
    ssize_t n = ::read(fd, image.data() + read_total, file_bytes - read_total);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      return MakeError(ErrorCode::kIo, "crypto.key_file.read_failed", name, SystemError(errno));
    }
    if (n == 0) break;
    read_total += static_cast<std::size_t>(n);
  }
  if (read_total != file_bytes) {
    return MakeError(ErrorCode::kCrypto, "crypto.key_file.wrong_size", name, read_total, kFileBytes);
  }

  // Check magic, version and checksum before trusting any key byte.
  if (std::memcmp(image.data(), kMagic, sizeof(kMagic)) != 0) {
    return MakeError(ErrorCode::kCrypto, "crypto.key_file.not_a_key_file", name);
  }
  if (image.data()[8] == KeyFileCodec::kVersion2) {
    return KeyFileCodec::Parse(image.data(), image.size(), name);
  }
  if (image.data()[8] != kVersion || file_bytes != kFileBytes) {
    return MakeError(ErrorCode::kCrypto, "crypto.key_file.unsupported_version", name,
                     static_cast<int>(image.data()[8]), static_cast<int>(KeyFileCodec::kVersion2));
  }
  unsigned char checksum[32];
  FileChecksum(image.data(), checksum);
  if (sodium_memcmp(checksum, image.data() + kChecksumOffset, sizeof(checksum)) != 0) {
    return MakeError(ErrorCode::kCrypto, "crypto.key_file.checksum", name);
  }

  Result<KeySet> keys = KeySet::Allocate();
  if (!keys.ok()) return keys;
  std::memcpy(keys->key_id_.data(), image.data() + kKeyIdOffset, kKeyIdBytes);
  keys->data_key_id_ = keys->key_id_;
  std::memcpy(keys->block_, image.data() + kKeysOffset, 3 * kKeyBytes);
  keys->SealReadOnly();
  return keys;
}

}  // namespace adempauze::crypto
