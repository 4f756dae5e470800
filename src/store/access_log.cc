#include "adempauze/store/access_log.h"

#include <cassert>

#include <sodium.h>

#include <spdlog/spdlog.h>

namespace adempauze::store {
namespace {

constexpr std::string_view kEncodingLabelV1 = "adempauze.access_log.v1";
constexpr std::string_view kEncodingLabelV2 = "adempauze.access_log.v2";
constexpr std::string_view kSubjectKeyLabel = "adempauze.access_log.subject_key.v1";
constexpr std::size_t kSubjectBytes = 16;

void AppendField(std::string& out, std::string_view field) {
  const auto size = static_cast<std::uint32_t>(field.size());
  out.push_back(static_cast<char>((size >> 24) & 0xff));
  out.push_back(static_cast<char>((size >> 16) & 0xff));
  out.push_back(static_cast<char>((size >> 8) & 0xff));
  out.push_back(static_cast<char>(size & 0xff));
  out.append(field);
}

crypto::Digest ToDigest(const std::string& bytes) {
  crypto::Digest digest{};
  if (bytes.size() == digest.size()) std::copy(bytes.begin(), bytes.end(), digest.begin());
  return digest;
}

std::string_view AsBytes(const crypto::Digest& digest) {
  return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

constexpr std::string_view kSelectColumns =
    "SELECT seq, at, actor, role, action, object_type, object_id, purpose, outcome, detail, "
    "previous_hash, entry_hash, subject, encoding_version FROM access_log ";

AccessEntry EntryFromRow(const Statement& row) {
  AccessEntry entry;
  entry.seq = row.ColumnInt(0);
  entry.at = row.ColumnText(1);
  entry.actor = row.ColumnText(2);
  entry.role = row.ColumnText(3);
  entry.action = row.ColumnText(4);
  entry.object_type = row.ColumnText(5);
  entry.object_id = row.ColumnText(6);
  entry.purpose = row.ColumnText(7);
  entry.outcome = row.ColumnText(8);
  entry.detail = row.ColumnText(9);
  return entry;
}

AccessRecord RecordFromRow(const Statement& row) {
  return AccessRecord{EntryFromRow(row), row.ColumnText(12), static_cast<int>(row.ColumnInt(13))};
}

}  // namespace

std::string SubjectPseudonym(const crypto::KeySet& keys, std::string_view number) {
  // A subkey for pseudonyms, so the log key itself never hashes personal data directly.
  unsigned char subject_key[crypto_generichash_KEYBYTES];
  crypto_generichash(subject_key, sizeof subject_key,
                     reinterpret_cast<const unsigned char*>(kSubjectKeyLabel.data()), kSubjectKeyLabel.size(),
                     keys.log_key(), crypto::kKeyBytes);
  unsigned char pseudonym[kSubjectBytes];
  crypto_generichash(pseudonym, sizeof pseudonym, reinterpret_cast<const unsigned char*>(number.data()),
                     number.size(), subject_key, sizeof subject_key);
  sodium_memzero(subject_key, sizeof subject_key);
  return crypto::ToHex(std::string_view(reinterpret_cast<const char*>(pseudonym), sizeof pseudonym));
}

std::string CanonicalEncoding(const AccessEntry& entry, int encoding_version, std::string_view subject) {
  std::string out(encoding_version == 1 ? kEncodingLabelV1 : kEncodingLabelV2);
  const std::string seq = std::to_string(entry.seq);
  for (std::string_view field : {std::string_view(seq), std::string_view(entry.at),
                                 std::string_view(entry.actor), std::string_view(entry.role),
                                 std::string_view(entry.action), std::string_view(entry.object_type),
                                 std::string_view(entry.object_id), std::string_view(entry.purpose),
                                 std::string_view(entry.outcome), std::string_view(entry.detail)}) {
    AppendField(out, field);
  }
  if (encoding_version != 1) AppendField(out, subject);
  return out;
}

Result<std::int64_t> AccessLog::Append(AccessEntry entry, std::string_view subject) {
  assert(db_.InTransaction());

  // The new entry links to the hash of the current last entry (zeros for the first).
  Result<Statement> last = db_.Prepare("SELECT seq, entry_hash FROM access_log ORDER BY seq DESC LIMIT 1");
  if (!last.ok()) return last.error();
  Result<bool> has_last = last->Step();
  if (!has_last.ok()) return has_last.error();
  crypto::Digest previous{};
  entry.seq = 1;
  if (*has_last) {
    entry.seq = last->ColumnInt(0) + 1;
    previous = ToDigest(last->ColumnBlob(1));
  }
  entry.at = clock_();

  const crypto::Digest hash =
      crypto::ChainHash(keys_, previous, CanonicalEncoding(entry, kAccessLogEncodingVersion, subject));
  // An empty view may have a null data pointer, which SQLite would store as NULL.
  const std::string subject_text(subject);
  Result<Statement> insert = db_.Prepare(
      "INSERT INTO access_log (seq, at, actor, role, action, object_type, object_id, purpose, "
      "outcome, detail, previous_hash, entry_hash, subject, encoding_version) VALUES (?1, ?2, ?3, "
      "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  if (!insert.ok()) return insert.error();
  insert->Bind(1, entry.seq)
      .BindText(2, entry.at)
      .BindText(3, entry.actor)
      .BindText(4, entry.role)
      .BindText(5, entry.action)
      .BindText(6, entry.object_type)
      .BindText(7, entry.object_id)
      .BindText(8, entry.purpose)
      .BindText(9, entry.outcome)
      .BindText(10, entry.detail)
      .BindBlob(11, AsBytes(previous))
      .BindBlob(12, AsBytes(hash))
      .BindText(13, subject_text)
      .Bind(14, static_cast<std::int64_t>(kAccessLogEncodingVersion));
  if (Status status = insert->Run(); !status.ok()) return status.error();
  return entry.seq;
}

Result<AccessLogVerification> AccessLog::Verify() {
  using Problem = AccessLogVerification::Problem;
  Result<Statement> rows = db_.Prepare(std::string(kSelectColumns) + "ORDER BY seq");
  if (!rows.ok()) return rows.error();

  AccessLogVerification result;
  crypto::Digest previous{};
  std::int64_t expected_seq = 1;
  auto fail = [&](Problem problem, std::int64_t seq) {
    result.problem = problem;
    result.first_bad_seq = seq;
    spdlog::warn("access log: chain broken at seq {} after {} intact entries", seq,
                 result.entries_checked);
    return result;
  };
  while (true) {
    Result<bool> row = rows->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    const AccessRecord record = RecordFromRow(*rows);
    const AccessEntry& entry = record.entry;

    // Each check names a different way the chain can break; the first failure wins.
    if (entry.seq != expected_seq) return fail(Problem::kMissing, entry.seq);
    if (ToDigest(rows->ColumnBlob(10)) != previous) return fail(Problem::kBrokenLink, entry.seq);
    const crypto::Digest recomputed =
        crypto::ChainHash(keys_, previous, CanonicalEncoding(entry, record.encoding_version, record.subject));
    if (ToDigest(rows->ColumnBlob(11)) != recomputed) return fail(Problem::kChanged, entry.seq);

    previous = recomputed;
    expected_seq = entry.seq + 1;
    ++result.entries_checked;
  }
  return result;
}

Result<std::vector<AccessEntry>> AccessLog::Read(std::int64_t after_seq, std::int64_t limit) {
  Result<Statement> rows = db_.Prepare(std::string(kSelectColumns) + "WHERE seq > ?1 ORDER BY seq LIMIT ?2");
  if (!rows.ok()) return rows.error();
  rows->Bind(1, after_seq).Bind(2, limit);
  std::vector<AccessEntry> entries;
  while (true) {
    Result<bool> row = rows->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    entries.push_back(EntryFromRow(*rows));
  }
  return entries;
}

Result<std::vector<AccessRecord>> AccessLog::ReadRecords(std::int64_t after_seq, std::int64_t limit) {
  Result<Statement> rows = db_.Prepare(std::string(kSelectColumns) + "WHERE seq > ?1 ORDER BY seq LIMIT ?2");
  if (!rows.ok()) return rows.error();
  rows->Bind(1, after_seq).Bind(2, limit);
  std::vector<AccessRecord> records;
  while (true) {
    Result<bool> row = rows->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    records.push_back(RecordFromRow(*rows));
  }
  return records;
}

}  // namespace adempauze::store
