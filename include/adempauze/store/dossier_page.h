// The city's view of its dossiers, one page at a time for the debtor team's screens: one
// flag per dossier (adempauze/store/dossier_flag.h) and the day it was set.
//
// The city may see only these flags and their dates. The OCMW's follow-up (solution in
// progress or reached, reasons, deadlines) maps to the one flag "cliënt OCMW", dated by the
// dossier's last move into client_paused, as in the pause list (adempauze/store/flags.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/result.h"
#include "adempauze/store/dossier_flag.h"
#include "adempauze/store/store.h"

namespace adempauze::store {

struct DossierPageQuery {
  std::int64_t batch_id = 0;
  std::optional<DossierFlag> flag;  // nullopt: every flag; kUnknown matches no dossier
  std::string search;               // part of a dossier number; empty: no search
  std::int64_t offset = 0;
  std::int64_t limit = 50;
};

// One dossier in the city's view: no personal data, no OCMW follow-up.
struct CityDossier {
  std::int64_t debtor_id = 0;
  std::string dossier_number;
  DossierFlag flag = DossierFlag::kNotMatchedYet;
  // The UTC day the flag was set: the last move into client_paused for kClientOcmw, the
  // status change for the other flags (for kNotMatchedYet the import).
  CivilDate flag_since;
};

struct DossierPage {
  std::int64_t total = 0;  // dossiers that match the query's batch, flag and search
  std::vector<CityDossier> dossiers;
};

// Lists one page of the dossiers of `query.batch_id`, sorted by dossier number, with the
// total that matches the filters (SQL LIMIT/OFFSET and a COUNT, so a 100,000-dossier batch
// is never read whole). Logs the page as one access-log entry (action "list", object
// "dossier_list", the batch id, the debtor ids shown) in the same transaction, because a
// flag reveals whether a debtor is an OCMW client. The search term itself is not logged.
// Returns kInvalidArgument ("store.page.bad_range") for a negative offset or a limit
// outside 1..1000, kConflict when another process has locked the database, kCorrupt
// ("store.page.bad_row") when a stored status or date cannot be read.
Result<DossierPage> ListDossierPage(Store& store, const DossierPageQuery& query, const Actor& actor);

}  // namespace adempauze::store
