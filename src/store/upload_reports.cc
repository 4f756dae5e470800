// Upload reports of the web application, sealed with the data key.
#include "adempauze/store/upload_reports.h"

#include <fmt/format.h>

namespace adempauze::store {
namespace {

constexpr std::string_view kTable = "upload_reports";

// Returns the first day whose reports are kept: the day of `now` minus the keep period.
std::string KeepFrom(std::string_view now) {
  std::optional<CivilDate> today = CivilDate::FromIso(now.substr(0, 10));
  if (!today) return std::string(now.substr(0, 10));
  return CivilDate::FromDaysSinceEpoch(today->DaysSinceEpoch() - kUploadReportKeepDays).ToIso();
}

}  // namespace

Result<std::int64_t> SaveUploadReport(Store& store, const UploadReport& report) {
  if ((report.kind != "debtors" && report.kind != "clients") ||
      (report.outcome != "imported" && report.outcome != "refused")) {
    return MakeError(ErrorCode::kInvalidArgument, "store.upload_report.bad_kind", report.kind + "/" + report.outcome);
  }
  if (!store.keys().has_data_key()) {
    return MakeError(ErrorCode::kFailedPrecondition, "store.upload_report.no_data_key");
  }
  Database& db = store.database();
  Result<Transaction> transaction = Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();

  // Step 1: delete the reports older than the keep period.
  const std::string now = store.Now();
  Result<Statement> prune = db.Prepare("DELETE FROM upload_reports WHERE created_at < ?1");
  if (!prune.ok()) return prune.error();
  prune->BindText(1, KeepFrom(now));
  if (Status status = prune->Run(); !status.ok()) return status.error();

  // Step 2: the new row, sealed for its own id.
  Result<std::int64_t> id = NextRowId(db, kTable);
  if (!id.ok()) return id.error();
  const std::string sealed = store.cipher().Seal(report.content, crypto::FieldPlace{kTable, "content", *id});
  Result<Statement> insert = db.Prepare(
      "INSERT INTO upload_reports (id, kind, outcome, batch_id, created_by, created_at, content) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!insert.ok()) return insert.error();
  insert->Bind(1, *id).BindText(2, report.kind).BindText(3, report.outcome);
  if (report.batch_id) insert->Bind(4, *report.batch_id);
  insert->BindText(5, report.created_by).BindText(6, now).BindBlob(7, sealed);
  if (Status status = insert->Run(); !status.ok()) return status.error();

  if (Status status = transaction->Commit(); !status.ok()) return status.error();
  return *id;
}

Result<UploadReport> ReadUploadReport(Store& store, std::int64_t id, std::string_view kind,
                                      std::string_view uploader, const Actor& actor) {
  Database& db = store.database();
  Result<Transaction> transaction = Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();

  Result<Statement> query = db.Prepare(
      "SELECT kind, outcome, batch_id, created_by, created_at, content FROM upload_reports WHERE id = ?1");
  if (!query.ok()) return query.error();
  query->Bind(1, id);
  Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  if (!*row || query->ColumnText(0) != kind || query->ColumnText(3) != uploader) {
    return MakeError(ErrorCode::kNotFound, "store.upload_report.not_found", id, kUploadReportKeepDays);
  }
  UploadReport report{id, query->ColumnText(0), query->ColumnText(1), std::nullopt, query->ColumnText(3),
                      query->ColumnText(4), ""};
  if (!query->ColumnIsNull(2)) report.batch_id = query->ColumnInt(2);
  Result<std::string> content = store.cipher().Open(query->ColumnBlob(5), crypto::FieldPlace{kTable, "content", id});
  if (!content.ok()) return content.error();
  report.content = std::move(content).value();

  AccessEntry entry;
  entry.actor = actor.name;
  entry.role = actor.role;
  entry.action = "view";
  entry.object_type = "upload_report";
  entry.object_id = std::to_string(id);
  entry.purpose = actor.purpose;
  entry.outcome = "ok";
  entry.detail = fmt::format("kind={} outcome={}", report.kind, report.outcome);
  if (Result<std::int64_t> logged = store.access_log().Append(entry); !logged.ok()) return logged.error();
  if (Status status = transaction->Commit(); !status.ok()) return status.error();
  return report;
}

}  // namespace adempauze::store
