#include "ingest/row_source.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include "adempauze/ingest/csv_reader.h"
#include "ingest/encoding.h"
#include "ingest/xlsx_reader.h"

namespace adempauze::ingest {
namespace {

class CsvRowSource final : public RowSource {
 public:
  CsvRowSource(std::string text, char delimiter)
      : text_(std::move(text)),
        line_count_(static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '\n')) + 1),
        reader_(text_.data(), text_.size(), delimiter) {}

  bool Next(SourceRow* row) override {
    CsvRecord record;
    if (!reader_.Next(&record)) return false;
    row->number = record.number;
    row->cells = record.fields;
    row->malformed_quotes = record.malformed_quotes;
    return true;
  }
  bool has_fixed_width() const override { return true; }
  // Lines, counted before the reader unescapes quoted fields in place.
  std::size_t row_count_hint() const override { return line_count_; }

 private:
  std::string text_;  // the reader's buffer: declared first so it outlives reader_
  std::size_t line_count_;
  CsvReader reader_;
};

class SheetRowSource final : public RowSource {
 public:
  explicit SheetRowSource(Sheet sheet) : sheet_(std::move(sheet)) {}

  bool Next(SourceRow* row) override {
    if (next_ >= sheet_.rows.size()) return false;
    const SheetRow& sheet_row = sheet_.rows[next_++];
    cells_.assign(sheet_row.cells.begin(), sheet_row.cells.end());
    row->number = sheet_row.number;
    row->cells = cells_;
    row->malformed_quotes = false;
    return true;
  }
  bool has_fixed_width() const override { return false; }
  std::size_t row_count_hint() const override { return sheet_.rows.size(); }

 private:
  Sheet sheet_;
  std::size_t next_ = 0;
  std::vector<std::string_view> cells_;
};

Result<std::string> ReadWholeFile(const std::filesystem::path& file, std::string_view display_name) {
  std::error_code error;
  std::filesystem::file_status status = std::filesystem::status(file, error);
  if (error || !std::filesystem::exists(status)) {
    return MakeError(ErrorCode::kNotFound, "ingest.file.not_found", display_name);
  }
  if (!std::filesystem::is_regular_file(status)) {
    return MakeError(ErrorCode::kIo, "ingest.file.unreadable", display_name);
  }
  std::uintmax_t size = std::filesystem::file_size(file, error);
  if (error) return MakeError(ErrorCode::kIo, "ingest.file.unreadable", display_name);
  if (size > kMaxFileBytes) {
    return MakeError(ErrorCode::kInvalidArgument, "ingest.file.too_large", display_name,
                     kMaxFileBytes >> 20);
  }

  std::ifstream stream(file, std::ios::binary);
  if (!stream) {
    Error failure = MakeError(ErrorCode::kIo, "ingest.file.unreadable", display_name);
    failure.detail = std::strerror(errno);
    return failure;
  }
  std::string bytes(static_cast<std::size_t>(size), '\0');
  stream.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uintmax_t>(stream.gcount()) != size) {
    return MakeError(ErrorCode::kIo, "ingest.file.unreadable", display_name);
  }
  if (bytes.empty()) return MakeError(ErrorCode::kInvalidArgument, "ingest.file.empty", display_name);
  return bytes;
}

bool StartsWith(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

// Binary content that is neither a zip package nor UTF-16 text: NUL bytes near the start.
bool LooksBinary(std::string_view bytes) {
  if (StartsWith(bytes, "\xFF\xFE") || StartsWith(bytes, "\xFE\xFF")) return false;
  return bytes.substr(0, 8192).find('\0') != std::string_view::npos;
}

}  // namespace

Result<OpenedSource> OpenRowSource(const std::filesystem::path& file,
                                   std::string_view display_name, const IngestOptions& options) {
  auto bytes = ReadWholeFile(file, display_name);
  if (!bytes.ok()) return bytes.error();
  OpenedSource opened;

  // XLSX: a zip package (local file header or, for an empty archive, end of directory).
  if (StartsWith(*bytes, "PK\x03\x04") || StartsWith(*bytes, "PK\x05\x06")) {
    auto sheet = ReadXlsxSheet(*bytes, options.sheet, display_name);
    if (!sheet.ok()) return sheet.error();
    spdlog::info("ingest: XLSX sheet with {} non-empty rows", sheet->rows.size());
    opened.rows = std::make_unique<SheetRowSource>(std::move(*sheet));
    return opened;
  }
  if (StartsWith(*bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    return MakeError(ErrorCode::kCorrupt, "ingest.file.old_xls", display_name);
  }
  if (LooksBinary(*bytes)) {
    return MakeError(ErrorCode::kCorrupt, "ingest.file.not_text", display_name);
  }

  // CSV: decode to UTF-8, then detect the delimiter on the decoded text.
  DecodedText decoded = DecodeToUtf8(std::move(*bytes), options.encoding);
  if (decoded.replaced_sequences > 0) {
    opened.notes.push_back({std::string(display_name), 0, "", "", Severity::kWarning,
                            "ingest.file.invalid_utf8",
                            {std::to_string(decoded.replaced_sequences)}});
  }
  char delimiter = DetectCsvDelimiter(decoded.text);
  spdlog::info("ingest: CSV text, encoding {}, delimiter 0x{:02x}, {} bytes", decoded.encoding,
               static_cast<int>(delimiter), decoded.text.size());
  opened.rows = std::make_unique<CsvRowSource>(std::move(decoded.text), delimiter);
  return opened;
}

}  // namespace adempauze::ingest

