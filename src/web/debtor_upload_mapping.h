// The upload form's column mapping ("Kolommen koppelen") and the web texts of ingest and
// import errors whose usual text names a command-line option (--map, --strict).
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "adempauze/common/result.h"
#include "adempauze/ingest/fields.h"
#include "web/app.h"
#include "web/debtor_upload.h"

namespace adempauze::web {

// Returns the rows of the form's mapping part for the fields of `kind`'s list: the field's
// canonical name (the input is "map_<name>"), its label and the value typed in the request.
nlohmann::json MappingView(const RequestContext& context, UploadKind kind);

// Returns true when the request filled in at least one mapping input.
bool HasMappingInput(const RequestContext& context, UploadKind kind);

// Returns the mapping typed in the form, as `--map field=Header` would give it: one entry per
// filled-in input, the header trimmed. Returns ParseColumnMapping's errors.
Result<ingest::ColumnMapping> MappingFromForm(const RequestContext& context, UploadKind kind);

// Returns the catalog key of the web text for `key` when the usual text names a command-line
// option, or `key` itself. The web texts point to the form instead.
std::string_view WebMessageKey(std::string_view key);

// Returns `error` with its web text's key (WebMessageKey).
Error WebError(Error error);

// Returns true when the mapping part of the form can fix `error`: a header row or a column
// that was not recognised.
bool MappingCanFix(const Error& error);

}  // namespace adempauze::web
