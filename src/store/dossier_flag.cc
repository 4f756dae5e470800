#include "adempauze/store/dossier_flag.h"

#include <string>

#include "adempauze/crypto/field_cipher.h"

namespace adempauze::store {
namespace {

// The newest batch's row of the dossier number, with the time it last entered the status
// that gives the city its flag date.
constexpr std::string_view kNewestRowQuery = R"sql(
SELECT d.id, d.blind_index, d.status,
       (SELECT max(e.at) FROM dossier_events e
         WHERE e.debtor_id = d.id AND e.to_status = CASE d.status
           WHEN 'resume_collection' THEN 'resume_collection' ELSE 'client_paused' END)
  FROM debtors d
 WHERE d.dossier_number = ?1
 ORDER BY d.batch_id DESC
 LIMIT 1
)sql";

}  // namespace

DossierFlag FlagOfStatus(std::string_view status) {
  if (status == "received") return DossierFlag::kNotMatchedYet;
  if (status == "not_client") return DossierFlag::kNotClient;
  if (status == "client_paused" || status == "solution_in_progress" || status == "solution_reached") {
    return DossierFlag::kClientOcmw;
  }
  if (status == "resume_collection") return DossierFlag::kResumeCollection;
  if (status == "closed") return DossierFlag::kClosed;
  return DossierFlag::kUnknown;
}

std::string_view FlagCode(DossierFlag flag) {
  switch (flag) {
    case DossierFlag::kUnknown: return "unknown";
    case DossierFlag::kNotMatchedYet: return "not_matched_yet";
    case DossierFlag::kNotClient: return "not_client";
    case DossierFlag::kClientOcmw: return "client_ocmw";
    case DossierFlag::kResumeCollection: return "resume_collection";
    case DossierFlag::kClosed: return "closed";
  }
  return "unknown";
}

Result<DossierFlagAnswer> FindDossierFlag(Store& store, std::string_view dossier_number, std::string_view digits) {
  // Retention deleted the debtor rows together with the key, so no dossier is known.
  if (!store.keys().has_blind_index_key()) return DossierFlagAnswer{};
  const crypto::BlindIndex wanted = crypto::ComputeBlindIndex(store.keys(), digits);

  // Step 1: the newest row of the dossier number. Rows of older batches are not consulted,
  // so the result agrees with the city's pause and resume lists.
  Result<Statement> query = store.database().Prepare(kNewestRowQuery);
  if (!query.ok()) return query.error();
  query->BindText(1, dossier_number);
  Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  if (!*row || query->ColumnIsNull(1)) return DossierFlagAnswer{};

  // Step 2: the row must hold the same person.
  const std::string_view wanted_bytes(reinterpret_cast<const char*>(wanted.data()), wanted.size());
  if (query->ColumnBlob(1) != wanted_bytes) return DossierFlagAnswer{};

  // Step 3: the flag, and the date for the two flags whose lists carry one.
  DossierFlagAnswer answer;
  answer.debtor_id = query->ColumnInt(0);
  answer.flag = FlagOfStatus(query->ColumnText(2));
  if (answer.flag == DossierFlag::kClientOcmw || answer.flag == DossierFlag::kResumeCollection) {
    const std::string at = query->ColumnText(3);
    std::optional<CivilDate> since = CivilDate::FromIso(std::string_view(at).substr(0, 10));
    if (!since) return MakeError(ErrorCode::kCorrupt, "export.flags.bad_date", std::string(dossier_number));
    answer.since = *since;
  }
  return answer;
}

Result<std::map<DossierFlag, std::int64_t>> CountFlagsOfBatch(Store& store, std::int64_t batch_id) {
  Result<Statement> query =
      store.database().Prepare("SELECT status, count(*) FROM debtors WHERE batch_id = ?1 GROUP BY status");
  if (!query.ok()) return query.error();
  query->Bind(1, batch_id);
  std::map<DossierFlag, std::int64_t> counts;
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    counts[FlagOfStatus(query->ColumnText(0))] += query->ColumnInt(1);
  }
  return counts;
}

}  // namespace adempauze::store
