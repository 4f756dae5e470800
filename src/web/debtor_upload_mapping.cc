#include "web/debtor_upload_mapping.h"

#include <span>
#include <string>
#include <utility>
#include <vector>

namespace adempauze::web {
namespace {

// The protocol fields of each list, in the order of the form. A field outside the list
// would make ingest reject the mapping ("ingest.map.field_not_in_*_list").
constexpr ingest::Field kDebtorFields[] = {
    ingest::Field::kDossierNumber, ingest::Field::kNationalNumber, ingest::Field::kLastName,
    ingest::Field::kFirstName,     ingest::Field::kStreet,         ingest::Field::kHouseNumber,
    ingest::Field::kBox,
};
constexpr ingest::Field kClientFields[] = {
    ingest::Field::kNationalNumber, ingest::Field::kLastName,    ingest::Field::kFirstName,
    ingest::Field::kStreet,         ingest::Field::kHouseNumber, ingest::Field::kBox,
    ingest::Field::kPostcode,       ingest::Field::kClientReference,
};

std::span<const ingest::Field> FieldsOf(UploadKind kind) {
  if (kind == UploadKind::kDebtors) return kDebtorFields;
  return kClientFields;
}

std::string InputName(ingest::Field field) { return "map_" + std::string(ingest::FieldName(field)); }

std::string Trimmed(std::string text) {
  text.erase(0, text.find_first_not_of(" \t\r\n"));
  text.erase(text.find_last_not_of(" \t\r\n") + 1);
  return text;
}

// Catalog keys whose text names `--map` or `--strict`, and the web text that names the
// form's part or checkbox instead. The CLI keeps the first.
constexpr std::pair<std::string_view, std::string_view> kWebTexts[] = {
    {"ingest.header.not_found", "web.debtor.upload.header_not_found"},
    {"ingest.header.required_missing", "web.debtor.upload.required_missing"},
    {"ingest.map.header_not_found", "web.debtor.upload.mapped_header_not_found"},
    {"ingest.column.duplicate_field", "web.debtor.report.duplicate_field"},
    {"store.import.strict_rejected", "web.debtor.upload.strict_rejected"},
    {"store.import.strict_rejected_one", "web.debtor.upload.strict_rejected_one"},
};

}  // namespace

nlohmann::json MappingView(const RequestContext& context, UploadKind kind) {
  nlohmann::json rows = nlohmann::json::array();
  for (ingest::Field field : FieldsOf(kind)) {
    const std::string name(ingest::FieldName(field));
    rows.push_back({{"name", name},
                    {"label", context.Text("web.debtor.upload.mapping.field." + name)},
                    {"value", Trimmed(context.Field(InputName(field)))}});
  }
  return rows;
}

bool HasMappingInput(const RequestContext& context, UploadKind kind) {
  for (ingest::Field field : FieldsOf(kind)) {
    if (!Trimmed(context.Field(InputName(field))).empty()) return true;
  }
  return false;
}

Result<ingest::ColumnMapping> MappingFromForm(const RequestContext& context, UploadKind kind) {
  std::vector<std::string> entries;
  for (ingest::Field field : FieldsOf(kind)) {
    const std::string header = Trimmed(context.Field(InputName(field)));
    if (!header.empty()) entries.push_back(std::string(ingest::FieldName(field)) + "=" + header);
  }
  return ingest::ParseColumnMapping(entries);
}

std::string_view WebMessageKey(std::string_view key) {
  for (const auto& [usual, web] : kWebTexts) {
    if (usual == key) return web;
  }
  return key;
}

Error WebError(Error error) {
  error.message_key = std::string(WebMessageKey(error.message_key));
  return error;
}

bool MappingCanFix(const Error& error) {
  return error.message_key == "ingest.header.not_found" || error.message_key == "ingest.header.required_missing" ||
         error.message_key == "ingest.map.header_not_found";
}

}  // namespace adempauze::web
