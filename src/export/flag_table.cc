#include "adempauze/export/flag_table.h"

#include "adempauze/export/dossier_lists.h"

namespace adempauze::exports {

Table MakeFlagTable(const std::vector<store::FlaggedDossier>& dossiers, store::FlagList list, Language language,
                    int follow_up_days) {
  std::vector<FlagRow> rows;
  rows.reserve(dossiers.size());
  const bool pause = list == store::FlagList::kPause;
  for (const store::FlaggedDossier& dossier : dossiers) {
    FlagRow row;
    row.dossier_number = dossier.dossier_number;
    row.flag = pause ? Flag::kClient : Flag::kResumeCollection;
    row.since = dossier.since;
    if (pause) row.follow_up = CivilDate::FromDaysSinceEpoch(dossier.since.DaysSinceEpoch() + follow_up_days);
    rows.push_back(std::move(row));
  }
  return pause ? MakePauseTable(rows, language) : MakeResumeTable(rows, language);
}

std::string FlagSheetName(store::FlagList list, Language language) {
  return list == store::FlagList::kPause ? PauseSheetName(language) : ResumeSheetName(language);
}

}  // namespace adempauze::exports
