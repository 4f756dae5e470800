// Building blocks of the bulk imports in import.cc: dropping and rebuilding indexes, and
// sealing rows on a second thread while SQLite inserts on the calling thread.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <future>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "adempauze/crypto/field_cipher.h"
#include "adempauze/store/sqlite.h"

namespace adempauze::store::internal {

// Drops the secondary indexes of a table before a bulk insert and builds them again in
// Rebuild. SQLite builds an index from sorted keys much faster than it inserts a million
// random keys one by one (about 4 s saved on a million debtors, see docs/adr/0004). Used
// inside the import transaction, so a rollback restores the dropped indexes as well.
class IndexRebuild {
 public:
  // Drops the indexes only when `rows_to_insert` is at least kMinimumRows and not smaller
  // than the table, because rebuilding a large table's indexes for a few rows costs more.
  // REQUIRES: a write transaction is open on `db`.
  static Result<IndexRebuild> Begin(Database& db, std::string_view table, std::size_t rows_to_insert);

  // Builds the dropped indexes again. A unique index fails here if the new rows break it.
  Status Rebuild();

  static constexpr std::size_t kMinimumRows = 50'000;

 private:
  explicit IndexRebuild(Database& db) : db_(&db) {}
  Database* db_;
  std::vector<std::string> create_statements_;
};

// A row ready for insertion: its id, the blind index of its national number (when valid)
// and its N personal fields, sealed for (table, column, id).
template <std::size_t N>
struct SealedRow {
  std::int64_t id = 0;
  std::optional<crypto::BlindIndex> blind_index;
  std::array<std::string, N> fields;
};

// Seals `rows` in chunks on a worker thread while `insert(row, sealed)` stores the previous
// chunk on the calling thread, because sealing takes about a third of an import and SQLite
// inserts from one thread only. Row i gets id `first_id + i`. `values(row)` returns the N
// plaintexts in the order of `columns`. Stops at the first error `insert` returns and
// returns it; kInternal when no worker thread can be started.
template <typename Row, std::size_t N, typename Values, typename Insert>
Status SealAndInsert(const std::vector<Row>& rows, std::int64_t first_id, const crypto::KeySet& keys,
                     std::string_view table, const std::array<std::string_view, N>& columns,
                     Values values, Insert insert) {
  constexpr std::size_t kChunkRows = 4096;
  auto seal_chunk = [&](std::size_t begin) {
    crypto::FieldCipher cipher(keys);  // one cipher per thread: it is not thread-safe
    const std::size_t end = std::min(begin + kChunkRows, rows.size());
    std::vector<SealedRow<N>> sealed(end - begin);
    for (std::size_t i = begin; i < end; ++i) {
      const Row& row = rows[i];
      SealedRow<N>& out = sealed[i - begin];
      out.id = first_id + static_cast<std::int64_t>(i);
      if (row.national_number.number) {
        out.blind_index = crypto::ComputeBlindIndex(keys, row.national_number.number->digits);
      }
      const std::array<std::string_view, N> plain = values(row);
      for (std::size_t c = 0; c < N; ++c) {
        out.fields[c] = cipher.Seal(plain[c], crypto::FieldPlace{table, columns[c], out.id});
      }
    }
    return sealed;
  };

  try {
    // While chunk k is inserted, chunk k+1 is sealed. On an early return the future's
    // destructor waits for the worker, so it never outlives `rows` or `keys`.
    std::future<std::vector<SealedRow<N>>> next;
    if (!rows.empty()) next = std::async(std::launch::async, seal_chunk, 0);
    for (std::size_t begin = 0; begin < rows.size(); begin += kChunkRows) {
      std::vector<SealedRow<N>> chunk = next.get();
      if (begin + kChunkRows < rows.size()) {
        next = std::async(std::launch::async, seal_chunk, begin + kChunkRows);
      }
      for (std::size_t i = 0; i < chunk.size(); ++i) {
        if (Status status = insert(rows[begin + i], chunk[i]); !status.ok()) return status;
      }
    }
  } catch (const std::system_error& error) {
    return MakeError(ErrorCode::kInternal, "common.error.internal", error.what());
  }
  return Status::Ok();
}

}  // namespace adempauze::store::internal
