// The flags the city may see, per dossier: the input of the finance exports.
//
// The protocol gives the city only whether a dossier is flagged "cliënt OCMW" (collection
// paused) or "invordering voortzetten" (collection resumes), and the dates of those flags. Nothing here reveals the OCMW's follow-up (solution in progress or reached).
#pragma once

#include <string>
#include <vector>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/result.h"
#include "adempauze/store/store.h"

namespace adempauze::store {

enum class FlagList {
  kPause,   // client_paused, solution_in_progress, solution_reached: "cliënt OCMW"
  kResume,  // resume_collection: "invordering voortzetten"
};

struct FlaggedDossier {
  std::string dossier_number;
  CivilDate since;  // kPause: the day the dossier last entered client_paused;
                    // kResume: the day the OCMW asked to resume collection
};

// Lists the flagged dossiers of `list`, one per dossier number (the newest batch wins when a
// number occurs in several batches), sorted by dossier number, and logs the listing as one
// access-log entry (action "export") in the same transaction. Returns kConflict when another
// process has locked the database, kCorrupt when a stored date cannot be read.
Result<std::vector<FlaggedDossier>> ListFlaggedDossiers(Store& store, FlagList list, const Actor& actor);

}  // namespace adempauze::store
