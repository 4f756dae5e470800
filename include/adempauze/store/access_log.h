// The access log (toegangslog): an append-only, hash-chained record of every read and
// write of personal data. The entry format, the canonical encoding and the chain are
// specified in docs/formats/access-log.md.
//
// An entry never contains a name, a national number or an address: objects are named by
// ids (batch id, dossier number, debtor id) and details are counts.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adempauze/common/result.h"
#include "adempauze/crypto/field_cipher.h"
#include "adempauze/crypto/keys.h"
#include "adempauze/store/sqlite.h"

namespace adempauze::store {

// What one access did. `seq`, `at` and the hashes are filled in by AccessLog::Append.
struct AccessEntry {
  std::int64_t seq = 0;
  std::string at;           // UTC, "YYYY-MM-DDTHH:MM:SS.mmmZ"
  std::string actor;        // who: "cli:<user>" or a user name
  std::string role;         // the actor's role; empty for the command line for now
  std::string action;       // import, match, view, list, transition, export, ...
  std::string object_type;  // batch, dossier, client_list, dossier_list, ...
  std::string object_id;    // an id, never personal data
  std::string purpose;      // the protocol purpose the access serves
  std::string outcome;      // "ok", "denied", "failed"
  std::string detail;       // counts or codes such as "rows=120"; never personal data
};

// The encoding version of entries appended by this code (docs/formats/access-log.md).
// Version 1 entries, written before the subject column existed, keep verifying as version 1.
inline constexpr int kAccessLogEncodingVersion = 2;

// An entry as stored, with the person it concerns.
struct AccessRecord {
  AccessEntry entry;
  // The person the access concerns, as SubjectPseudonym() returns it; empty when the entry
  // concerns no single person. Never the national number or its blind index.
  std::string subject;
  int encoding_version = kAccessLogEncodingVersion;  // 1 or 2
};

// Returns the keyed pseudonym of the person with national number `number` (the 11-digit
// canonical form when valid, else the value as imported): 16 bytes of BLAKE2b, as 32 hex
// digits, keyed with a key derived from the log key. The blind-index key is not used, so
// the log cannot be joined to the debtors or clients table without the log key.
std::string SubjectPseudonym(const crypto::KeySet& keys, std::string_view number);

// Returns the canonical encoding that the chain hash covers: version 1 has no subject,
// version 2 adds `subject` as the last field under its own label.
std::string CanonicalEncoding(const AccessEntry& entry, int encoding_version = kAccessLogEncodingVersion,
                              std::string_view subject = {});

// The result of walking the chain.
struct AccessLogVerification {
  enum class Problem {
    kNone,
    kChanged,      // an entry's content does not match its hash (changed or forged)
    kMissing,      // sequence numbers jump: entries were removed
    kBrokenLink,   // an entry does not follow its predecessor (removed, inserted, reordered)
    kTruncated,    // the log ends before the anchor's entry: the tail was removed
    kAnchorMismatch,  // the anchor's entry has another hash: the log was rewritten
  };
  std::int64_t entries_checked = 0;
  Problem problem = Problem::kNone;
  std::int64_t first_bad_seq = 0;  // the first entry that fails, 0 when the chain is intact
  bool ok() const { return problem == Problem::kNone; }
};

// Appends to and verifies the access log of one database.
// The KeySet and Database must outlive this object. Not thread-safe.
class AccessLog {
 public:
  using Clock = std::function<std::string()>;
  AccessLog(Database& db, const crypto::KeySet& keys, Clock clock)
      : db_(db), keys_(keys), clock_(std::move(clock)) {}

  // Appends `entry` after the last entry and returns its sequence number. `subject` is the
  // SubjectPseudonym() of the person the access concerns, or empty.
  // REQUIRES: a transaction is open on the database, so the entry commits or rolls back
  // together with the access it records.
  Result<std::int64_t> Append(AccessEntry entry, std::string_view subject = {});

  // Walks the whole chain from the first entry and reports the first broken link.
  // Returns an Error only when the database cannot be read.
  // NOTE: entries removed from the end of the log leave an intact shorter chain; only an
  // anchor kept outside the database reveals that (VerifyAgainstAnchor in audit.h).
  Result<AccessLogVerification> Verify();

  // Returns the entries with seq > after_seq in order, at most `limit`.
  Result<std::vector<AccessEntry>> Read(std::int64_t after_seq, std::int64_t limit);

  // As Read, with each entry's subject and encoding version.
  Result<std::vector<AccessRecord>> ReadRecords(std::int64_t after_seq, std::int64_t limit);

 private:
  Database& db_;
  const crypto::KeySet& keys_;
  Clock clock_;
};

}  // namespace adempauze::store
