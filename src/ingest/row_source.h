// Opening a list file as a sequence of rows of text, whatever its format.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adempauze/common/result.h"
#include "adempauze/ingest/ingest.h"
#include "adempauze/ingest/report.h"

namespace adempauze::ingest {

struct SourceRow {
  std::size_t number = 0;                   // row number as the user sees it
  std::span<const std::string_view> cells;  // valid until the next Next() call
  bool malformed_quotes = false;            // CSV: text after a closing quote was kept
};

// The rows of a CSV file or an XLSX sheet. Cell views stay valid as long as the source.
class RowSource {
 public:
  virtual ~RowSource() = default;
  // Reads the next row (blank rows included) and returns true, or returns false at the end.
  virtual bool Next(SourceRow* row) = 0;
  // Returns true when every row should have as many cells as the header (CSV), false when
  // trailing empty cells are simply absent (XLSX).
  virtual bool has_fixed_width() const = 0;
  // Returns an upper bound of the number of rows, for reserving memory.
  virtual std::size_t row_count_hint() const = 0;
};

struct OpenedSource {
  std::unique_ptr<RowSource> rows;
  std::vector<ReportEntry> notes;  // file-level warnings, e.g. invalid UTF-8 replaced
};

// Largest file ingest reads, because a list is read into memory in one piece.
inline constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{2} << 30;

// Reads `file` and opens it as CSV or XLSX, recognised by its first bytes (a zip package is
// XLSX; text is CSV). Errors, all naming `display_name`: kNotFound "ingest.file.not_found",
// kIo "ingest.file.unreadable", kInvalidArgument "ingest.file.empty" and
// "ingest.file.too_large", kCorrupt "ingest.file.old_xls" (an OLE2 file: .xls or an encrypted
// workbook) and "ingest.file.not_text", and the errors of ReadXlsxSheet.
Result<OpenedSource> OpenRowSource(const std::filesystem::path& file,
                                   std::string_view display_name, const IngestOptions& options);

}  // namespace adempauze::ingest
