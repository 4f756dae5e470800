// The data protection officer's view of the access log: filtered reads for the export,
// and anchors that make removal of the log's tail detectable (docs/formats/access-log.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/result.h"
#include "adempauze/store/access_log.h"
#include "adempauze/store/store.h"

namespace adempauze::store {

// The head of the log at one moment. Kept outside the database (printed, mailed to the
// officer, stored on other media), it proves that the log had at least `seq` entries
// ending in `entry_hash`.
struct AccessLogAnchor {
  std::int64_t seq = 0;        // 0 for an empty log
  std::string entry_hash;      // 64 lowercase hex digits; all zeros for an empty log
  std::string at;              // when the anchor was taken (UTC)
  std::string key_id;          // the key id of the installation, to catch a mix-up of files
};

// Returns the anchor of the current last entry.
Result<AccessLogAnchor> ReadAnchor(Store& store);

// Returns the anchor as the text of an anchor file: a first line
// "adempauze-access-log-anchor 1", then "seq=", "entry_hash=", "at=", "key_id=" lines.
std::string FormatAnchor(const AccessLogAnchor& anchor);

// Parses FormatAnchor's text. Returns kInvalidArgument ("store.audit.anchor_invalid",
// arg 0: `source_name`) for any other text.
Result<AccessLogAnchor> ParseAnchor(std::string_view text, std::string_view source_name);

// Walks the chain (AccessLog::Verify) and then checks that the anchor's entry is still
// there with the anchor's hash: kTruncated when the log now ends before anchor.seq,
// kAnchorMismatch when that entry has another hash. Returns kInvalidArgument
// ("store.audit.anchor_other_installation") when the anchor's key id is not this store's.
Result<AccessLogVerification> VerifyAgainstAnchor(Store& store, const AccessLogAnchor& anchor);

// The selection of entries for the officer's export. Unset members match every entry.
struct AccessLogFilter {
  std::optional<std::string> actor;
  std::optional<CivilDate> from;  // entries on or after this UTC day
  std::optional<CivilDate> to;    // entries on or before this UTC day
  std::optional<std::string> dossier_number;  // entries whose object is this dossier
  std::optional<std::string> subject;         // SubjectPseudonym() of the person
};

// Returns the matching entries in seq order, and logs the read (action "audit_export",
// with the filter's subject as the entry's subject) in the same transaction.
// NOTE: the filter runs in memory over the whole log, read in chunks.
Result<std::vector<AccessRecord>> ReadAccessLogForExport(Store& store, const AccessLogFilter& filter,
                                                        const Actor& actor);

}  // namespace adempauze::store
