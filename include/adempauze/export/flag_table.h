// The finance exports built from the store's flagged dossiers: the table behind
// `adempauze export pause|resume` and the debtor team's downloads in the web application.
#pragma once

#include <string>
#include <vector>

#include "adempauze/common/messages.h"
#include "adempauze/export/table.h"
#include "adempauze/store/flags.h"

namespace adempauze::exports {

// The follow-up term of the sample protocol, for callers without a protocol in force.
inline constexpr int kDefaultFollowUpDays = 60;

// Builds the finance export of `list`. The pause list's follow-up date is the protocol's term
// after the flag date, never a date the OCMW set.
Table MakeFlagTable(const std::vector<store::FlaggedDossier>& dossiers, store::FlagList list, Language language,
                    int follow_up_days = kDefaultFollowUpDays);

// Returns the XLSX sheet name of `list` in `language` (PauseSheetName or ResumeSheetName).
std::string FlagSheetName(store::FlagList list, Language language);

}  // namespace adempauze::exports
