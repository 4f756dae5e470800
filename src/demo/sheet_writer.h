// Row-by-row writers for demo lists: CSV (any delimiter, UTF-8 or Windows-1252) and XLSX.
// Rows go to the file as they come, so a list of a million rows never sits in memory.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/result.h"

namespace adempauze::demo {

// One cell. CSV always writes `text`; XLSX writes a number or date cell when one is set.
struct SheetCell {
  std::string_view text;
  std::optional<double> number;
  bool amount = false;  // XLSX: show the number as "#,##0.00"
  std::optional<CivilDate> date;
};

class SheetWriter {
 public:
  virtual ~SheetWriter() = default;
  virtual void WriteRow(std::span<const SheetCell> cells) = 0;
  // Writes an empty row. CSV writes `width - 1` delimiters when `with_delimiters` (as
  // Excel saves an empty row inside the table), else an empty line.
  virtual void WriteBlankRow(std::size_t width, bool with_delimiters) = 0;
  // Completes the file. Returns kIo with key "demo.file.write_failed" (arg 0: file,
  // arg 1: reason) when any write failed; the incomplete file is removed then.
  virtual Status Finish() = 0;
};

struct CsvStyle {
  char delimiter = ';';
  bool byte_order_mark = false;  // UTF-8 only
  bool windows_1252 = false;
};

struct XlsxStyle {
  std::string sheet_name;
  // libxlsxwriter's constant-memory mode: rows are flushed as written and strings stored
  // inline (t="inlineStr") instead of in the shared string table.
  bool constant_memory = false;
  CivilDate created;  // the workbook's creation date, fixed so files are reproducible
};

// Create the file. Return kIo with key "demo.file.create_failed" (arg 0: file, arg 1:
// reason) when it cannot be created.
Result<std::unique_ptr<SheetWriter>> OpenCsvSheet(const std::filesystem::path& file, CsvStyle style);
Result<std::unique_ptr<SheetWriter>> OpenXlsxSheet(const std::filesystem::path& file,
                                                   const XlsxStyle& style);

// Converts UTF-8 to Windows-1252. Characters outside it become '?'; the demo's word lists
// hold none.
std::string ToWindows1252(std::string_view utf8);

}  // namespace adempauze::demo
