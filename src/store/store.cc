// Opening and creating the database, and binding it to its key file.
#include "adempauze/store/store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "adempauze/store/schema.h"

namespace adempauze::store {

std::string SystemClockNow() {
  const auto now = std::chrono::system_clock::now();
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const long days = static_cast<long>(millis / 86'400'000);
  const long in_day = static_cast<long>(millis % 86'400'000);
  const CivilDate date = CivilDate::FromDaysSinceEpoch(days);
  return fmt::format("{}T{:02}:{:02}:{:02}.{:03}Z", date.ToIso(), in_day / 3'600'000,
                     in_day / 60'000 % 60, in_day / 1000 % 60, in_day % 1000);
}

Result<std::int64_t> NextRowId(Database& db, std::string_view table) {
  Result<Statement> query =
      db.Prepare("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = ?1), 0) + 1");
  if (!query.ok()) return query.error();
  query->BindText(1, table);
  Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  return query->ColumnInt(0);
}

Store::Store(Database db, crypto::KeySet keys, AccessLog::Clock clock)
    : db_(std::move(db)),
      keys_(std::move(keys)),
      clock_(clock ? std::move(clock) : AccessLog::Clock(SystemClockNow)),
      cipher_(keys_),
      access_log_(db_, keys_, clock_) {}

Result<std::unique_ptr<Store>> Store::Create(const std::filesystem::path& path,
                                             crypto::KeySet keys, StoreOptions options) {
  std::error_code ignored;
  if (std::filesystem::exists(path) && std::filesystem::file_size(path, ignored) > 0) {
    return MakeError(ErrorCode::kAlreadyExists, "store.database_exists", path.string());
  }
  // Create the file with mode 0600 before SQLite opens it: SQLite gives the WAL and
  // shared-memory files the same mode, so none of them is readable by others.
  if (!std::filesystem::exists(path)) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      return MakeError(ErrorCode::kIo, "common.error.io", path.string(), std::strerror(errno));
    }
    ::close(fd);
  }
  Result<Database> db = Database::Open(path, Database::Mode::kCreate, options.busy_timeout_ms, options.cache_kib);
  if (!db.ok()) return db.error();
  if (Status migrated = Migrate(*db); !migrated.ok()) return migrated.error();

  // Bind the database to the key set, so another key file is rejected at once.
  std::unique_ptr<Store> store(new Store(std::move(db).value(), std::move(keys), options.clock));
  Result<Transaction> transaction = Transaction::Begin(store->db_);
  if (!transaction.ok()) return transaction.error();
  Result<Statement> insert = store->db_.Prepare("INSERT INTO meta (key, value) VALUES (?1, ?2)");
  if (!insert.ok()) return insert.error();
  const std::pair<std::string, std::string> rows[] = {
      {"format", "adempauze"},
      {"key_id", store->keys_.KeyIdHex()},
      {"key_check", crypto::KeyCheckValue(store->keys_)},
      {"created_at", store->Now()},
  };
  for (const auto& [key, value] : rows) {
    insert->BindText(1, key).BindText(2, value);
    if (Status status = insert->Run(); !status.ok()) return status.error();
  }
  if (Status status = transaction->Commit(); !status.ok()) return status.error();
  spdlog::info("store: created database with key id {}", store->keys_.KeyIdHex());
  return store;
}

Result<std::unique_ptr<Store>> Store::Open(const std::filesystem::path& path, crypto::KeySet keys,
                                           StoreOptions options) {
  Result<Database> db = Database::Open(path, Database::Mode::kExisting, options.busy_timeout_ms, options.cache_kib);
  if (!db.ok()) return db.error();
  Result<int> version = CurrentSchemaVersion(*db);
  if (!version.ok()) return version.error();
  if (*version == 0) return MakeError(ErrorCode::kCorrupt, "store.not_initialised", path.string());
  if (Status migrated = Migrate(*db); !migrated.ok()) return migrated.error();

  std::unique_ptr<Store> store(new Store(std::move(db).value(), std::move(keys), options.clock));
  if (Status checked = store->CheckKeys(path); !checked.ok()) return checked.error();
  return store;
}

Status Store::CheckKeys(const std::filesystem::path& path) {
  Result<Statement> read = db_.Prepare("SELECT key, value FROM meta WHERE key IN ('key_id', 'key_check')");
  if (!read.ok()) return read.error();
  std::string stored_id;
  std::string stored_check;
  while (true) {
    Result<bool> row = read->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    (read->ColumnText(0) == "key_id" ? stored_id : stored_check) = read->ColumnText(1);
  }
  if (stored_id.empty() || stored_check.empty()) {
    return MakeError(ErrorCode::kCorrupt, "store.not_initialised", path.string());
  }

  // A different key id means another installation's key file; the same id with another
  // check value means the key file was altered.
  if (stored_id != keys_.KeyIdHex()) {
    return MakeError(ErrorCode::kCrypto, "store.key_mismatch", path.string(), keys_.KeyIdHex(),
                     stored_id);
  }
  if (!crypto::KeyCheckMatches(keys_, stored_check)) {
    return MakeError(ErrorCode::kCrypto, "store.key_check_failed", path.string());
  }
  return Status::Ok();
}

}  // namespace adempauze::store
