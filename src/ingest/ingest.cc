// The ingest pipeline: file -> rows -> header row -> checked rows -> list and report.
#include "adempauze/ingest/ingest.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cassert>
#include <cctype>
#include <functional>
#include <string_view>

#include "ingest/header_mapping.h"
#include "ingest/row_checks.h"
#include "ingest/row_source.h"

namespace adempauze::ingest {
namespace {

// The header row is searched among the first rows that hold any text, so a title line or two
// above the header is fine.
constexpr std::size_t kHeaderSearchRows = 10;

struct BufferedRow {
  std::size_t number = 0;
  std::vector<std::string_view> cells;
  bool malformed_quotes = false;

  SourceRow View() const { return {number, cells, malformed_quotes}; }
};

bool IsBlank(std::span<const std::string_view> cells) {
  return std::all_of(cells.begin(), cells.end(), [](std::string_view cell) {
    return std::all_of(cell.begin(), cell.end(),
                       [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
  });
}

std::string JoinFieldNames(const std::vector<Field>& fields) {
  std::string names;
  for (Field field : fields) {
    if (!names.empty()) names += ", ";
    names += FieldName(field);
  }
  return names;
}

// The header row that was found, its column plan, and the rows read past it while searching.
struct HeaderSearch {
  ColumnPlan plan;
  std::size_t header_row = 0;
  std::vector<BufferedRow> rows_after_header;
};

// Step 2 of the pipeline: find the first row, among the first non-blank rows, whose columns
// map every required field. The error names what is missing in the row that came closest.
Result<HeaderSearch> FindHeaderRow(RowSource& source, ListKind kind, const ColumnMapping& mapping,
                                   std::string_view file) {
  std::vector<BufferedRow> candidates;
  SourceRow row;
  while (candidates.size() < kHeaderSearchRows && source.Next(&row)) {
    if (IsBlank(row.cells)) continue;
    candidates.push_back({row.number, {row.cells.begin(), row.cells.end()}, row.malformed_quotes});
  }
  if (candidates.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "ingest.file.no_rows", file);
  }

  const ColumnPlan* best = nullptr;
  std::vector<ColumnPlan> plans;
  plans.reserve(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    plans.push_back(PlanColumns(kind, candidates[i].cells, mapping));
    const ColumnPlan& plan = plans.back();
    if (plan.missing_mapped_headers.empty() && MissingRequiredFields(kind, plan).empty()) {
      HeaderSearch found{plan, candidates[i].number, {}};
      found.rows_after_header.assign(std::make_move_iterator(candidates.begin() + static_cast<long>(i) + 1),
                                     std::make_move_iterator(candidates.end()));
      return found;
    }
    if (best == nullptr || plan.mapped_count > best->mapped_count) best = &plan;
  }

  if (!best->missing_mapped_headers.empty() && best->mapped_count > 0) {
    return MakeError(ErrorCode::kInvalidArgument, "ingest.map.header_not_found", file,
                     best->missing_mapped_headers.front());
  }
  if (best->mapped_count == 0) {
    return MakeError(ErrorCode::kInvalidArgument, "ingest.header.not_found", file,
                     kHeaderSearchRows);
  }
  std::size_t best_row = candidates[static_cast<std::size_t>(best - plans.data())].number;
  return MakeError(ErrorCode::kInvalidArgument, "ingest.header.required_missing", file,
                   best_row, JoinFieldNames(MissingRequiredFields(kind, *best)));
}

// One entry per column that is read but not stored: outside the protocol, or a second column
// for a field that another column already supplies.
void ReportDroppedColumns(const ColumnPlan& plan, std::string_view file,
                          std::vector<ReportEntry>& entries) {
  for (std::size_t column = 0; column < plan.headers.size(); ++column) {
    const std::string& header = plan.headers[column];
    if (plan.fields[column] || header.empty()) continue;
    auto duplicate = std::find_if(plan.duplicate_columns.begin(), plan.duplicate_columns.end(),
                                  [&](const auto& entry) { return entry.first == column; });
    ReportEntry entry{std::string(file), 0, header, "", Severity::kColumnDropped,
                      "ingest.column.dropped", {header}};
    if (duplicate != plan.duplicate_columns.end()) {
      entry.message_key = "ingest.column.duplicate_field";
      entry.args.emplace_back(FieldName(duplicate->second));
    }
    entries.push_back(std::move(entry));
  }
}

ColumnMapping MappingOf(const ColumnPlan& plan) {
  ColumnMapping mapping;
  for (std::size_t column = 0; column < plan.fields.size(); ++column) {
    if (plan.fields[column]) mapping.columns.emplace_back(*plan.fields[column], plan.headers[column]);
  }
  return mapping;
}

Status CheckMappingFits(ListKind kind, const ColumnMapping& mapping, std::string_view file) {
  for (const auto& [field, header] : mapping.columns) {
    if (!ListHasField(kind, field)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       kind == ListKind::kDebtor ? "ingest.map.field_not_in_debtor_list"
                                                 : "ingest.map.field_not_in_client_list",
                       file, FieldName(field));
    }
  }
  return Status::Ok();
}

std::string JoinRowNumbers(const std::vector<std::size_t>& rows) {
  std::string joined;
  for (std::size_t row : rows) {
    if (!joined.empty()) joined += ", ";
    joined += std::to_string(row);
  }
  return joined;
}

// Returns the groups of indices in [0, count) whose keys are equal, for groups of two or
// more; each group is in ascending index order. Sorting hashes is several times faster than a
// hash map of strings for a million rows, because it allocates only one vector.
template <typename KeyOf>
std::vector<std::vector<std::size_t>> FindDuplicates(std::size_t count, KeyOf key_of) {
  std::vector<std::pair<std::size_t, std::size_t>> hashed(count);  // (hash, index)
  std::hash<std::string_view> hash;
  for (std::size_t i = 0; i < count; ++i) hashed[i] = {hash(key_of(i)), i};
  std::sort(hashed.begin(), hashed.end());

  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t begin = 0; begin < count;) {
    std::size_t end = begin + 1;
    while (end < count && hashed[end].first == hashed[begin].first) ++end;
    if (end - begin > 1) {
      // Equal hashes: group by the keys themselves, since different keys may collide.
      std::vector<std::size_t> indices;
      for (std::size_t i = begin; i < end; ++i) indices.push_back(hashed[i].second);
      std::sort(indices.begin(), indices.end(), [&](std::size_t a, std::size_t b) {
        return std::pair(key_of(a), a) < std::pair(key_of(b), b);
      });
      for (std::size_t i = 0; i < indices.size();) {
        std::size_t j = i + 1;
        while (j < indices.size() && key_of(indices[j]) == key_of(indices[i])) ++j;
        if (j - i > 1) groups.emplace_back(indices.begin() + static_cast<long>(i), indices.begin() + static_cast<long>(j));
        i = j;
      }
    }
    begin = end;
  }
  return groups;
}

// Debtor rules: a dossier number is required and must be unique within the file.
class DebtorBuilder {
 public:
  void Accept(RowValues&& values, std::vector<DebtorRow>& rows, RowChecker& checker) {
    if (values.misaligned) return;
    std::string& dossier = values[Field::kDossierNumber];
    if (dossier.empty()) {
      checker.Add(values.row, Field::kDossierNumber, "", Severity::kRejected,
                  "ingest.row.dossier_missing");
      return;
    }
    if (values.rejected) {
      rejected_with_dossier_.emplace_back(std::move(dossier), values.row);
      return;
    }
    rows.push_back(DebtorRow{values.row, std::move(values[Field::kFirstName]),
                             std::move(values[Field::kLastName]), std::move(values.number),
                             std::move(values[Field::kStreet]),
                             std::move(values[Field::kHouseNumber]), std::move(dossier)});
  }

  // Rejects every row of a dossier number that occurs more than once: the file cannot tell
  // which of them is right, and pausing the wrong dossier is worse than pausing none.
  void Finish(std::vector<DebtorRow>& rows, RowChecker& checker) {
    // Indices below rows.size() are accepted rows; the rest are rows rejected earlier.
    auto dossier_of = [&](std::size_t i) -> std::string_view {
      return i < rows.size() ? rows[i].dossier_number
                             : rejected_with_dossier_[i - rows.size()].first;
    };
    auto row_of = [&](std::size_t i) {
      return i < rows.size() ? rows[i].source_row : rejected_with_dossier_[i - rows.size()].second;
    };
    auto groups = FindDuplicates(rows.size() + rejected_with_dossier_.size(), dossier_of);
    if (groups.empty()) return;

    std::vector<bool> remove(rows.size(), false);
    for (const std::vector<std::size_t>& group : groups) {
      std::vector<std::size_t> row_numbers;
      for (std::size_t i : group) row_numbers.push_back(row_of(i));
      std::sort(row_numbers.begin(), row_numbers.end());
      std::string masked = ReportValue(Field::kDossierNumber, dossier_of(group.front()));
      for (std::size_t row : row_numbers) {
        checker.Add(row, Field::kDossierNumber, masked, Severity::kRejected,
                    "ingest.row.dossier_duplicate", {JoinRowNumbers(row_numbers)});
      }
      for (std::size_t i : group) {
        if (i < rows.size()) remove[i] = true;
      }
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (remove[i]) continue;
      // A self-move would empty the strings, so rows before the first removed one stay put.
      if (kept != i) rows[kept] = std::move(rows[i]);
      ++kept;
    }
    rows.resize(kept);
  }

 private:
  std::vector<std::pair<std::string, std::size_t>> rejected_with_dossier_;  // (dossier, row)
};

// Client rules: a missing client reference is a warning. A national number seen before in the
// file is a warning too, and both rows are kept, because one person can have several OCMW
// files and matching on the number finds the person either way.
class ClientBuilder {
 public:
  void Accept(RowValues&& values, std::vector<ClientRow>& rows, RowChecker& checker) {
    if (values.misaligned || values.rejected) return;
    if (checker.HasColumn(Field::kClientReference) && values[Field::kClientReference].empty()) {
      checker.Add(values.row, Field::kClientReference, "", Severity::kWarning,
                  "ingest.row.client_reference_missing");
    }
    if (values.number.number) numbered_.push_back(rows.size());
    rows.push_back(ClientRow{values.row, std::move(values[Field::kFirstName]),
                             std::move(values[Field::kLastName]), std::move(values.number),
                             std::move(values[Field::kStreet]),
                             std::move(values[Field::kHouseNumber]),
                             std::move(values[Field::kPostcode]),
                             std::move(values[Field::kClientReference])});
  }

  void Finish(std::vector<ClientRow>& rows, RowChecker& checker) {
    auto digits_of = [&](std::size_t i) -> std::string_view {
      return rows[numbered_[i]].national_number.number->digits;
    };
    for (const std::vector<std::size_t>& group : FindDuplicates(numbered_.size(), digits_of)) {
      const ClientRow& first = rows[numbered_[group.front()]];
      for (std::size_t k = 1; k < group.size(); ++k) {
        const ClientRow& row = rows[numbered_[group[k]]];
        checker.Add(row.source_row, Field::kNationalNumber, nn::Mask(digits_of(group[k])),
                    Severity::kWarning, "ingest.row.client_duplicate_number",
                    {std::to_string(first.source_row)});
      }
    }
  }

 private:
  std::vector<std::size_t> numbered_;  // indices of rows with a valid national number
};

template <typename Row, typename Builder>
Result<ParsedList<Row>> ReadList(ListKind kind, const std::filesystem::path& file,
                                 const IngestOptions& options) {
  assert(options.today.year != 0 && "IngestOptions::today must be set");
  std::string display = options.display_name.empty() ? file.filename().string()
                                                     : options.display_name;

  // Step 1: the mapping must fit the list, and the file must open as CSV or XLSX.
  Status fits = CheckMappingFits(kind, options.mapping, display);
  if (!fits.ok()) return fits.error();
  auto opened = OpenRowSource(file, display, options);
  if (!opened.ok()) return opened.error();
  RowSource& source = *opened->rows;

  // Step 2: find the header row and map its columns.
  auto header = FindHeaderRow(source, kind, options.mapping, display);
  if (!header.ok()) return header.error();
  ParsedList<Row> list;
  list.rows.reserve(source.row_count_hint());
  list.source_name = display;
  list.header_row = header->header_row;
  list.mapping = MappingOf(header->plan);
  std::vector<ReportEntry> file_entries = std::move(opened->notes);
  ReportDroppedColumns(header->plan, display, file_entries);
  if (header->plan.ColumnOf(Field::kNationalNumber) < 0) {
    file_entries.push_back({display, 0, std::string(FieldName(Field::kNationalNumber)), "",
                            Severity::kWarning, "ingest.file.no_number_column", {}});
  }
  if (kind == ListKind::kClient && header->plan.ColumnOf(Field::kClientReference) < 0) {
    file_entries.push_back({display, 0, std::string(FieldName(Field::kClientReference)), "",
                            Severity::kWarning, "ingest.file.no_client_reference_column", {}});
  }

  // Step 3: clean and check every data row; blank rows are skipped and not counted.
  std::vector<ReportEntry> row_entries;
  RowChecker checker(header->plan, display, options.today, &row_entries);
  Builder builder;
  auto process = [&](const SourceRow& row) {
    if (IsBlank(row.cells)) return;
    ++list.rows_read;
    builder.Accept(checker.Check(row, source.has_fixed_width()), list.rows, checker);
  };
  for (const BufferedRow& row : header->rows_after_header) process(row.View());
  SourceRow row;
  while (source.Next(&row)) process(row);

  // Step 4: checks across rows, then the report in row order after the file-level entries.
  builder.Finish(list.rows, checker);
  std::stable_sort(row_entries.begin(), row_entries.end(),
                   [](const ReportEntry& a, const ReportEntry& b) { return a.row < b.row; });
  for (ReportEntry& entry : file_entries) list.report.Add(std::move(entry));
  for (ReportEntry& entry : row_entries) list.report.Add(std::move(entry));

  spdlog::info("ingest: {} list, header on row {}, {} rows read, {} accepted, {} rejected",
               kind == ListKind::kDebtor ? "debtor" : "client", list.header_row, list.rows_read,
               list.rows.size(), list.report.Count(Severity::kRejected));
  return list;
}

}  // namespace

Result<Encoding> ParseEncoding(std::string_view text) {
  std::string key;
  for (char c : text) {
    if (c != '-' && c != '_' && c != ' ') key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (key == "auto") return Encoding::kAuto;
  if (key == "utf8") return Encoding::kUtf8;
  if (key == "windows1252" || key == "cp1252" || key == "latin1" || key == "iso88591") {
    return Encoding::kWindows1252;
  }
  return MakeError(ErrorCode::kInvalidArgument, "ingest.option.encoding_unknown", text);
}

Result<DebtorList> ReadDebtorList(const std::filesystem::path& file, const IngestOptions& options) {
  return ReadList<DebtorRow, DebtorBuilder>(ListKind::kDebtor, file, options);
}

Result<ClientList> ReadClientList(const std::filesystem::path& file, const IngestOptions& options) {
  return ReadList<ClientRow, ClientBuilder>(ListKind::kClient, file, options);
}

}  // namespace adempauze::ingest
