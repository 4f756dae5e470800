#include "demo/list_writer.h"

#include <fmt/format.h>

#include "demo/number_damage.h"
#include "demo/vocabulary.h"

namespace adempauze::demo {
namespace {

// The number damages in the order their rates are laid on [0, 1).
constexpr Damage kNumberDamages[] = {
    Damage::kLostLeadingZero, Damage::kScientificRounded, Damage::kScientificExact,
    Damage::kTrailingDecimal, Damage::kSeparators,        Damage::kInvalidNumber,
    Damage::kMissingNumber,   Damage::kNumberAsNumber,
};

// Headers as a city's finance package and an OCMW's client software export them. They are
// file content that imitates other software, so they are not in the message catalog.
std::string_view HeaderOf(ListKind kind, Column column) {
  const bool debtors = kind == ListKind::kDebtors;
  switch (column) {
    case Column::kFirstName: return "Voornaam";
    case Column::kLastName: return debtors ? "Naam" : "Familienaam";
    case Column::kNationalNumber: return debtors ? "Rijksregisternummer" : "INSZ";
    case Column::kBirthDate: return "Geboortedatum";
    case Column::kStreet: return "Straat";
    case Column::kHouseNumber: return debtors ? "Huisnummer" : "Nr";
    case Column::kPostcode: return "Postcode";
    case Column::kMunicipality: return "Gemeente";
    case Column::kKey: return debtors ? "Dossiernummer" : "Cliëntnummer";
    case Column::kAmount: return "Bedrag";
    case Column::kPhone: return "Telefoon";
    case Column::kEmail: return "E-mail";
    case Column::kRemark: return "Opmerking";
  }
  return "";
}

std::string DateText(int year, int month, int day) {
  if (day == 0) return std::string();
  return fmt::format("{:02}/{:02}/{:04}", day, month, year);
}

// Formats cents as a Belgian amount: "1.234,56".
std::string AmountText(int cents) {
  const int euros = cents / 100;
  std::string whole = std::to_string(euros);
  for (int position = static_cast<int>(whole.size()) - 3; position > 0; position -= 3) {
    whole.insert(static_cast<std::size_t>(position), ".");
  }
  return fmt::format("{},{:02}", whole, cents % 100);
}

// Lowercase ASCII letters of a name for an e-mail address: "Hélène" -> "helene".
std::string MailPart(std::string_view name) {
  // ASCII letters for U+00C0..U+00FF; '\0' drops the character.
  static constexpr char kFolded[] =
      "aaaaaaaceeeeiiiidnooooo\0ouuuuy\0saaaaaaaceeeeiiiidnooooo\0ouuuuy\0y";
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (c >= 'a' && c <= 'z') {
      out += static_cast<char>(c);
    } else if (c == 0xC3 && i + 1 < name.size()) {
      const char folded = kFolded[static_cast<unsigned char>(name[++i]) & 0x3F];
      if (folded != '\0') out += folded;
    }
  }
  return out;
}

}  // namespace

std::vector<Column> ListLayout(ListKind kind, bool stray_columns) {
  using C = Column;
  if (kind == ListKind::kDebtors) {
    if (!stray_columns) return {C::kFirstName, C::kLastName, C::kNationalNumber, C::kStreet, C::kHouseNumber, C::kKey};
    return {C::kFirstName, C::kLastName, C::kNationalNumber, C::kBirthDate, C::kStreet, C::kHouseNumber,
            C::kKey,       C::kAmount,   C::kPhone,          C::kEmail,     C::kRemark};
  }
  if (!stray_columns) return {C::kNationalNumber, C::kLastName, C::kFirstName, C::kStreet, C::kHouseNumber, C::kPostcode, C::kKey};
  return {C::kNationalNumber, C::kLastName, C::kFirstName,    C::kBirthDate, C::kStreet, C::kHouseNumber,
          C::kPostcode,       C::kMunicipality, C::kKey,      C::kPhone,     C::kRemark};
}

ListWriter::ListWriter(ListKind kind, const ListOptions& options, std::unique_ptr<SheetWriter> sheet,
                       std::uint64_t damage_seed, std::uint64_t extras_seed, bool record_rows)
    : kind_(kind),
      options_(options),
      sheet_(std::move(sheet)),
      layout_(ListLayout(kind, options.stray_columns)),
      damage_(damage_seed),
      extras_(extras_seed),
      record_rows_(record_rows) {}

void ListWriter::WriteHeader(const DemoOptions& options) {
  if (options_.title_line) {
    const std::string date = DateText(options.today.year, options.today.month, options.today.day);
    const std::string title = kind_ == ListKind::kDebtors
                                  ? fmt::format("Debiteurenlijst Stad {} - dwangbevel - {}", kMunicipality, date)
                                  : fmt::format("OCMW {} - cliëntenlijst per {}", kMunicipality, date);
    const SheetCell cell{title, std::nullopt, false, std::nullopt};
    sheet_->WriteRow({&cell, 1});
    sheet_->WriteBlankRow(layout_.size(), true);
    next_row_ += 2;
  }
  std::vector<SheetCell> cells;
  for (Column column : layout_) cells.push_back({HeaderOf(kind_, column), std::nullopt, false, std::nullopt});
  sheet_->WriteRow(cells);
  truth_.header_row = next_row_++;
}

std::string ListWriter::WriteRow(const Person& person, const std::string& key, bool on_both_lists) {
  RowTruth row;
  row.row = next_row_;
  row.national_number = person.national_number;
  row.on_both_lists = on_both_lists;

  // Damage: the same number of draws for every row, whatever the rates.
  RowTexts texts;
  texts.number = RenderNumber(person.national_number, row);
  row.key = RenderKey(key, row);
  texts.key = row.key;
  const bool blank_after = damage_.Chance(options_.damage.blank_row);
  const bool blank_with_delimiters = damage_.Chance(0.5);
  if (blank_after) row.damage |= static_cast<std::uint32_t>(Damage::kBlankRowAfter);

  // Values in this list's own style, and the stray columns.
  texts.street = StreetName(person);
  texts.house = HouseNumber(person);
  texts.birth = DateText(person.birth_year, person.birth_month, person.birth_day);
  if (options_.stray_columns) DrawStrayValues(person, texts);

  // The row, column by column.
  std::vector<SheetCell> cells;
  cells.reserve(layout_.size());
  for (Column column : layout_) cells.push_back(CellOf(column, person, texts));
  sheet_->WriteRow(cells);
  ++next_row_;

  if (blank_after) {
    sheet_->WriteBlankRow(layout_.size(), blank_with_delimiters);
    ++next_row_;
    ++truth_.blank_rows;
  }
  Record(std::move(row));
  return texts.key;
}

void ListWriter::DrawStrayValues(const Person& person, RowTexts& texts) {
  texts.cents = extras_.Between(1500, 250000);
  texts.amount = AmountText(texts.cents);
  texts.phone = fmt::format("04{} {:02} {:02} {:02}", extras_.Between(70, 99), extras_.Between(0, 99),
                            extras_.Between(0, 99), extras_.Between(0, 99));
  if (extras_.Chance(0.7)) {
    texts.mail = MailPart(person.first_name) + "." + MailPart(person.last_name) + "@adembeek.example";
  }
  texts.remark = extras_.Pick(Remarks());
}

SheetCell ListWriter::CellOf(Column column, const Person& person, const RowTexts& texts) {
  SheetCell cell;
  switch (column) {
    case Column::kFirstName: cell.text = person.first_name; break;
    case Column::kLastName: cell.text = person.last_name; break;
    case Column::kNationalNumber:
      cell.text = texts.number.text;
      cell.number = texts.number.number;
      break;
    case Column::kBirthDate:
      cell.text = texts.birth;
      if (person.birth_day != 0) cell.date = CivilDate{person.birth_year, person.birth_month, person.birth_day};
      break;
    case Column::kStreet: cell.text = texts.street; break;
    case Column::kHouseNumber: cell.text = texts.house; break;
    case Column::kPostcode: cell.text = kPostcode; break;
    case Column::kMunicipality: cell.text = kMunicipality; break;
    case Column::kKey: cell.text = texts.key; break;
    case Column::kAmount:
      cell.text = texts.amount;
      cell.number = texts.cents / 100.0;
      cell.amount = true;
      break;
    case Column::kPhone: cell.text = texts.phone; break;
    case Column::kEmail: cell.text = texts.mail; break;
    case Column::kRemark: cell.text = texts.remark; break;
  }
  return cell;
}

ListWriter::NumberCell ListWriter::RenderNumber(const std::string& digits, RowTruth& row) {
  const double draw = damage_.Unit();
  const char decimal_mark = damage_.Chance(0.5) ? ',' : '.';
  const bool leading_zero = digits[0] == '0';
  const bool xlsx = options_.format == FileFormat::kXlsx;

  // Pick the damage whose stretch of [0, 1) the draw falls in.
  std::optional<Damage> chosen;
  double end = 0;
  for (Damage kind : kNumberDamages) {
    end += options_.damage.RateOf(kind);
    if (draw < end) {
      chosen = kind;
      break;
    }
  }
  if (chosen == Damage::kLostLeadingZero && !leading_zero) chosen.reset();
  if (chosen == Damage::kNumberAsNumber && !xlsx) chosen.reset();
  if (!chosen) return {digits, std::nullopt};

  row.damage |= static_cast<std::uint32_t>(*chosen);
  row.number_state = NumberState::kRepairable;
  switch (*chosen) {
    case Damage::kLostLeadingZero:
      if (xlsx) return {digits, std::stod(digits)};
      return {WithoutLeadingZeros(digits), std::nullopt};
    case Damage::kScientificRounded:
      row.number_state = NumberState::kInvalid;
      return {ScientificRounded(digits, decimal_mark), std::nullopt};
    case Damage::kScientificExact:
      return {ScientificExact(digits, decimal_mark), std::nullopt};
    case Damage::kTrailingDecimal:
      return {WithTrailingDecimal(digits, decimal_mark), std::nullopt};
    case Damage::kSeparators:
      row.number_state = NumberState::kValid;
      return {WithSeparators(digits), std::nullopt};
    case Damage::kInvalidNumber:
      row.number_state = NumberState::kInvalid;
      return {WithWrongCheckDigits(digits), std::nullopt};
    case Damage::kMissingNumber:
      row.number_state = NumberState::kMissing;
      return {std::string(), std::nullopt};
    case Damage::kNumberAsNumber:
      if (!leading_zero) row.number_state = NumberState::kValid;
      return {digits, std::stod(digits)};
    default:
      break;
  }
  return {digits, std::nullopt};
}

std::string ListWriter::RenderKey(const std::string& key, RowTruth& row) {
  const double draw = damage_.Unit();
  const DamageRates& rates = options_.damage;
  if (draw < rates.missing_key) {
    row.damage |= static_cast<std::uint32_t>(Damage::kMissingKey);
    return std::string();
  }
  if (draw < rates.missing_key + rates.duplicate_key && !previous_key_.empty()) {
    row.damage |= static_cast<std::uint32_t>(Damage::kDuplicateKey);
    return previous_key_;
  }
  previous_key_ = key;
  return key;
}

std::string ListWriter::HouseNumber(const Person& person) const {
  std::string out = std::to_string(person.house_number);
  if (person.house_letter != '\0') out += person.house_letter;
  if (person.box != 0) {
    // The OCMW's software writes the box after a slash, the finance package as "bus".
    out += kind_ == ListKind::kDebtors ? " bus " : "/";
    out += std::to_string(person.box);
  }
  return out;
}

std::string ListWriter::StreetName(const Person& person) {
  std::string street(person.street);
  if (kind_ == ListKind::kDebtors) return street;
  // Staff typing into the OCMW's software sometimes shorten "straat" to "str.".
  const bool shorten = extras_.Chance(0.1);
  if (shorten && street.ends_with("straat")) street.replace(street.size() - 6, 6, "str.");
  return street;
}

void ListWriter::Record(RowTruth row) {
  ++truth_.data_rows;
  if (row.on_both_lists) ++truth_.on_both_lists;
  for (std::size_t i = 0; i < kAllDamages.size(); ++i) {
    if (row.Has(kAllDamages[i])) ++truth_.damage_counts[i];
  }
  ++truth_.number_states[static_cast<std::size_t>(row.number_state)];
  if (record_rows_) truth_.rows.push_back(std::move(row));
}

}  // namespace adempauze::demo
