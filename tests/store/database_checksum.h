// Checksums of database contents, to prove that a failed or interrupted import changed
// nothing. Reads the file through its own read-only connection.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace adempauze::testing_support {

struct TableState {
  std::int64_t rows = 0;
  std::string digest;  // every value of every row, in key order, as SQLite's quote() text

  bool operator==(const TableState&) const = default;
};

// Returns the state of every table of the database at `path`, by table name, plus
// "#integrity" holding the result of PRAGMA integrity_check.
inline std::map<std::string, TableState> DatabaseState(const std::filesystem::path& path) {
  std::map<std::string, TableState> state;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return state;
  }
  auto query = [&](const std::string& sql, auto on_row) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) return;
    while (sqlite3_step(statement) == SQLITE_ROW) on_row(statement);
    sqlite3_finalize(statement);
  };
  std::vector<std::string> tables;
  query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", [&](sqlite3_stmt* s) {
    tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
  });
  for (const std::string& table : tables) {
    TableState& table_state = state[table];
    query("SELECT * FROM \"" + table + "\" ORDER BY 1", [&](sqlite3_stmt* s) {
      ++table_state.rows;
      for (int column = 0; column < sqlite3_column_count(s); ++column) {
        const void* blob = sqlite3_column_blob(s, column);
        table_state.digest.append(std::to_string(sqlite3_column_type(s, column)));
        if (blob != nullptr) {
          table_state.digest.append(static_cast<const char*>(blob), sqlite3_column_bytes(s, column));
        }
        table_state.digest.push_back('|');
      }
    });
  }
  query("PRAGMA integrity_check", [&](sqlite3_stmt* s) {
    state["#integrity"].digest += reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
  });
  sqlite3_close(db);
  return state;
}

}  // namespace adempauze::testing_support
