// The protocol in the installation and its enforcement: which protocol definition is
// loaded, whether the exchange is suspended, and the gate every exchange passes.
//
// The protocol's TOML text is stored in table `protocols` (docs/formats/database.md). It is
// sealed with the data key because it names people, and its SHA-256 stays in plain text.
// The newest row is the protocol in force. Suspensions and
// resumptions by the data protection officer are rows of `exchange_suspensions`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/result.h"
#include "adempauze/protocol/loader.h"
#include "adempauze/protocol/protocol.h"
#include "adempauze/store/store.h"

namespace adempauze::store {

// The role name the data protection officer acts under.
inline constexpr std::string_view kDataProtectionOfficerRole = "officer";

struct InstalledProtocol {
  std::int64_t row_id = 0;
  protocol::Protocol protocol;
  std::string definition;  // the TOML text as loaded
  std::string sha256;      // 64 lowercase hex digits of `definition`
  std::string loaded_at;
  std::string loaded_by;
};

// The state of the exchange: the protocol in force (if any) and the last suspension.
struct ExchangeState {
  std::optional<InstalledProtocol> installed;
  bool suspended = false;
  std::string suspension_at;      // the last suspend or resume; empty when there was none
  std::string suspension_by;
  std::string suspension_reason;
};

// Returns the lowercase hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

// Validates `toml_text` and stores it as the protocol in force, with an access-log entry
// (action "protocol_load", detail with the protocol id and hash), in one transaction.
// Returns the loader's kInvalidArgument ("protocol.file.invalid") with every problem
// appended to `problems` when the text is not a valid protocol; nothing is stored then.
Result<InstalledProtocol> InstallProtocol(Store& store, std::string_view toml_text,
                                          std::string_view source_name, const Actor& actor,
                                          std::vector<protocol::ProtocolProblem>* problems);

// Reads the protocol in force and the suspension state. Not logged: it reads no personal
// data. Returns kCorrupt ("store.protocol.stored_invalid") when the stored text no longer
// matches its hash or no longer validates.
Result<ExchangeState> ReadExchangeState(Store& store);

// Suspends the exchange (the data protection officer's action), logged with the reason.
// Returns kInvalidArgument ("store.protocol.reason_required") for a blank reason and
// kFailedPrecondition ("store.protocol.already_suspended") when it is suspended already.
Status SuspendExchange(Store& store, std::string_view reason, const Actor& actor);

// Resumes a suspended exchange, logged with the reason. Returns kInvalidArgument
// ("store.protocol.reason_required") for a blank reason and kFailedPrecondition
// ("store.protocol.not_suspended") when the exchange is not suspended.
Status ResumeExchange(Store& store, std::string_view reason, const Actor& actor);

// The exchanges the protocol governs.
enum class Exchange { kImportDebtors, kImportClients, kMatch, kStatusChange, kExport };

// Returns the access-log action of `exchange`: "import_debtors", "import_clients", "match",
// "transition", "export".
std::string_view ExchangeAction(Exchange exchange);

// Decides whether `exchange` may happen on `today` and returns the protocol in force when
// it may. A refusal is logged (outcome "denied") in its own transaction. It returns:
//   kFailedPrecondition "store.protocol.none_loaded" when no protocol is loaded,
//   the protocol's "protocol.exchange.not_yet_in_force", ".expired" or ".suspended",
//   kPermissionDenied "protocol.exchange.field_not_allowed" for a debtor import when the
//     protocol does not list a field the store keeps of a debtor (StoredDebtorFields()).
Result<protocol::Protocol> AuthorizeExchange(Store& store, Exchange exchange, const Actor& actor,
                                             CivilDate today);

// Returns the protocol field keys the store keeps of each debtor: first_name, last_name,
// national_number, street, house_number, dossier_number.
std::vector<std::string_view> StoredDebtorFields();

}  // namespace adempauze::store
