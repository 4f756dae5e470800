// CSV and XLSX writers for export tables.
//
// Both writers check the table, write to a temporary file in the target's directory and
// rename it over the target only when everything was written and flushed to disk, so a
// failed export never leaves a partial file behind. The target is created with mode 0600
// (readable by its owner only) because the list shows which dossiers belong to OCMW
// clients. A target that already exists is replaced. Byte layouts: docs/formats/exports.md.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "adempauze/common/result.h"
#include "adempauze/export/table.h"

namespace adempauze::exports {

// Returns the CSV bytes of `table`: UTF-8 with a byte order mark, ';' between fields,
// CRLF after every record (the last one too), a field quoted per RFC 4180 when it contains
// ';', '"', CR or LF, text neutralised with NeutraliseFormula, dates as "YYYY-MM-DD".
// Returns the errors of ValidateTable. For downloads that never touch the disk.
Result<std::string> CsvBytes(const Table& table);

// Writes CsvBytes(table) to `file`. Returns the errors of ValidateTable, or kIo with key
// "export.file.create_failed", "export.file.write_failed" or "export.file.rename_failed"
// (arg 0: the file, arg 1: the system's reason).
Status WriteCsv(const Table& table, const std::filesystem::path& file);

// Writes `table` as an XLSX workbook with one sheet named `sheet_name`. The header row is
// bold and frozen, with an autofilter over the table, and column widths fit the content.
// Every text cell is a string cell in text format ("@"), neutralised like CSV and never a
// formula, so "00123" and "2026/000101" keep their form. Every date cell is an Excel date
// number in format dd/mm/yyyy. Returns the errors of ValidateTable and WriteCsv,
// kInvalidArgument with key "export.xlsx.sheet_name" when Excel would reject the sheet
// name (empty, more than 31 characters, one of []:*?/\ or an apostrophe at either end),
// kInvalidArgument with key "export.xlsx.too_many_rows" when the rows do not fit in one
// sheet (1,048,575 below the header), or kIo with key "export.xlsx.write_failed"
// (arg 1: libxlsxwriter's reason).
Status WriteXlsx(const Table& table, const std::filesystem::path& file, std::string_view sheet_name);

}  // namespace adempauze::exports
