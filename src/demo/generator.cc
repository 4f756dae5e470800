#include "adempauze/demo/generator.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "demo/list_writer.h"
#include "demo/person.h"
#include "demo/sheet_writer.h"

namespace adempauze::demo {
namespace {

// The used-number bitmap of PersonFactory has room for about 16 million people; staying
// far below keeps the search for a free number short.
constexpr std::size_t kMaxPeople = 5'000'000;
constexpr int kDossierSerials = 1'000'000;

// Independent random streams of one run.
enum Stream : std::uint64_t {
  kPeopleStream = 1,
  kSelectionStream = 2,
  kDebtorDamageStream = 3,
  kClientDamageStream = 4,
  kDebtorExtrasStream = 5,
  kClientExtrasStream = 6,
  kKeyStream = 7,
};

// Returns the field of `rates` that contains `damage`'s rate (const or not, like `rates`).
template <typename Rates>
auto RateField(Rates& rates, Damage damage) -> decltype((rates.blank_row)) {
  switch (damage) {
    case Damage::kLostLeadingZero: return rates.lost_leading_zero;
    case Damage::kScientificRounded: return rates.scientific_rounded;
    case Damage::kScientificExact: return rates.scientific_exact;
    case Damage::kTrailingDecimal: return rates.trailing_decimal;
    case Damage::kSeparators: return rates.separators;
    case Damage::kInvalidNumber: return rates.invalid_number;
    case Damage::kMissingNumber: return rates.missing_number;
    case Damage::kNumberAsNumber: return rates.number_as_number;
    case Damage::kMissingKey: return rates.missing_key;
    case Damage::kDuplicateKey: return rates.duplicate_key;
    case Damage::kBlankRowAfter: return rates.blank_row;
  }
  return rates.blank_row;
}

Status ValidateRate(std::string_view name, double rate) {
  if (!(rate >= 0.0 && rate <= 1.0)) {
    return MakeError(ErrorCode::kInvalidArgument, "demo.option.rate_range", name, rate);
  }
  return Status::Ok();
}

Status ValidateList(const ListOptions& options) {
  if (options.delimiter != ';' && options.delimiter != ',') {
    return MakeError(ErrorCode::kInvalidArgument, "demo.option.delimiter", std::string(1, options.delimiter));
  }
  double number_sum = 0;
  for (Damage damage : kAllDamages) {
    const double rate = options.damage.RateOf(damage);
    if (Status status = ValidateRate(DamageCode(damage), rate); !status.ok()) return status;
    // The number damages are the bits up to kNumberAsNumber.
    if (static_cast<std::uint32_t>(damage) <= static_cast<std::uint32_t>(Damage::kNumberAsNumber)) {
      number_sum += rate;
    }
  }
  // A small tolerance lets rates like 0.7 + 0.2 + 0.1 pass despite rounding.
  constexpr double kTolerance = 1e-9;
  if (number_sum > 1.0 + kTolerance) {
    return MakeError(ErrorCode::kInvalidArgument, "demo.option.number_rates_sum", number_sum);
  }
  const double key_sum = options.damage.missing_key + options.damage.duplicate_key;
  if (key_sum > 1.0 + kTolerance) {
    return MakeError(ErrorCode::kInvalidArgument, "demo.option.key_rates_sum", key_sum);
  }
  return Status::Ok();
}

std::size_t SharedCount(const DemoOptions& options) {
  return static_cast<std::size_t>(std::llround(options.overlap * static_cast<double>(options.debtors)));
}

// Formats the city's dossier number of the `index`-th debtor: "2026/000123". Numbering
// starts at a random offset; past 999,999 it continues in the previous year.
std::string DossierNumber(int year, std::size_t first_serial, std::size_t index) {
  const std::size_t serial = first_serial + index;
  return fmt::format("{}/{:06}", year - static_cast<int>(serial / kDossierSerials), serial % kDossierSerials);
}

std::string ClientReference(std::size_t first_serial, std::size_t index) {
  return fmt::format("CL-{:06}", (first_serial + index) % kDossierSerials);
}

// Returns a writer for one list, or nullptr when `file` is empty.
Result<std::unique_ptr<ListWriter>> OpenList(ListKind kind, const ListOptions& list,
                                             const DemoOptions& options, const std::filesystem::path& file) {
  if (file.empty()) return std::unique_ptr<ListWriter>();
  const bool debtors = kind == ListKind::kDebtors;
  Result<std::unique_ptr<SheetWriter>> sheet =
      list.format == FileFormat::kCsv
          ? OpenCsvSheet(file, CsvStyle{list.delimiter, list.byte_order_mark, list.windows_1252})
          : OpenXlsxSheet(file, XlsxStyle{debtors ? "Debiteuren" : "Cliënten", list.xlsx_constant_memory,
                                          options.today});
  if (!sheet.ok()) return sheet.error();
  auto writer = std::make_unique<ListWriter>(
      kind, list, std::move(*sheet),
      DeriveSeed(options.seed, debtors ? kDebtorDamageStream : kClientDamageStream),
      DeriveSeed(options.seed, debtors ? kDebtorExtrasStream : kClientExtrasStream), options.record_rows);
  writer->WriteHeader(options);
  return writer;
}

}  // namespace

std::string_view DamageCode(Damage damage) {
  switch (damage) {
    case Damage::kLostLeadingZero: return "lost_leading_zero";
    case Damage::kScientificRounded: return "scientific_rounded";
    case Damage::kScientificExact: return "scientific_exact";
    case Damage::kTrailingDecimal: return "trailing_decimal";
    case Damage::kSeparators: return "separators";
    case Damage::kInvalidNumber: return "invalid_number";
    case Damage::kMissingNumber: return "missing_number";
    case Damage::kNumberAsNumber: return "number_as_number";
    case Damage::kMissingKey: return "missing_key";
    case Damage::kDuplicateKey: return "duplicate_key";
    case Damage::kBlankRowAfter: return "blank_row";
  }
  return "unknown";
}

double DamageRates::RateOf(Damage damage) const {
  return RateField(*this, damage);
}

DamageRates DamageRates::With(Damage damage, double rate) const {
  DamageRates copy = *this;
  RateField(copy, damage) = rate;
  return copy;
}

DamageRates DamageRates::Realistic() {
  DamageRates rates;
  rates.lost_leading_zero = 0.02;  // of all rows, so most numbers of births 2000-2009
  rates.scientific_rounded = 0.005;
  rates.scientific_exact = 0.01;
  rates.trailing_decimal = 0.01;
  rates.separators = 0.15;
  rates.invalid_number = 0.005;
  rates.missing_number = 0.005;
  rates.number_as_number = 0.3;
  rates.missing_key = 0.003;
  rates.duplicate_key = 0.002;
  rates.blank_row = 0.005;
  return rates;
}

std::size_t ListTruth::Count(Damage kind) const {
  for (std::size_t i = 0; i < kAllDamages.size(); ++i) {
    if (kAllDamages[i] == kind) return damage_counts[i];
  }
  return 0;
}

Status ValidateOptions(const DemoOptions& options) {
  if (!IsValidDate(options.today.year, options.today.month, options.today.day) ||
      options.today.year < 2000 || options.today.year > 2099) {
    return MakeError(ErrorCode::kInvalidArgument, "demo.option.today", options.today.ToIso());
  }
  if (Status status = ValidateRate("overlap", options.overlap); !status.ok()) return status;
  if (Status status = ValidateRate("bis", options.bis_rate); !status.ok()) return status;
  const std::size_t shared = SharedCount(options);
  if (shared > options.clients) {
    return MakeError(ErrorCode::kInvalidArgument, "demo.option.overlap_too_large", shared, options.clients);
  }
  if (options.debtors > kMaxPeople || options.clients > kMaxPeople ||
      options.debtors + options.clients - shared > kMaxPeople) {
    return MakeError(ErrorCode::kInvalidArgument, "demo.option.too_many_people",
                     options.debtors + options.clients - shared, kMaxPeople);
  }
  if (Status status = ValidateList(options.debtor_list); !status.ok()) return status;
  return ValidateList(options.client_list);
}

Result<DemoTruth> GenerateDemo(const DemoOptions& options, const std::filesystem::path& debtor_file,
                               const std::filesystem::path& client_file) {
  if (Status status = ValidateOptions(options); !status.ok()) return status.error();

  // Step 1: open both files first, so a bad path fails before any work is done.
  auto debtor_list = OpenList(ListKind::kDebtors, options.debtor_list, options, debtor_file);
  if (!debtor_list.ok()) return debtor_list.error();
  auto client_list = OpenList(ListKind::kClients, options.client_list, options, client_file);
  if (!client_list.ok()) return client_list.error();

  PersonFactory factory(options.today, options.bis_rate);
  Random people(DeriveSeed(options.seed, kPeopleStream));
  Random selection(DeriveSeed(options.seed, kSelectionStream));
  Random keys(DeriveSeed(options.seed, kKeyStream));
  const std::size_t first_dossier = static_cast<std::size_t>(keys.Between(100, 9'999));
  const std::size_t first_client = static_cast<std::size_t>(keys.Between(1'000, 9'999));
  DemoTruth truth;

  // Step 2: the debtors, streamed. Selection sampling picks exactly `shared` of them for
  // the client list in one pass; only those are kept in memory.
  const std::size_t shared = SharedCount(options);
  std::vector<Person> shared_people;
  shared_people.reserve(shared);
  for (std::size_t i = 0; i < options.debtors; ++i) {
    Person person = factory.Make(people);
    const std::size_t still_needed = shared - shared_people.size();
    const bool on_both = selection.Below(options.debtors - i) < still_needed;
    std::string dossier = DossierNumber(options.dossier_year, first_dossier, i);
    if (*debtor_list) dossier = (*debtor_list)->WriteRow(person, dossier, on_both);
    if (on_both && !dossier.empty()) truth.client_dossier_numbers.push_back(std::move(dossier));
    if (on_both) shared_people.push_back(std::move(person));
  }

  // Step 3: the clients: the shared debtors in shuffled order, spread among new people.
  // Without a client file there is nothing to write; the debtors stay the same.
  const std::size_t clients = *client_list ? options.clients : 0;
  for (std::size_t i = shared_people.size(); i > 1; --i) {
    std::swap(shared_people[i - 1], shared_people[selection.Below(i)]);
  }
  std::size_t next_shared = 0;
  for (std::size_t i = 0; i < clients; ++i) {
    const std::size_t still_needed = shared_people.size() - next_shared;
    const bool on_both = selection.Below(clients - i) < still_needed;
    const Person person = on_both ? std::move(shared_people[next_shared++]) : factory.Make(people);
    if (*client_list) (*client_list)->WriteRow(person, ClientReference(first_client, i), on_both);
  }

  // Step 4: close the files and hand back the ground truth.
  for (auto* list : {&*debtor_list, &*client_list}) {
    if (!*list) continue;
    if (Status status = (*list)->Finish(); !status.ok()) return status.error();
  }
  if (*debtor_list) truth.debtors = std::move((*debtor_list)->truth());
  if (*client_list) truth.clients = std::move((*client_list)->truth());
  truth.people_on_both_lists = shared;
  std::sort(truth.client_dossier_numbers.begin(), truth.client_dossier_numbers.end());
  spdlog::info("demo: wrote {} debtor rows and {} client rows, {} people on both lists",
               truth.debtors.data_rows, truth.clients.data_rows, shared);
  return truth;
}

DemoOptions RealisticOptions(std::uint64_t seed, CivilDate today) {
  DemoOptions options;
  options.seed = seed;
  options.today = today;
  options.debtors = 2000;
  options.clients = 1500;
  options.overlap = 0.12;
  options.debtor_list.stray_columns = true;
  options.debtor_list.damage = DamageRates::Realistic();
  options.client_list.windows_1252 = true;
  options.client_list.byte_order_mark = false;
  options.client_list.title_line = true;
  options.client_list.damage = DamageRates::Realistic();
  return options;
}

}  // namespace adempauze::demo
