// Fictitious but realistic input lists for demos, tests and benchmarks.
//
// The generator writes a city debtor list and an OCMW client list (CSV or XLSX) of
// fictitious people in the fictitious municipality Adembeek, postcode 9999, which no
// Belgian municipality has. A chosen share of the debtors is on both lists, and rows carry
// the damage real files carry. It returns the ground truth: which rows belong to people on
// both lists and what damage each row got, so tests can check what ingest and matching
// make of them. The national numbers are syntactically valid and random. Why that is
// acceptable, and where it stops being so: docs/adr/0005-fictitious-national-numbers.md.
//
// The same options and seed give the same files byte for byte (XLSX: the same sheet
// content) on every platform, because every random draw goes through demo::Random.
// Draws come from separate streams, so changing the damage rates or the file format
// leaves the people, their numbers and their addresses unchanged.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/result.h"

namespace adempauze::demo {

enum class FileFormat { kCsv, kXlsx };

// The damage one row can get, as bits of RowTruth::damage.
enum class Damage : std::uint32_t {
  kLostLeadingZero = 1u << 0,    // "5073003328": the number was stored as a number
  kScientificRounded = 1u << 1,  // "8,5073E+10": digits lost, cannot be repaired
  kScientificExact = 1u << 2,    // "8.5073003328E+10": every digit kept
  kTrailingDecimal = 1u << 3,    // "85073003328.0"
  kSeparators = 1u << 4,         // "85.07.30-033.28": damage to naive readers only
  kInvalidNumber = 1u << 5,      // check digits wrong (a typing error)
  kMissingNumber = 1u << 6,      // the number cell is empty
  kNumberAsNumber = 1u << 7,     // XLSX only: a numeric cell, so leading zeros are lost
  kMissingKey = 1u << 8,         // the dossier number (client list: client reference) is empty
  kDuplicateKey = 1u << 9,       // the key of an earlier row is repeated
  kBlankRowAfter = 1u << 10,     // an empty row follows this row
};

inline constexpr std::array<Damage, 11> kAllDamages = {
    Damage::kLostLeadingZero, Damage::kScientificRounded, Damage::kScientificExact,
    Damage::kTrailingDecimal, Damage::kSeparators,        Damage::kInvalidNumber,
    Damage::kMissingNumber,   Damage::kNumberAsNumber,    Damage::kMissingKey,
    Damage::kDuplicateKey,    Damage::kBlankRowAfter,
};

// Returns the English identifier ("lost_leading_zero", ...), used in summaries and tests.
std::string_view DamageCode(Damage damage);

// Shares of rows that get each kind of damage, each in [0, 1].
//
// A row's national number gets at most one damage. The number rates are laid end to end on
// [0, 1) in the order of the fields below, and one draw picks among them. So each rate is
// exact, and their sum may not exceed 1. A row that cannot carry the drawn damage keeps a clean
// number: kLostLeadingZero needs a number that starts with 0 (births 2000-2009) and
// kNumberAsNumber an XLSX file. The two key rates work the same way among themselves;
// kDuplicateKey needs an earlier row with a key. The blank-row rate is independent.
struct DamageRates {
  double lost_leading_zero = 0;
  double scientific_rounded = 0;
  double scientific_exact = 0;
  double trailing_decimal = 0;
  double separators = 0;
  double invalid_number = 0;
  double missing_number = 0;
  double number_as_number = 0;
  double missing_key = 0;
  double duplicate_key = 0;
  double blank_row = 0;

  // Returns the rate of `damage`.
  double RateOf(Damage damage) const;
  // Returns a copy with `damage`'s rate set to `rate`.
  DamageRates With(Damage damage, double rate) const;

  static DamageRates None() { return {}; }
  // A few percent of damage of every kind, as an exported list of a busy office has.
  static DamageRates Realistic();
};

// Output options of one list.
struct ListOptions {
  FileFormat format = FileFormat::kCsv;
  char delimiter = ';';          // CSV: ';' (what Excel in Flanders writes) or ','
  bool byte_order_mark = true;   // CSV in UTF-8: start with EF BB BF
  bool windows_1252 = false;     // CSV: encode in Windows-1252 instead of UTF-8 (no BOM then)
  bool stray_columns = false;    // add columns outside the protocol (amount, phone, ...)
  bool title_line = false;       // a title and an empty row above the header
  bool xlsx_constant_memory = false;  // XLSX: inline strings, rows flushed as written
  DamageRates damage;
};

struct DemoOptions {
  std::uint64_t seed = 1;
  CivilDate today;          // REQUIRES: a valid date; ages (18 to 90) count back from it
  std::size_t debtors = 1000;
  std::size_t clients = 1000;
  double overlap = 0.1;     // share of the debtors who are on the client list too
  double bis_rate = 0.03;   // share of people with a BIS number
  int dossier_year = 2026;  // dossier numbers "2026/000123"; older years once 999,999 is reached
  bool record_rows = true;  // fill ListTruth::rows (about 80 bytes per row)
  ListOptions debtor_list;
  ListOptions client_list;
};

// The outcome a correct reader reaches for a row's national number.
enum class NumberState {
  kValid,       // readable as written (separators and numeric cells included)
  kRepairable,  // damaged, and the digits needed to repair it are all there
  kInvalid,     // damaged beyond repair, or wrong check digits
  kMissing,     // empty
};

// The ground truth of one data row.
struct RowTruth {
  std::size_t row = 0;          // 1-based row as a spreadsheet shows it (title and header counted)
  std::string key;              // dossier number (client list: client reference) as written
  std::string national_number;  // the undamaged 11 digits
  std::uint32_t damage = 0;     // bits of Damage
  NumberState number_state = NumberState::kValid;
  bool on_both_lists = false;   // the person is a debtor and an OCMW client

  bool Has(Damage kind) const { return (damage & static_cast<std::uint32_t>(kind)) != 0; }
};

struct ListTruth {
  std::size_t header_row = 1;
  std::size_t data_rows = 0;   // rows with a person, blank rows excluded
  std::size_t blank_rows = 0;
  std::size_t on_both_lists = 0;
  std::array<std::size_t, kAllDamages.size()> damage_counts{};  // in kAllDamages order
  std::array<std::size_t, 4> number_states{};                   // by NumberState
  std::vector<RowTruth> rows;  // every data row in file order, when record_rows

  std::size_t Count(Damage kind) const;
  std::size_t Count(NumberState state) const { return number_states[static_cast<std::size_t>(state)]; }
};

struct DemoTruth {
  ListTruth debtors;
  ListTruth clients;
  std::size_t people_on_both_lists = 0;
  // Dossier numbers of debtor rows whose person is an OCMW client, sorted. A row without a
  // dossier number is left out. NOTE: a duplicated dossier number (kDuplicateKey) belongs
  // to two people, so it may appear here although the first row's person is no client.
  std::vector<std::string> client_dossier_numbers;
};

// Returns kInvalidArgument with a "demo.option.*" key when an option is out of range. The
// checks: every rate in [0, 1], number rates and key rates each summing to 1 at most, an
// overlap no larger than the client list, at most 5,000,000 people, ';' or ',' as
// delimiter, and a valid `today` in 2000-2099.
Status ValidateOptions(const DemoOptions& options);

// Writes the debtor list to `debtor_file` and the client list to `client_file`. Either path
// may be empty to skip that list, and the debtors stay the same either way. Returns the errors of
// ValidateOptions, or kIo with key "demo.file.create_failed" / "demo.file.write_failed"
// (arg 0: the file) when a file cannot be written; a file that failed is removed.
Result<DemoTruth> GenerateDemo(const DemoOptions& options, const std::filesystem::path& debtor_file,
                               const std::filesystem::path& client_file);

// Returns options for a demo that looks like real files: 2,000 debtors, 1,500 clients, 12%
// on both lists, realistic damage, a debtor list in UTF-8 CSV with stray columns, and a
// client list in Windows-1252 CSV with a title line.
DemoOptions RealisticOptions(std::uint64_t seed, CivilDate today);

}  // namespace adempauze::demo
