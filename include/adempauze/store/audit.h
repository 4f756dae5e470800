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

// Returns the catalog key that reports `problem` to the officer. Every key but the one for
// kNone ("store.cli.audit.ok", arg 0: entries checked) takes arg 0: the first bad seq and
// arg 1: the entries checked.
std::string_view VerificationMessageKey(AccessLogVerification::Problem problem);

// The selection of entries for the officer's export. Unset members match every entry.
struct AccessLogFilter {
  std::optional<std::string> actor;
  std::optional<CivilDate> from;  // entries on or after this UTC day
  std::optional<CivilDate> to;    // entries on or before this UTC day
  std::optional<std::string> dossier_number;  // entries whose object is this dossier
  std::optional<std::string> subject;         // SubjectPseudonym() of the person
  std::optional<std::string> action;          // entries with this action ("view")
  std::optional<std::string> outcome;         // entries with this outcome ("ok", "denied", "failed")
};

// Returns the filter as the text an access-log entry's detail carries: "actor=... from=...
// to=... dossier=... action=... outcome=...", with "*" for an unset member. The subject is
// not in it: it goes in the entry's subject column.
std::string DescribeFilter(const AccessLogFilter& filter);

// Returns the matching entries in seq order, and logs the read (action "audit_export",
// with the filter's subject as the entry's subject) in the same transaction.
// NOTE: the filter runs in memory over the whole log, read in chunks.
Result<std::vector<AccessRecord>> ReadAccessLogForExport(Store& store, const AccessLogFilter& filter,
                                                        const Actor& actor);

// One screen of the filtered log.
struct AccessLogPage {
  std::vector<AccessRecord> records;  // newest entry first
  std::int64_t total = 0;             // matching entries in the whole log
};

// Returns the matching entries from position `offset` (0 is the newest match), at most
// `limit` of them, and logs the view (action "audit_view", detail: the filter, the total
// and the seq numbers shown as ranges "seq=40-49,52") in the same transaction, with the
// filter's subject as the entry's subject. An offset past the end returns no records.
// REQUIRES: offset >= 0, limit > 0.
Result<AccessLogPage> ReadAccessLogPage(Store& store, const AccessLogFilter& filter, std::int64_t offset,
                                        std::int64_t limit, const Actor& actor);

// Returns the distinct actions in the log, sorted, for the officer's filter choices.
Result<std::vector<std::string>> ListAccessLogActions(Store& store);

// Returns the column names of the access-log export, in the order AccessLogRow fills them:
// seq, at, actor, role, action, object_type, object_id, purpose, outcome, detail, subject,
// encoding_version.
std::vector<std::string> AccessLogColumns();
std::vector<std::string> AccessLogRow(const AccessRecord& record);

}  // namespace adempauze::store
