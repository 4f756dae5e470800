// Thin RAII wrappers around the SQLite C API: a connection, a prepared statement and a
// transaction. No ORM: callers write SQL and reuse prepared statements in loops.
//
// Errors from SQLite become Error values with key "store.sqlite_error" (args: what was
// being done, SQLite's message). SQLite's messages name tables and columns, never values.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "adempauze/common/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace adempauze::store {

// Maps an SQLite result code to an Error: SQLITE_BUSY/LOCKED → kConflict (another
// process holds the database), SQLITE_CORRUPT/NOTADB → kCorrupt, SQLITE_CANTOPEN and
// I/O errors → kIo, anything else → kInternal.
Error SqliteError(int code, std::string_view operation, std::string_view sqlite_message);

class Statement;

// One connection. Move-only; not thread-safe (use one connection per thread).
class Database {
 public:
  enum class Mode { kCreate, kExisting };

  // Opens `path` and sets WAL journaling, foreign keys, secure_delete, a busy timeout and
  // a page cache of `cache_kib` KiB.
  // kExisting returns kNotFound ("store.database_not_found") when the file does not exist;
  // kCreate creates it. Returns kCorrupt when the file is not an SQLite database.
  static Result<Database> Open(const std::filesystem::path& path, Mode mode,
                               int busy_timeout_ms = 5000, int cache_kib = 262144);

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Runs one or more SQL statements that return no rows.
  Status Execute(std::string_view sql);
  // Compiles one statement. The statement must not outlive this connection.
  Result<Statement> Prepare(std::string_view sql);
  // Returns the number of rows changed by the last INSERT, UPDATE or DELETE.
  int Changes() const;
  bool InTransaction() const;
  sqlite3* handle() const { return db_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  Database(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
};

// A prepared statement. Parameters are numbered from 1, columns from 0. Bound text and
// blobs are copied by SQLite, so temporaries may be bound.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, double value);
  Statement& BindText(int index, std::string_view value);
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& BindNull(int index);

  // Advances to the next row. Returns true when a row is available, false when the
  // statement has finished, or an Error.
  Result<bool> Step();
  // Steps until the statement finishes and resets it; for statements without rows.
  Status Run();
  // Resets the statement and clears its bindings, ready for the next loop iteration.
  void Reset();

  std::int64_t ColumnInt(int column) const;
  double ColumnDouble(int column) const;
  std::string ColumnText(int column) const;
  std::string ColumnBlob(int column) const;
  bool ColumnIsNull(int column) const;

 private:
  friend class Database;
  Statement(sqlite3_stmt* statement, sqlite3* db) : statement_(statement), db_(db) {}
  sqlite3_stmt* statement_ = nullptr;
  sqlite3* db_ = nullptr;
};

// A write transaction (BEGIN IMMEDIATE, so the write lock is taken at once and a busy
// database fails before any work is done). Rolls back on destruction unless committed.
class Transaction {
 public:
  // REQUIRES: no transaction is open on `db`.
  static Result<Transaction> Begin(Database& db);
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  Status Commit();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_;  // nullptr once committed or rolled back
};

// Runs `sql` (one statement, returning one integer) and returns that integer.
Result<std::int64_t> QueryInt(Database& db, std::string_view sql);

}  // namespace adempauze::store
