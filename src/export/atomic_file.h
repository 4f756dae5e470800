// A temporary file beside an export's target that replaces the target only on Commit().
#pragma once

#include <cstdio>
#include <filesystem>

#include "adempauze/common/result.h"

namespace adempauze::exports {

// Created with mode 0600 in the target's directory (so the final rename stays on one file
// system and is atomic). Destroying an uncommitted TempFile removes it. Not thread-safe.
class TempFile {
 public:
  // Creates the temporary file and opens it for writing. Returns kIo with key
  // "export.file.create_failed" when the directory is missing or not writable.
  static Result<TempFile> Create(const std::filesystem::path& target);

  TempFile(TempFile&& other) noexcept;
  TempFile& operator=(TempFile&&) = delete;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile();

  // The open stream; nullptr after CloseStream().
  std::FILE* stream() const { return stream_; }
  const std::filesystem::path& path() const { return path_; }

  // Closes the stream without committing, so another library can write to path().
  void CloseStream();

  // Flushes the file to disk, renames it over the target and syncs the directory.
  // Returns kIo with key "export.file.write_failed" or "export.file.rename_failed";
  // the temporary file is removed on failure.
  Status Commit();

 private:
  TempFile(std::filesystem::path target, std::filesystem::path path, std::FILE* stream)
      : target_(std::move(target)), path_(std::move(path)), stream_(stream) {}

  std::filesystem::path target_;
  std::filesystem::path path_;
  std::FILE* stream_ = nullptr;
  bool done_ = false;
};

}  // namespace adempauze::exports
