// Reading one worksheet of an XLSX package (Office Open XML, ECMA-376) into rows of text,
// through libzip and pugixml.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "adempauze/common/result.h"

namespace adempauze::ingest {

// One worksheet row with at least one non-empty cell.
struct SheetRow {
  std::size_t number = 0;          // the row number Excel shows (the `r` attribute)
  std::vector<std::string> cells;  // by column, A = index 0; skipped columns are empty
};

struct Sheet {
  std::string name;
  std::vector<SheetRow> rows;  // in row order; rows without any text are left out
};

struct XlsxLimits {
  // Maximum uncompressed size of one package part (sheet, shared strings, workbook). A small
  // zip can expand to many gigabytes (a "zip bomb"); reading stops at this size.
  std::uint64_t max_part_bytes = std::uint64_t{1} << 30;
};

// Returns the names of the worksheets of the package in `bytes`, in workbook order.
// Errors as for ReadXlsxSheet, except that no sheet is looked up.
Result<std::vector<std::string>> ListXlsxSheets(std::string_view bytes,
                                                std::string_view display_name,
                                                const XlsxLimits& limits = {});

// Reads the worksheet named `sheet_name` (exact match first, then ignoring ASCII case), or the
// first visible worksheet when `sheet_name` is empty. Each cell becomes text: shared and
// inline strings (rich text runs joined), formula results, numbers as written in the file
// (see NumberCellText), booleans as "TRUE"/"FALSE", error values such as "#N/A".
// Returns kCorrupt "ingest.xlsx.corrupt" (not a zip, or a required part missing or not XML),
// kCorrupt "ingest.xlsx.part_too_large" (a part exceeds the limit), kNotFound
// "ingest.xlsx.sheet_not_found" (args: file, sheet, the available sheets). `display_name`
// is the file name put into messages.
// NOTE: the sheet is parsed into a pugixml DOM, which takes several times the sheet's XML size
// in memory; a full 1,048,576-row sheet needs gigabytes. Lists of a city fit easily.
Result<Sheet> ReadXlsxSheet(std::string_view bytes, std::string_view sheet_name,
                            std::string_view display_name, const XlsxLimits& limits = {});

// Returns the text of a number cell's value as its exact decimal digits: "85073003328" stays,
// "8.5073003328E+10" becomes "85073003328", "12.50" becomes "12.5", "3.0" becomes "3".
// A value that is not a decimal number is returned unchanged.
std::string NumberCellText(std::string_view value);

// Returns the 0-based column of a cell reference such as "C5" (2), or -1 when it has no
// column letters or names a column beyond XFD (16384 columns).
int ColumnIndexOfReference(std::string_view reference);

}  // namespace adempauze::ingest
