// Cleaning and checking one data row: the steps every list kind shares.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "adempauze/common/civil_date.h"
#include "adempauze/ingest/records.h"
#include "ingest/header_mapping.h"
#include "ingest/row_source.h"

namespace adempauze::ingest {

// Maximum length, in characters, of a value in any field. Real names, streets and dossier
// numbers stay far below it, so longer text is a pasted note or a shifted column.
inline constexpr std::size_t kMaxFieldCharacters = 200;

inline constexpr std::size_t kFieldCount = 9;

// The cleaned values of one row, before they become a DebtorRow or ClientRow.
struct RowValues {
  std::size_t row = 0;
  std::array<std::string, kFieldCount> text;  // by Field; street and house number split
  NumberField number;
  bool has_valid_number = false;
  bool rejected = false;
  bool misaligned = false;  // cells do not line up with the header: no field can be trusted

  std::string& operator[](Field field) { return text[static_cast<std::size_t>(field)]; }
};

// Checks rows against one header row's column plan and writes problems to `entries`.
class RowChecker {
 public:
  // REQUIRES: `plan` and `entries` outlive the checker.
  RowChecker(const ColumnPlan& plan, std::string file, CivilDate today,
             std::vector<ReportEntry>* entries);

  // Cleans and checks `row`: field count, control characters, length, street split,
  // national number, and "no valid number and no last name". Sets `rejected` when the row
  // cannot be imported. REQUIRES: `row` is not blank.
  RowValues Check(const SourceRow& row, bool fixed_width);

  // Adds an entry about `field` of `row`; the column is the field's header in the file.
  void Add(std::size_t row, Field field, std::string masked_value, Severity severity,
           std::string key, std::vector<std::string> args = {});

  // Returns true when a column of the file contains `field`.
  bool HasColumn(Field field) const { return plan_.ColumnOf(field) >= 0; }

  // Returns the header text of `field`'s column, or the field's name when it has none.
  std::string ColumnName(Field field) const;

 private:
  bool CheckWidth(const SourceRow& row, bool fixed_width);
  void ReadFields(const SourceRow& row, RowValues& values);
  void CheckNumber(RowValues& values);

  const ColumnPlan& plan_;
  std::string file_;
  CivilDate today_;
  std::vector<ReportEntry>* entries_;
  std::size_t header_width_;
};

// Returns `value` as it may appear in a report: national numbers masked, personal text
// (names, street, house number) cut to its first three characters, other values cut to 40.
std::string ReportValue(Field field, std::string_view value);

}  // namespace adempauze::ingest
