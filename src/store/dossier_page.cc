// The city's paged dossier list.
#include "adempauze/store/dossier_page.h"

#include <fmt/format.h>

#include "store/id_ranges.h"

namespace adempauze::store {
namespace {

// The statuses of each flag as an SQL list of literals, the inverse of FlagOfStatus.
std::string_view StatusList(DossierFlag flag) {
  switch (flag) {
    case DossierFlag::kNotMatchedYet: return "'received'";
    case DossierFlag::kNotClient: return "'not_client'";
    case DossierFlag::kClientOcmw: return "'client_paused', 'solution_in_progress', 'solution_reached'";
    case DossierFlag::kResumeCollection: return "'resume_collection'";
    case DossierFlag::kClosed: return "'closed'";
    case DossierFlag::kUnknown: break;
  }
  return "NULL";
}

// The flag date. For a client it is the last move into client_paused, so the OCMW's later
// steps do not show. For every other flag it is the status change itself.
constexpr std::string_view kFlagSince =
    "CASE WHEN d.status IN ('client_paused', 'solution_in_progress', 'solution_reached') "
    "THEN COALESCE((SELECT max(e.at) FROM dossier_events e "
    "WHERE e.debtor_id = d.id AND e.to_status = 'client_paused'), d.status_changed_at) "
    "ELSE d.status_changed_at END";

// The WHERE clause of a page and its count: ?1 batch, ?2 search text or NULL. The flag's
// statuses are constants of StatusList, never user input.
std::string WhereClause(const DossierPageQuery& query) {
  std::string where = "WHERE d.batch_id = ?1 AND (?2 IS NULL OR instr(d.dossier_number, ?2) > 0)";
  if (query.flag) where += fmt::format(" AND d.status IN ({})", StatusList(*query.flag));
  return where;
}

void BindFilters(Statement& statement, const DossierPageQuery& query) {
  statement.Bind(1, query.batch_id);
  if (!query.search.empty()) statement.BindText(2, query.search);
}

}  // namespace

Result<DossierPage> ListDossierPage(Store& store, const DossierPageQuery& query, const Actor& actor) {
  if (query.offset < 0 || query.limit < 1 || query.limit > 1000) {
    return MakeError(ErrorCode::kInvalidArgument, "store.page.bad_range", query.offset, query.limit);
  }
  Database& db = store.database();
  const std::string where = WhereClause(query);

  // The count, the page and the log entry share one transaction: no rows without a log entry.
  Result<Transaction> transaction = Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();

  // Step 1: the total that matches the filters.
  Result<Statement> count = db.Prepare("SELECT count(*) FROM debtors d " + where);
  if (!count.ok()) return count.error();
  BindFilters(*count, query);
  Result<bool> counted = count->Step();
  if (!counted.ok()) return counted.error();
  DossierPage page;
  page.total = count->ColumnInt(0);

  // Step 2: the page itself, with each row's flag date.
  Result<Statement> rows = db.Prepare(fmt::format(
      "SELECT d.id, d.dossier_number, d.status, {} FROM debtors d {} ORDER BY d.dossier_number LIMIT ?3 OFFSET ?4",
      kFlagSince, where));
  if (!rows.ok()) return rows.error();
  BindFilters(*rows, query);
  rows->Bind(3, query.limit).Bind(4, query.offset);
  std::vector<std::int64_t> ids;
  while (true) {
    Result<bool> row = rows->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    const std::string number = rows->ColumnText(1);
    const DossierFlag flag = FlagOfStatus(rows->ColumnText(2));
    std::optional<CivilDate> since = CivilDate::FromIso(std::string_view(rows->ColumnText(3)).substr(0, 10));
    if (flag == DossierFlag::kUnknown || !since) return MakeError(ErrorCode::kCorrupt, "store.page.bad_row", number);
    page.dossiers.push_back({rows->ColumnInt(0), number, flag, *since});
    ids.push_back(page.dossiers.back().debtor_id);
  }

  // Step 3: log which dossiers were shown, then commit.
  AccessEntry entry;
  entry.actor = actor.name;
  entry.role = actor.role;
  entry.action = "list";
  entry.object_type = "dossier_list";
  entry.object_id = std::to_string(query.batch_id);
  entry.purpose = actor.purpose;
  entry.outcome = "ok";
  entry.detail = fmt::format("flag={} search={} offset={} rows={} total={} debtor_ids={}",
                             query.flag ? FlagCode(*query.flag) : "*", query.search.empty() ? "no" : "yes",
                             query.offset, page.dossiers.size(), page.total, IdRanges(std::move(ids)));
  if (Result<std::int64_t> logged = store.access_log().Append(entry); !logged.ok()) return logged.error();
  if (Status status = transaction->Commit(); !status.ok()) return status.error();
  return page;
}

}  // namespace adempauze::store
