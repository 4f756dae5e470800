// Key file version 2: key rotation, crypto-shredding and the signing key
// (docs/formats/key-file.md).
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <sodium.h>

#include "adempauze/crypto/keys.h"
#include "crypto/key_file_codec.h"

namespace adempauze::crypto {
namespace {

constexpr char kMagic[8] = {'A', 'D', 'P', 'Z', 'K', 'E', 'Y', 'S'};
constexpr std::size_t kChecksumBytes = 32;

enum EntryType : unsigned char {
  kDataKey = 1,
  kPreviousDataKey = 2,
  kBlindIndexKey = 3,
  kLogKey = 4,
  kSigningKey = 5,
};

struct EntryPlace {
  EntryType type;
  std::size_t offset;  // in the KeySet block
  std::size_t bytes;
};

// Where each entry's key material lives in KeySet's protected block.
constexpr EntryPlace kPlaces[] = {
    {kDataKey, 0, kKeyBytes},
    {kBlindIndexKey, kKeyBytes, kKeyBytes},
    {kLogKey, 2 * kKeyBytes, kKeyBytes},
    {kPreviousDataKey, 3 * kKeyBytes, kKeyBytes},
    {kSigningKey, 4 * kKeyBytes, kSigningSecretKeyBytes},
};

void Checksum(const unsigned char* image, std::size_t size, unsigned char* out) {
  crypto_generichash(out, kChecksumBytes, image, size - kChecksumBytes, nullptr, 0);
}

bool Present(const KeySet& keys, EntryType type) {
  switch (type) {
    case kDataKey:
      return keys.has_data_key();
    case kPreviousDataKey:
      return keys.has_previous_data_key();
    case kBlindIndexKey:
      return keys.has_blind_index_key();
    case kLogKey:
      return true;
    case kSigningKey:
      return keys.has_signing_key();
  }
  return false;
}

const KeyId* IdOf(const KeySet& keys, EntryType type) {
  if (type == kDataKey) return &keys.data_key_id();
  if (type == kPreviousDataKey) return &keys.previous_data_key_id();
  return nullptr;  // the other keys are named by the key set id
}

std::string Hex(const KeyId& id) {
  char hex[2 * kKeyIdBytes + 1];
  sodium_bin2hex(hex, sizeof(hex), id.data(), id.size());
  return hex;
}

}  // namespace

bool KeyFileCodec::IsVersion2Size(std::size_t size) {
  if (size < kHeaderBytes + kEntryBytes + kChecksumBytes) return false;
  const std::size_t body = size - kHeaderBytes - kChecksumBytes;
  return body % kEntryBytes == 0 && body / kEntryBytes <= kMaxEntries;
}

Result<std::size_t> KeyFileCodec::EncodedSize(const KeySet& keys) {
  std::size_t entries = 0;
  for (const EntryPlace& place : kPlaces) entries += Present(keys, place.type) ? 1 : 0;
  return kHeaderBytes + entries * kEntryBytes + kChecksumBytes;
}

void KeyFileCodec::Encode(const KeySet& keys, unsigned char* out, std::size_t size) {
  sodium_memzero(out, size);
  std::memcpy(out, kMagic, sizeof(kMagic));
  out[8] = kVersion2;
  std::memcpy(out + 12, keys.key_id().data(), kKeyIdBytes);
  unsigned char* entry = out + kHeaderBytes;
  std::uint32_t count = 0;
  for (const EntryPlace& place : kPlaces) {
    if (!Present(keys, place.type)) continue;
    entry[0] = place.type;
    const KeyId* id = IdOf(keys, place.type);
    std::memcpy(entry + 4, (id != nullptr ? *id : keys.key_id()).data(), kKeyIdBytes);
    std::memcpy(entry + 20, keys.block_ + place.offset, place.bytes);
    entry += kEntryBytes;
    ++count;
  }
  for (int i = 0; i < 4; ++i) out[28 + i] = static_cast<unsigned char>(count >> (8 * i));
  Checksum(out, size, out + size - kChecksumBytes);
}

Result<KeySet> KeyFileCodec::Parse(const unsigned char* image, std::size_t size,
                                   const std::string& name) {
  unsigned char checksum[kChecksumBytes];
  Checksum(image, size, checksum);
  if (sodium_memcmp(checksum, image + size - kChecksumBytes, kChecksumBytes) != 0) {
    return MakeError(ErrorCode::kCrypto, "crypto.key_file.checksum", name);
  }
  std::uint32_t count = 0;
  for (int i = 0; i < 4; ++i) count |= static_cast<std::uint32_t>(image[28 + i]) << (8 * i);
  if (kHeaderBytes + count * kEntryBytes + kChecksumBytes != size) {
    return MakeError(ErrorCode::kCrypto, "keys.file.bad_entry", name, count);
  }

  Result<KeySet> keys = KeySet::Allocate();
  if (!keys.ok()) return keys;
  std::memcpy(keys->key_id_.data(), image + 12, kKeyIdBytes);
  keys->flags_ = 0;
  bool has_log = false;
  for (std::uint32_t i = 0; i < count; ++i) {
    const unsigned char* entry = image + kHeaderBytes + i * kEntryBytes;
    const EntryPlace* place = nullptr;
    for (const EntryPlace& candidate : kPlaces) {
      if (candidate.type == entry[0]) place = &candidate;
    }
    if (place == nullptr) return MakeError(ErrorCode::kCrypto, "keys.file.bad_entry", name, entry[0]);
    std::memcpy(keys->block_ + place->offset, entry + 20, place->bytes);
    KeyId id{};
    std::memcpy(id.data(), entry + 4, kKeyIdBytes);
    switch (place->type) {
      case kDataKey:
        keys->flags_ |= KeySet::kHasData;
        keys->data_key_id_ = id;
        break;
      case kPreviousDataKey:
        keys->flags_ |= KeySet::kHasPrevious;
        keys->previous_data_key_id_ = id;
        break;
      case kBlindIndexKey:
        keys->flags_ |= KeySet::kHasBlind;
        break;
      case kLogKey:
        has_log = true;
        break;
      case kSigningKey:
        keys->flags_ |= KeySet::kHasSigning;
        break;
    }
  }
  if (!has_log) return MakeError(ErrorCode::kCrypto, "keys.file.bad_entry", name, kLogKey);
  keys->SealReadOnly();
  return keys;
}

std::string KeySet::DataKeyIdHex() const { return Hex(data_key_id_); }

std::string KeySet::PreviousDataKeyIdHex() const { return Hex(previous_data_key_id_); }

std::string KeySet::SigningPublicKeyHex() const {
  unsigned char public_key[kSigningPublicKeyBytes];
  crypto_sign_ed25519_sk_to_pk(public_key, signing_secret_key());
  char hex[2 * kSigningPublicKeyBytes + 1];
  sodium_bin2hex(hex, sizeof(hex), public_key, sizeof(public_key));
  return hex;
}

bool KeySet::FitsVersion1() const {
  return flags_ == (kHasData | kHasBlind) && data_key_id_ == key_id_;
}

Result<KeySet> KeySet::Copy() const {
  Result<KeySet> copy = Allocate();
  if (!copy.ok()) return copy;
  std::memcpy(copy->block_, block_, kBlockBytes);
  copy->key_id_ = key_id_;
  copy->data_key_id_ = data_key_id_;
  copy->previous_data_key_id_ = previous_data_key_id_;
  copy->flags_ = flags_;
  return copy;
}

Result<KeySet> KeySet::WithNewDataKey() const {
  if (!has_data_key() || has_previous_data_key()) {
    return MakeError(ErrorCode::kFailedPrecondition, "keys.rotation.not_allowed");
  }
  Result<KeySet> next = Copy();
  if (!next.ok()) return next;
  std::memcpy(next->block_ + 3 * kKeyBytes, data_key(), kKeyBytes);
  next->previous_data_key_id_ = data_key_id_;
  randombytes_buf(next->block_, kKeyBytes);
  // The first four bytes of a data key id tag each sealed field (field_cipher.h), so the
  // new id must differ from the old one there.
  do {
    randombytes_buf(next->data_key_id_.data(), kKeyIdBytes);
  } while (std::memcmp(next->data_key_id_.data(), data_key_id_.data(), 4) == 0);
  next->flags_ |= kHasPrevious;
  next->SealReadOnly();
  return next;
}

Result<KeySet> KeySet::WithoutPreviousDataKey() const {
  Result<KeySet> next = Copy();
  if (!next.ok()) return next;
  sodium_memzero(next->block_ + 3 * kKeyBytes, kKeyBytes);
  next->previous_data_key_id_ = KeyId{};
  next->flags_ &= ~kHasPrevious;
  next->SealReadOnly();
  return next;
}

Result<KeySet> KeySet::WithoutPersonalDataKeys() const {
  Result<KeySet> next = Copy();
  if (!next.ok()) return next;
  sodium_memzero(next->block_, 2 * kKeyBytes);               // data and blind-index keys
  sodium_memzero(next->block_ + 3 * kKeyBytes, kKeyBytes);   // previous data key
  next->previous_data_key_id_ = KeyId{};
  next->flags_ &= ~(kHasData | kHasBlind | kHasPrevious);
  next->SealReadOnly();
  return next;
}

Result<KeySet> KeySet::WithSigningKey() const {
  Result<KeySet> next = Copy();
  if (!next.ok()) return next;
  if (!has_signing_key()) {
    unsigned char public_key[kSigningPublicKeyBytes];
    crypto_sign_keypair(public_key, next->block_ + 4 * kKeyBytes);
    next->flags_ |= kHasSigning;
  }
  next->SealReadOnly();
  return next;
}

namespace {

// Overwrites the file at `path` in place with random bytes and syncs it.
void OverwriteInPlace(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return;
  off_t size = ::lseek(fd, 0, SEEK_END);
  ::lseek(fd, 0, SEEK_SET);
  unsigned char noise[256];
  for (off_t done = 0; done < size;) {
    const auto chunk = static_cast<std::size_t>(std::min<off_t>(size - done, sizeof(noise)));
    randombytes_buf(noise, chunk);
    ssize_t n = ::write(fd, noise, chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += n;
  }
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

Status ReplaceKeyFile(const std::filesystem::path& path, const KeySet& keys, bool overwrite_old) {
  std::filesystem::path fresh = path;
  fresh += ".new";
  std::filesystem::path old = path;
  old += ".old";
  std::error_code ignored;
  std::filesystem::remove(fresh, ignored);  // left by a crash before the rename
  if (overwrite_old) {
    OverwriteInPlace(old);  // left by a crash before the overwrite below
    std::filesystem::remove(old, ignored);
  }
  if (Status written = WriteKeyFile(fresh, keys); !written.ok()) return written;

  // Keep a second name for the old file, so its bytes can be overwritten after the rename
  // has put the new file in place: a crash at any point leaves a usable key file at `path`.
  const bool linked = overwrite_old && ::link(path.c_str(), old.c_str()) == 0;
  if (::rename(fresh.c_str(), path.c_str()) != 0) {
    const int error = errno;
    std::filesystem::remove(fresh, ignored);
    if (linked) std::filesystem::remove(old, ignored);
    return MakeError(ErrorCode::kIo, "crypto.key_file.create_failed", path.string(),
                     std::strerror(error));
  }
  SyncParentDirectory(path);
  if (linked) {
    OverwriteInPlace(old);
    std::filesystem::remove(old, ignored);
    SyncParentDirectory(path);
  }
  return Status::Ok();
}

}  // namespace adempauze::crypto
