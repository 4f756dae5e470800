// The two lists the city's finance application imports: dossiers whose collection must
// pause, and dossiers whose collection resumes. Column layouts: docs/formats/exports.md.
//
// The city may see only the protocol's flag on a dossier and its dates, nothing of the
// OCMW's client file. That is why FlagRow has no other fields.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/messages.h"
#include "adempauze/export/table.h"

namespace adempauze::exports {

// The flags of the protocol that the city receives.
enum class Flag {
  kClient,            // "cliënt OCMW": pause collection
  kResumeCollection,  // "invordering voortzetten": the OCMW requests that collection continue
};

// Returns the flag as the protocol spells it: "cliënt OCMW" or "invordering voortzetten".
// The value is the same in every language, so a finance application can import it as a
// code whatever the language of the headers.
std::string_view FlagText(Flag flag);

// One dossier's flag, as the store hands it to the export.
struct FlagRow {
  std::string dossier_number;  // the city's collection dossier number, exactly as imported
  Flag flag = Flag::kClient;
  CivilDate since;             // the day the flag was set
  // Pause list only: the protocol's follow-up deadline (`since` plus the protocol's
  // follow-up term). REQUIRES: never a date that a social worker set or extended for this
  // client, because such a date would tell the city about the client's file.
  std::optional<CivilDate> follow_up;
};

// Builds the pause list: dossiernummer, vlag, geschorst sinds, opvolgen tegen (English
// headers when `language` is English). One row per FlagRow, sorted by dossier number;
// each row's flag is written as it is, so the caller selects the rows.
// REQUIRES: every dossier number appears once.
Table MakePauseTable(const std::vector<FlagRow>& rows, Language language);

// Builds the resume list: dossiernummer, vlag, datum; `follow_up` is not written.
// Same ordering and REQUIRES as MakePauseTable.
Table MakeResumeTable(const std::vector<FlagRow>& rows, Language language);

// Returns the XLSX sheet name for each list in `language`.
std::string PauseSheetName(Language language);
std::string ResumeSheetName(Language language);

}  // namespace adempauze::exports
