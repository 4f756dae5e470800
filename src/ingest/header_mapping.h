// Recognising the header row of a list and mapping its columns to the protocol's fields.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adempauze/ingest/fields.h"

namespace adempauze::ingest {

enum class ListKind { kDebtor, kClient };

// Returns true when lists of `kind` carry `field`. Debtor lists have a dossier number and no
// postcode or client reference. Client lists have a postcode and client reference and no
// dossier number.
bool ListHasField(ListKind kind, Field field);

// Returns the field that a header means, from Dutch, English and a few French synonyms
// (docs/formats/input-files.md lists them), or nullopt. `header_key` comes from HeaderKey().
std::optional<Field> GuessField(ListKind kind, std::string_view header_key);

// The mapping from the columns of one candidate header row to fields.
struct ColumnPlan {
  std::vector<std::string> headers;                 // header text per column, trimmed
  std::vector<std::optional<Field>> fields;         // field per column, if any
  // Columns whose header names a field that an earlier column (or the mapping) already took.
  std::vector<std::pair<std::size_t, Field>> duplicate_columns;
  std::vector<std::string> missing_mapped_headers;  // explicit mapping headers not in this row
  std::size_t mapped_count = 0;

  // Returns the column of `field`, or -1 when no column contains it.
  int ColumnOf(Field field) const;
};

// Maps the cells of a candidate header row. The explicit mapping is applied first; the
// remaining columns are guessed, and the first column that names a field gets it.
// REQUIRES: every field in `mapping` satisfies ListHasField(kind, field).
ColumnPlan PlanColumns(ListKind kind, std::span<const std::string_view> header_cells,
                       const ColumnMapping& mapping);

// Returns the required fields of a list of `kind` that `plan` does not map. Debtor lists need
// a dossier number and either a national number or a last name. Client lists need either a
// national number or a last name. When neither of the two is mapped, both are returned.
std::vector<Field> MissingRequiredFields(ListKind kind, const ColumnPlan& plan);

}  // namespace adempauze::ingest
