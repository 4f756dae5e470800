// The rights of the person: an access request (everything held on one national number)
// and the correction of a dossier field with the old value kept in the history.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adempauze/common/result.h"
#include "adempauze/store/store.h"

namespace adempauze::store {

// A row of the current or an older OCMW client list, decrypted.
struct ClientRecord {
  std::int64_t client_id = 0;
  std::int64_t batch_id = 0;
  std::string first_name;
  std::string last_name;
  std::string street;
  std::string house_number;
  std::string postcode;
  std::string client_reference;
};

struct MatchRecord {
  std::int64_t debtor_id = 0;
  std::optional<std::int64_t> client_id;  // nullopt when the client list was replaced
  std::string method;
  double score = 0;
  std::string decision;
  std::string decided_by;
  std::string decided_at;
};

// One correction of a dossier field; the old value and the reason are decrypted.
struct CorrectionRecord {
  std::int64_t correction_id = 0;
  std::int64_t debtor_id = 0;
  std::string field;
  std::string old_value;
  std::string reason;
  std::string actor;
  std::string at;
};

// Everything the installation holds on one national number.
struct PersonRecord {
  std::string subject;                  // SubjectPseudonym() of the number
  std::vector<DossierDetail> dossiers;  // every batch, oldest first
  std::vector<ClientRecord> clients;
  std::vector<MatchRecord> matches;
  std::vector<CorrectionRecord> corrections;
};

// Collects everything held on `digits` (the 11-digit canonical national number): dossiers
// with fields and history (each read logged as a "view"), client-list rows, matches and
// corrections, and logs the request as one "access_request" entry with the person as
// subject. Dossiers and clients stored without a valid number cannot be found by it.
// REQUIRES: `digits` is 11 digits.
Result<PersonRecord> ReadPerson(Store& store, std::string_view digits, const Actor& actor);

// Returns the SubjectPseudonym of the debtor's stored national number, decrypting it.
// Returns kNotFound ("store.dossier_not_found") or kCrypto.
Result<std::string> DebtorSubject(Store& store, std::int64_t debtor_id);

// The fields a correction may change.
// Returns true for "first_name", "last_name", "street" and "house_number".
bool IsCorrectableField(std::string_view field);

struct CorrectionRequest {
  std::int64_t debtor_id = 0;
  std::string field;   // IsCorrectableField
  std::string value;   // the corrected value, trimmed
  std::string reason;  // required
  Actor actor;
};

// Replaces one field of a dossier and keeps the old value sealed in dossier_corrections,
// with an access-log entry ("correct", subject set), in one transaction. The dossier's
// version goes up by one. Returns the correction id, or kInvalidArgument
// ("store.person.field_not_correctable", "store.person.value_required",
// "store.person.reason_required"), kNotFound, kCrypto.
Result<std::int64_t> CorrectDossierField(Store& store, const CorrectionRequest& request);

}  // namespace adempauze::store
