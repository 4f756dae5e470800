// The data-exchange protocol between a city and its OCMW, as the software enforces it.
//
// The Flemish decree of 18 July 2008 on electronic administrative data traffic (art. 8)
// allows the exchange only inside a protocol that names the controllers, purposes, data,
// recipients, legal bases, period and sanctions. adempauze reads that protocol from a TOML
// file (schema in docs/formats/protocol.md, loading in adempauze/protocol/loader.h). The
// enforcement calls the queries below before every exchange, and the document
// (adempauze/protocol/document.h) is rendered from the same definition, so the published
// text and the enforced rules cannot drift apart.
//
// Thread safety: a Protocol is immutable after loading; its const methods may be called
// from several threads at once.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/result.h"

namespace adempauze::protocol {

enum class PartyRole { kCity, kOcmw };

// The direction in which data flows between the two parties.
enum class Direction {
  kCityToOcmw,  // the debtors' identification, address and dossier number
  kOcmwToCity,  // the two flags the OCMW sets per dossier
};

// A field the protocol can allow. The TOML file names them by FieldKey.
enum class Field {
  kFirstName,             // city to OCMW
  kLastName,              // city to OCMW
  kNationalNumber,        // city to OCMW: national register number (INSZ) or BIS number
  kStreetAndHouseNumber,  // city to OCMW: the address line, box ("bus") included
  kStreet,                // city to OCMW: the street alone
  kHouseNumber,           // city to OCMW: house number, box ("bus") included
  kDossierNumber,         // city to OCMW: the city's collection dossier number
  kClientOcmw,            // OCMW to city: flag "cliënt OCMW"
  kResumeCollection,      // OCMW to city: flag "invorderingsprocedure voortzetten"
};

// Returns every field, in the order above.
std::span<const Field> AllFields();
// Returns the key of `field` in the TOML file: "first_name", "last_name",
// "national_number", "street_and_house_number", "street", "house_number",
// "dossier_number", "client_ocmw", "resume_collection".
std::string_view FieldKey(Field field);
// Parses a key as FieldKey writes it (exact, case-sensitive). Returns nullopt otherwise.
std::optional<Field> ParseField(std::string_view key);
// Returns the only direction in which `field` may flow.
Direction FieldDirection(Field field);
// Returns "city_to_ocmw" or "ocmw_to_city", the keys of the [fields] table.
std::string_view DirectionKey(Direction direction);
// Returns "city" or "ocmw", the values of controllers[].role.
std::string_view PartyRoleKey(PartyRole role);

struct DataProtectionOfficer {
  std::string name;   // may be empty: a function title in `email` is enough
  std::string email;  // never empty
  std::string phone;  // may be empty
};

// A controller (verwerkingsverantwoordelijke): one of the two parties.
struct Controller {
  PartyRole role = PartyRole::kCity;
  std::string name;
  std::string address;
  std::string represented_by;  // who signs for the party; may be empty
  DataProtectionOfficer data_protection_officer;
};

// A party that receives data, and which of its services do.
struct Recipient {
  std::string party;     // equal to the name of one of the controllers
  std::string services;  // the services or teams inside that party
};

// The period of validity; both days are included.
struct ValidityPeriod {
  CivilDate start;
  CivilDate end;  // never before start

  bool Contains(CivilDate date) const { return start <= date && date <= end; }
};

// The action taken on the personal data when the protocol ends.
enum class RetentionAction { kDelete, kAnonymise };

struct RetentionRule {
  RetentionAction personal_data = RetentionAction::kDelete;
  int within_days = 0;        // after validity.end, 1..365
  int access_log_years = 10;  // the access log's own retention period, 1..30
  std::string evaluation;     // how the exchange is evaluated before deletion
};

// The reference to the text the parties signed.
struct SignedText {
  std::string title;
  CivilDate date_signed;
  std::string sha256;              // 64 lowercase hex digits, or empty
  std::string document_reference;  // or empty; at least one of the two is set
};

// Every value of a protocol file, after validation. Free texts are stored as written,
// with surrounding whitespace trimmed.
struct ProtocolDefinition {
  std::string id;
  std::string title;
  std::vector<Controller> controllers;  // exactly one city and one OCMW, in file order
  std::vector<std::string> purposes;
  std::string data_extent;  // may be empty
  std::vector<Field> city_to_ocmw;
  std::vector<Field> ocmw_to_city;
  std::vector<Recipient> recipients;
  std::vector<std::string> legal_bases;
  std::string periodicity;
  ValidityPeriod validity;
  int follow_up_days = 0;  // 1..365
  RetentionRule retention;
  std::vector<std::string> security_measures;
  std::string sanction;
  std::vector<std::string> original_purposes;
  std::string compatibility_analysis;
  std::string data_quality;
  std::vector<std::string> specific_measures;
  SignedText signed_text;
};

// A validated protocol. Only the loader (loader.h) creates one, so every Protocol contains a
// definition that passed every check in docs/formats/protocol.md.
class Protocol {
 public:
  const ProtocolDefinition& definition() const { return definition_; }
  const std::string& id() const { return definition_.id; }

  // Returns the controller with `role`. Exactly one exists for each role.
  const Controller& Party(PartyRole role) const;

  // Returns the period of validity.
  ValidityPeriod Period() const { return definition_.validity; }

  // Returns true when `date` lies inside the period of validity, both ends included.
  bool IsInForce(CivilDate date) const { return definition_.validity.Contains(date); }

  // Returns true when the protocol lists `field` for `direction`. The address may be
  // listed as one line or as street and house number, and both forms are the same data.
  // So "street_and_house_number" is allowed when it is listed or both "street" and
  // "house_number" are. "street" and "house_number" are each allowed when listed or when
  // "street_and_house_number" is.
  bool AllowsField(Direction direction, Field field) const;
  // As above for a field key ("first_name"); returns false for a key that is no Field.
  bool AllowsField(Direction direction, std::string_view field_key) const;

  // Returns the number of days the OCMW has to follow up a paused dossier (1..365).
  int FollowUpDays() const { return definition_.follow_up_days; }

  // Returns the last day by which the personal data must be deleted or anonymised:
  // validity.end plus retention.within_days.
  CivilDate DeletionDeadline() const;

  // Returns OK when data may be exchanged on `date`. Otherwise returns
  // kFailedPrecondition with key
  //   "protocol.exchange.not_yet_in_force" (arg 0: id, 1: start, 2: date) before the start,
  //   "protocol.exchange.expired" (arg 0: id, 1: end, 2: date) after the end,
  //   "protocol.exchange.suspended" (arg 0: id) inside the period while `suspended`.
  // Dates are "YYYY-MM-DD". The period is checked first because resuming a suspended
  // exchange cannot help outside it.
  Status CheckExchangeAllowed(CivilDate date, bool suspended) const;

  // Returns OK when the protocol allows `field_key` for `direction` (see AllowsField).
  // Otherwise returns kPermissionDenied with key "protocol.exchange.field_not_allowed"
  // (arg 0: the field key as given, 1: id, 2: the allowed keys for that direction).
  Status CheckFieldAllowed(Direction direction, std::string_view field_key) const;

 private:
  friend class ProtocolLoader;
  explicit Protocol(ProtocolDefinition definition) : definition_(std::move(definition)) {}

  ProtocolDefinition definition_;
};

}  // namespace adempauze::protocol
