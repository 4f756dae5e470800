// The encrypted SQLite store: batches of debtors, the current OCMW client list, dossiers
// with their status, matches, history and the access log.
//
// The schema is specified in docs/formats/database.md. Names, national numbers, addresses
// and client references are always encrypted with the data key; dossier numbers, statuses
// and dates are stored in plain text. Every read and write of personal data appends an
// entry to the access log in the same transaction.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/result.h"
#include "adempauze/crypto/field_cipher.h"
#include "adempauze/crypto/keys.h"
#include "adempauze/ingest/records.h"
#include "adempauze/store/access_log.h"
#include "adempauze/store/sqlite.h"

namespace adempauze::store {

// The person or process that accesses personal data, with role and protocol purpose.
// Written to the history and the access log.
struct Actor {
  std::string name;                            // "cli:<user>" or a user name
  std::string role;                            // empty for the command line for now
  std::string purpose = "collection_pause";    // the protocol purpose (see access-log.md)
};

struct StoreOptions {
  int busy_timeout_ms = 5000;
  // Page cache of the connection. A bulk import of a million rows keeps its indexes and
  // dirty pages in a large cache instead of spilling them to the WAL file mid-transaction.
  int cache_kib = 256 * 1024;
  // Returns the current UTC time as "YYYY-MM-DDTHH:MM:SS.mmmZ"; empty: the system clock.
  // Tests fix it.
  AccessLog::Clock clock;
};

// TEST ONLY: makes an import fail or kill its own process after `after_rows` rows have
// been inserted, to prove that an interrupted import leaves the database unchanged. The
// CLI sets it from ADEMPAUZE_TEST_IMPORT_FAULT ("fail:N" or "kill:N"); production callers
// leave it at kNone.
struct ImportFault {
  enum class Kind { kNone, kFail, kKill };
  Kind kind = Kind::kNone;
  std::size_t after_rows = 0;
};

struct ImportOptions {
  Actor actor;
  bool strict = false;  // reject the whole import when the report has rejected rows
  ImportFault fault;    // test only
};

struct ImportSummary {
  std::int64_t batch_id = 0;
  std::size_t rows_read = 0;
  std::size_t rows_imported = 0;
  std::size_t rows_rejected = 0;
  std::size_t rows_repaired = 0;
  std::size_t rows_warned = 0;
  std::size_t columns_dropped = 0;
  std::size_t rows_without_valid_number = 0;  // imported, but exact matching cannot use them
  std::size_t clients_replaced = 0;           // client import: rows of the previous list deleted
  std::size_t proposals_withdrawn = 0;        // client import: pending review proposals withdrawn
};

struct BatchInfo {
  std::int64_t id = 0;
  std::string kind;  // "debtors" or "clients"
  std::string display_name;
  std::string imported_at;
  std::string imported_by;
  std::int64_t rows_imported = 0;
  std::optional<std::string> superseded_at;
};

// A dossier's list entry: ids, status and dates, no personal data.
struct DossierSummary {
  std::int64_t debtor_id = 0;
  std::int64_t batch_id = 0;
  std::string dossier_number;
  std::string status;  // workflow status identifier ("received", "client_paused", ...)
  std::string status_changed_at;
  std::optional<CivilDate> follow_up_deadline;
  std::int64_t version = 0;
};

struct DossierFilter {
  std::optional<std::string> status;
  std::optional<std::int64_t> batch_id;
};

// One step in a dossier's history.
struct DossierEvent {
  std::string at;
  std::string from_status;
  std::string to_status;
  std::string actor;
  std::string role;
  std::string reason_code;  // set by the system ("match.exact"); "manual" for people
  std::string reason;       // the free-text reason a person gave (decrypted); may be empty
  std::optional<CivilDate> follow_up_deadline;
};

// A dossier with its decrypted personal fields. Reading one is logged.
struct DossierDetail {
  DossierSummary summary;
  std::string batch_name;
  std::string imported_at;
  std::string first_name;
  std::string last_name;
  std::string national_number;  // 11 digits when valid; otherwise the raw value as imported
  bool number_valid = false;
  std::string street;
  std::string house_number;
  std::vector<DossierEvent> history;
  // Other dossiers of the same person (same blind index) in this or other batches.
  std::vector<DossierSummary> related;
};

class Store {
 public:
  // Creates a new database at `path`, bound to `keys` (their key id and check value are
  // stored in it). Returns kAlreadyExists when a non-empty file exists at `path`.
  static Result<std::unique_ptr<Store>> Create(const std::filesystem::path& path,
                                               crypto::KeySet keys, StoreOptions options = {});

  // Opens an existing database and applies pending migrations. Returns kNotFound when the
  // file does not exist, kCorrupt when it is not an adempauze database, kFailedPrecondition
  // when it was written by a newer adempauze, and kCrypto ("store.key_mismatch") when
  // `keys` is not the key set it was created with.
  static Result<std::unique_ptr<Store>> Open(const std::filesystem::path& path,
                                             crypto::KeySet keys, StoreOptions options = {});

  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Imports a debtor list as a new batch: every accepted row becomes a dossier with status
  // "received". All or nothing: one transaction, rolled back on any failure.
  // Returns kInvalidArgument ("store.import.file_error") when the report has a file error,
  // kFailedPrecondition ("store.import.strict_rejected", or "store.import.strict_rejected_one"
  // for one row) in strict mode when rows were rejected, kInvalidArgument
  // ("store.import.duplicate_dossier") when a dossier number occurs twice in the list,
  // kConflict when another process holds the database.
  Result<ImportSummary> ImportDebtors(const ingest::DebtorList& list, const ImportOptions& options);

  // Imports an OCMW client list. It replaces the previous client list: the superseded
  // client rows are deleted in the same transaction (docs/adr/0003), and every pending
  // review proposal, whose client row is among them, is withdrawn (state "withdrawn",
  // docs/formats/review.md). The same contract as ImportDebtors, without the dossier
  // number check.
  Result<ImportSummary> ImportClients(const ingest::ClientList& list, const ImportOptions& options);

  Result<std::vector<BatchInfo>> ListBatches();

  // Lists dossiers (no personal data) ordered by batch and dossier number; logs the
  // listing as one access-log entry.
  Result<std::vector<DossierSummary>> ListDossiers(const DossierFilter& filter, const Actor& actor);

  // Finds a dossier by number: in `batch_id` when given, else in the newest batch that has
  // it. Returns kNotFound ("store.dossier_not_found"). Reads no personal data; not logged.
  Result<DossierSummary> FindDossier(std::string_view dossier_number,
                                     std::optional<std::int64_t> batch_id = std::nullopt);

  // Reads a dossier with its decrypted fields and history, and logs the read (action
  // "view"). Returns kNotFound, or kCrypto when a field fails to decrypt.
  Result<DossierDetail> ReadDossier(std::int64_t debtor_id, const Actor& actor);

  // Current UTC time from the configured clock.
  std::string Now() const { return clock_(); }

  // Building blocks for the workflow and matching modules, which write in the same
  // database. They are valid as long as the Store lives.
  Database& database() { return db_; }
  const crypto::KeySet& keys() const { return keys_; }
  crypto::FieldCipher& cipher() { return cipher_; }
  AccessLog& access_log() { return access_log_; }

 private:
  Store(Database db, crypto::KeySet keys, AccessLog::Clock clock);
  Status CheckKeys(const std::filesystem::path& path);

  Database db_;
  crypto::KeySet keys_;
  AccessLog::Clock clock_;
  crypto::FieldCipher cipher_;
  AccessLog access_log_;
};

// Returns the first row id never used in `table`, one of the AUTOINCREMENT tables
// (debtors, clients, dossier_events). Deleted ids are never returned again, so a sealed
// field bound to an old id can never be valid in a new row. Callers that seal fields
// assign ids themselves inside a write transaction, which keeps the id free until commit.
Result<std::int64_t> NextRowId(Database& db, std::string_view table);

// Returns the current UTC time as "YYYY-MM-DDTHH:MM:SS.mmmZ" from the system clock.
std::string SystemClockNow();

}  // namespace adempauze::store
