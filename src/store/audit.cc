// Anchors and the filtered export of the access log.
#include "adempauze/store/audit.h"

#include <sstream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace adempauze::store {
namespace {

constexpr std::string_view kAnchorHeader = "adempauze-access-log-anchor 1";
constexpr std::int64_t kReadChunk = 10000;

bool IsLowerHex(std::string_view text, std::size_t length) {
  return text.size() == length && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

bool Matches(const AccessRecord& record, const AccessLogFilter& filter) {
  const AccessEntry& entry = record.entry;
  const std::string day = entry.at.substr(0, 10);
  if (filter.actor && entry.actor != *filter.actor) return false;
  if (filter.from && day < filter.from->ToIso()) return false;
  if (filter.to && day > filter.to->ToIso()) return false;
  if (filter.dossier_number && (entry.object_type != "dossier" || entry.object_id != *filter.dossier_number)) {
    return false;
  }
  if (filter.subject && record.subject != *filter.subject) return false;
  return true;
}

}  // namespace

Result<AccessLogAnchor> ReadAnchor(Store& store) {
  AccessLogAnchor anchor{0, std::string(64, '0'), store.Now(), store.keys().KeyIdHex()};
  Result<Statement> last =
      store.database().Prepare("SELECT seq, entry_hash FROM access_log ORDER BY seq DESC LIMIT 1");
  if (!last.ok()) return last.error();
  Result<bool> row = last->Step();
  if (!row.ok()) return row.error();
  if (*row) {
    anchor.seq = last->ColumnInt(0);
    anchor.entry_hash = crypto::ToHex(last->ColumnBlob(1));
  }
  return anchor;
}

std::string FormatAnchor(const AccessLogAnchor& anchor) {
  return fmt::format("{}\nseq={}\nentry_hash={}\nat={}\nkey_id={}\n", kAnchorHeader, anchor.seq, anchor.entry_hash,
                     anchor.at, anchor.key_id);
}

Result<AccessLogAnchor> ParseAnchor(std::string_view text, std::string_view source_name) {
  auto invalid = [&] { return MakeError(ErrorCode::kInvalidArgument, "store.audit.anchor_invalid", source_name); };
  std::istringstream lines{std::string(text)};
  std::string line;
  if (!std::getline(lines, line) || line != kAnchorHeader) return invalid();

  AccessLogAnchor anchor;
  bool has_seq = false;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t equals = line.find('=');
    if (equals == std::string::npos) continue;
    const std::string key = line.substr(0, equals);
    const std::string value = line.substr(equals + 1);
    if (key == "seq") {
      if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos || value.size() > 18) {
        return invalid();
      }
      anchor.seq = std::stoll(value);
      has_seq = true;
    } else if (key == "entry_hash") {
      anchor.entry_hash = value;
    } else if (key == "at") {
      anchor.at = value;
    } else if (key == "key_id") {
      anchor.key_id = value;
    }
  }
  if (!has_seq || !IsLowerHex(anchor.entry_hash, 64) || !IsLowerHex(anchor.key_id, 32)) return invalid();
  return anchor;
}

Result<AccessLogVerification> VerifyAgainstAnchor(Store& store, const AccessLogAnchor& anchor) {
  using Problem = AccessLogVerification::Problem;
  if (anchor.key_id != store.keys().KeyIdHex()) {
    return MakeError(ErrorCode::kInvalidArgument, "store.audit.anchor_other_installation", anchor.key_id);
  }
  Result<AccessLogVerification> verification = store.access_log().Verify();
  if (!verification.ok() || !verification->ok() || anchor.seq == 0) return verification;

  // The chain is intact; the anchor's entry must still be in it, unchanged.
  Result<Statement> query = store.database().Prepare("SELECT entry_hash FROM access_log WHERE seq = ?1");
  if (!query.ok()) return query.error();
  query->Bind(1, anchor.seq);
  Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  if (!*row) {
    verification->problem = Problem::kTruncated;
    verification->first_bad_seq = verification->entries_checked + 1;
  } else if (crypto::ToHex(query->ColumnBlob(0)) != anchor.entry_hash) {
    verification->problem = Problem::kAnchorMismatch;
    verification->first_bad_seq = anchor.seq;
  }
  if (!verification->ok()) spdlog::warn("access log: anchor at seq {} does not match the log", anchor.seq);
  return verification;
}

Result<std::vector<AccessRecord>> ReadAccessLogForExport(Store& store, const AccessLogFilter& filter,
                                                        const Actor& actor) {
  Result<Transaction> transaction = Transaction::Begin(store.database());
  if (!transaction.ok()) return transaction.error();

  // NOTE: the filter runs in memory over the whole log, read in chunks. Logs of many
  // millions of entries would need an index on actor or date.
  std::vector<AccessRecord> selected;
  std::int64_t after = 0;
  while (true) {
    Result<std::vector<AccessRecord>> chunk = store.access_log().ReadRecords(after, kReadChunk);
    if (!chunk.ok()) return chunk.error();
    if (chunk->empty()) break;
    after = chunk->back().entry.seq;
    for (AccessRecord& record : *chunk) {
      if (Matches(record, filter)) selected.push_back(std::move(record));
    }
  }

  AccessEntry entry{0, "", actor.name, actor.role, "audit_export", "access_log", "*", actor.purpose, "ok",
                    fmt::format("rows={} actor={} from={} to={} dossier={}", selected.size(),
                                filter.actor.value_or("*"), filter.from ? filter.from->ToIso() : "*",
                                filter.to ? filter.to->ToIso() : "*", filter.dossier_number.value_or("*"))};
  if (Result<std::int64_t> logged = store.access_log().Append(entry, filter.subject.value_or("")); !logged.ok()) return logged.error();
  if (Status status = transaction->Commit(); !status.ok()) return status.error();
  return selected;
}

}  // namespace adempauze::store
