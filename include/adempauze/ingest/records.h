// The rows that ingest produces and the store keeps. Only the protocol's fields exist here:
// a column outside them is dropped during ingest and never reaches these types.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "adempauze/ingest/fields.h"
#include "adempauze/ingest/report.h"
#include "adempauze/nn/national_number.h"

namespace adempauze::ingest {

// The national number column of one row after checking.
struct NumberField {
  std::string raw;                        // trimmed text as found in the file
  std::optional<nn::NationalNumber> number;  // set when the value (possibly repaired) is valid
};

// One row of a city debtor list: the five fields of the protocol.
struct DebtorRow {
  std::size_t source_row = 0;  // row number as the user sees it (spreadsheet row / CSV line record)
  std::string first_name;
  std::string last_name;
  NumberField national_number;
  std::string street;
  std::string house_number;   // may include a box ("12 bus 3") or letter ("12A")
  std::string dossier_number;
};

// One row of an OCMW client list.
struct ClientRow {
  std::size_t source_row = 0;
  std::string first_name;
  std::string last_name;
  NumberField national_number;
  std::string street;
  std::string house_number;
  std::string postcode;
  std::string client_reference;  // the OCMW's own reference for the client
};

template <typename Row>
struct ParsedList {
  std::string source_name;     // file name as shown to the user (no directory)
  std::vector<Row> rows;       // accepted rows, in file order
  ValidationReport report;     // rejected, repaired and warned rows, dropped columns
  std::size_t rows_read = 0;   // data rows seen, blank rows excluded
  std::size_t header_row = 0;  // row number of the header row (1 unless a title is above it)
  ColumnMapping mapping;       // the header used for each field, guessed or explicit
};

using DebtorList = ParsedList<DebtorRow>;
using ClientList = ParsedList<ClientRow>;

}  // namespace adempauze::ingest
