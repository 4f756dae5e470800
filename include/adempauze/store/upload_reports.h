// Results of list uploads in the web application: the counts and the validation report of
// one upload. They are kept in the database, not in the server process, so the result page
// and its CSV download work after the upload's redirect on any server process.
//
// The content is sealed with the data key because report entries quote values from the
// list (masked national numbers, dossier numbers, file names).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "adempauze/common/result.h"
#include "adempauze/store/store.h"

namespace adempauze::store {

// Days a report is kept after its upload.
// NOTE: reports are deleted only when a later report is saved (and by retention), so a report
// outlives this period until the next upload.
inline constexpr int kUploadReportKeepDays = 7;

struct UploadReport {
  std::int64_t id = 0;
  std::string kind;     // "debtors" or "clients"
  std::string outcome;  // "imported" or "refused"
  std::optional<std::int64_t> batch_id;  // the imported batch; nullopt when refused
  std::string created_by;                // the user name of the uploader
  std::string created_at;
  std::string content;  // the caller's document (JSON in the web application), decrypted
};

// Seals and stores `report` (its id and created_at are assigned here) and deletes the
// reports older than kUploadReportKeepDays, in one transaction. Not logged: the import it
// describes is. Returns the new id, kInvalidArgument ("store.upload_report.bad_kind") for
// an unknown kind or outcome, kFailedPrecondition ("store.upload_report.no_data_key") after
// retention destroyed the data key, kConflict when another process has locked the database.
Result<std::int64_t> SaveUploadReport(Store& store, const UploadReport& report);

// Reads report `id` of `kind` uploaded by user `uploader`, with its content decrypted, and
// logs the read (action "view", object "upload_report"). Returns kNotFound
// ("store.upload_report.not_found", args: id, keep days) for an unknown or pruned id and for
// a report of another kind or uploader, which is then neither decrypted nor logged as read.
// Returns kCrypto when the content fails to decrypt.
Result<UploadReport> ReadUploadReport(Store& store, std::int64_t id, std::string_view kind,
                                      std::string_view uploader, const Actor& actor);

}  // namespace adempauze::store
