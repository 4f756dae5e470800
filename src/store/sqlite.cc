#include "adempauze/store/sqlite.h"

#include <sqlite3.h>

#include <utility>

#include <fmt/format.h>

namespace adempauze::store {

Error SqliteError(int code, std::string_view operation, std::string_view sqlite_message) {
  ErrorCode error_code = ErrorCode::kInternal;
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      error_code = ErrorCode::kConflict;
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      error_code = ErrorCode::kCorrupt;
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
      error_code = ErrorCode::kIo;
      break;
    default:
      break;
  }
  const char* key = error_code == ErrorCode::kConflict ? "store.database_busy" : "store.sqlite_error";
  Error error = MakeError(error_code, key, operation, sqlite_message);
  error.detail = std::string(operation) + ": " + std::string(sqlite_message);
  return error;
}

namespace {

Error LastError(sqlite3* db, std::string_view operation) {
  return SqliteError(sqlite3_extended_errcode(db), operation, sqlite3_errmsg(db));
}

}  // namespace

// ---------------------------------------------------------------------------- Database

Result<Database> Database::Open(const std::filesystem::path& path, Mode mode,
                                int busy_timeout_ms, int cache_kib) {
  if (mode == Mode::kExisting && !std::filesystem::exists(path)) {
    return MakeError(ErrorCode::kNotFound, "store.database_not_found", path.string());
  }
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (mode == Mode::kCreate) flags |= SQLITE_OPEN_CREATE;
  sqlite3* handle = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  Database db(handle, path);  // closes the handle on every return below
  if (rc != SQLITE_OK) return LastError(handle, "open " + path.filename().string());
  sqlite3_extended_result_codes(handle, 1);
  sqlite3_busy_timeout(handle, busy_timeout_ms);

  // journal_mode is the first statement that reads the file, so it also detects a file
  // that is not an SQLite database.
  Status configured = db.Execute(fmt::format(
      "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON; "
      "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-{};", cache_kib));
  if (!configured.ok()) {
    if (configured.error().code == ErrorCode::kCorrupt) {
      return MakeError(ErrorCode::kCorrupt, "store.not_a_database", path.string());
    }
    return configured.error();
  }
  return db;
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

Database::~Database() { sqlite3_close_v2(db_); }

Status Database::Execute(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string copy = message != nullptr ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  return SqliteError(sqlite3_extended_errcode(db_), "execute", copy);
}

Result<Statement> Database::Prepare(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
  if (rc != SQLITE_OK) return LastError(db_, "prepare");
  return Statement(statement, db_);
}

int Database::Changes() const { return sqlite3_changes(db_); }

bool Database::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

// --------------------------------------------------------------------------- Statement

Statement::Statement(Statement&& other) noexcept
    : statement_(std::exchange(other.statement_, nullptr)), db_(other.db_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(statement_);
    statement_ = std::exchange(other.statement_, nullptr);
    db_ = other.db_;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(statement_); }

Statement& Statement::Bind(int index, std::int64_t value) {
  sqlite3_bind_int64(statement_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  sqlite3_bind_double(statement_, index, value);
  return *this;
}

Statement& Statement::BindText(int index, std::string_view value) {
  sqlite3_bind_text64(statement_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                      SQLITE_UTF8);
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  // A zero-length blob is bound as an empty blob, not as NULL.
  sqlite3_bind_blob64(statement_, index, bytes.empty() ? "" : bytes.data(), bytes.size(),
                      SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(statement_, index);
  return *this;
}

Result<bool> Statement::Step() {
  int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Error error = LastError(db_, "step");
  sqlite3_reset(statement_);
  return error;
}

Status Statement::Run() {
  Result<bool> stepped = Step();
  while (stepped.ok() && *stepped) stepped = Step();
  if (!stepped.ok()) return stepped.error();
  sqlite3_reset(statement_);
  return Status::Ok();
}

void Statement::Reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

std::int64_t Statement::ColumnInt(int column) const {
  return sqlite3_column_int64(statement_, column);
}

double Statement::ColumnDouble(int column) const {
  return sqlite3_column_double(statement_, column);
}

std::string Statement::ColumnText(int column) const {
  const auto* text = sqlite3_column_text(statement_, column);
  int size = sqlite3_column_bytes(statement_, column);
  return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text), size);
}

std::string Statement::ColumnBlob(int column) const {
  const void* blob = sqlite3_column_blob(statement_, column);
  int size = sqlite3_column_bytes(statement_, column);
  return blob == nullptr ? std::string() : std::string(static_cast<const char*>(blob), size);
}

bool Statement::ColumnIsNull(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

// ------------------------------------------------------------------------- Transaction

Result<Transaction> Transaction::Begin(Database& db) {
  Status begun = db.Execute("BEGIN IMMEDIATE");
  if (!begun.ok()) return begun.error();
  return Transaction(&db);
}

Transaction::~Transaction() {
  if (db_ != nullptr) (void)db_->Execute("ROLLBACK");
}

Status Transaction::Commit() {
  Status committed = db_->Execute("COMMIT");
  if (committed.ok()) db_ = nullptr;
  return committed;
}

Result<std::int64_t> QueryInt(Database& db, std::string_view sql) {
  Result<Statement> statement = db.Prepare(sql);
  if (!statement.ok()) return statement.error();
  Result<bool> row = statement->Step();
  if (!row.ok()) return row.error();
  if (!*row) return MakeError(ErrorCode::kInternal, "common.error.internal", "query returned no row");
  return statement->ColumnInt(0);
}

}  // namespace adempauze::store
