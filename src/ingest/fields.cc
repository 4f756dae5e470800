#include "adempauze/ingest/fields.h"

#include <array>
#include <cctype>

namespace adempauze::ingest {
namespace {

struct FieldNames {
  Field field;
  std::string_view dutch;    // canonical name
  std::string_view english;
};

constexpr std::array<FieldNames, 9> kFieldNames = {{
    {Field::kFirstName, "voornaam", "first_name"},
    {Field::kLastName, "naam", "last_name"},
    {Field::kNationalNumber, "rijksregisternummer", "national_number"},
    {Field::kStreet, "straat", "street"},
    {Field::kHouseNumber, "huisnummer", "house_number"},
    {Field::kBox, "bus", "box"},
    {Field::kDossierNumber, "dossiernummer", "dossier_number"},
    {Field::kPostcode, "postcode", "postcode"},
    {Field::kClientReference, "clientreferentie", "client_reference"},
}};

struct Alias {
  std::string_view key;
  Field field;
};

// Further spellings accepted in a mapping, compared after KeyOf().
constexpr Alias kAliases[] = {
    {"achternaam", Field::kLastName},         {"familienaam", Field::kLastName},
    {"insz", Field::kNationalNumber},         {"rrn", Field::kNationalNumber},
    {"cliëntreferentie", Field::kClientReference},
    {"clientnummer", Field::kClientReference}, {"cliëntnummer", Field::kClientReference},
};

// Lower case without spaces, hyphens and underscores: "First-Name" and "first_name" match.
std::string KeyOf(std::string_view text) {
  std::string key;
  for (char c : text) {
    if (c == ' ' || c == '-' || c == '_' || c == '\t') continue;
    key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return key;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

std::string AcceptedFieldNames() {
  std::string names;
  for (const FieldNames& entry : kFieldNames) {
    if (!names.empty()) names += ", ";
    names += entry.dutch;
  }
  return names;
}

}  // namespace

std::string_view FieldName(Field field) {
  for (const FieldNames& entry : kFieldNames) {
    if (entry.field == field) return entry.dutch;
  }
  return "?";
}

std::optional<Field> ParseFieldName(std::string_view text) {
  std::string key = KeyOf(text);
  for (const FieldNames& entry : kFieldNames) {
    if (key == KeyOf(entry.dutch) || key == KeyOf(entry.english)) return entry.field;
  }
  for (const Alias& alias : kAliases) {
    if (key == alias.key) return alias.field;
  }
  return std::nullopt;
}

const std::string* ColumnMapping::Find(Field field) const {
  for (const auto& [mapped, header] : columns) {
    if (mapped == field) return &header;
  }
  return nullptr;
}

std::vector<std::string> ColumnMapping::ToStrings() const {
  std::vector<std::string> strings;
  for (const auto& [field, header] : columns) {
    strings.push_back(std::string(FieldName(field)) + "=" + header);
  }
  return strings;
}

Result<std::pair<Field, std::string>> ParseMappingEntry(std::string_view text) {
  std::size_t equals = text.find('=');
  if (equals == std::string_view::npos) {
    return MakeError(ErrorCode::kInvalidArgument, "ingest.map.syntax", text);
  }
  std::string_view name = Trim(text.substr(0, equals));
  std::string_view header = Trim(text.substr(equals + 1));
  if (name.empty() || header.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "ingest.map.syntax", text);
  }
  std::optional<Field> field = ParseFieldName(name);
  if (!field) {
    return MakeError(ErrorCode::kInvalidArgument, "ingest.map.unknown_field", name,
                     AcceptedFieldNames());
  }
  return std::make_pair(*field, std::string(header));
}

Result<ColumnMapping> ParseColumnMapping(const std::vector<std::string>& entries) {
  ColumnMapping mapping;
  for (const std::string& text : entries) {
    auto entry = ParseMappingEntry(text);
    if (!entry.ok()) return entry.error();
    if (mapping.Find(entry->first) != nullptr) {
      return MakeError(ErrorCode::kInvalidArgument, "ingest.map.duplicate_field",
                       FieldName(entry->first));
    }
    mapping.columns.push_back(std::move(*entry));
  }
  return mapping;
}

}  // namespace adempauze::ingest
