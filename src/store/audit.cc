// Anchors and the filtered export of the access log.
#include "adempauze/store/audit.h"

#include <sstream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "store/id_ranges.h"

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
  if (filter.action && entry.action != *filter.action) return false;
  if (filter.outcome && entry.outcome != *filter.outcome) return false;
  return true;
}

// Returns every entry that matches `filter`, in seq order.
// NOTE: the filter runs in memory over the whole log, read in chunks. Logs of many
// millions of entries would need an index on actor or date.
Result<std::vector<AccessRecord>> SelectRecords(Store& store, const AccessLogFilter& filter) {
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
  return selected;
}

// Returns the seq numbers of `records` as sorted ranges ("40-49,52"), "-" for none.
std::string SeqRanges(const std::vector<AccessRecord>& records) {
  std::vector<std::int64_t> seqs;
  seqs.reserve(records.size());
  for (const AccessRecord& record : records) seqs.push_back(record.entry.seq);
  return IdRanges(std::move(seqs));
}

// Appends the officer's read of the log. REQUIRES: a transaction is open.
Status LogAuditRead(Store& store, const Actor& actor, std::string_view action, const AccessLogFilter& filter,
                    std::string detail) {
  AccessEntry entry{0, "", actor.name, actor.role, std::string(action), "access_log", "*", actor.purpose, "ok",
                    std::move(detail)};
  Result<std::int64_t> logged = store.access_log().Append(entry, filter.subject.value_or(""));
  return logged.ok() ? Status::Ok() : Status(logged.error());
}

}  // namespace

std::string_view VerificationMessageKey(AccessLogVerification::Problem problem) {
  using Problem = AccessLogVerification::Problem;
  switch (problem) {
    case Problem::kChanged:
      return "store.cli.audit.changed";
    case Problem::kMissing:
      return "store.cli.audit.missing";
    case Problem::kBrokenLink:
      return "store.cli.audit.broken_link";
    case Problem::kTruncated:
      return "cli.audit.truncated";
    case Problem::kAnchorMismatch:
      return "cli.audit.anchor_mismatch";
    case Problem::kNone:
      break;
  }
  return "store.cli.audit.ok";
}

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

std::string DescribeFilter(const AccessLogFilter& filter) {
  return fmt::format("actor={} from={} to={} dossier={} action={} outcome={}", filter.actor.value_or("*"),
                     filter.from ? filter.from->ToIso() : "*", filter.to ? filter.to->ToIso() : "*",
                     filter.dossier_number.value_or("*"), filter.action.value_or("*"), filter.outcome.value_or("*"));
}

Result<std::vector<AccessRecord>> ReadAccessLogForExport(Store& store, const AccessLogFilter& filter,
                                                        const Actor& actor) {
  Result<Transaction> transaction = Transaction::Begin(store.database());
  if (!transaction.ok()) return transaction.error();

  Result<std::vector<AccessRecord>> selected = SelectRecords(store, filter);
  if (!selected.ok()) return selected.error();

  std::string detail = fmt::format("rows={} {}", selected->size(), DescribeFilter(filter));
  if (Status logged = LogAuditRead(store, actor, "audit_export", filter, std::move(detail)); !logged.ok()) {
    return logged.error();
  }
  if (Status status = transaction->Commit(); !status.ok()) return status.error();
  return selected;
}

Result<AccessLogPage> ReadAccessLogPage(Store& store, const AccessLogFilter& filter, std::int64_t offset,
                                        std::int64_t limit, const Actor& actor) {
  Result<Transaction> transaction = Transaction::Begin(store.database());
  if (!transaction.ok()) return transaction.error();

  // The newest match comes first, so the page counts back from the end of the selection.
  Result<std::vector<AccessRecord>> selected = SelectRecords(store, filter);
  if (!selected.ok()) return selected.error();
  AccessLogPage page;
  page.total = static_cast<std::int64_t>(selected->size());
  for (std::int64_t i = page.total - 1 - offset; i >= 0 && i > page.total - 1 - offset - limit; --i) {
    page.records.push_back(std::move((*selected)[static_cast<std::size_t>(i)]));
  }

  std::string detail =
      fmt::format("total={} {} seq={}", page.total, DescribeFilter(filter), SeqRanges(page.records));
  if (Status logged = LogAuditRead(store, actor, "audit_view", filter, std::move(detail)); !logged.ok()) {
    return logged.error();
  }
  if (Status status = transaction->Commit(); !status.ok()) return status.error();
  return page;
}

Result<std::vector<std::string>> ListAccessLogActions(Store& store) {
  Result<Statement> query = store.database().Prepare("SELECT DISTINCT action FROM access_log ORDER BY action");
  if (!query.ok()) return query.error();
  std::vector<std::string> actions;
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    actions.push_back(query->ColumnText(0));
  }
  return actions;
}

std::vector<std::string> AccessLogColumns() {
  return {"seq",       "at",      "actor",  "role",    "action",  "object_type",
          "object_id", "purpose", "outcome", "detail", "subject", "encoding_version"};
}

std::vector<std::string> AccessLogRow(const AccessRecord& record) {
  const AccessEntry& entry = record.entry;
  return {std::to_string(entry.seq), entry.at,     entry.actor,  entry.role,    entry.action,
          entry.object_type,         entry.object_id, entry.purpose, entry.outcome, entry.detail,
          record.subject,            std::to_string(record.encoding_version)};
}

}  // namespace adempauze::store
