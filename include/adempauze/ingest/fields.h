// The protocol's fields that ingest can read, and the mapping from fields to column headers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adempauze/common/result.h"

namespace adempauze::ingest {

// A field of the data-exchange protocol that a list column can hold.
enum class Field {
  kFirstName,
  kLastName,
  kNationalNumber,
  kStreet,          // street, or "street and house number" in one column (split on import)
  kHouseNumber,
  kBox,             // "bus": appended to the house number as "12 bus 3"
  kDossierNumber,   // debtor lists: the city's collection dossier number
  kPostcode,        // client lists only
  kClientReference, // client lists only: the OCMW's own reference
};

// Returns the canonical Dutch field name used in mappings and in the report's column
// field when no header exists: "voornaam", "naam", "rijksregisternummer", "straat",
// "huisnummer", "bus", "dossiernummer", "postcode", "clientreferentie".
std::string_view FieldName(Field field);

// Parses a field name: the canonical Dutch name or its English form ("first_name",
// "last_name", "national_number", "street", "house_number", "box", "dossier_number",
// "postcode", "client_reference"), plus a few aliases ("achternaam", "insz", "rrn").
// Case, spaces, hyphens and underscores are ignored. Returns nullopt for anything else.
std::optional<Field> ParseFieldName(std::string_view text);

// An explicit column mapping: for each listed field, the header text of its column.
// ParseColumnMapping lets a field appear at most once. Header texts are compared like guessed
// headers, without regard to case, diacritics, punctuation and surrounding spaces.
struct ColumnMapping {
  std::vector<std::pair<Field, std::string>> columns;

  bool empty() const { return columns.empty(); }
  // Returns the header for `field`, or nullptr when the mapping does not name it.
  const std::string* Find(Field field) const;
  // Formats the mapping as "field=Header" strings, the form ParseColumnMapping reads, so a
  // mapping can be saved per source and given back later.
  std::vector<std::string> ToStrings() const;
};

// Parses "field=Header text" (as in `--map rijksregisternummer=INSZ`). Spaces around the
// field name and the header are trimmed; the header may contain '=' after the first one.
// Returns kInvalidArgument with key "ingest.map.syntax" (no '=' or empty header),
// "ingest.map.unknown_field" (arg 0: the field as typed, arg 1: the accepted names).
Result<std::pair<Field, std::string>> ParseMappingEntry(std::string_view text);

// Parses several entries; additionally returns "ingest.map.duplicate_field" when a field
// is named twice.
Result<ColumnMapping> ParseColumnMapping(const std::vector<std::string>& entries);

}  // namespace adempauze::ingest
