// Reading batches and dossiers. Every read of personal data is logged.
#include <algorithm>

#include <fmt/format.h>

#include "adempauze/store/store.h"
#include "store/id_ranges.h"

namespace adempauze::store {
namespace {

constexpr std::string_view kSummarySelect =
    "SELECT d.id, d.batch_id, d.dossier_number, d.status, d.status_changed_at, "
    "d.follow_up_deadline, d.version";
const std::string kSummaryColumns = std::string(kSummarySelect) + " FROM debtors d ";

std::optional<CivilDate> OptionalDate(const Statement& row, int column) {
  if (row.ColumnIsNull(column)) return std::nullopt;
  return CivilDate::FromIso(row.ColumnText(column));
}

DossierSummary SummaryFromRow(const Statement& row) {
  DossierSummary summary;
  summary.debtor_id = row.ColumnInt(0);
  summary.batch_id = row.ColumnInt(1);
  summary.dossier_number = row.ColumnText(2);
  summary.status = row.ColumnText(3);
  summary.status_changed_at = row.ColumnText(4);
  summary.follow_up_deadline = OptionalDate(row, 5);
  summary.version = row.ColumnInt(6);
  return summary;
}

Result<std::vector<DossierSummary>> CollectSummaries(Statement& query) {
  std::vector<DossierSummary> summaries;
  while (true) {
    Result<bool> row = query.Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    summaries.push_back(SummaryFromRow(query));
  }
  return summaries;
}

// Reads the status changes of a dossier, oldest first, with the reasons decrypted.
Result<std::vector<DossierEvent>> ReadHistory(Database& db, const crypto::FieldCipher& cipher,
                                              std::int64_t debtor_id) {
  Result<Statement> events = db.Prepare(
      "SELECT id, at, from_status, to_status, actor, role, reason_code, reason, follow_up_deadline "
      "FROM dossier_events WHERE debtor_id = ?1 ORDER BY id");
  if (!events.ok()) return events.error();
  events->Bind(1, debtor_id);
  std::vector<DossierEvent> history;
  while (true) {
    Result<bool> row = events->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    DossierEvent event{events->ColumnText(1), events->ColumnText(2), events->ColumnText(3),
                       events->ColumnText(4), events->ColumnText(5), events->ColumnText(6), "",
                       OptionalDate(*events, 8)};
    if (!events->ColumnIsNull(7)) {
      Result<std::string> reason = cipher.Open(
          events->ColumnBlob(7), crypto::FieldPlace{"dossier_events", "reason", events->ColumnInt(0)});
      if (!reason.ok()) return reason.error();
      event.reason = std::move(reason).value();
    }
    history.push_back(std::move(event));
  }
  return history;
}

// Returns the debtor ids of `summaries` as sorted ranges ("3-7,9").
std::string IdRanges(const std::vector<DossierSummary>& summaries) {
  std::vector<std::int64_t> ids;
  ids.reserve(summaries.size());
  for (const DossierSummary& summary : summaries) ids.push_back(summary.debtor_id);
  return store::IdRanges(std::move(ids));
}

}  // namespace

Result<std::vector<BatchInfo>> Store::ListBatches() {
  Result<Statement> query = db_.Prepare(
      "SELECT id, kind, display_name, imported_at, imported_by, rows_imported, superseded_at "
      "FROM batches ORDER BY id");
  if (!query.ok()) return query.error();
  std::vector<BatchInfo> batches;
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    BatchInfo batch{query->ColumnInt(0), query->ColumnText(1), query->ColumnText(2),
                    query->ColumnText(3), query->ColumnText(4), query->ColumnInt(5), std::nullopt};
    if (!query->ColumnIsNull(6)) batch.superseded_at = query->ColumnText(6);
    batches.push_back(std::move(batch));
  }
  return batches;
}

Result<std::vector<DossierSummary>> Store::ListDossiers(const DossierFilter& filter,
                                                        const Actor& actor) {
  // Status and batch filters are optional: a NULL parameter matches every row.
  Result<Statement> query = db_.Prepare(
      kSummaryColumns +
      "WHERE (?1 IS NULL OR d.status = ?1) AND (?2 IS NULL OR d.batch_id = ?2) "
      "ORDER BY d.batch_id, d.dossier_number");
  if (!query.ok()) return query.error();
  if (filter.status) query->BindText(1, *filter.status);
  if (filter.batch_id) query->Bind(2, *filter.batch_id);

  // Whether a dossier is paused tells that its debtor is an OCMW client, so even this
  // list without names is logged.
  Result<Transaction> transaction = Transaction::Begin(db_);
  if (!transaction.ok()) return transaction.error();
  Result<std::vector<DossierSummary>> summaries = CollectSummaries(*query);
  if (!summaries.ok()) return summaries;
  AccessEntry entry{0, "", actor.name, actor.role, "list", "dossier_list",
                    filter.batch_id ? std::to_string(*filter.batch_id) : "*", actor.purpose, "ok",
                    fmt::format("status={} rows={} debtor_ids={}", filter.status.value_or("*"),
                                summaries->size(), IdRanges(*summaries))};
  if (Result<std::int64_t> logged = access_log_.Append(entry); !logged.ok()) return logged.error();
  if (Status status = transaction->Commit(); !status.ok()) return status.error();
  return summaries;
}

Result<DossierSummary> Store::FindDossier(std::string_view dossier_number,
                                          std::optional<std::int64_t> batch_id) {
  Result<Statement> query = db_.Prepare(
      kSummaryColumns +
      "WHERE d.dossier_number = ?1 AND (?2 IS NULL OR d.batch_id = ?2) "
      "ORDER BY d.batch_id DESC LIMIT 1");
  if (!query.ok()) return query.error();
  query->BindText(1, dossier_number);
  if (batch_id) query->Bind(2, *batch_id);
  Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  if (!*row) return MakeError(ErrorCode::kNotFound, "store.dossier_not_found", dossier_number);
  return SummaryFromRow(*query);
}

Result<DossierDetail> Store::ReadDossier(std::int64_t debtor_id, const Actor& actor) {
  // The read and its log entry form one transaction: no data without a log entry.
  Result<Transaction> transaction = Transaction::Begin(db_);
  if (!transaction.ok()) return transaction.error();

  // Step 1: the dossier row and its personal fields.
  Result<Statement> query = db_.Prepare(
      std::string(kSummarySelect) +
      ", b.display_name, b.imported_at, d.first_name, d.last_name, d.national_number, "
      "d.street, d.house_number, d.blind_index FROM debtors d JOIN batches b ON b.id = d.batch_id "
      "WHERE d.id = ?1");
  if (!query.ok()) return query.error();
  query->Bind(1, debtor_id);
  Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  if (!*row) return MakeError(ErrorCode::kNotFound, "store.dossier_not_found", debtor_id);
  DossierDetail detail;
  detail.summary = SummaryFromRow(*query);
  detail.batch_name = query->ColumnText(7);
  detail.imported_at = query->ColumnText(8);
  std::string* targets[] = {&detail.first_name, &detail.last_name, &detail.national_number,
                            &detail.street, &detail.house_number};
  const char* columns[] = {"first_name", "last_name", "national_number", "street", "house_number"};
  for (int i = 0; i < 5; ++i) {
    Result<std::string> plain =
        cipher_.Open(query->ColumnBlob(9 + i), crypto::FieldPlace{"debtors", columns[i], debtor_id});
    if (!plain.ok()) return plain.error();
    *targets[i] = std::move(plain).value();
  }
  detail.number_valid = !query->ColumnIsNull(14);
  const std::string blind_index = query->ColumnBlob(14);

  // Step 2: the history, oldest first.
  Result<std::vector<DossierEvent>> history = ReadHistory(db_, cipher_, debtor_id);
  if (!history.ok()) return history.error();
  detail.history = std::move(history).value();

  // Step 3: other dossiers of the same person, linked through the blind index.
  if (detail.number_valid) {
    Result<Statement> related = db_.Prepare(kSummaryColumns +
                                            "WHERE d.blind_index = ?1 AND d.id <> ?2 ORDER BY d.id");
    if (!related.ok()) return related.error();
    related->BindBlob(1, blind_index).Bind(2, debtor_id);
    Result<std::vector<DossierSummary>> found = CollectSummaries(*related);
    if (!found.ok()) return found.error();
    detail.related = std::move(found).value();
  }

  // Step 4: log the read, then commit.
  AccessEntry entry{0, "", actor.name, actor.role, "view", "dossier",
                    detail.summary.dossier_number, actor.purpose, "ok",
                    fmt::format("debtor_id={}", debtor_id)};
  const std::string subject = SubjectPseudonym(keys_, detail.national_number);
  if (Result<std::int64_t> logged = access_log_.Append(entry, subject); !logged.ok()) return logged.error();
  if (Status status = transaction->Commit(); !status.ok()) return status.error();
  return detail;
}

}  // namespace adempauze::store
