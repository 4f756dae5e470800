// Batch jobs of the API: rows of table api_jobs (docs/formats/api.md, "Jobs").
#include <string>

#include "adempauze/ingest/report.h"
#include "web/api.h"

namespace adempauze::web {

Result<std::int64_t> CreateApiJob(store::Store& store, std::int64_t token_id) {
  Result<store::Statement> insert = store.database().Prepare(
      "INSERT INTO api_jobs (token_id, state, created_at) VALUES (?1, 'running', ?2)");
  if (!insert.ok()) return insert.error();
  insert->Bind(1, token_id).BindText(2, store.Now());
  if (Status status = insert->Run(); !status.ok()) return status.error();
  return store::QueryInt(store.database(), "SELECT last_insert_rowid()");
}

Status FinishApiJob(store::Store& store, std::int64_t id, std::string_view state, const nlohmann::json& result) {
  Result<store::Statement> update = store.database().Prepare(
      "UPDATE api_jobs SET state = ?2, finished_at = ?3, result = ?4 WHERE id = ?1");
  if (!update.ok()) return update.error();
  update->Bind(1, id).BindText(2, state).BindText(3, store.Now()).BindText(4, result.dump());
  return update->Run();
}

Result<std::optional<ApiJob>> ReadApiJob(store::Store& store, std::int64_t id) {
  Result<store::Statement> query = store.database().Prepare(
      "SELECT id, token_id, state, created_at, finished_at, result FROM api_jobs WHERE id = ?1");
  if (!query.ok()) return query.error();
  query->Bind(1, id);
  Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<ApiJob>();

  ApiJob job;
  job.id = query->ColumnInt(0);
  job.token_id = query->ColumnInt(1);
  job.state = query->ColumnText(2);
  job.created_at = query->ColumnText(3);
  if (!query->ColumnIsNull(4)) job.finished_at = query->ColumnText(4);
  const std::string result = query->ColumnText(5);
  job.result = result.empty() ? nlohmann::json::object()
                              : nlohmann::json::parse(result, nullptr, /*allow_exceptions=*/false);
  if (job.result.is_discarded()) return MakeError(ErrorCode::kCorrupt, "web.api.job.stored_invalid", id);
  return std::optional<ApiJob>(std::move(job));
}

nlohmann::json JobView(const ApiJob& job, Language language) {
  nlohmann::json view{{"id", job.id}, {"state", job.state}, {"created_at", job.created_at}};
  view["finished_at"] = job.finished_at ? nlohmann::json(*job.finished_at) : nlohmann::json(nullptr);

  // The stored result keeps catalog keys and arguments, never texts, so the owner can read
  // the report in either language.
  nlohmann::json result = job.result;
  if (result.contains("report") && result["report"].is_array()) {
    for (nlohmann::json& entry : result["report"]) {
      std::vector<std::string> args = entry.value("args", std::vector<std::string>());
      Error as_error{ErrorCode::kInvalidArgument, entry.value("message_key", std::string()), args, {}};
      entry["message"] = as_error.Render(language);
      entry.erase("args");
    }
  }
  if (result.contains("error") && result["error"].is_object()) {
    nlohmann::json& error = result["error"];
    std::vector<std::string> args = error.value("args", std::vector<std::string>());
    Error as_error{ErrorCode::kInternal, error.value("error", std::string()), args, {}};
    error["message"] = as_error.Render(language);
    error.erase("args");
  }
  view["result"] = std::move(result);
  return view;
}

}  // namespace adempauze::web
