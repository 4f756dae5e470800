// CSV for the finance application: UTF-8 with BOM, ';', CRLF, RFC 4180 quoting.
#include <cstdio>
#include <string>

#include "adempauze/export/writers.h"
#include "export/atomic_file.h"

namespace adempauze::exports {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr char kDelimiter = ';';
constexpr std::string_view kRecordEnd = "\r\n";

bool NeedsQuotes(std::string_view field) {
  return field.find_first_of(";\"\r\n") != std::string_view::npos;
}

void AppendField(std::string_view raw, std::string& out) {
  const std::string field = NeutraliseFormula(raw);
  if (!NeedsQuotes(field)) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void AppendCell(const Cell& cell, std::string& out) {
  if (cell.date) {
    out += cell.date->ToIso();
  } else {
    AppendField(cell.text, out);
  }
}

void AppendHeader(const Table& table, std::string& out) {
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    if (i > 0) out += kDelimiter;
    AppendField(table.header[i], out);
  }
  out += kRecordEnd;
}

void AppendRow(const std::vector<Cell>& row, std::string& out) {
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out += kDelimiter;
    AppendCell(row[i], out);
  }
  out += kRecordEnd;
}

}  // namespace

Result<std::string> CsvBytes(const Table& table) {
  if (Status valid = ValidateTable(table); !valid.ok()) return valid.error();
  std::string out(kByteOrderMark);
  AppendHeader(table, out);
  for (const auto& row : table.rows) AppendRow(row, out);
  return out;
}

Status WriteCsv(const Table& table, const std::filesystem::path& file) {
  if (Status valid = ValidateTable(table); !valid.ok()) return valid;
  auto temp = TempFile::Create(file);
  if (!temp.ok()) return temp.error();

  // Rows go out in blocks, so a large list never sits in memory as one string.
  constexpr std::size_t kBlockSize = 1 << 16;
  std::string block(kByteOrderMark);
  AppendHeader(table, block);
  for (const auto& row : table.rows) {
    AppendRow(row, block);
    if (block.size() >= kBlockSize) {
      std::fwrite(block.data(), 1, block.size(), temp->stream());
      block.clear();
    }
  }
  std::fwrite(block.data(), 1, block.size(), temp->stream());

  // Commit checks the stream's error flag, so a failed fwrite is reported there.
  return temp->Commit();
}

}  // namespace adempauze::exports
