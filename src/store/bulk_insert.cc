#include "store/bulk_insert.h"

namespace adempauze::store::internal {

Result<IndexRebuild> IndexRebuild::Begin(Database& db, std::string_view table, std::size_t rows_to_insert) {
  IndexRebuild rebuild(db);
  Result<std::int64_t> existing = QueryInt(db, "SELECT count(*) FROM \"" + std::string(table) + "\"");
  if (!existing.ok()) return existing.error();
  if (rows_to_insert < kMinimumRows || rows_to_insert < static_cast<std::size_t>(*existing)) {
    return rebuild;
  }

  // Indexes that SQLite made for a constraint have no SQL and cannot be dropped. The
  // schema therefore declares every index with CREATE INDEX.
  Result<Statement> indexes = db.Prepare(
      "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL");
  if (!indexes.ok()) return indexes.error();
  indexes->BindText(1, table);
  std::vector<std::pair<std::string, std::string>> found;
  while (true) {
    Result<bool> row = indexes->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    found.emplace_back(indexes->ColumnText(0), indexes->ColumnText(1));
  }
  for (const auto& [name, sql] : found) {
    if (Status dropped = db.Execute("DROP INDEX \"" + name + "\""); !dropped.ok()) return dropped.error();
    rebuild.create_statements_.push_back(sql);
  }
  return rebuild;
}

Status IndexRebuild::Rebuild() {
  for (const std::string& sql : create_statements_) {
    if (Status created = db_->Execute(sql); !created.ok()) return created;
  }
  create_statements_.clear();
  return Status::Ok();
}

}  // namespace adempauze::store::internal
