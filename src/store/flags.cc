#include "adempauze/store/flags.h"

#include <string_view>

namespace adempauze::store {
namespace {

// The newest batch's row per dossier number, and the day its current flag was set. For the
// pause list that is the latest move into client_paused, not the latest status change,
// because the OCMW's later steps must not show in the city's dates.
constexpr std::string_view kPauseQuery = R"sql(
SELECT d.dossier_number,
       (SELECT max(e.at) FROM dossier_events e
         WHERE e.debtor_id = d.id AND e.to_status = 'client_paused')
  FROM debtors d
 WHERE d.status IN ('client_paused', 'solution_in_progress', 'solution_reached')
   AND d.batch_id = (SELECT max(batch_id) FROM debtors n WHERE n.dossier_number = d.dossier_number)
 ORDER BY d.dossier_number
)sql";

constexpr std::string_view kResumeQuery = R"sql(
SELECT d.dossier_number,
       (SELECT max(e.at) FROM dossier_events e
         WHERE e.debtor_id = d.id AND e.to_status = 'resume_collection')
  FROM debtors d
 WHERE d.status = 'resume_collection'
   AND d.batch_id = (SELECT max(batch_id) FROM debtors n WHERE n.dossier_number = d.dossier_number)
 ORDER BY d.dossier_number
)sql";

}  // namespace

Result<std::vector<FlaggedDossier>> ListFlaggedDossiers(Store& store, FlagList list, const Actor& actor) {
  // One transaction, so the listing and its access-log entry commit together.
  auto transaction = Transaction::Begin(store.database());
  if (!transaction) return transaction.error();

  auto query = store.database().Prepare(list == FlagList::kPause ? kPauseQuery : kResumeQuery);
  if (!query) return query.error();
  std::vector<FlaggedDossier> dossiers;
  while (true) {
    auto row = query->Step();
    if (!row) return row.error();
    if (!*row) break;
    // Event times are "YYYY-MM-DDTHH:MM:SS.mmmZ"; the flag date is the UTC day.
    const std::string at = query->ColumnText(1);
    auto since = CivilDate::FromIso(std::string_view(at).substr(0, 10));
    if (!since) {
      return MakeError(ErrorCode::kCorrupt, "export.flags.bad_date", query->ColumnText(0));
    }
    dossiers.push_back({query->ColumnText(0), *since});
  }

  AccessEntry entry;
  entry.actor = actor.name;
  entry.role = actor.role;
  entry.action = "export";
  entry.object_type = list == FlagList::kPause ? "pause_list" : "resume_list";
  entry.purpose = actor.purpose;
  entry.outcome = "ok";
  entry.detail = "rows=" + std::to_string(dossiers.size());
  auto appended = store.access_log().Append(std::move(entry));
  if (!appended) return appended.error();

  Status committed = transaction->Commit();
  if (!committed) return committed.error();
  return dossiers;
}

}  // namespace adempauze::store
