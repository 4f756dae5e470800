// Opening and creating the store from the command line, shared by the command families.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "adempauze/common/result.h"
#include "adempauze/export/flag_table.h"
#include "adempauze/store/flags.h"
#include "adempauze/store/store.h"
#include "cli/context.h"

namespace adempauze::cli {

// Creates a new key file at `key_file` (mode 0600) and a new database bound to it.
// Returns kAlreadyExists ("store.database_exists") when a non-empty database exists, checked
// before the key file is written, and the key file's kAlreadyExists when that exists, so no
// key or data is ever overwritten. A key file whose database could not be created is removed.
Result<std::unique_ptr<store::Store>> CreateStore(const std::filesystem::path& database,
                                                  const std::filesystem::path& key_file,
                                                  store::StoreOptions options = {});

// Writes `text` to `file` with mode 0600, because reports and summaries concern identifiable
// dossiers. Returns kIo ("common.error.io") with the system's reason on failure.
Status WriteOwnerOnlyFile(const std::filesystem::path& file, const std::string& text);

// MakeFlagTable lives in the export module (adempauze/export/flag_table.h), which the web
// application shares.
using exports::MakeFlagTable;

}  // namespace adempauze::cli
