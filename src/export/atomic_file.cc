#include "export/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace adempauze::exports {
namespace {

Error FileError(std::string_view key, const std::filesystem::path& file, int error_number) {
  Error error = MakeError(ErrorCode::kIo, std::string(key), file.string(),
                          std::strerror(error_number));
  error.detail = "errno " + std::to_string(error_number);
  return error;
}

// Flushes the file's data to disk; returns 0 or an errno value.
int SyncPath(const std::filesystem::path& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return errno;
  int result = ::fsync(fd) == 0 ? 0 : errno;
  ::close(fd);
  return result;
}

}  // namespace

Result<TempFile> TempFile::Create(const std::filesystem::path& target) {
  std::filesystem::path directory = target.parent_path();
  if (directory.empty()) directory = ".";
  std::string pattern = (directory / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');

  // mkstemp creates the file with mode 0600 and a name no other writer holds.
  int fd = ::mkstemp(buffer.data());
  if (fd < 0) return FileError("export.file.create_failed", target, errno);
  std::FILE* stream = ::fdopen(fd, "wb");
  if (stream == nullptr) {
    int error_number = errno;
    ::close(fd);
    ::unlink(buffer.data());
    return FileError("export.file.create_failed", target, error_number);
  }
  return TempFile(target, std::filesystem::path(buffer.data()), stream);
}

TempFile::TempFile(TempFile&& other) noexcept
    : target_(std::move(other.target_)),
      path_(std::move(other.path_)),
      stream_(std::exchange(other.stream_, nullptr)),
      done_(std::exchange(other.done_, true)) {}

TempFile::~TempFile() {
  if (done_) return;
  CloseStream();
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

void TempFile::CloseStream() {
  if (stream_ != nullptr) std::fclose(stream_);
  stream_ = nullptr;
}

Status TempFile::Commit() {
  done_ = true;
  auto fail = [this](std::string_view key, int error_number) -> Status {
    CloseStream();
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
    return FileError(key, target_, error_number);
  };

  // Step 1: everything buffered reaches the kernel, and the kernel reaches the disk.
  if (stream_ != nullptr) {
    if (std::fflush(stream_) != 0 || std::ferror(stream_) != 0) {
      return fail("export.file.write_failed", errno != 0 ? errno : EIO);
    }
    if (::fsync(::fileno(stream_)) != 0) return fail("export.file.write_failed", errno);
    int close_result = std::fclose(stream_);
    stream_ = nullptr;
    if (close_result != 0) return fail("export.file.write_failed", errno);
  } else if (int error_number = SyncPath(path_, O_RDONLY); error_number != 0) {
    return fail("export.file.write_failed", error_number);
  }

  // Step 2: the complete file takes the target's name in one atomic step.
  if (std::rename(path_.c_str(), target_.c_str()) != 0) {
    return fail("export.file.rename_failed", errno);
  }

  // Step 3: the rename itself survives a crash. A failure here leaves a complete file,
  // so it is not reported.
  std::filesystem::path directory = target_.parent_path();
  SyncPath(directory.empty() ? std::filesystem::path(".") : directory, O_RDONLY | O_DIRECTORY);
  return Status::Ok();
}

}  // namespace adempauze::exports
