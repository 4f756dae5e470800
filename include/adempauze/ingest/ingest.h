// Reading a city debtor list or an OCMW client list from a CSV or XLSX file.
//
// The pipeline reads the file (a CSV text after detecting encoding and delimiter, or one sheet
// of an XLSX package) and finds the header row. It maps the columns to the protocol's fields,
// guessed from Dutch and English headers or given explicitly, then checks and cleans every
// row. Row problems become entries in the ValidationReport of the returned list. Only a file
// that cannot be read as a whole is a returned Error. The accepted columns and headers
// are described in docs/formats/input-files.md; the validation policy in
// docs/adr/0002-ingest-validation-policy.md.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/result.h"
#include "adempauze/ingest/fields.h"
#include "adempauze/ingest/records.h"

namespace adempauze::ingest {

// Character encoding of a CSV file. XLSX files are always UTF-8 and ignore this.
enum class Encoding {
  kAuto,         // UTF-8 when the bytes are valid UTF-8 (BOM optional), else Windows-1252
  kUtf8,         // UTF-8; invalid bytes are replaced by U+FFFD and reported
  kWindows1252,  // Windows-1252 (Western European, what Excel writes as "CSV" on Windows)
};

// Parses "auto", "utf-8" (or "utf8"), "windows-1252" (or "cp1252", "latin1").
// Returns kInvalidArgument with key "ingest.option.encoding_unknown" otherwise.
Result<Encoding> ParseEncoding(std::string_view text);

struct IngestOptions {
  std::string display_name;  // name shown in the report and errors; empty: the file name
  std::string sheet;         // XLSX sheet name; empty: the first visible sheet
  ColumnMapping mapping;     // explicit field -> header text; overrides the guessed columns
  CivilDate today;           // bounds birth dates when national numbers are checked
  Encoding encoding = Encoding::kAuto;
};

// Reads a city debtor list (CSV or XLSX, recognised by content, not by extension).
// Returns the accepted rows and a report of every rejected, repaired or questionable row and
// every dropped column. Returns an Error (Dutch and English message naming the file) only
// when the file as a whole cannot be used: not found or unreadable (kNotFound, kIo), neither
// CSV nor XLSX or a damaged package (kCorrupt), sheet not found (kNotFound), no header row
// recognised or a required column missing (kInvalidArgument), a part too large (kCorrupt).
// Required columns: dossier number, and national number or last name.
// REQUIRES: options.today is set (a year other than 0).
// Thread-safe: the function keeps no state between calls.
Result<DebtorList> ReadDebtorList(const std::filesystem::path& file, const IngestOptions& options);

// Reads an OCMW client list; the same contract as ReadDebtorList. Required columns:
// national number or last name (the client reference is optional).
Result<ClientList> ReadClientList(const std::filesystem::path& file, const IngestOptions& options);

}  // namespace adempauze::ingest
