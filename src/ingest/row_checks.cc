#include "ingest/row_checks.h"

#include <algorithm>
#include <optional>

#include "adempauze/nn/national_number.h"
#include "ingest/text_clean.h"

namespace adempauze::ingest {
namespace {

bool IsPersonalText(Field field) {
  return field == Field::kFirstName || field == Field::kLastName || field == Field::kStreet ||
         field == Field::kHouseNumber || field == Field::kBox;
}

// Message keys per reason and repair, kept here rather than built from nn's codes, so a new
// code in nn cannot produce a key the catalog lacks.
std::string InvalidNumberKey(std::optional<nn::Invalid> reason) {
  if (!reason) return "ingest.row.nn_invalid.other";
  switch (*reason) {
    case nn::Invalid::kEmpty: return "ingest.row.nn_missing";
    case nn::Invalid::kBadCharacters: return "ingest.row.nn_invalid.characters";
    case nn::Invalid::kWrongLength: return "ingest.row.nn_invalid.length";
    case nn::Invalid::kChecksum: return "ingest.row.nn_invalid.checksum";
    case nn::Invalid::kMonth: return "ingest.row.nn_invalid.month";
    case nn::Invalid::kDate: return "ingest.row.nn_invalid.date";
    case nn::Invalid::kSerial: return "ingest.row.nn_invalid.serial";
    case nn::Invalid::kFutureDate: return "ingest.row.nn_invalid.future_date";
    case nn::Invalid::kDigitsLost: return "ingest.row.nn_invalid.digits_lost";
  }
  return "ingest.row.nn_invalid.other";
}

std::string RepairKey(nn::Repair repair) {
  switch (repair) {
    case nn::Repair::kLeadingZeroRestored: return "ingest.row.nn_repaired.leading_zero";
    case nn::Repair::kScientificNotation: return "ingest.row.nn_repaired.scientific_notation";
    case nn::Repair::kTrailingDecimal: return "ingest.row.nn_repaired.trailing_decimal";
  }
  return "ingest.row.nn_repaired.other";
}

std::size_t WidthOfHeader(const ColumnPlan& plan) {
  std::size_t width = plan.headers.size();
  while (width > 0 && plan.headers[width - 1].empty()) --width;
  return width;
}

}  // namespace

std::string ReportValue(Field field, std::string_view value) {
  if (field == Field::kNationalNumber) return nn::MaskRaw(value);
  return Abbreviate(value, IsPersonalText(field) ? 3 : 40);
}

RowChecker::RowChecker(const ColumnPlan& plan, std::string file, CivilDate today,
                       std::vector<ReportEntry>* entries)
    : plan_(plan),
      file_(std::move(file)),
      today_(today),
      entries_(entries),
      header_width_(WidthOfHeader(plan)) {}

std::string RowChecker::ColumnName(Field field) const {
  int column = plan_.ColumnOf(field);
  if (column < 0) return std::string(FieldName(field));
  return plan_.headers[static_cast<std::size_t>(column)];
}

void RowChecker::Add(std::size_t row, Field field, std::string masked_value, Severity severity,
                     std::string key, std::vector<std::string> args) {
  entries_->push_back({file_, row, ColumnName(field), std::move(masked_value), severity,
                       std::move(key), std::move(args)});
}

RowValues RowChecker::Check(const SourceRow& row, bool fixed_width) {
  RowValues values;
  values.row = row.number;

  // A row whose cells do not line up with the header cannot be trusted field by field.
  if (!CheckWidth(row, fixed_width)) {
    values.rejected = true;
    values.misaligned = true;
    return values;
  }
  if (row.malformed_quotes) {
    entries_->push_back({file_, row.number, "", "", Severity::kWarning,
                         "ingest.row.malformed_quotes", {}});
  }

  ReadFields(row, values);

  // Box and house number: the protocol has one house number, "12 bus 3".
  std::string& house = values[Field::kHouseNumber];
  const std::string& box = values[Field::kBox];
  if (!box.empty()) house = house.empty() ? "bus " + box : house + " bus " + box;

  // An address column ("Adres": "Kerkstraat 12 bus 3") contains street and house number.
  if (house.empty() && !values[Field::kStreet].empty()) {
    if (auto parts = SplitStreetAndNumber(values[Field::kStreet])) {
      values[Field::kStreet] = std::move(parts->street);
      house = std::move(parts->house_number);
    }
  }

  CheckNumber(values);

  // Without a valid number, matching can only use the name.
  if (!values.has_valid_number && values[Field::kLastName].empty()) {
    Add(row.number, Field::kNationalNumber, ReportValue(Field::kNationalNumber, values.number.raw),
        Severity::kRejected, "ingest.row.no_number_no_name");
    values.rejected = true;
  }
  return values;
}

bool RowChecker::CheckWidth(const SourceRow& row, bool fixed_width) {
  if (!fixed_width) return true;
  std::size_t cells = row.cells.size();
  if (cells > plan_.headers.size()) {
    bool extra_text = std::any_of(row.cells.begin() + static_cast<long>(plan_.headers.size()),
                                  row.cells.end(), [](std::string_view cell) {
                                    return !CleanField(cell).text.empty();
                                  });
    if (extra_text) {
      entries_->push_back({file_, row.number, "", "", Severity::kRejected,
                           "ingest.row.too_many_fields",
                           {std::to_string(cells), std::to_string(plan_.headers.size())}});
      return false;
    }
  } else if (cells < header_width_) {
    entries_->push_back({file_, row.number, "", "", Severity::kWarning,
                         "ingest.row.too_few_fields",
                         {std::to_string(cells), std::to_string(header_width_)}});
  }
  return true;
}

void RowChecker::ReadFields(const SourceRow& row, RowValues& values) {
  for (std::size_t column = 0; column < plan_.fields.size(); ++column) {
    if (!plan_.fields[column]) continue;
    Field field = *plan_.fields[column];
    std::string_view cell = column < row.cells.size() ? row.cells[column] : std::string_view();
    if (cell.empty()) continue;

    CleanText clean = CleanField(cell);
    // A UTF-8 character takes at least one byte, so only long texts need counting.
    if (clean.text.size() > kMaxFieldCharacters && CodePointCount(clean.text) > kMaxFieldCharacters) {
      Add(row.number, field, ReportValue(field, clean.text), Severity::kRejected,
          "ingest.row.field_too_long",
          {std::to_string(CodePointCount(clean.text)), std::to_string(kMaxFieldCharacters)});
      values.rejected = true;
      continue;
    }
    if (clean.removed_control) {
      Add(row.number, field, ReportValue(field, clean.text), Severity::kRepaired,
          "ingest.row.control_characters_removed");
    }
    values[field] = std::move(clean.text);
  }
}

void RowChecker::CheckNumber(RowValues& values) {
  std::string& raw = values[Field::kNationalNumber];
  values.number.raw = raw;
  if (raw.empty()) {
    // A list without a number column gets one file-level warning instead of one per row.
    bool has_column = plan_.ColumnOf(Field::kNationalNumber) >= 0;
    if (has_column && !values[Field::kLastName].empty()) {
      Add(values.row, Field::kNationalNumber, "", Severity::kWarning, "ingest.row.nn_missing");
    }
    return;
  }

  nn::CheckResult checked = nn::Check(raw, today_);
  if (!checked.valid()) {
    Add(values.row, Field::kNationalNumber, nn::MaskRaw(raw), Severity::kWarning,
        InvalidNumberKey(checked.reason));
    return;
  }

  values.has_valid_number = true;
  std::string masked = nn::Mask(checked.number->digits);
  for (nn::Repair repair : checked.repairs) {
    Add(values.row, Field::kNationalNumber, masked, Severity::kRepaired, RepairKey(repair));
  }
  values.number.number = std::move(checked.number);
}

}  // namespace adempauze::ingest
