#include "ingest/header_mapping.h"

#include "ingest/text_clean.h"

namespace adempauze::ingest {
namespace {

// A header synonym after HeaderKey(): lower case letters and digits only.
struct Synonym {
  std::string_view key;
  Field field;
};

// Synonyms that mean the same in both kinds of list.
constexpr Synonym kCommonSynonyms[] = {
    // first name
    {"voornaam", Field::kFirstName}, {"voornamen", Field::kFirstName},
    {"firstname", Field::kFirstName}, {"givenname", Field::kFirstName},
    {"givennames", Field::kFirstName}, {"prenom", Field::kFirstName},
    // last name
    {"naam", Field::kLastName}, {"achternaam", Field::kLastName},
    {"familienaam", Field::kLastName}, {"lastname", Field::kLastName},
    {"surname", Field::kLastName}, {"familyname", Field::kLastName},
    {"name", Field::kLastName}, {"nom", Field::kLastName},
    // national number
    {"rijksregisternummer", Field::kNationalNumber}, {"rijksregisternr", Field::kNationalNumber},
    {"rijksregister", Field::kNationalNumber}, {"rrn", Field::kNationalNumber},
    {"rrnr", Field::kNationalNumber}, {"insz", Field::kNationalNumber},
    {"insznummer", Field::kNationalNumber}, {"insznr", Field::kNationalNumber},
    {"nn", Field::kNationalNumber}, {"nationalnumber", Field::kNationalNumber},
    {"nationalregisternumber", Field::kNationalNumber}, {"ssin", Field::kNationalNumber},
    {"bis", Field::kNationalNumber}, {"bisnummer", Field::kNationalNumber},
    {"bisnr", Field::kNationalNumber}, {"inszofbisnummer", Field::kNationalNumber},
    {"niss", Field::kNationalNumber},
    // street, or street and house number in one column
    {"straat", Field::kStreet}, {"straatnaam", Field::kStreet}, {"street", Field::kStreet},
    {"streetname", Field::kStreet}, {"adres", Field::kStreet}, {"address", Field::kStreet},
    {"rue", Field::kStreet},
    // house number and box
    {"huisnummer", Field::kHouseNumber}, {"huisnr", Field::kHouseNumber},
    {"nr", Field::kHouseNumber}, {"nummer", Field::kHouseNumber},
    {"housenumber", Field::kHouseNumber}, {"number", Field::kHouseNumber},
    {"no", Field::kHouseNumber}, {"bus", Field::kBox}, {"busnummer", Field::kBox},
    {"busnr", Field::kBox}, {"box", Field::kBox},
};

constexpr Synonym kDebtorSynonyms[] = {
    {"dossiernummer", Field::kDossierNumber}, {"dossiernr", Field::kDossierNumber},
    {"dossier", Field::kDossierNumber},       {"dossierno", Field::kDossierNumber},
    {"referentie", Field::kDossierNumber},    {"casenumber", Field::kDossierNumber},
    {"caseno", Field::kDossierNumber},        {"case", Field::kDossierNumber},
    {"invorderingsdossier", Field::kDossierNumber},
};

// In an OCMW export, a plain "Dossiernummer" is the OCMW's own dossier: the client reference.
constexpr Synonym kClientSynonyms[] = {
    {"postcode", Field::kPostcode},           {"postnummer", Field::kPostcode},
    {"zip", Field::kPostcode},                {"zipcode", Field::kPostcode},
    {"postalcode", Field::kPostcode},         {"codepostal", Field::kPostcode},
    {"clientnummer", Field::kClientReference}, {"clientnr", Field::kClientReference},
    {"clientreference", Field::kClientReference}, {"clientref", Field::kClientReference},
    {"clientreferentie", Field::kClientReference}, {"dossiernummerocmw", Field::kClientReference},
    {"ocmwdossiernummer", Field::kClientReference}, {"referentie", Field::kClientReference},
    {"reference", Field::kClientReference},   {"dossiernummer", Field::kClientReference},
    {"dossiernr", Field::kClientReference},   {"dossier", Field::kClientReference},
};

template <std::size_t N>
std::optional<Field> Lookup(const Synonym (&synonyms)[N], std::string_view key) {
  for (const Synonym& synonym : synonyms) {
    if (synonym.key == key) return synonym.field;
  }
  return std::nullopt;
}

}  // namespace

bool ListHasField(ListKind kind, Field field) {
  switch (field) {
    case Field::kDossierNumber:
      return kind == ListKind::kDebtor;
    case Field::kPostcode:
    case Field::kClientReference:
      return kind == ListKind::kClient;
    default:
      return true;
  }
}

std::optional<Field> GuessField(ListKind kind, std::string_view header_key) {
  if (auto field = Lookup(kCommonSynonyms, header_key)) return field;
  return kind == ListKind::kDebtor ? Lookup(kDebtorSynonyms, header_key)
                                   : Lookup(kClientSynonyms, header_key);
}

int ColumnPlan::ColumnOf(Field field) const {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i] == field) return static_cast<int>(i);
  }
  return -1;
}

ColumnPlan PlanColumns(ListKind kind, std::span<const std::string_view> header_cells,
                       const ColumnMapping& mapping) {
  ColumnPlan plan;
  std::vector<std::string> keys;
  for (std::string_view cell : header_cells) {
    plan.headers.push_back(CleanField(cell).text);
    keys.push_back(HeaderKey(cell));
  }
  plan.fields.resize(header_cells.size());

  // The explicit mapping wins over any guess.
  for (const auto& [field, header] : mapping.columns) {
    std::string expected_key = HeaderKey(header);
    bool found = false;
    for (std::size_t i = 0; i < keys.size() && !found; ++i) {
      if (!plan.fields[i] && keys[i] == expected_key && !expected_key.empty()) {
        plan.fields[i] = field;
        found = true;
      }
    }
    if (!found) plan.missing_mapped_headers.push_back(header);
  }

  // Guess the rest, left to right.
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (plan.fields[i]) continue;
    std::optional<Field> field = GuessField(kind, keys[i]);
    if (!field) continue;
    if (plan.ColumnOf(*field) >= 0) {
      plan.duplicate_columns.emplace_back(i, *field);
      continue;
    }
    plan.fields[i] = field;
  }

  for (const auto& field : plan.fields) plan.mapped_count += field.has_value();
  return plan;
}

std::vector<Field> MissingRequiredFields(ListKind kind, const ColumnPlan& plan) {
  std::vector<Field> missing;
  if (kind == ListKind::kDebtor && plan.ColumnOf(Field::kDossierNumber) < 0) {
    missing.push_back(Field::kDossierNumber);
  }
  if (plan.ColumnOf(Field::kNationalNumber) < 0 && plan.ColumnOf(Field::kLastName) < 0) {
    missing.push_back(Field::kNationalNumber);
    missing.push_back(Field::kLastName);
  }
  return missing;
}

}  // namespace adempauze::ingest
