// Importing debtor and client lists: one transaction per list, all or nothing.
#include <array>
#include <chrono>
#include <csignal>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "adempauze/store/store.h"
#include "store/bulk_insert.h"

namespace adempauze::store {
namespace {

using ingest::Severity;

std::string_view Bytes(const crypto::BlindIndex& index) {
  return {reinterpret_cast<const char*>(index.data()), index.size()};
}

// Step 1 of every import: refuse a list that must not be imported at all, and count the
// report's entries for the summary.
template <typename Row>
Result<ImportSummary> SummarizeReport(const ingest::ParsedList<Row>& list, bool strict) {
  const ingest::ValidationReport& report = list.report;
  if (report.HasFileError()) {
    return MakeError(ErrorCode::kInvalidArgument, "store.import.file_error", list.source_name);
  }
  ImportSummary summary;
  summary.rows_read = list.rows_read;
  summary.rows_imported = list.rows.size();
  summary.rows_rejected = report.Count(Severity::kRejected);
  summary.rows_repaired = report.Count(Severity::kRepaired);
  summary.rows_warned = report.Count(Severity::kWarning);
  summary.columns_dropped = report.Count(Severity::kColumnDropped);
  if (strict && summary.rows_rejected > 0) {
    // One rejected row has its own text, because Dutch and English say "1 row", not "1 rows".
    return MakeError(ErrorCode::kFailedPrecondition,
                     summary.rows_rejected == 1 ? "store.import.strict_rejected_one" : "store.import.strict_rejected",
                     list.source_name, summary.rows_rejected);
  }
  // A list without one accepted row is a mistake (a header-only export, or every row
  // rejected), and a client list like that would wipe the current client list.
  if (summary.rows_imported == 0) {
    return MakeError(ErrorCode::kInvalidArgument, "store.import.no_rows", list.source_name,
                     summary.rows_rejected);
  }
  return summary;
}

Result<std::int64_t> InsertBatch(Database& db, std::string_view kind, std::string_view name,
                                 const Actor& actor, const std::string& now,
                                 const ImportSummary& summary) {
  Result<Statement> insert = db.Prepare(
      "INSERT INTO batches (kind, display_name, imported_at, imported_by, rows_read, "
      "rows_imported, rows_rejected, rows_repaired, rows_warned, columns_dropped) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!insert.ok()) return insert.error();
  insert->BindText(1, kind).BindText(2, name).BindText(3, now).BindText(4, actor.name);
  const std::size_t counts[] = {summary.rows_read, summary.rows_imported, summary.rows_rejected,
                                summary.rows_repaired, summary.rows_warned, summary.columns_dropped};
  for (int i = 0; i < 6; ++i) insert->Bind(5 + i, static_cast<std::int64_t>(counts[i]));
  if (Status status = insert->Run(); !status.ok()) return status.error();
  return QueryInt(db, "SELECT last_insert_rowid()");
}

// Applies the test-only fault after `inserted` rows. Returns an Error for kFail; never
// returns for kKill.
Status ApplyFault(const ImportFault& fault, std::size_t inserted) {
  if (fault.kind == ImportFault::Kind::kNone || inserted != fault.after_rows) return Status::Ok();
  if (fault.kind == ImportFault::Kind::kKill) {
    spdlog::warn("store: test fault, killing the process after {} rows", inserted);
    std::raise(SIGKILL);
  }
  return MakeError(ErrorCode::kInternal, "store.import.injected_failure", inserted);
}

// Returns the value stored for a national number: the 11 digits when valid, else the raw
// value as found in the file, because that is what the city sent.
std::string_view StoredNumber(const ingest::NumberField& field) {
  return field.number ? std::string_view(field.number->digits) : std::string_view(field.raw);
}

constexpr std::array<std::string_view, 5> kDebtorColumns = {"first_name", "last_name", "national_number",
                                                            "street", "house_number"};
constexpr std::array<std::string_view, 7> kClientColumns = {
    "first_name", "last_name", "national_number", "street", "house_number", "postcode", "client_reference"};

// Checks that dossier numbers are present and unique within the list, before anything is
// written. Dossier numbers are not personal data, so the error may name them.
Status CheckDossierNumbers(const ingest::DebtorList& list) {
  std::unordered_map<std::string_view, std::size_t> first_row;
  first_row.reserve(list.rows.size());
  for (const ingest::DebtorRow& row : list.rows) {
    if (row.dossier_number.empty()) {
      return MakeError(ErrorCode::kInvalidArgument, "store.import.dossier_missing",
                       list.source_name, row.source_row);
    }
    auto [found, inserted] = first_row.emplace(row.dossier_number, row.source_row);
    if (!inserted) {
      return MakeError(ErrorCode::kInvalidArgument, "store.import.duplicate_dossier",
                       list.source_name, row.dossier_number, found->second, row.source_row);
    }
  }
  return Status::Ok();
}

// Withdraws every pending review proposal on behalf of client batch `batch_id`, and returns
// how many it withdrew. REQUIRES: the client rows of the previous list are deleted in the
// same transaction, so no pending proposal has a client left.
Result<std::size_t> WithdrawPendingProposals(Database& db, std::int64_t batch_id, const std::string& now) {
  Result<Statement> withdraw = db.Prepare(
      "UPDATE review_queue SET state = 'withdrawn', withdrawn_at = ?1, withdrawn_by_batch = ?2 "
      "WHERE state = 'pending'");
  if (!withdraw.ok()) return withdraw.error();
  withdraw->BindText(1, now).Bind(2, batch_id);
  if (Status status = withdraw->Run(); !status.ok()) return status.error();
  return static_cast<std::size_t>(db.Changes());
}

// Records a failed import in its own transaction, after the import's rollback.
void LogFailedImport(Store& store, std::string_view kind, const Actor& actor, const Error& error) {
  Result<Transaction> transaction = Transaction::Begin(store.database());
  if (!transaction.ok()) return;
  AccessEntry entry{0, "", actor.name, actor.role, "import", std::string(kind) + "_list", "-",
                    actor.purpose, "failed", error.message_key};
  if (store.access_log().Append(entry).ok()) (void)transaction->Commit();
}

}  // namespace

Result<ImportSummary> Store::ImportDebtors(const ingest::DebtorList& list,
                                           const ImportOptions& options) {
  const auto started = std::chrono::steady_clock::now();

  // Refuse lists that must not be imported, before the database is touched.
  Result<ImportSummary> summary = SummarizeReport(list, options.strict);
  if (!summary.ok()) return summary;
  if (Status checked = CheckDossierNumbers(list); !checked.ok()) return checked.error();

  auto import = [&]() -> Status {
    // One write transaction for the whole list: the batch, every dossier, the log entry.
    Result<Transaction> transaction = Transaction::Begin(db_);
    if (!transaction.ok()) return transaction.error();
    const std::string now = Now();
    Result<std::int64_t> batch_id = InsertBatch(db_, "debtors", list.source_name, options.actor, now, *summary);
    if (!batch_id.ok()) return batch_id.error();
    summary->batch_id = *batch_id;

    // Row ids are assigned here, not by SQLite, because each sealed field is bound to its
    // row id. The write lock of the transaction keeps them free.
    Result<std::int64_t> next_id = NextRowId(db_, "debtors");
    if (!next_id.ok()) return next_id.error();
    Result<Statement> insert = db_.Prepare(
        "INSERT INTO debtors (id, batch_id, source_row, dossier_number, blind_index, first_name, "
        "last_name, national_number, street, house_number, status, status_changed_at, version) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'received', ?11, 1)");
    if (!insert.ok()) return insert.error();
    Result<internal::IndexRebuild> indexes = internal::IndexRebuild::Begin(db_, "debtors", list.rows.size());
    if (!indexes.ok()) return indexes.error();
    std::size_t inserted = 0;
    auto values = [](const ingest::DebtorRow& row) {
      return std::array<std::string_view, 5>{row.first_name, row.last_name, StoredNumber(row.national_number),
                                             row.street, row.house_number};
    };
    auto insert_row = [&](const ingest::DebtorRow& row, const internal::SealedRow<5>& sealed) -> Status {
      insert->Bind(1, sealed.id).Bind(2, *batch_id).Bind(3, static_cast<std::int64_t>(row.source_row));
      insert->BindText(4, row.dossier_number);
      if (sealed.blind_index) {
        insert->BindBlob(5, Bytes(*sealed.blind_index));
      } else {
        insert->BindNull(5);
        ++summary->rows_without_valid_number;
      }
      for (int i = 0; i < 5; ++i) insert->BindBlob(6 + i, sealed.fields[i]);
      insert->BindText(11, now);
      if (Status status = insert->Run(); !status.ok()) return status;
      return ApplyFault(options.fault, ++inserted);
    };
    if (Status status = internal::SealAndInsert(list.rows, *next_id, keys_, "debtors", kDebtorColumns, values, insert_row);
        !status.ok()) {
      return status;
    }

    if (Status rebuilt = indexes->Rebuild(); !rebuilt.ok()) return rebuilt;

    // The log entry commits with the rows it describes.
    AccessEntry entry{0, "", options.actor.name, options.actor.role, "import", "debtor_batch",
                      std::to_string(*batch_id), options.actor.purpose, "ok",
                      fmt::format("rows={} rejected={}", inserted, summary->rows_rejected)};
    if (Result<std::int64_t> logged = access_log_.Append(entry); !logged.ok()) return logged.error();
    return transaction->Commit();
  };

  if (Status imported = import(); !imported.ok()) {
    spdlog::warn("store: debtor import rolled back: {}", imported.error().message_key);
    LogFailedImport(*this, "debtor", options.actor, imported.error());
    return imported.error();
  }
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  spdlog::info("store: imported debtor batch {}: {} rows in {} ms", summary->batch_id,
               summary->rows_imported, elapsed.count());
  return summary;
}

Result<ImportSummary> Store::ImportClients(const ingest::ClientList& list,
                                           const ImportOptions& options) {
  const auto started = std::chrono::steady_clock::now();

  // Refuse lists that must not be imported, before the database is touched.
  Result<ImportSummary> summary = SummarizeReport(list, options.strict);
  if (!summary.ok()) return summary;

  auto import = [&]() -> Status {
    Result<Transaction> transaction = Transaction::Begin(db_);
    if (!transaction.ok()) return transaction.error();
    const std::string now = Now();

    // The new list replaces the previous one (docs/adr/0003): delete the superseded rows
    // and mark their batches, in the same transaction as the insert.
    Result<std::int64_t> replaced = QueryInt(db_, "SELECT count(*) FROM clients");
    if (!replaced.ok()) return replaced.error();
    summary->clients_replaced = static_cast<std::size_t>(*replaced);
    if (Status status = db_.Execute("DELETE FROM clients"); !status.ok()) return status;
    Result<Statement> supersede = db_.Prepare(
        "UPDATE batches SET superseded_at = ?1 WHERE kind = 'clients' AND superseded_at IS NULL");
    if (!supersede.ok()) return supersede.error();
    if (Status status = supersede->BindText(1, now).Run(); !status.ok()) return status;

    Result<std::int64_t> batch_id = InsertBatch(db_, "clients", list.source_name, options.actor, now, *summary);
    if (!batch_id.ok()) return batch_id.error();
    summary->batch_id = *batch_id;

    // Every pending review proposal pointed at a row deleted above. It is withdrawn with the
    // time and this batch, so it leaves the queue, and the next matching run proposes the
    // debtor against the new list. Decided proposals keep their decision as history.
    Result<std::size_t> withdrawn = WithdrawPendingProposals(db_, *batch_id, now);
    if (!withdrawn.ok()) return withdrawn.error();
    summary->proposals_withdrawn = *withdrawn;

    // Row ids are assigned here because each sealed field is bound to its row id.
    Result<std::int64_t> next_id = NextRowId(db_, "clients");
    if (!next_id.ok()) return next_id.error();
    Result<Statement> insert = db_.Prepare(
        "INSERT INTO clients (id, batch_id, source_row, blind_index, first_name, last_name, "
        "national_number, street, house_number, postcode, client_reference) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    if (!insert.ok()) return insert.error();
    Result<internal::IndexRebuild> indexes = internal::IndexRebuild::Begin(db_, "clients", list.rows.size());
    if (!indexes.ok()) return indexes.error();
    std::size_t inserted = 0;
    auto values = [](const ingest::ClientRow& row) {
      return std::array<std::string_view, 7>{row.first_name, row.last_name, StoredNumber(row.national_number),
                                             row.street, row.house_number, row.postcode, row.client_reference};
    };
    auto insert_row = [&](const ingest::ClientRow& row, const internal::SealedRow<7>& sealed) -> Status {
      insert->Bind(1, sealed.id).Bind(2, *batch_id).Bind(3, static_cast<std::int64_t>(row.source_row));
      if (sealed.blind_index) {
        insert->BindBlob(4, Bytes(*sealed.blind_index));
      } else {
        insert->BindNull(4);
        ++summary->rows_without_valid_number;
      }
      for (int i = 0; i < 7; ++i) insert->BindBlob(5 + i, sealed.fields[i]);
      if (Status status = insert->Run(); !status.ok()) return status;
      return ApplyFault(options.fault, ++inserted);
    };
    if (Status status = internal::SealAndInsert(list.rows, *next_id, keys_, "clients", kClientColumns, values, insert_row);
        !status.ok()) {
      return status;
    }

    if (Status rebuilt = indexes->Rebuild(); !rebuilt.ok()) return rebuilt;

    AccessEntry entry{0, "", options.actor.name, options.actor.role, "import", "client_batch",
                      std::to_string(*batch_id), options.actor.purpose, "ok",
                      fmt::format("rows={} rejected={} replaced={} withdrawn={}", inserted,
                                  summary->rows_rejected, summary->clients_replaced,
                                  summary->proposals_withdrawn)};
    if (Result<std::int64_t> logged = access_log_.Append(entry); !logged.ok()) return logged.error();
    return transaction->Commit();
  };

  if (Status imported = import(); !imported.ok()) {
    spdlog::warn("store: client import rolled back: {}", imported.error().message_key);
    LogFailedImport(*this, "client", options.actor, imported.error());
    return imported.error();
  }
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  spdlog::info("store: imported client batch {}: {} rows in {} ms, {} previous rows deleted",
               summary->batch_id, summary->rows_imported, elapsed.count(), summary->clients_replaced);
  return summary;
}

}  // namespace adempauze::store
