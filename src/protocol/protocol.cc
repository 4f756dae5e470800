#include "adempauze/protocol/protocol.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <string>

namespace adempauze::protocol {
namespace {

struct FieldInfo {
  Field field;
  std::string_view key;
  Direction direction;
};

constexpr std::array<FieldInfo, 9> kFields = {{
    {Field::kFirstName, "first_name", Direction::kCityToOcmw},
    {Field::kLastName, "last_name", Direction::kCityToOcmw},
    {Field::kNationalNumber, "national_number", Direction::kCityToOcmw},
    {Field::kStreetAndHouseNumber, "street_and_house_number", Direction::kCityToOcmw},
    {Field::kStreet, "street", Direction::kCityToOcmw},
    {Field::kHouseNumber, "house_number", Direction::kCityToOcmw},
    {Field::kDossierNumber, "dossier_number", Direction::kCityToOcmw},
    {Field::kClientOcmw, "client_ocmw", Direction::kOcmwToCity},
    {Field::kResumeCollection, "resume_collection", Direction::kOcmwToCity},
}};

constexpr std::array<Field, 9> kAllFields = {
    Field::kFirstName,        Field::kLastName,
    Field::kNationalNumber,   Field::kStreetAndHouseNumber,
    Field::kStreet,           Field::kHouseNumber,
    Field::kDossierNumber,    Field::kClientOcmw,
    Field::kResumeCollection,
};

const FieldInfo& Info(Field field) {
  const FieldInfo& info = kFields[static_cast<std::size_t>(field)];
  assert(info.field == field);  // kFields is in enum order
  return info;
}

bool Lists(const std::vector<Field>& fields, Field field) {
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

}  // namespace

std::span<const Field> AllFields() { return kAllFields; }

std::string_view FieldKey(Field field) { return Info(field).key; }

std::optional<Field> ParseField(std::string_view key) {
  for (const FieldInfo& info : kFields) {
    if (info.key == key) return info.field;
  }
  return std::nullopt;
}

Direction FieldDirection(Field field) { return Info(field).direction; }

std::string_view DirectionKey(Direction direction) {
  return direction == Direction::kCityToOcmw ? "city_to_ocmw" : "ocmw_to_city";
}

std::string_view PartyRoleKey(PartyRole role) { return role == PartyRole::kCity ? "city" : "ocmw"; }

const Controller& Protocol::Party(PartyRole role) const {
  for (const Controller& controller : definition_.controllers) {
    if (controller.role == role) return controller;
  }
  assert(false && "the loader guarantees one controller per role");
  return definition_.controllers.front();
}

bool Protocol::AllowsField(Direction direction, Field field) const {
  const std::vector<Field>& listed =
      direction == Direction::kCityToOcmw ? definition_.city_to_ocmw : definition_.ocmw_to_city;
  if (Lists(listed, field)) return true;

  // The address is the same data whether it travels as one line or as two parts.
  switch (field) {
    case Field::kStreetAndHouseNumber:
      return Lists(listed, Field::kStreet) && Lists(listed, Field::kHouseNumber);
    case Field::kStreet:
    case Field::kHouseNumber:
      return Lists(listed, Field::kStreetAndHouseNumber);
    default:
      return false;
  }
}

bool Protocol::AllowsField(Direction direction, std::string_view field_key) const {
  const std::optional<Field> field = ParseField(field_key);
  return field.has_value() && AllowsField(direction, *field);
}

CivilDate Protocol::DeletionDeadline() const {
  return CivilDate::FromDaysSinceEpoch(definition_.validity.end.DaysSinceEpoch() +
                                       definition_.retention.within_days);
}

Status Protocol::CheckExchangeAllowed(CivilDate date, bool suspended) const {
  const ValidityPeriod& period = definition_.validity;
  if (date < period.start) {
    return MakeError(ErrorCode::kFailedPrecondition, "protocol.exchange.not_yet_in_force",
                     definition_.id, period.start.ToIso(), date.ToIso());
  }
  if (date > period.end) {
    return MakeError(ErrorCode::kFailedPrecondition, "protocol.exchange.expired", definition_.id,
                     period.end.ToIso(), date.ToIso());
  }
  if (suspended) {
    return MakeError(ErrorCode::kFailedPrecondition, "protocol.exchange.suspended", definition_.id);
  }
  return Status::Ok();
}

Status Protocol::CheckFieldAllowed(Direction direction, std::string_view field_key) const {
  if (AllowsField(direction, field_key)) return Status::Ok();

  const std::vector<Field>& listed =
      direction == Direction::kCityToOcmw ? definition_.city_to_ocmw : definition_.ocmw_to_city;
  std::string allowed;
  for (Field field : listed) {
    if (!allowed.empty()) allowed += ", ";
    allowed += FieldKey(field);
  }
  return MakeError(ErrorCode::kPermissionDenied, "protocol.exchange.field_not_allowed", field_key,
                   definition_.id, allowed);
}

}  // namespace adempauze::protocol
