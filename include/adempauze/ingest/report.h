// The validation report: one entry per rejected, repaired or questionable row, and one per
// dropped column. Entries never hold a complete national number: values are masked.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "adempauze/common/messages.h"

namespace adempauze::ingest {

enum class Severity {
  kRejected,       // the row is not imported
  kRepaired,       // the row is imported with a corrected value
  kWarning,        // the row is imported, but something needs the user's attention
  kColumnDropped,  // a column outside the protocol was read and not stored
  kFileError,      // the whole file could not be read; nothing is imported
};

struct ReportEntry {
  std::string file;          // file name as shown to the user
  std::size_t row = 0;       // 0 when the entry is about the whole file or a column
  std::string column;        // header text as found in the file, or the field name
  std::string masked_value;  // the offending value, masked with nn::MaskRaw for numbers
  Severity severity = Severity::kWarning;
  std::string message_key;   // catalog key: what is wrong and what to do
  std::vector<std::string> args;
};

class ValidationReport {
 public:
  void Add(ReportEntry entry);
  const std::vector<ReportEntry>& entries() const { return entries_; }
  std::size_t Count(Severity severity) const;
  bool HasFileError() const { return Count(Severity::kFileError) > 0; }

  // Writes the report as CSV (";" separated, UTF-8 with BOM so Excel opens it) with the
  // columns bestand, rij, kolom, waarde, ernst, melding — headers and texts in `language`.
  std::string ToCsv(Language language) const;
  // Writes a plain-text report for the terminal, one line per entry.
  std::string ToText(Language language) const;

 private:
  std::vector<ReportEntry> entries_;
};

}  // namespace adempauze::ingest
