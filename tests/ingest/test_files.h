// Helpers for ingest tests: a temporary folder per test, files written into it, and XLSX
// packages built with libxlsxwriter or, for layouts it cannot produce, part by part with libzip.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "adempauze/common/civil_date.h"

namespace adempauze::ingest::testing {

// "Today" for every ingest test, so that number checks do not depend on the clock.
inline constexpr CivilDate kToday{2021, 6, 1};

// A fresh folder under the system temp folder, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `bytes` unchanged to `name` in the folder and returns its path.
  std::filesystem::path Write(const std::string& name, const std::string& bytes) const;

 private:
  std::filesystem::path path_;
};

// One part of a package: its name in the zip and its content.
using Part = std::pair<std::string, std::string>;

// Writes a zip file made of `parts` (stored compressed) with libzip.
void WriteZip(const std::filesystem::path& file, const std::vector<Part>& parts);

// Returns the minimal parts of an XLSX package with the given worksheets (name, sheet XML)
// and, when `shared_strings_xml` is not empty, a shared strings part.
std::vector<Part> XlsxParts(const std::vector<std::pair<std::string, std::string>>& sheets,
                            const std::string& shared_strings_xml = "");

// Wraps <row> elements in a worksheet document.
std::string SheetXml(const std::string& rows, const std::string& dimension = "A1");

}  // namespace adempauze::ingest::testing
