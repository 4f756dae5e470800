#include "demo/sheet_writer.h"

#include <xlsxwriter.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace adempauze::demo {
namespace {

// Unicode code points of Windows-1252 bytes 0x80..0x9F (0 where the byte is unassigned).
constexpr char32_t kWindows1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

char EncodeWindows1252(char32_t code_point) {
  if (code_point < 0x80 || (code_point >= 0xA0 && code_point <= 0xFF)) {
    return static_cast<char>(code_point);
  }
  for (int i = 0; i < 32; ++i) {
    if (kWindows1252High[i] != 0 && kWindows1252High[i] == code_point) {
      return static_cast<char>(0x80 + i);
    }
  }
  return '?';
}

Error FileError(std::string_view key, const std::filesystem::path& file, std::string reason) {
  return MakeError(ErrorCode::kIo, std::string(key), file.string(), reason);
}

class CsvSheet : public SheetWriter {
 public:
  CsvSheet(std::filesystem::path file, std::FILE* stream, CsvStyle style)
      : file_(std::move(file)), stream_(stream), style_(style) {
    buffer_.reserve(kFlushSize + 4096);
    if (style_.byte_order_mark && !style_.windows_1252) buffer_ = "\xEF\xBB\xBF";
  }

  ~CsvSheet() override {
    if (stream_ != nullptr) {
      std::fclose(stream_);
      std::remove(file_.c_str());
    }
  }

  void WriteRow(std::span<const SheetCell> cells) override {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) buffer_ += style_.delimiter;
      AppendField(cells[i].text);
    }
    EndRecord();
  }

  void WriteBlankRow(std::size_t width, bool with_delimiters) override {
    if (with_delimiters && width > 1) buffer_.append(width - 1, style_.delimiter);
    EndRecord();
  }

  Status Finish() override {
    Flush();
    const bool failed = std::fflush(stream_) != 0 || std::ferror(stream_) != 0;
    const int error_number = errno;
    const bool close_failed = std::fclose(stream_) != 0;
    stream_ = nullptr;
    if (failed || close_failed) {
      std::remove(file_.c_str());
      return FileError("demo.file.write_failed", file_, std::strerror(error_number));
    }
    return Status::Ok();
  }

 private:
  static constexpr std::size_t kFlushSize = 1 << 20;

  // Quotes as RFC 4180 and Excel do: only when the field contains the delimiter, a quote or
  // a line break.
  void AppendField(std::string_view text) {
    bool quote = false;
    for (char c : text) {
      if (c == style_.delimiter || c == '"' || c == '\r' || c == '\n') {
        quote = true;
        break;
      }
    }
    if (quote) buffer_ += '"';
    if (style_.windows_1252 && HasNonAscii(text)) {
      AppendEscaped(ToWindows1252(text), quote);
    } else {
      AppendEscaped(text, quote);
    }
    if (quote) buffer_ += '"';
  }

  void AppendEscaped(std::string_view text, bool quote) {
    if (!quote) {
      buffer_ += text;
      return;
    }
    for (char c : text) {
      if (c == '"') buffer_ += '"';
      buffer_ += c;
    }
  }

  static bool HasNonAscii(std::string_view text) {
    for (char c : text) {
      if (static_cast<unsigned char>(c) >= 0x80) return true;
    }
    return false;
  }

  void EndRecord() {
    buffer_ += "\r\n";
    if (buffer_.size() >= kFlushSize) Flush();
  }

  void Flush() {
    std::fwrite(buffer_.data(), 1, buffer_.size(), stream_);
    buffer_.clear();
  }

  std::filesystem::path file_;
  std::FILE* stream_;
  CsvStyle style_;
  std::string buffer_;
};

class XlsxSheet : public SheetWriter {
 public:
  XlsxSheet(std::filesystem::path file, lxw_workbook* workbook, lxw_worksheet* sheet)
      : file_(std::move(file)), workbook_(workbook), sheet_(sheet) {
    date_format_ = workbook_add_format(workbook_);
    format_set_num_format(date_format_, "dd/mm/yyyy");
    amount_format_ = workbook_add_format(workbook_);
    format_set_num_format(amount_format_, "#,##0.00");
  }

  ~XlsxSheet() override {
    if (workbook_ != nullptr) {
      workbook_close(workbook_);
      std::remove(file_.c_str());
    }
  }

  void WriteRow(std::span<const SheetCell> cells) override {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      Remember(WriteCell(static_cast<lxw_col_t>(i), cells[i]));
    }
    ++row_;
  }

  void WriteBlankRow(std::size_t, bool) override { ++row_; }

  Status Finish() override {
    lxw_error close_error = workbook_close(workbook_);
    workbook_ = nullptr;
    Remember(close_error);
    if (first_error_ != LXW_NO_ERROR) {
      std::remove(file_.c_str());
      return FileError("demo.file.write_failed", file_, lxw_strerror(first_error_));
    }
    return Status::Ok();
  }

 private:
  lxw_error WriteCell(lxw_col_t column, const SheetCell& cell) {
    if (cell.date) {
      lxw_datetime value{cell.date->year, cell.date->month, cell.date->day, 0, 0, 0};
      return worksheet_write_datetime(sheet_, row_, column, &value, date_format_);
    }
    if (cell.number) {
      return worksheet_write_number(sheet_, row_, column, *cell.number,
                                    cell.amount ? amount_format_ : nullptr);
    }
    if (cell.text.empty()) return LXW_NO_ERROR;
    // libxlsxwriter needs a NUL-terminated string.
    scratch_.assign(cell.text);
    return worksheet_write_string(sheet_, row_, column, scratch_.c_str(), nullptr);
  }

  void Remember(lxw_error error) {
    if (first_error_ == LXW_NO_ERROR) first_error_ = error;
  }

  std::filesystem::path file_;
  lxw_workbook* workbook_;
  lxw_worksheet* sheet_;
  lxw_format* date_format_ = nullptr;
  lxw_format* amount_format_ = nullptr;
  lxw_row_t row_ = 0;
  lxw_error first_error_ = LXW_NO_ERROR;
  std::string scratch_;
};

}  // namespace

std::string ToWindows1252(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    int length = 4;
    if (lead < 0x80) {
      length = 1;
    } else if (lead < 0xE0) {
      length = 2;
    } else if (lead < 0xF0) {
      length = 3;
    }
    if (i + static_cast<std::size_t>(length) > utf8.size()) length = 1;
    char32_t code_point = length == 1 ? lead : lead & (0x7F >> length);
    for (int k = 1; k < length; ++k) {
      code_point = (code_point << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    }
    out += EncodeWindows1252(code_point);
    i += static_cast<std::size_t>(length);
  }
  return out;
}

Result<std::unique_ptr<SheetWriter>> OpenCsvSheet(const std::filesystem::path& file, CsvStyle style) {
  std::FILE* stream = std::fopen(file.c_str(), "wb");
  if (stream == nullptr) return FileError("demo.file.create_failed", file, std::strerror(errno));
  return std::unique_ptr<SheetWriter>(std::make_unique<CsvSheet>(file, stream, style));
}

Result<std::unique_ptr<SheetWriter>> OpenXlsxSheet(const std::filesystem::path& file,
                                                   const XlsxStyle& style) {
  // libxlsxwriter creates the file only when the workbook is closed, so create it now to
  // report a missing or read-only folder before any row is generated.
  std::FILE* probe = std::fopen(file.c_str(), "wb");
  if (probe == nullptr) return FileError("demo.file.create_failed", file, std::strerror(errno));
  std::fclose(probe);

  lxw_workbook_options options{};
  options.constant_memory = style.constant_memory ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* workbook = workbook_new_opt(file.c_str(), &options);
  if (workbook == nullptr) {
    return FileError("demo.file.create_failed", file, lxw_strerror(LXW_ERROR_CREATING_XLSX_FILE));
  }

  // A fixed creation time keeps the package's metadata the same for the same options.
  std::tm created{};
  created.tm_year = style.created.year - 1900;
  created.tm_mon = style.created.month - 1;
  created.tm_mday = style.created.day;
  created.tm_hour = 9;
  lxw_doc_properties properties{};
  properties.title = const_cast<char*>("Fictieve demogegevens (Adembeek)");
  properties.created = timegm(&created);
  workbook_set_properties(workbook, &properties);

  lxw_worksheet* sheet = workbook_add_worksheet(workbook, style.sheet_name.c_str());
  if (sheet == nullptr) {
    workbook_close(workbook);
    std::remove(file.c_str());
    return FileError("demo.file.create_failed", file, "invalid sheet name");
  }
  return std::unique_ptr<SheetWriter>(std::make_unique<XlsxSheet>(file, workbook, sheet));
}

}  // namespace adempauze::demo
