#include "adempauze/store/schema.h"

#include <string>

#include <spdlog/spdlog.h>

namespace adempauze::store {
namespace {

// Version 1: the first schema. Personal fields are BLOBs sealed by crypto::FieldCipher.
// Everything stored in plain text is either not personal data (dossier numbers, statuses,
// dates, counts) or a keyed hash (blind_index).
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE batches (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('debtors', 'clients')),
  display_name TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  rows_read INTEGER NOT NULL,
  rows_imported INTEGER NOT NULL,
  rows_rejected INTEGER NOT NULL,
  rows_repaired INTEGER NOT NULL,
  rows_warned INTEGER NOT NULL,
  columns_dropped INTEGER NOT NULL,
  superseded_at TEXT
);

CREATE TABLE debtors (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  batch_id INTEGER NOT NULL REFERENCES batches(id),
  source_row INTEGER NOT NULL,
  dossier_number TEXT NOT NULL CHECK (dossier_number <> ''),
  blind_index BLOB,
  first_name BLOB NOT NULL,
  last_name BLOB NOT NULL,
  national_number BLOB NOT NULL,
  street BLOB NOT NULL,
  house_number BLOB NOT NULL,
  status TEXT NOT NULL,
  status_changed_at TEXT NOT NULL,
  follow_up_deadline TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX debtors_by_dossier ON debtors(dossier_number, batch_id);
CREATE INDEX debtors_by_blind_index ON debtors(blind_index);
CREATE INDEX debtors_by_status ON debtors(status);

CREATE TABLE clients (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  batch_id INTEGER NOT NULL REFERENCES batches(id),
  source_row INTEGER NOT NULL,
  blind_index BLOB,
  first_name BLOB NOT NULL,
  last_name BLOB NOT NULL,
  national_number BLOB NOT NULL,
  street BLOB NOT NULL,
  house_number BLOB NOT NULL,
  postcode BLOB NOT NULL,
  client_reference BLOB NOT NULL
);
CREATE INDEX clients_by_blind_index ON clients(blind_index);

CREATE TABLE matches (
  id INTEGER PRIMARY KEY,
  debtor_id INTEGER NOT NULL REFERENCES debtors(id),
  client_id INTEGER REFERENCES clients(id) ON DELETE SET NULL,
  method TEXT NOT NULL,
  score REAL NOT NULL,
  decision TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL
);
CREATE INDEX matches_by_debtor ON matches(debtor_id);
CREATE INDEX matches_by_client ON matches(client_id);

CREATE TABLE dossier_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  debtor_id INTEGER NOT NULL REFERENCES debtors(id),
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  at TEXT NOT NULL,
  reason_code TEXT NOT NULL,
  reason BLOB,
  follow_up_deadline TEXT
);
CREATE INDEX dossier_events_by_debtor ON dossier_events(debtor_id);

CREATE TABLE access_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  purpose TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  previous_hash BLOB NOT NULL,
  entry_hash BLOB NOT NULL
);
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN
  SELECT RAISE(ABORT, 'access_log is append-only: entries cannot be changed');
END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN
  SELECT RAISE(ABORT, 'access_log is append-only: entries cannot be deleted');
END;
)sql";

// Version 2: the review queue of probable matches proposed by the fuzzy matcher
// (docs/formats/review.md). Contributions hold field codes, levels and weights only.
// Reasons are sealed. client_id becomes NULL when a new client list replaces the old one.
constexpr std::string_view kSchemaV2 = R"sql(
CREATE TABLE review_queue (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  debtor_id INTEGER NOT NULL REFERENCES debtors(id),
  client_id INTEGER REFERENCES clients(id) ON DELETE SET NULL,
  method TEXT NOT NULL,
  score REAL NOT NULL,
  contributions TEXT NOT NULL,
  proposed_at TEXT NOT NULL,
  proposed_by TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'confirmed', 'rejected')),
  decided_by TEXT,
  decided_at TEXT,
  reason BLOB,
  reversed_by TEXT,
  reversed_at TEXT,
  reversal_reason BLOB,
  attention INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX review_queue_by_pair ON review_queue(debtor_id, client_id);
CREATE INDEX review_queue_by_state ON review_queue(state);
)sql";

// Version 3: the protocol in the installation, suspensions of the exchange, corrections of
// dossier fields (the old value sealed) and the person an access-log entry concerns.
// Log entries written before this version keep encoding_version 1 and still verify.
// The protocol text is sealed like personal fields, because it names the signatories and
// the data protection officers; its SHA-256 stays readable.
constexpr std::string_view kSchemaV3 = R"sql(
CREATE TABLE protocols (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  protocol_id TEXT NOT NULL,
  definition BLOB NOT NULL,
  sha256 TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  loaded_at TEXT NOT NULL,
  loaded_by TEXT NOT NULL
);

CREATE TABLE exchange_suspensions (
  id INTEGER PRIMARY KEY,
  action TEXT NOT NULL CHECK (action IN ('suspend', 'resume')),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason <> '')
);

CREATE TABLE dossier_corrections (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  debtor_id INTEGER NOT NULL REFERENCES debtors(id),
  field TEXT NOT NULL CHECK (field IN ('first_name', 'last_name', 'street', 'house_number')),
  old_value BLOB NOT NULL,
  reason BLOB NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX dossier_corrections_by_debtor ON dossier_corrections(debtor_id);

ALTER TABLE access_log ADD COLUMN subject TEXT NOT NULL DEFAULT '';
ALTER TABLE access_log ADD COLUMN encoding_version INTEGER NOT NULL DEFAULT 1;
CREATE INDEX access_log_by_subject ON access_log(subject) WHERE subject <> '';
)sql";

// Version 4: accounts of the web application, their sessions (shared by every server
// process on this database), API tokens of other applications and batch jobs of the API.
// Passwords and tokens are stored only as hashes (docs/formats/accounts.md).
constexpr std::string_view kSchemaV4 = R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  roles TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  created_at TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT 'nl',
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE,
  token_hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at TEXT
);

CREATE TABLE api_jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  token_id INTEGER NOT NULL REFERENCES api_tokens(id),
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
  created_at TEXT NOT NULL,
  finished_at TEXT,
  result TEXT NOT NULL DEFAULT ''
);
)sql";

// Version 5: the results of list uploads in the web application, so the result page and
// its report download survive the redirect after the upload on any server process. The
// content is sealed; rows older than a few days are pruned (adempauze/store/upload_reports.h).
constexpr std::string_view kSchemaV5 = R"sql(
CREATE TABLE upload_reports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('debtors', 'clients')),
  outcome TEXT NOT NULL CHECK (outcome IN ('imported', 'refused')),
  batch_id INTEGER,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  content BLOB NOT NULL
);
CREATE INDEX upload_reports_by_time ON upload_reports(created_at);
)sql";

// Version 6: indexes for the debtor team's pages of one batch, which read a batch in
// dossier-number order with LIMIT/OFFSET and count it per flag. Without them a page of one
// batch scans the dossier-number index of every batch, and a count per flag looks up every
// row the status index finds.
constexpr std::string_view kSchemaV6 = R"sql(
CREATE INDEX debtors_by_batch_number ON debtors(batch_id, dossier_number);
CREATE INDEX debtors_by_batch_status ON debtors(batch_id, status);
)sql";

// Version 7: a pending proposal whose client row a new client list deleted is withdrawn
// (state 'withdrawn', with the time and the client batch that replaced the list), so it
// leaves the queue and can no longer be confirmed (docs/formats/review.md). SQLite cannot
// change a CHECK constraint in place, so the table is rebuilt. The ids and the AUTOINCREMENT
// counter are kept, because the access log names queue entries by id. The index on
// client_id serves the ON DELETE SET NULL when a client list is replaced. Pending
// proposals that lost their client before this version are withdrawn here, dated by the
// first client list imported after they were proposed.
constexpr std::string_view kSchemaV7 = R"sql(
CREATE TABLE review_queue_v7 (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  debtor_id INTEGER NOT NULL REFERENCES debtors(id),
  client_id INTEGER REFERENCES clients(id) ON DELETE SET NULL,
  method TEXT NOT NULL,
  score REAL NOT NULL,
  contributions TEXT NOT NULL,
  proposed_at TEXT NOT NULL,
  proposed_by TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'confirmed', 'rejected', 'withdrawn')),
  decided_by TEXT,
  decided_at TEXT,
  reason BLOB,
  reversed_by TEXT,
  reversed_at TEXT,
  reversal_reason BLOB,
  attention INTEGER NOT NULL DEFAULT 0,
  withdrawn_at TEXT,
  withdrawn_by_batch INTEGER REFERENCES batches(id),
  CHECK ((state = 'withdrawn') = (withdrawn_at IS NOT NULL))
);
INSERT INTO review_queue_v7 (id, debtor_id, client_id, method, score, contributions, proposed_at,
                             proposed_by, state, decided_by, decided_at, reason, reversed_by,
                             reversed_at, reversal_reason, attention)
  SELECT id, debtor_id, client_id, method, score, contributions, proposed_at, proposed_by, state,
         decided_by, decided_at, reason, reversed_by, reversed_at, reversal_reason, attention
    FROM review_queue;
DELETE FROM sqlite_sequence WHERE name = 'review_queue_v7';
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'review_queue_v7', seq FROM sqlite_sequence WHERE name = 'review_queue';
DROP TABLE review_queue;
ALTER TABLE review_queue_v7 RENAME TO review_queue;
CREATE UNIQUE INDEX review_queue_by_pair ON review_queue(debtor_id, client_id);
CREATE INDEX review_queue_by_state ON review_queue(state);
CREATE INDEX review_queue_by_client ON review_queue(client_id);

UPDATE review_queue
   SET state = 'withdrawn',
       withdrawn_by_batch = (SELECT min(b.id) FROM batches b
                              WHERE b.kind = 'clients' AND b.imported_at > review_queue.proposed_at),
       withdrawn_at = COALESCE((SELECT min(b.imported_at) FROM batches b
                                 WHERE b.kind = 'clients' AND b.imported_at > review_queue.proposed_at),
                               strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
 WHERE state = 'pending' AND client_id IS NULL;
)sql";

// Version 8: a dossier in solution_reached keeps the follow-up deadline of its pause, the
// date the city's pause list shows (docs/formats/workflow.md). Dossiers that reached a
// solution before this version get back the deadline of their latest move into
// client_paused.
constexpr std::string_view kSchemaV8 = R"sql(
UPDATE debtors
   SET follow_up_deadline = (SELECT e.follow_up_deadline FROM dossier_events e
                              WHERE e.debtor_id = debtors.id AND e.to_status = 'client_paused'
                              ORDER BY e.id DESC LIMIT 1)
 WHERE status = 'solution_reached' AND follow_up_deadline IS NULL;
)sql";

constexpr Migration kMigrations[] = {
    {1, "initial schema", kSchemaV1},
    {2, "review queue of probable matches", kSchemaV2},
    {3, "protocol, suspensions, corrections and log subjects", kSchemaV3},
    {4, "accounts, sessions, API tokens and API jobs", kSchemaV4},
    {5, "results of list uploads in the web application", kSchemaV5},
    {6, "indexes for the dossier pages of a batch", kSchemaV6},
    {7, "withdrawn review proposals", kSchemaV7},
    {8, "follow-up deadlines of reached solutions", kSchemaV8},
};

constexpr std::string_view kCreateMigrationsTable = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  description TEXT NOT NULL,
  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
)
)sql";

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

int LatestSchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

Result<int> CurrentSchemaVersion(Database& db) {
  Result<std::int64_t> has_table = QueryInt(
      db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'");
  if (!has_table.ok()) return has_table.error();
  if (*has_table == 0) return 0;
  Result<std::int64_t> version = QueryInt(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!version.ok()) return version.error();
  return static_cast<int>(*version);
}

Status Migrate(Database& db) {
  // Refuse a database from a newer adempauze before changing anything.
  Result<int> current = CurrentSchemaVersion(db);
  if (!current.ok()) return current.error();
  if (*current > LatestSchemaVersion()) {
    return MakeError(ErrorCode::kFailedPrecondition, "store.schema_newer", db.path().string(),
                     *current, LatestSchemaVersion());
  }

  // Apply each missing step with its bookkeeping row in one transaction.
  for (const Migration& migration : kMigrations) {
    if (migration.version <= *current) continue;
    Result<Transaction> transaction = Transaction::Begin(db);
    if (!transaction.ok()) return transaction.error();
    if (Status status = db.Execute(kCreateMigrationsTable); !status.ok()) return status;
    if (Status status = db.Execute(migration.sql); !status.ok()) return status;
    Result<Statement> record =
        db.Prepare("INSERT INTO schema_migrations (version, description) VALUES (?1, ?2)");
    if (!record.ok()) return record.error();
    record->Bind(1, static_cast<std::int64_t>(migration.version)).BindText(2, migration.description);
    if (Status status = record->Run(); !status.ok()) return status;
    if (Status status = transaction->Commit(); !status.ok()) return status;
    spdlog::info("store: applied schema migration {} ({})", migration.version, migration.description);
  }
  return Status::Ok();
}

}  // namespace adempauze::store
