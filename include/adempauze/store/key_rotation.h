// Data-key rotation without downtime (docs/formats/key-file.md, "Rotation").
//
// A rotation writes a key file with a new data key next to the old one. It then re-seals
// the personal fields in batches, one transaction per batch. Other commands keep working
// between batches, because they open fields of either key and seal with the new one. Its progress
// is kept in the table `meta`, so an interrupted rotation resumes where it stopped. When
// every field carries the new key's tag, the old key is removed from the key file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "adempauze/common/result.h"
#include "adempauze/store/store.h"

namespace adempauze::store {

// A table with sealed columns. Tables and columns that do not exist in the database (an
// older schema) are skipped.
struct SealedTable {
  std::string_view table;
  std::vector<std::string_view> columns;
};

// Every sealed column of the schema, which a rotation re-seals.
// NOTE: a module that adds a sealed column must add it here, or a rotation leaves it
// under the old key and the old key's removal makes it unreadable.
const std::vector<SealedTable>& SealedTables();

// TEST ONLY: stop the rotation after `after_batches` committed batches, by returning an
// error (kFail) or killing the process (kKill). The CLI reads ADEMPAUZE_TEST_ROTATION_FAULT.
struct RotationFault {
  enum class Kind { kNone, kFail, kKill };
  Kind kind = Kind::kNone;
  std::int64_t after_batches = 0;
};

struct RotationOptions {
  Actor actor;
  std::int64_t batch_rows = 1000;
  bool resume_only = false;  // refuse to start a new rotation (--resume)
  RotationFault fault;       // test only
};

struct RotationReport {
  std::string old_key_id;  // hex
  std::string new_key_id;  // hex
  bool resumed = false;
  std::int64_t batches = 0;
  std::int64_t rows_checked = 0;
  std::int64_t fields_resealed = 0;
};

// Rotates the data key of the database at `database` with the key file `key_file`, or
// resumes the rotation in progress. Returns the report when the old key is gone from the
// key file. Errors: the key file's errors (missing, wrong), the store's Open errors,
// kFailedPrecondition ("keys.rotation.nothing_to_resume") with resume_only and no rotation
// in progress, ("keys.rotation.no_data_key") after retention, kCrypto when a field opens
// with neither key, kConflict when another process holds the write lock too long.
Result<RotationReport> RotateDataKey(const std::filesystem::path& database,
                                     const std::filesystem::path& key_file,
                                     const RotationOptions& options, StoreOptions store_options = {});

// Returns the number of sealed fields in the database that do not carry the tag of
// `cipher`'s current data key. Reads tags only, decrypts nothing.
Result<std::int64_t> CountFieldsNotSealedWithCurrentKey(Database& db, const crypto::FieldCipher& cipher);

}  // namespace adempauze::store
