// The ingest pipeline: file -> rows -> header row -> checked rows -> list and report.
#include "adempauze/ingest/ingest.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cassert>
#include <cctype>
#include <unordered_map>

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
    ++occurrences_[dossier];
    if (values.rejected) {
      rejected_with_dossier_.emplace_back(dossier, values.row);
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
    std::unordered_map<std::string, std::vector<std::size_t>> duplicates;
    for (const auto& [dossier, count] : occurrences_) {
      if (count > 1) duplicates[dossier];
    }
    if (duplicates.empty()) return;
    for (const DebtorRow& row : rows) {
      auto found = duplicates.find(row.dossier_number);
      if (found != duplicates.end()) found->second.push_back(row.source_row);
    }
    for (const auto& [dossier, row] : rejected_with_dossier_) {
      auto found = duplicates.find(dossier);
      if (found != duplicates.end()) found->second.push_back(row);
    }
    for (auto& [dossier, row_numbers] : duplicates) {
      std::sort(row_numbers.begin(), row_numbers.end());
      for (std::size_t row : row_numbers) {
        checker.Add(row, Field::kDossierNumber, ReportValue(Field::kDossierNumber, dossier),
                    Severity::kRejected, "ingest.row.dossier_duplicate",
                    {JoinRowNumbers(row_numbers)});
      }
    }
    std::erase_if(rows, [&](const DebtorRow& row) { return duplicates.count(row.dossier_number) > 0; });
  }

 private:
  std::unordered_map<std::string, std::size_t> occurrences_;
  std::vector<std::pair<std::string, std::size_t>> rejected_with_dossier_;
};

// Client rules: a missing client reference is a warning; a national number seen before in the
// file is a warning and both rows are kept, because one person can have several OCMW files
// and matching on the number finds the person either way.
class ClientBuilder {
 public:
  void Accept(RowValues&& values, std::vector<ClientRow>& rows, RowChecker& checker) {
    if (values.misaligned || values.rejected) return;
    if (checker.HasColumn(Field::kClientReference) && values[Field::kClientReference].empty()) {
      checker.Add(values.row, Field::kClientReference, "", Severity::kWarning,
                  "ingest.row.client_reference_missing");
    }
    if (values.number.number) {
      auto [first, inserted] = first_row_of_number_.emplace(values.number.number->digits, values.row);
      if (!inserted) {
        checker.Add(values.row, Field::kNationalNumber, nn::Mask(values.number.number->digits),
                    Severity::kWarning, "ingest.row.client_duplicate_number",
                    {std::to_string(first->second)});
      }
    }
    rows.push_back(ClientRow{values.row, std::move(values[Field::kFirstName]),
                             std::move(values[Field::kLastName]), std::move(values.number),
                             std::move(values[Field::kStreet]),
                             std::move(values[Field::kHouseNumber]),
                             std::move(values[Field::kPostcode]),
                             std::move(values[Field::kClientReference])});
  }

  void Finish(std::vector<ClientRow>&, RowChecker&) {}

 private:
  std::unordered_map<std::string, std::size_t> first_row_of_number_;
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
