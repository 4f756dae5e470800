// Test helpers for the demo tests: a temporary directory and a plain CSV splitter.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adempauze/demo/generator.h"

namespace adempauze::demo::testing {

// A fresh directory under the system's temporary directory, removed by the destructor.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->test_suite_name()) + "-" + info->name();
    for (char& c : name) {
      if (c == '/') c = '_';
    }
    path_ = std::filesystem::temp_directory_path() /
            ("adempauze-demo-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string ReadAll(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Splits CSV bytes into lines at CRLF; the BOM stays on the first line. Quoted line breaks
// are not handled: the demo lists hold none.
inline std::vector<std::string> Lines(const std::string& bytes) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = bytes.find("\r\n", start)) != std::string::npos; start = end + 2) {
    lines.push_back(bytes.substr(start, end - start));
  }
  return lines;
}

// Splits a line at `delimiter`, without quote handling (for layouts without quoted fields).
inline std::vector<std::string> Fields(const std::string& line, char delimiter = ';') {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (std::size_t end; (end = line.find(delimiter, start)) != std::string::npos; start = end + 1) {
    fields.push_back(line.substr(start, end - start));
  }
  fields.push_back(line.substr(start));
  return fields;
}

// Options for small, fast tests: clean lists, fixed date, rows recorded.
inline DemoOptions SmallOptions(std::uint64_t seed = 7) {
  DemoOptions options;
  options.seed = seed;
  options.today = CivilDate{2026, 3, 1};
  options.debtors = 400;
  options.clients = 300;
  options.overlap = 0.25;
  return options;
}

}  // namespace adempauze::demo::testing
