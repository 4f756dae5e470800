#include "adempauze/ingest/csv_reader.h"

#include <algorithm>
#include <cassert>

namespace adempauze::ingest {
namespace {

constexpr int kDelimiterSampleLines = 10;
constexpr char kCandidates[] = {';', ',', '\t'};  // in order of preference on a tie

}  // namespace

char DetectCsvDelimiter(std::string_view text) {
  std::size_t best_count[3] = {0, 0, 0};
  std::size_t line_count[3] = {0, 0, 0};
  bool in_quotes = false;
  int lines = 0;

  auto end_line = [&] {
    for (int i = 0; i < 3; ++i) {
      best_count[i] = std::max(best_count[i], line_count[i]);
      line_count[i] = 0;
    }
    ++lines;
  };

  for (std::size_t i = 0; i < text.size() && lines < kDelimiterSampleLines; ++i) {
    char c = text[i];
    if (c == '"') {
      in_quotes = !in_quotes;  // a doubled quote toggles twice, which is right
    } else if (!in_quotes && (c == '\n' || c == '\r')) {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_line();
    } else if (!in_quotes) {
      for (int k = 0; k < 3; ++k) {
        if (c == kCandidates[k]) ++line_count[k];
      }
    }
  }
  end_line();

  int winner = 0;
  for (int k = 1; k < 3; ++k) {
    if (best_count[k] > best_count[winner]) winner = k;
  }
  return kCandidates[winner];
}

bool CsvRecord::blank() const {
  return std::all_of(fields.begin(), fields.end(),
                     [](std::string_view field) { return field.empty(); });
}

CsvReader::CsvReader(char* data, std::size_t size, char delimiter)
    : data_(data), size_(size), delimiter_(delimiter) {
  assert(delimiter != '"');
  assert(delimiter != '\r');
  assert(delimiter != '\n');
  ends_unquoted_field_[static_cast<unsigned char>(delimiter)] = true;
  ends_unquoted_field_['\r'] = true;
  ends_unquoted_field_['\n'] = true;
}

std::string_view CsvReader::ReadQuotedField(bool* malformed) {
  // The write position never passes the read position, because every escape sequence is
  // longer than what it stands for; so unescaping in place is safe.
  ++pos_;  // opening quote
  std::size_t start = pos_;
  std::size_t write = pos_;
  while (true) {
    if (pos_ >= size_) {
      unterminated_quote_ = true;
      return {data_ + start, write - start};
    }
    char c = data_[pos_];
    if (c == '"') {
      if (pos_ + 1 < size_ && data_[pos_ + 1] == '"') {
        data_[write++] = '"';
        pos_ += 2;
        continue;
      }
      ++pos_;  // closing quote
      break;
    }
    if (c == '\n') ++line_;
    data_[write++] = c;
    ++pos_;
  }

  // RFC 4180 allows nothing between the closing quote and the delimiter. Spreadsheets
  // sometimes write `"12" bus 3`; keep that text rather than lose it, and flag the record.
  while (pos_ < size_ && !ends_unquoted_field_[static_cast<unsigned char>(data_[pos_])]) {
    *malformed = true;
    data_[write++] = data_[pos_++];
  }
  return {data_ + start, write - start};
}

bool CsvReader::Next(CsvRecord* record) {
  if (pos_ >= size_) return false;
  fields_.clear();
  record->number = ++record_number_;
  record->line = line_;
  record->malformed_quotes = false;

  while (true) {
    if (pos_ < size_ && data_[pos_] == '"') {
      fields_.push_back(ReadQuotedField(&record->malformed_quotes));
    } else {
      std::size_t start = pos_;
      while (pos_ < size_ && !ends_unquoted_field_[static_cast<unsigned char>(data_[pos_])]) {
        ++pos_;
      }
      fields_.emplace_back(data_ + start, pos_ - start);
    }

    if (pos_ >= size_) break;
    char c = data_[pos_++];
    if (c == delimiter_) continue;  // at the very end of the input this adds an empty field

    // Line end: CRLF, LF or a lone CR (old Mac exports).
    if (c == '\r' && pos_ < size_ && data_[pos_] == '\n') ++pos_;
    ++line_;
    break;
  }

  record->fields = fields_;
  return true;
}

}  // namespace adempauze::ingest
