// Versioned schema migrations of the SQLite database (docs/formats/database.md).
//
// Each migration is a numbered SQL step, applied in its own transaction together with its
// row in `schema_migrations`, so a database is always at one whole version.
#pragma once

#include <span>
#include <string_view>

#include "adempauze/common/result.h"
#include "adempauze/store/sqlite.h"

namespace adempauze::store {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

// Returns every migration, in version order (1, 2, ...).
std::span<const Migration> Migrations();

// Returns the newest schema version this code knows.
int LatestSchemaVersion();

// Returns the version of `db` (0 for an empty database).
Result<int> CurrentSchemaVersion(Database& db);

// Applies every migration newer than the database's version; does nothing on a database
// that is up to date. Returns kFailedPrecondition ("store.schema_newer") when the
// database was written by a newer adempauze, and leaves it untouched.
// REQUIRES: no transaction is open on `db`.
Status Migrate(Database& db);

}  // namespace adempauze::store
