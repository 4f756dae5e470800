// The dossiers a social worker may see: those of debtors who are (or were) confirmed OCMW
// clients, and no others.
//
// A dossier is a client dossier when its status is client_paused, solution_in_progress or
// solution_reached. A resume_collection or closed dossier is one when it was client_paused
// before, unless a second reviewer reversed the match that paused it, because then the
// debtor was never a client. So a dossier closed straight from not_client stays hidden.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "adempauze/common/result.h"
#include "adempauze/store/store.h"
#include "adempauze/workflow/status.h"

namespace adempauze::web {

struct ClientDossierQuery {
  // Part of a dossier number, or words of the first and last name in any order (case and
  // diacritics ignored); empty: no search.
  std::string search;
  std::optional<workflow::DossierStatus> status;
  std::int64_t offset = 0;
  std::int64_t limit = 50;
};

// A list row: the summary and the decrypted name.
struct ClientDossierRow {
  store::DossierSummary summary;
  std::string first_name;
  std::string last_name;
};

struct ClientDossierPage {
  std::int64_t total = 0;  // client dossiers that match the status filter and the search
  std::vector<ClientDossierRow> rows;
};

// Lists one page of client dossiers, sorted by dossier number and batch, with decrypted
// names. A name search decrypts the names of every client dossier in memory; only the page
// leaves this function. Logs the page as one access-log entry (action "list", object
// "client_dossier_list", the debtor ids shown, never the search term) in the same
// transaction. Returns kCrypto when a name fails to decrypt.
// REQUIRES: offset >= 0 and limit >= 1.
Result<ClientDossierPage> ListClientDossiers(store::Store& store, const ClientDossierQuery& query,
                                             const store::Actor& actor);

// Returns the summary of client dossier `debtor_id`. For a dossier that does not exist or
// is not a client dossier it appends an access-log entry with outcome "denied" (action
// `action`, object "dossier") and returns kNotFound ("store.dossier_not_found") in both
// cases, so the response does not reveal whether the dossier exists.
Result<store::DossierSummary> FindClientDossier(store::Store& store, std::int64_t debtor_id,
                                                const store::Actor& actor, std::string_view action);

// Reads client dossier `debtor_id` with store::Store::ReadDossier (logged as a view) after
// FindClientDossier's check, and keeps only the related dossiers that are client dossiers
// too. Returns FindClientDossier's and ReadDossier's errors.
Result<store::DossierDetail> ReadClientDossier(store::Store& store, std::int64_t debtor_id,
                                               const store::Actor& actor);

// Decrypts the names of `summaries`, which the caller has already listed, and logs them
// as one access-log entry (action "list", object `list_name`, the debtor ids). Returns
// kCrypto when a name fails to decrypt.
Result<std::vector<ClientDossierRow>> AddNames(store::Store& store,
                                               std::vector<store::DossierSummary> summaries,
                                               const store::Actor& actor,
                                               std::string_view list_name);

// Returns true when `status` is paused and its follow-up deadline lies before `today`.
bool IsOverdue(const store::DossierSummary& summary, CivilDate today);

}  // namespace adempauze::web
