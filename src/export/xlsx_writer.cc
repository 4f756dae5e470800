// XLSX for the finance application, written through libxlsxwriter.
#include <xlsxwriter.h>

#include <algorithm>
#include <string>

#include "adempauze/export/writers.h"
#include "export/atomic_file.h"

namespace adempauze::exports {
namespace {

// Excel's column width is in characters of the default font; these bounds keep a column
// readable without letting one long value push the others off the screen.
constexpr double kMinColumnWidth = 8;
constexpr double kMaxColumnWidth = 60;
constexpr std::size_t kDateWidth = 10;  // "dd/mm/yyyy"

std::size_t CodePoints(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::vector<double> ColumnWidths(const Table& table) {
  std::vector<std::size_t> widest(table.header.size());
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    widest[c] = CodePoints(NeutraliseFormula(table.header[c]));
  }
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      std::size_t width = row[c].date ? kDateWidth : CodePoints(NeutraliseFormula(row[c].text));
      widest[c] = std::max(widest[c], width);
    }
  }
  std::vector<double> widths;
  for (std::size_t width : widest) {
    // Two characters of margin leave room for the autofilter's drop-down button.
    widths.push_back(std::clamp(static_cast<double>(width) + 2, kMinColumnWidth, kMaxColumnWidth));
  }
  return widths;
}

struct Formats {
  lxw_format* header;
  lxw_format* text;
  lxw_format* date;
};

Formats AddFormats(lxw_workbook* workbook) {
  Formats formats{workbook_add_format(workbook), workbook_add_format(workbook),
                  workbook_add_format(workbook)};
  format_set_bold(formats.header);
  format_set_num_format(formats.header, "@");
  // Text format keeps "00123" a text when a user edits the cell in Excel.
  format_set_num_format(formats.text, "@");
  format_set_num_format(formats.date, "dd/mm/yyyy");
  return formats;
}

lxw_error WriteCell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const Cell& cell,
                    const Formats& formats) {
  if (cell.date) {
    lxw_datetime value{cell.date->year, cell.date->month, cell.date->day, 0, 0, 0};
    return worksheet_write_datetime(sheet, row, column, &value, formats.date);
  }
  if (cell.text.empty()) return LXW_NO_ERROR;
  const std::string text = NeutraliseFormula(cell.text);
  return worksheet_write_string(sheet, row, column, text.c_str(), formats.text);
}

// Writes the header, the rows and the sheet's layout; returns the first library error.
lxw_error FillSheet(const Table& table, lxw_workbook* workbook, lxw_worksheet* sheet) {
  const Formats formats = AddFormats(workbook);
  const auto last_column = static_cast<lxw_col_t>(table.header.size() - 1);

  std::vector<double> widths = ColumnWidths(table);
  for (lxw_col_t c = 0; c <= last_column; ++c) {
    worksheet_set_column(sheet, c, c, widths[c], nullptr);
  }

  for (lxw_col_t c = 0; c <= last_column; ++c) {
    const std::string text = NeutraliseFormula(table.header[c]);
    if (lxw_error error = worksheet_write_string(sheet, 0, c, text.c_str(), formats.header)) {
      return error;
    }
  }
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto row = static_cast<lxw_row_t>(r + 1);
    for (lxw_col_t c = 0; c <= last_column; ++c) {
      if (lxw_error error = WriteCell(sheet, row, c, table.rows[r][c], formats)) return error;
    }
  }

  worksheet_freeze_panes(sheet, 1, 0);
  return worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rows.size()), last_column);
}

// Applies Excel's rules for sheet names; libxlsxwriter 1.1.4 checks only some of them.
bool IsValidSheetName(std::string_view name) {
  const std::size_t length = CodePoints(name);
  if (length == 0 || length > 31) return false;
  if (name.find_first_of("[]:*?/\\") != std::string_view::npos) return false;
  return name.front() != '\'' && name.back() != '\'';
}

Error LibraryError(const std::filesystem::path& file, lxw_error error) {
  Error result = MakeError(ErrorCode::kIo, "export.xlsx.write_failed", file.string(),
                           lxw_strerror(error));
  result.detail = "libxlsxwriter error " + std::to_string(static_cast<int>(error));
  return result;
}

}  // namespace

Status WriteXlsx(const Table& table, const std::filesystem::path& file, std::string_view sheet_name) {
  if (Status valid = ValidateTable(table); !valid.ok()) return valid;
  // Excel allows 1,048,576 rows per sheet, the header included.
  if (table.rows.size() >= LXW_ROW_MAX) {
    return MakeError(ErrorCode::kInvalidArgument, "export.xlsx.too_many_rows", table.rows.size(),
                     LXW_ROW_MAX - 1);
  }
  const std::string name(sheet_name);

  // Step 1: a temporary file that libxlsxwriter overwrites by name.
  auto temp = TempFile::Create(file);
  if (!temp.ok()) return temp.error();
  temp->CloseStream();

  // Step 2: the workbook and its single sheet; a sheet name Excel rejects is the
  // caller's error, not an I/O failure.
  lxw_workbook* workbook = workbook_new(temp->path().c_str());
  if (workbook == nullptr) return LibraryError(file, LXW_ERROR_CREATING_XLSX_FILE);
  if (!IsValidSheetName(name) || workbook_validate_sheet_name(workbook, name.c_str()) != LXW_NO_ERROR) {
    workbook_close(workbook);
    return MakeError(ErrorCode::kInvalidArgument, "export.xlsx.sheet_name", name);
  }
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());

  // Step 3: cells and layout, then the package. workbook_close frees the workbook
  // whatever it returns.
  lxw_error fill_error = sheet == nullptr ? LXW_ERROR_MEMORY_MALLOC_FAILED
                                          : FillSheet(table, workbook, sheet);
  lxw_error close_error = workbook_close(workbook);
  if (fill_error != LXW_NO_ERROR) return LibraryError(file, fill_error);
  if (close_error != LXW_NO_ERROR) return LibraryError(file, close_error);

  return temp->Commit();
}

}  // namespace adempauze::exports
