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
