#include "cli/store_access.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "adempauze/crypto/keys.h"

namespace adempauze::cli {

Result<std::unique_ptr<store::Store>> CreateStore(const std::filesystem::path& database,
                                                  const std::filesystem::path& key_file,
                                                  store::StoreOptions options) {
  // Check the database first, so an existing installation never gets a stray key file.
  std::error_code ignored;
  if (std::filesystem::exists(database) && std::filesystem::file_size(database, ignored) > 0) {
    return MakeError(ErrorCode::kAlreadyExists, "store.database_exists", database.string());
  }
  Status sodium = crypto::InitializeSodium();
  if (!sodium) return sodium.error();
  auto keys = crypto::KeySet::Generate();
  if (!keys) return keys.error();
  Status written = crypto::WriteKeyFile(key_file, *keys);
  if (!written) return written.error();

  // Without its database the new key file is useless, so it is removed again.
  auto created = store::Store::Create(database, std::move(keys).value(), std::move(options));
  if (!created) std::filesystem::remove(key_file, ignored);
  return created;
}

// Writes `text` to `file` with mode 0600: reports and summaries concern identifiable dossiers.
Status WriteOwnerOnlyFile(const std::filesystem::path& file, const std::string& text) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return MakeError(ErrorCode::kIo, "common.error.io", file.string(), std::strerror(errno));
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t count = ::write(fd, text.data() + written, text.size() - written);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) {
      const int saved = errno;
      ::close(fd);
      return MakeError(ErrorCode::kIo, "common.error.io", file.string(), std::strerror(saved));
    }
    written += static_cast<std::size_t>(count);
  }
  if (::close(fd) != 0) return MakeError(ErrorCode::kIo, "common.error.io", file.string(), std::strerror(errno));
  return Status::Ok();
}

}  // namespace adempauze::cli
