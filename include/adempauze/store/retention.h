// Retention at the end of the protocol: freeze the anonymous evaluation figures, delete
// the personal data, destroy the data and blind-index keys (crypto-shredding), VACUUM,
// log every step and write a signed destruction attestation (docs/formats/retention.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/result.h"
#include "adempauze/store/store.h"

namespace adempauze::store {

// One anonymous figure: e.g. {"final_status", "client_paused", 12}.
struct EvaluationFigure {
  std::string figure;
  std::string dimension;
  double value = 0;
};

struct RetentionOptions {
  Actor actor;
  std::string order;  // the reason and whose order ("end of protocol", "DPO order 2022-03")
  bool dry_run = false;
  int log_retention_years = 10;
  CivilDate today;
  std::filesystem::path attestation_path;  // where the signed attestation goes
};

struct RetentionReport {
  std::vector<std::pair<std::string, std::int64_t>> rows_deleted;  // per table, in order
  std::vector<EvaluationFigure> figures;
  std::vector<std::string> keys_destroyed;  // "data:<id>", "blind_index:<key set id>"
  std::int64_t log_entries = 0;
  std::int64_t log_entries_past_retention = 0;  // kept; see retention.md
  std::string attestation_path;
  bool dry_run = false;
};

// Runs retention on the database at `database` with key file `key_file`. With dry_run,
// computes and returns the report without changing the database or the key file.
// Safe to run again after an interruption: each step checks whether it already ran.
// Errors: kInvalidArgument ("retention.order_missing") without an order, the key file's
// and the store's errors, kIo when the attestation cannot be written.
Result<RetentionReport> RunRetention(const std::filesystem::path& database,
                                     const std::filesystem::path& key_file,
                                     const RetentionOptions& options, StoreOptions store_options = {});

// Computes the anonymous evaluation figures from the live tables, as retention freezes them
// (figures and dimensions in docs/formats/retention.md); durations still running end on
// `today`. Reads no personal data and is not logged.
Result<std::vector<EvaluationFigure>> ComputeEvaluationFigures(Database& db, const CivilDate& today);

// Returns the frozen figures, empty when retention has not run.
Result<std::vector<EvaluationFigure>> ReadFrozenFigures(Database& db);

// Checks the Ed25519 signature of the attestation at `path` with `public_key_hex`.
// Returns kNotFound, kInvalidArgument ("retention.attestation.malformed") when it is not an
// attestation, kCrypto ("retention.attestation.bad_signature") when the signature fails.
Status VerifyAttestation(const std::filesystem::path& path, std::string_view public_key_hex);

}  // namespace adempauze::store
