#include "adempauze/export/table.h"

#include <utility>

namespace adempauze::exports {

Cell Cell::Text(std::string value) { return Cell{std::move(value), std::nullopt}; }

Cell Cell::Date(CivilDate value) { return Cell{std::string(), value}; }

Cell Cell::OptionalDate(std::optional<CivilDate> value) { return Cell{std::string(), value}; }

Status ValidateTable(const Table& table) {
  if (table.header.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "export.table.no_header");
  }
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    if (table.rows[i].size() != table.header.size()) {
      return MakeError(ErrorCode::kInvalidArgument, "export.table.shape", i + 1,
                       table.rows[i].size(), table.header.size());
    }
  }
  return Status::Ok();
}

bool StartsLikeFormula(std::string_view text) {
  if (text.empty()) return false;
  switch (text.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return true;
    default:
      return false;
  }
}

std::string NeutraliseFormula(std::string_view text) {
  if (!StartsLikeFormula(text)) return std::string(text);
  std::string guarded;
  guarded.reserve(text.size() + 1);
  guarded += '\'';
  guarded += text;
  return guarded;
}

}  // namespace adempauze::exports
