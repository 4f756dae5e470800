// A one-pass CSV reader over a UTF-8 text in memory (RFC 4180 quoting, CRLF, LF or CR line
// ends). It is kept apart from the rest of ingest so it can be benchmarked on its own.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace adempauze::ingest {

// Returns the field delimiter of a CSV text: ';', ',' or '\t'. Each candidate is counted
// outside quotes on each of the first 10 lines. The candidate with the highest count on a
// single line wins, so a title line such as "Debiteuren, januari" above a ";" header does
// not decide. Ties prefer ';' (what Excel writes in Belgium), then ',', then tab. Returns
// ';' when no candidate occurs (a file with one column).
char DetectCsvDelimiter(std::string_view text);

struct CsvRecord {
  // 1-based record number. It is the row number a spreadsheet shows for the record, because
  // a spreadsheet shows a record with an embedded line break as one row, and a blank line
  // as an empty row. Blank lines therefore count as records.
  std::size_t number = 0;
  std::size_t line = 0;  // 1-based physical line on which the record starts
  std::span<const std::string_view> fields;  // at least one field, possibly empty
  bool malformed_quotes = false;  // text after a closing quote, kept as part of the field

  // Returns true when every field is empty (a blank line, or only delimiters).
  bool blank() const;
};

// Reads records from `data`. Quoted fields are unescaped in place (quotes removed, doubled
// quotes collapsed), which is why `data` is mutable: every field is a view into `data`, with
// no copy and no allocation per field. Not thread-safe; one reader per text.
class CsvReader {
 public:
  // REQUIRES: `data` stays alive and is not changed by others while the reader or any field
  // view it returned is in use. `delimiter` is not '"', '\r' or '\n'.
  CsvReader(char* data, std::size_t size, char delimiter);

  // Reads the next record into `record` and returns true, or returns false at the end of the
  // input. `record->fields` is valid until the next call; the views inside it stay valid as
  // long as `data`. A final line break does not start an empty record.
  bool Next(CsvRecord* record);

  // Returns true when the input ended inside a quoted field. The last field of the last
  // record then contains the rest of the file.
  bool unterminated_quote() const { return unterminated_quote_; }

 private:
  // Parses the quoted field that starts at pos_ (on the opening quote) and returns it.
  std::string_view ReadQuotedField(bool* malformed);

  char* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
  char delimiter_;
  std::array<bool, 256> ends_unquoted_field_{};  // delimiter, '\r', '\n'
  std::size_t record_number_ = 0;
  std::size_t line_ = 1;
  bool unterminated_quote_ = false;
  std::vector<std::string_view> fields_;
};

}  // namespace adempauze::ingest
