#include "adempauze/ingest/report.h"

#include <algorithm>

#include <fmt/args.h>

namespace adempauze::ingest {
namespace {

std::string RenderEntry(Language language, const ReportEntry& entry) {
  std::string_view pattern = LookupMessage(language, entry.message_key);
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const std::string& arg : entry.args) store.push_back(arg);
  try {
    return fmt::vformat(pattern, store);
  } catch (const fmt::format_error&) {
    return std::string(pattern);
  }
}

std::string_view SeverityKey(Severity severity) {
  switch (severity) {
    case Severity::kRejected: return "ingest.severity.rejected";
    case Severity::kRepaired: return "ingest.severity.repaired";
    case Severity::kWarning: return "ingest.severity.warning";
    case Severity::kColumnDropped: return "ingest.severity.column_dropped";
    case Severity::kFileError: return "ingest.severity.file_error";
  }
  return "ingest.severity.warning";
}

// Quotes a CSV cell when needed (RFC 4180) and neutralises text that a spreadsheet would run
// as a formula: values come from the user's file and may start with "=" or "@".
std::string CsvCell(std::string_view text) {
  std::string cell(text);
  if (!cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos) {
    cell.insert(0, "'");
  }
  bool needs_quotes = cell.find_first_of(";\"\r\n") != std::string::npos;
  if (!needs_quotes) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

}  // namespace

void ValidationReport::Add(ReportEntry entry) { entries_.push_back(std::move(entry)); }

std::size_t ValidationReport::Count(Severity severity) const {
  return static_cast<std::size_t>(std::count_if(
      entries_.begin(), entries_.end(),
      [severity](const ReportEntry& entry) { return entry.severity == severity; }));
}

std::string ValidationReport::ToCsv(Language language) const {
  std::string csv = "\xEF\xBB\xBF";
  const char* header_keys[] = {"ingest.report.column.file",  "ingest.report.column.row",
                               "ingest.report.column.column", "ingest.report.column.value",
                               "ingest.report.column.severity", "ingest.report.column.message"};
  for (std::size_t i = 0; i < std::size(header_keys); ++i) {
    if (i > 0) csv += ';';
    csv += CsvCell(LookupMessage(language, header_keys[i]));
  }
  csv += "\r\n";

  for (const ReportEntry& entry : entries_) {
    csv += CsvCell(entry.file);
    csv += ';';
    if (entry.row > 0) csv += std::to_string(entry.row);
    csv += ';';
    csv += CsvCell(entry.column);
    csv += ';';
    csv += CsvCell(entry.masked_value);
    csv += ';';
    csv += CsvCell(LookupMessage(language, SeverityKey(entry.severity)));
    csv += ';';
    csv += CsvCell(RenderEntry(language, entry));
    csv += "\r\n";
  }
  return csv;
}

std::string ValidationReport::ToText(Language language) const {
  if (entries_.empty()) return Message(language, "ingest.report.text.empty") + "\n";
  std::string text;
  for (const ReportEntry& entry : entries_) {
    text += entry.file;
    if (entry.row > 0) text += ", " + Message(language, "ingest.report.text.row", entry.row);
    if (!entry.column.empty()) {
      text += ", " + Message(language, "ingest.report.text.column", entry.column);
    }
    text += ": [" + std::string(LookupMessage(language, SeverityKey(entry.severity))) + "] ";
    text += RenderEntry(language, entry);
    if (!entry.masked_value.empty()) {
      text += " (" + Message(language, "ingest.report.text.value", entry.masked_value) + ")";
    }
    text += '\n';
  }
  return text;
}

}  // namespace adempauze::ingest
