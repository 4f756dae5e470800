// The table model that the export writers write: one header row and rows of cells.
//
// The layouts of the two exports for the city's finance application, and the rule that
// neutralises spreadsheet formulas, are specified in docs/formats/exports.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/result.h"

namespace adempauze::exports {

// One cell: text, or a calendar date. CSV writes a date as "YYYY-MM-DD"; XLSX stores it as
// an Excel date number shown as dd/mm/yyyy.
struct Cell {
  std::string text;               // the value when `date` is not set; "" is an empty cell
  std::optional<CivilDate> date;  // when set, the cell is a date and `text` is ignored

  static Cell Text(std::string value);
  static Cell Date(CivilDate value);
  // Returns a date cell, or an empty text cell when `value` is nullopt.
  static Cell OptionalDate(std::optional<CivilDate> value);
};

// A header row and data rows. Every row has exactly as many cells as the header.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
};

// Returns kInvalidArgument with key "export.table.shape" (arg 0: 1-based data row,
// arg 1: its cell count, arg 2: the header's) when a row's width differs from the header,
// and with key "export.table.no_header" when the header is empty.
Status ValidateTable(const Table& table);

// Returns true when a spreadsheet could read `text` as a formula or command: it starts
// with '=', '+', '-', '@', a tab or a carriage return.
bool StartsLikeFormula(std::string_view text);

// Returns `text` with an apostrophe put in front when StartsLikeFormula(text), else
// `text` unchanged. Both writers apply this to every text cell and header, so a value
// such as "=HYPERLINK(...)" reaches the finance application as inert text.
std::string NeutraliseFormula(std::string_view text);

}  // namespace adempauze::exports
