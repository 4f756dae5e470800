// Data-key rotation in batches (include/adempauze/store/key_rotation.h).
#include "adempauze/store/key_rotation.h"

#include <csignal>
#include <unistd.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace adempauze::store {
namespace {

constexpr std::string_view kMetaNewKey = "rotation.new_key_id";
constexpr std::string_view kMetaOldKey = "rotation.old_key_id";
constexpr std::string_view kMetaTable = "rotation.table";
constexpr std::string_view kMetaAfterId = "rotation.after_id";

Status PutMeta(Database& db, std::string_view key, std::string_view value) {
  Result<Statement> put = db.Prepare(
      "INSERT INTO meta (key, value) VALUES (?1, ?2) "
      "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  if (!put.ok()) return put.error();
  put->BindText(1, key).BindText(2, value);
  return put->Run();
}

Result<std::string> GetMeta(Database& db, std::string_view key) {
  Result<Statement> get = db.Prepare("SELECT value FROM meta WHERE key = ?1");
  if (!get.ok()) return get.error();
  get->BindText(1, key);
  Result<bool> row = get->Step();
  if (!row.ok()) return row.error();
  return *row ? get->ColumnText(0) : std::string();
}

// Returns the columns of `table` that exist in this database; empty when the table does not.
Result<std::vector<std::string>> ExistingColumns(Database& db, const SealedTable& table) {
  Result<Statement> info = db.Prepare(fmt::format("PRAGMA table_info({})", table.table));
  if (!info.ok()) return info.error();
  std::vector<std::string> present;
  while (true) {
    Result<bool> row = info->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    const std::string name = info->ColumnText(1);
    for (std::string_view wanted : table.columns) {
      if (name == wanted) present.push_back(name);
    }
  }
  return present;
}

// Progress of one rotation, as kept in `meta`.
struct Cursor {
  std::size_t table_index = 0;
  std::int64_t after_id = 0;
};

Result<Cursor> ReadCursor(Database& db) {
  Result<std::string> table = GetMeta(db, kMetaTable);
  if (!table.ok()) return table.error();
  Result<std::string> after = GetMeta(db, kMetaAfterId);
  if (!after.ok()) return after.error();
  Cursor cursor;
  const auto& tables = SealedTables();
  cursor.table_index = tables.size();
  for (std::size_t i = 0; i < tables.size(); ++i) {
    if (tables[i].table == *table) cursor.table_index = i;
  }
  if (table->empty()) cursor.table_index = 0;
  cursor.after_id = after->empty() ? 0 : std::stoll(*after);
  return cursor;
}

Status WriteCursor(Database& db, const Cursor& cursor) {
  const auto& tables = SealedTables();
  const std::string_view table =
      cursor.table_index < tables.size() ? tables[cursor.table_index].table : "done";
  if (Status status = PutMeta(db, kMetaTable, table); !status.ok()) return status;
  return PutMeta(db, kMetaAfterId, std::to_string(cursor.after_id));
}

void ApplyFault(const RotationFault& fault, std::int64_t batches) {
  if (fault.kind == RotationFault::Kind::kKill && batches == fault.after_batches) {
    spdlog::warn("key rotation: test fault kills the process after {} batches", batches);
    ::kill(::getpid(), SIGKILL);
  }
}

struct BatchResult {
  std::int64_t rows = 0;
  std::int64_t resealed = 0;
  std::int64_t last_id = 0;
};

// Re-seals the fields of up to `limit` rows of `table` after `after_id` that do not carry
// the current key's tag. Runs inside the caller's transaction.
Result<BatchResult> ResealBatch(Store& store, std::string_view table,
                                const std::vector<std::string>& columns, std::int64_t after_id,
                                std::int64_t limit) {
  std::string select = "SELECT id";
  for (const std::string& column : columns) select += ", " + column;
  select += fmt::format(" FROM {} WHERE id > ?1 ORDER BY id LIMIT ?2", table);
  Result<Statement> query = store.database().Prepare(select);
  if (!query.ok()) return query.error();
  query->Bind(1, after_id).Bind(2, limit);

  BatchResult result;
  std::vector<std::tuple<std::int64_t, std::size_t, std::string>> updates;
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    const std::int64_t id = query->ColumnInt(0);
    result.last_id = id;
    ++result.rows;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (query->ColumnIsNull(static_cast<int>(c + 1))) continue;
      const std::string sealed = query->ColumnBlob(static_cast<int>(c + 1));
      if (store.cipher().IsSealedWithCurrentKey(sealed)) continue;
      const crypto::FieldPlace place{table, columns[c], id};
      Result<std::string> plain = store.cipher().Open(sealed, place);
      if (!plain.ok()) return plain.error();
      updates.emplace_back(id, c, store.cipher().Seal(*plain, place));
    }
  }
  for (const auto& [id, column, sealed] : updates) {
    Result<Statement> update =
        store.database().Prepare(fmt::format("UPDATE {} SET {} = ?1 WHERE id = ?2", table, columns[column]));
    if (!update.ok()) return update.error();
    update->BindBlob(1, sealed).Bind(2, id);
    if (Status status = update->Run(); !status.ok()) return status.error();
    ++result.resealed;
  }
  return result;
}

Status LogRotation(Store& store, const Actor& actor, std::string_view action, std::string_view object,
                   std::string detail) {
  AccessEntry entry;
  entry.actor = actor.name;
  entry.role = actor.role;
  entry.action = std::string(action);
  entry.object_type = "data_key";
  entry.object_id = std::string(object);
  entry.purpose = "key_rotation";
  entry.outcome = "ok";
  entry.detail = std::move(detail);
  Result<std::int64_t> appended = store.access_log().Append(std::move(entry));
  return appended.ok() ? Status::Ok() : Status(appended.error());
}

// Records the start: the new key's id, the cursor and the new key check value.
Status BeginInDatabase(Store& store, const Actor& actor) {
  Result<Transaction> transaction = Transaction::Begin(store.database());
  if (!transaction.ok()) return transaction.error();
  Database& db = store.database();
  const crypto::KeySet& keys = store.keys();
  Result<std::string> recorded = GetMeta(db, kMetaNewKey);
  if (!recorded.ok()) return recorded.error();
  if (*recorded == keys.DataKeyIdHex()) return Status::Ok();  // already recorded
  for (auto [key, value] : {std::pair<std::string_view, std::string>{kMetaNewKey, keys.DataKeyIdHex()},
                            {kMetaOldKey, keys.PreviousDataKeyIdHex()},
                            {kMetaTable, ""},
                            {kMetaAfterId, "0"},
                            {"key_check", crypto::KeyCheckValue(keys)}}) {
    if (Status status = PutMeta(db, key, value); !status.ok()) return status;
  }
  if (Status status = LogRotation(store, actor, "key_rotation_start", keys.DataKeyIdHex(),
                                  "old=" + keys.PreviousDataKeyIdHex());
      !status.ok()) {
    return status;
  }
  return transaction->Commit();
}

// Walks every sealed table from the stored cursor to the end, one transaction per batch.
Status ResealAll(Store& store, const RotationOptions& options, RotationReport& report) {
  const auto& tables = SealedTables();
  Result<Cursor> cursor = ReadCursor(store.database());
  if (!cursor.ok()) return cursor.error();
  while (cursor->table_index < tables.size()) {
    const SealedTable& table = tables[cursor->table_index];
    Result<std::vector<std::string>> columns = ExistingColumns(store.database(), table);
    if (!columns.ok()) return columns.error();

    Result<Transaction> transaction = Transaction::Begin(store.database());
    if (!transaction.ok()) return transaction.error();
    BatchResult batch;
    if (!columns->empty()) {
      Result<BatchResult> done =
          ResealBatch(store, table.table, *columns, cursor->after_id, options.batch_rows);
      if (!done.ok()) return done.error();
      batch = *done;
    }
    Cursor next = *cursor;
    if (batch.rows < options.batch_rows) {
      next = Cursor{cursor->table_index + 1, 0};
    } else {
      next.after_id = batch.last_id;
    }
    if (Status status = WriteCursor(store.database(), next); !status.ok()) return status;
    if (batch.rows > 0 &&
        !LogRotation(store, options.actor, "key_rotation_reseal", store.keys().DataKeyIdHex(),
                     fmt::format("table={} rows={} fields={}", table.table, batch.rows, batch.resealed))
             .ok()) {
      return MakeError(ErrorCode::kInternal, "keys.rotation.log_failed");
    }
    if (Status status = transaction->Commit(); !status.ok()) return status;

    *cursor = next;
    ++report.batches;
    report.rows_checked += batch.rows;
    report.fields_resealed += batch.resealed;
    spdlog::info("key rotation: batch {} of table {}: {} rows, {} fields re-sealed", report.batches,
                 table.table, batch.rows, batch.resealed);
    ApplyFault(options.fault, report.batches);
    if (options.fault.kind == RotationFault::Kind::kFail && report.batches == options.fault.after_batches) {
      return MakeError(ErrorCode::kInternal, "keys.rotation.test_fault", report.batches);
    }
  }
  return Status::Ok();
}

// Removes the rotation's bookkeeping and logs the end, after the old key left the file.
Status FinishInDatabase(Store& store, const Actor& actor, const std::string& old_key_id) {
  Result<Transaction> transaction = Transaction::Begin(store.database());
  if (!transaction.ok()) return transaction.error();
  Result<Statement> remove = store.database().Prepare("DELETE FROM meta WHERE key LIKE 'rotation.%'");
  if (!remove.ok()) return remove.error();
  if (Status status = remove->Run(); !status.ok()) return status;
  if (Status status = PutMeta(store.database(), "key_check", crypto::KeyCheckValue(store.keys()));
      !status.ok()) {
    return status;
  }
  if (Status status = LogRotation(store, actor, "key_rotation_done", store.keys().DataKeyIdHex(),
                                  "removed=" + old_key_id);
      !status.ok()) {
    return status;
  }
  return transaction->Commit();
}

}  // namespace

const std::vector<SealedTable>& SealedTables() {
  static const std::vector<SealedTable> tables = {
      {"debtors", {"first_name", "last_name", "national_number", "street", "house_number"}},
      {"clients",
       {"first_name", "last_name", "national_number", "street", "house_number", "postcode",
        "client_reference"}},
      {"dossier_events", {"reason"}},
      {"review_queue", {"reason", "reversal_reason"}},
      {"dossier_corrections", {"old_value", "reason"}},
      {"protocols", {"definition"}},
      {"upload_reports", {"content"}},
  };
  return tables;
}

Result<std::int64_t> CountFieldsNotSealedWithCurrentKey(Database& db, const crypto::FieldCipher& cipher) {
  std::int64_t count = 0;
  for (const SealedTable& table : SealedTables()) {
    Result<std::vector<std::string>> columns = ExistingColumns(db, table);
    if (!columns.ok()) return columns.error();
    for (const std::string& column : *columns) {
      Result<Statement> query =
          db.Prepare(fmt::format("SELECT {0} FROM {1} WHERE {0} IS NOT NULL", column, table.table));
      if (!query.ok()) return query.error();
      while (true) {
        Result<bool> row = query->Step();
        if (!row.ok()) return row.error();
        if (!*row) break;
        if (!cipher.IsSealedWithCurrentKey(query->ColumnBlob(0))) ++count;
      }
    }
  }
  return count;
}

Result<RotationReport> RotateDataKey(const std::filesystem::path& database,
                                     const std::filesystem::path& key_file,
                                     const RotationOptions& options, StoreOptions store_options) {
  // Step 1: open the store with the key file as it is.
  Result<crypto::KeySet> keys = crypto::LoadKeyFile(key_file);
  if (!keys.ok()) return keys.error();
  if (!keys->has_data_key()) {
    return MakeError(ErrorCode::kFailedPrecondition, "keys.rotation.no_data_key", key_file.string());
  }
  RotationReport report;
  report.resumed = keys->has_previous_data_key();
  Result<std::unique_ptr<Store>> store = Store::Open(database, std::move(keys).value(), store_options);
  if (!store.ok()) return store.error();

  // Step 2: without a rotation in the key file, either the last one only has its database
  // bookkeeping left, or a new one starts: the key file gets a new data key first, so no
  // field is ever sealed with a key that is not on disk.
  if (!(*store)->keys().has_previous_data_key()) {
    Result<std::string> recorded = GetMeta((*store)->database(), kMetaNewKey);
    if (!recorded.ok()) return recorded.error();
    if (*recorded == (*store)->keys().DataKeyIdHex()) {
      Result<std::string> old_key = GetMeta((*store)->database(), kMetaOldKey);
      if (!old_key.ok()) return old_key.error();
      report.resumed = true;
      report.old_key_id = *old_key;
      report.new_key_id = *recorded;
      if (Status status = FinishInDatabase(**store, options.actor, *old_key); !status.ok()) return status.error();
      return report;
    }
    if (options.resume_only) {
      return MakeError(ErrorCode::kFailedPrecondition, "keys.rotation.nothing_to_resume", key_file.string());
    }
    Result<crypto::KeySet> rotating = (*store)->keys().WithNewDataKey();
    if (!rotating.ok()) return rotating.error();
    if (Status status = crypto::ReplaceKeyFile(key_file, *rotating, false); !status.ok()) return status.error();
    spdlog::info("key rotation: key file now holds new data key {} and old key {}",
                 rotating->DataKeyIdHex(), rotating->PreviousDataKeyIdHex());
    store->reset();
    store = Store::Open(database, std::move(rotating).value(), store_options);
    if (!store.ok()) return store.error();
  }
  Store& open = **store;
  report.new_key_id = open.keys().DataKeyIdHex();
  report.old_key_id = open.keys().PreviousDataKeyIdHex();

  // Step 3: record the rotation, then re-seal batch by batch from the stored cursor. A
  // command that sealed with the old key meanwhile (it loaded the key file before the
  // rotation started) is caught by the check and a further pass.
  if (Status status = BeginInDatabase(open, options.actor); !status.ok()) return status.error();
  for (int pass = 0;; ++pass) {
    if (Status status = ResealAll(open, options, report); !status.ok()) return status.error();
    Result<std::int64_t> left = CountFieldsNotSealedWithCurrentKey(open.database(), open.cipher());
    if (!left.ok()) return left.error();
    if (*left == 0) break;
    if (pass == 2) return MakeError(ErrorCode::kConflict, "keys.rotation.fields_left", *left);
    Result<Transaction> transaction = Transaction::Begin(open.database());
    if (!transaction.ok()) return transaction.error();
    if (Status status = WriteCursor(open.database(), Cursor{}); !status.ok()) return status.error();
    if (Status status = transaction->Commit(); !status.ok()) return status.error();
  }

  // Step 4: remove the old key from the key file (its old bytes overwritten), then the
  // bookkeeping from the database.
  Result<crypto::KeySet> finished = open.keys().WithoutPreviousDataKey();
  if (!finished.ok()) return finished.error();
  if (Status status = crypto::ReplaceKeyFile(key_file, *finished, true); !status.ok()) return status.error();
  if (Status status = FinishInDatabase(open, options.actor, report.old_key_id); !status.ok()) {
    return status.error();
  }
  spdlog::info("key rotation: done, data key {} replaced {} ({} fields re-sealed)", report.new_key_id,
               report.old_key_id, report.fields_resealed);
  return report;
}

}  // namespace adempauze::store
