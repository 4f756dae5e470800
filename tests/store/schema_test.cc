#include "adempauze/store/schema.h"

#include <fstream>

#include <gtest/gtest.h>

#include "crypto/temp_dir.h"

namespace adempauze::store {
namespace {

using testing_support::TempDir;

Database OpenNew(const TempDir& dir) {
  auto db = Database::Open(dir / "schema.db", Database::Mode::kCreate);
  EXPECT_TRUE(db.ok());
  return std::move(db).value();
}

TEST(Schema, MigratesEmptyDatabaseToLatest) {
  TempDir dir;
  Database db = OpenNew(dir);
  ASSERT_EQ(*CurrentSchemaVersion(db), 0);
  ASSERT_TRUE(Migrate(db).ok());
  EXPECT_EQ(*CurrentSchemaVersion(db), LatestSchemaVersion());
  for (const char* table : {"meta", "batches", "debtors", "clients", "matches", "dossier_events",
                            "access_log", "schema_migrations"}) {
    auto count = QueryInt(db, std::string("SELECT count(*) FROM sqlite_schema WHERE name = '") + table + "'");
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(*count, 1) << table;
  }
}

TEST(Schema, MigrateTwiceChangesNothing) {
  TempDir dir;
  Database db = OpenNew(dir);
  ASSERT_TRUE(Migrate(db).ok());
  ASSERT_TRUE(Migrate(db).ok());
  auto rows = QueryInt(db, "SELECT count(*) FROM schema_migrations");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, static_cast<std::int64_t>(Migrations().size()));
}

TEST(Schema, MigrationVersionsAreConsecutive) {
  int expected = 1;
  for (const Migration& migration : Migrations()) EXPECT_EQ(migration.version, expected++);
}

// Applies the migrations up to `version` as Migrate does, to build an older database.
void MigrateTo(Database& db, int version) {
  ASSERT_TRUE(db.Execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                         "description TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT '2021-01-01')")
                  .ok());
  for (const Migration& migration : Migrations()) {
    if (migration.version > version) break;
    ASSERT_TRUE(db.Execute(migration.sql).ok()) << migration.version;
    ASSERT_TRUE(db.Execute("INSERT INTO schema_migrations (version, description) VALUES (" +
                           std::to_string(migration.version) + ", 'test')")
                    .ok());
  }
}

std::string Text(Database& db, const std::string& sql) {
  auto query = db.Prepare(sql);
  EXPECT_TRUE(query.ok()) << sql;
  if (!query.ok()) return "";
  auto row = query->Step();
  EXPECT_TRUE(row.ok()) << sql;
  if (!row.ok()) return "";
  EXPECT_TRUE(*row) << sql;
  if (!*row || query->ColumnIsNull(0)) return "NULL";
  return query->ColumnText(0);
}

// A version 6 database with the queue that a replaced client list left behind. Entry 4 is
// pending and lost its client, entry 5 is decided and lost its client, entry 6 is pending on
// the current list, and the id counter is above the highest id.
TEST(Schema, Version7WithdrawsOrphanedProposals) {
  TempDir dir;
  Database db = OpenNew(dir);
  MigrateTo(db, 6);
  ASSERT_TRUE(db.Execute(R"sql(
    INSERT INTO batches (id, kind, display_name, imported_at, imported_by, rows_read, rows_imported,
                         rows_rejected, rows_repaired, rows_warned, columns_dropped, superseded_at) VALUES
      (1, 'debtors', 'd.csv', '2021-04-01T09:00:00.000Z', 't', 2, 2, 0, 0, 0, 0, NULL),
      (2, 'clients', 'c1.csv', '2021-04-01T09:10:00.000Z', 't', 1, 1, 0, 0, 0, 0, '2021-04-03T08:00:00.000Z'),
      (3, 'clients', 'c2.csv', '2021-04-03T08:00:00.000Z', 't', 1, 1, 0, 0, 0, 0, NULL);
    INSERT INTO debtors (id, batch_id, source_row, dossier_number, first_name, last_name, national_number,
                         street, house_number, status, status_changed_at) VALUES
      (1, 1, 2, 'D-1', x'00', x'00', x'00', x'00', x'00', 'received', '2021-04-01T09:00:00.000Z'),
      (2, 1, 3, 'D-2', x'00', x'00', x'00', x'00', x'00', 'received', '2021-04-01T09:00:00.000Z'),
      (3, 1, 4, 'D-3', x'00', x'00', x'00', x'00', x'00', 'received', '2021-04-01T09:00:00.000Z');
    INSERT INTO clients (id, batch_id, source_row, first_name, last_name, national_number, street,
                         house_number, postcode, client_reference) VALUES
      (7, 3, 2, x'00', x'00', x'00', x'00', x'00', x'00', x'00');
    INSERT INTO review_queue (id, debtor_id, client_id, method, score, contributions, proposed_at,
                              proposed_by, state, decided_by, decided_at) VALUES
      (4, 1, NULL, 'fellegi_sunter', 9.0, '{}', '2021-04-02T10:00:00.000Z', 't', 'pending', NULL, NULL),
      (5, 2, NULL, 'fellegi_sunter', 8.0, '{}', '2021-04-02T10:00:00.000Z', 't', 'rejected', 'an', '2021-04-02T11:00:00.000Z'),
      (6, 3, 7, 'fellegi_sunter', 7.0, '{}', '2021-04-03T09:00:00.000Z', 't', 'pending', NULL, NULL);
    UPDATE sqlite_sequence SET seq = 10 WHERE name = 'review_queue';
  )sql").ok());

  ASSERT_TRUE(Migrate(db).ok());

  EXPECT_EQ(Text(db, "SELECT state FROM review_queue WHERE id = 4"), "withdrawn");
  EXPECT_EQ(Text(db, "SELECT withdrawn_by_batch FROM review_queue WHERE id = 4"), "3");
  EXPECT_EQ(Text(db, "SELECT withdrawn_at FROM review_queue WHERE id = 4"), "2021-04-03T08:00:00.000Z");
  EXPECT_EQ(Text(db, "SELECT state FROM review_queue WHERE id = 5"), "rejected");
  EXPECT_EQ(Text(db, "SELECT decided_by FROM review_queue WHERE id = 5"), "an");
  EXPECT_EQ(Text(db, "SELECT withdrawn_at FROM review_queue WHERE id = 5"), "NULL");
  EXPECT_EQ(Text(db, "SELECT state FROM review_queue WHERE id = 6"), "pending");
  EXPECT_EQ(Text(db, "SELECT client_id FROM review_queue WHERE id = 6"), "7");

  // The id counter survives the rebuild, so a deleted entry's id is never given out again.
  ASSERT_TRUE(db.Execute("INSERT INTO review_queue (debtor_id, client_id, method, score, contributions, "
                         "proposed_at, proposed_by) VALUES (1, 7, 'fellegi_sunter', 1.0, '{}', 'x', 't')")
                  .ok());
  EXPECT_EQ(Text(db, "SELECT max(id) FROM review_queue"), "11");

  // A withdrawn entry needs its time, and the new state is accepted only with it.
  EXPECT_FALSE(db.Execute("UPDATE review_queue SET state = 'withdrawn' WHERE id = 6").ok());
  EXPECT_EQ(Text(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'review_queue_by_client'"), "1");

  // Deleting the client list clears client_id through the rebuilt foreign key.
  ASSERT_TRUE(db.Execute("DELETE FROM clients").ok());
  EXPECT_EQ(Text(db, "SELECT client_id FROM review_queue WHERE id = 6"), "NULL");
}

TEST(Schema, Version8RestoresReachedDeadline) {
  TempDir dir;
  Database db = OpenNew(dir);
  MigrateTo(db, 7);
  ASSERT_TRUE(db.Execute(R"sql(
    INSERT INTO batches (id, kind, display_name, imported_at, imported_by, rows_read, rows_imported,
                         rows_rejected, rows_repaired, rows_warned, columns_dropped) VALUES
      (1, 'debtors', 'd.csv', '2021-04-01T09:00:00.000Z', 't', 2, 2, 0, 0, 0, 0);
    INSERT INTO debtors (id, batch_id, source_row, dossier_number, first_name, last_name, national_number,
                         street, house_number, status, status_changed_at, follow_up_deadline) VALUES
      (1, 1, 2, 'D-1', x'00', x'00', x'00', x'00', x'00', 'solution_reached', '2021-05-02T09:00:00.000Z', NULL),
      (2, 1, 3, 'D-2', x'00', x'00', x'00', x'00', x'00', 'resume_collection', '2021-05-02T09:00:00.000Z', NULL);
    INSERT INTO dossier_events (debtor_id, from_status, to_status, actor, role, at, reason_code,
                                follow_up_deadline) VALUES
      (1, 'received', 'client_paused', 't', '', '2021-04-01T10:00:00.000Z', 'match.exact', '2021-05-31'),
      (1, 'client_paused', 'solution_in_progress', 't', '', '2021-04-20T10:00:00.000Z', 'manual', '2021-05-31'),
      (1, 'solution_in_progress', 'solution_reached', 't', '', '2021-05-02T10:00:00.000Z', 'manual', NULL),
      (2, 'received', 'client_paused', 't', '', '2021-04-01T10:00:00.000Z', 'match.exact', '2021-05-31'),
      (2, 'client_paused', 'resume_collection', 't', '', '2021-05-02T10:00:00.000Z', 'manual', NULL);
  )sql").ok());

  ASSERT_TRUE(Migrate(db).ok());

  EXPECT_EQ(Text(db, "SELECT follow_up_deadline FROM debtors WHERE id = 1"), "2021-05-31");
  EXPECT_EQ(Text(db, "SELECT follow_up_deadline FROM debtors WHERE id = 2"), "NULL");
}

TEST(Schema, NewerDatabaseIsRejectedUntouched) {
  TempDir dir;
  Database db = OpenNew(dir);
  ASSERT_TRUE(Migrate(db).ok());
  ASSERT_TRUE(db.Execute("INSERT INTO schema_migrations (version, description) VALUES (99, 'future')").ok());
  Status status = Migrate(db);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(status.error().message_key, "store.schema_newer");
  EXPECT_EQ(*CurrentSchemaVersion(db), 99);
}

TEST(Schema, PragmasAreSet) {
  TempDir dir;
  Database db = OpenNew(dir);
  auto statement = db.Prepare("PRAGMA journal_mode");
  ASSERT_TRUE(statement.ok());
  ASSERT_TRUE(*statement->Step());
  EXPECT_EQ(statement->ColumnText(0), "wal");
  EXPECT_EQ(*QueryInt(db, "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(*QueryInt(db, "PRAGMA secure_delete"), 1);
}

TEST(Schema, NotADatabaseIsCorrupt) {
  TempDir dir;
  {
    std::ofstream out(dir / "text.db");
    out << "this is a spreadsheet, not a database, and it is long enough to have a header";
  }
  auto db = Database::Open(dir / "text.db", Database::Mode::kExisting);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::kCorrupt);
}

TEST(Schema, MissingDatabaseIsNotFound) {
  TempDir dir;
  auto db = Database::Open(dir / "absent.db", Database::Mode::kExisting);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace adempauze::store
