// Access requests and corrections: the rights of the person.
#include "adempauze/store/person.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "adempauze/crypto/field_cipher.h"

namespace adempauze::store {
namespace {

std::string Trim(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  const std::size_t last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::string_view AsBytes(const crypto::BlindIndex& index) {
  return {reinterpret_cast<const char*>(index.data()), index.size()};
}

Result<std::vector<std::int64_t>> DebtorIds(Database& db, std::string_view blind_index) {
  Result<Statement> query = db.Prepare("SELECT id FROM debtors WHERE blind_index = ?1 ORDER BY id");
  if (!query.ok()) return query.error();
  query->BindBlob(1, blind_index);
  std::vector<std::int64_t> ids;
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    ids.push_back(query->ColumnInt(0));
  }
  return ids;
}

Result<std::vector<ClientRecord>> ReadClients(Store& store, std::string_view blind_index) {
  Result<Statement> query = store.database().Prepare(
      "SELECT id, batch_id, first_name, last_name, street, house_number, postcode, client_reference "
      "FROM clients WHERE blind_index = ?1 ORDER BY id");
  if (!query.ok()) return query.error();
  query->BindBlob(1, blind_index);
  std::vector<ClientRecord> clients;
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    ClientRecord client;
    client.client_id = query->ColumnInt(0);
    client.batch_id = query->ColumnInt(1);
    std::string* targets[] = {&client.first_name, &client.last_name, &client.street,
                              &client.house_number, &client.postcode, &client.client_reference};
    const char* columns[] = {"first_name", "last_name", "street", "house_number", "postcode", "client_reference"};
    for (int i = 0; i < 6; ++i) {
      Result<std::string> plain =
          store.cipher().Open(query->ColumnBlob(2 + i), crypto::FieldPlace{"clients", columns[i], client.client_id});
      if (!plain.ok()) return plain.error();
      *targets[i] = std::move(plain).value();
    }
    clients.push_back(std::move(client));
  }
  return clients;
}

Result<std::vector<MatchRecord>> ReadMatches(Database& db, std::int64_t debtor_id) {
  Result<Statement> query = db.Prepare(
      "SELECT debtor_id, client_id, method, score, decision, decided_by, decided_at FROM matches "
      "WHERE debtor_id = ?1 ORDER BY id");
  if (!query.ok()) return query.error();
  query->Bind(1, debtor_id);
  std::vector<MatchRecord> matches;
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    MatchRecord match{query->ColumnInt(0), std::nullopt, query->ColumnText(2), query->ColumnDouble(3),
                      query->ColumnText(4), query->ColumnText(5), query->ColumnText(6)};
    if (!query->ColumnIsNull(1)) match.client_id = query->ColumnInt(1);
    matches.push_back(std::move(match));
  }
  return matches;
}

Result<std::vector<CorrectionRecord>> ReadCorrections(Store& store, std::int64_t debtor_id) {
  Result<Statement> query = store.database().Prepare(
      "SELECT id, field, old_value, reason, actor, at FROM dossier_corrections WHERE debtor_id = ?1 ORDER BY id");
  if (!query.ok()) return query.error();
  query->Bind(1, debtor_id);
  std::vector<CorrectionRecord> corrections;
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    const std::int64_t id = query->ColumnInt(0);
    Result<std::string> old_value =
        store.cipher().Open(query->ColumnBlob(2), crypto::FieldPlace{"dossier_corrections", "old_value", id});
    if (!old_value.ok()) return old_value.error();
    Result<std::string> reason =
        store.cipher().Open(query->ColumnBlob(3), crypto::FieldPlace{"dossier_corrections", "reason", id});
    if (!reason.ok()) return reason.error();
    corrections.push_back(CorrectionRecord{id, debtor_id, query->ColumnText(1), std::move(old_value).value(),
                                           std::move(reason).value(), query->ColumnText(4), query->ColumnText(5)});
  }
  return corrections;
}

}  // namespace

bool IsCorrectableField(std::string_view field) {
  return field == "first_name" || field == "last_name" || field == "street" || field == "house_number";
}

Result<std::string> DebtorSubject(Store& store, std::int64_t debtor_id) {
  Result<Statement> query = store.database().Prepare("SELECT national_number FROM debtors WHERE id = ?1");
  if (!query.ok()) return query.error();
  query->Bind(1, debtor_id);
  Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  if (!*row) return MakeError(ErrorCode::kNotFound, "store.dossier_not_found", debtor_id);
  Result<std::string> number =
      store.cipher().Open(query->ColumnBlob(0), crypto::FieldPlace{"debtors", "national_number", debtor_id});
  if (!number.ok()) return number.error();
  return SubjectPseudonym(store.keys(), *number);
}

Result<PersonRecord> ReadPerson(Store& store, std::string_view digits, const Actor& actor) {
  const crypto::BlindIndex index = crypto::ComputeBlindIndex(store.keys(), digits);
  PersonRecord person;
  person.subject = SubjectPseudonym(store.keys(), digits);

  // Step 1: the dossiers, each read through ReadDossier so each read is logged.
  Result<std::vector<std::int64_t>> debtor_ids = DebtorIds(store.database(), AsBytes(index));
  if (!debtor_ids.ok()) return debtor_ids.error();
  for (std::int64_t debtor_id : *debtor_ids) {
    Result<DossierDetail> detail = store.ReadDossier(debtor_id, actor);
    if (!detail.ok()) return detail.error();
    person.dossiers.push_back(std::move(detail).value());
  }

  // Step 2: client rows, matches and corrections, read and logged in one transaction.
  Result<Transaction> transaction = Transaction::Begin(store.database());
  if (!transaction.ok()) return transaction.error();
  Result<std::vector<ClientRecord>> clients = ReadClients(store, AsBytes(index));
  if (!clients.ok()) return clients.error();
  person.clients = std::move(clients).value();
  for (std::int64_t debtor_id : *debtor_ids) {
    Result<std::vector<MatchRecord>> matches = ReadMatches(store.database(), debtor_id);
    if (!matches.ok()) return matches.error();
    person.matches.insert(person.matches.end(), matches->begin(), matches->end());
    Result<std::vector<CorrectionRecord>> corrections = ReadCorrections(store, debtor_id);
    if (!corrections.ok()) return corrections.error();
    person.corrections.insert(person.corrections.end(), corrections->begin(), corrections->end());
  }

  AccessEntry entry{0, "", actor.name, actor.role, "access_request", "person", "-", actor.purpose, "ok",
                    fmt::format("dossiers={} client_rows={} matches={} corrections={}", person.dossiers.size(),
                                person.clients.size(), person.matches.size(), person.corrections.size())};
  if (Result<std::int64_t> logged = store.access_log().Append(entry, person.subject); !logged.ok()) return logged.error();
  if (Status status = transaction->Commit(); !status.ok()) return status.error();
  return person;
}

Result<std::int64_t> CorrectDossierField(Store& store, const CorrectionRequest& request) {
  // Step 1: check the request.
  if (!IsCorrectableField(request.field)) {
    return MakeError(ErrorCode::kInvalidArgument, "store.person.field_not_correctable", request.field);
  }
  const std::string value = Trim(request.value);
  if (value.empty()) return MakeError(ErrorCode::kInvalidArgument, "store.person.value_required", request.field);
  if (Trim(request.reason).empty()) return MakeError(ErrorCode::kInvalidArgument, "store.person.reason_required");

  // Step 2: read the old value inside the write transaction.
  Database& db = store.database();
  Result<Transaction> transaction = Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();
  // The column name comes from IsCorrectableField's fixed list, never from user text.
  Result<Statement> query =
      db.Prepare(fmt::format("SELECT {}, dossier_number FROM debtors WHERE id = ?1", request.field));
  if (!query.ok()) return query.error();
  query->Bind(1, request.debtor_id);
  Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  if (!*row) return MakeError(ErrorCode::kNotFound, "store.dossier_not_found", request.debtor_id);
  Result<std::string> old_value =
      store.cipher().Open(query->ColumnBlob(0), crypto::FieldPlace{"debtors", request.field, request.debtor_id});
  if (!old_value.ok()) return old_value.error();
  const std::string dossier_number = query->ColumnText(1);

  // Step 3: seal the old value in the corrections table, then replace the field.
  Result<std::int64_t> correction_id = NextRowId(db, "dossier_corrections");
  if (!correction_id.ok()) return correction_id.error();
  Result<Statement> insert = db.Prepare(
      "INSERT INTO dossier_corrections (id, debtor_id, field, old_value, reason, actor, role, at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!insert.ok()) return insert.error();
  insert->Bind(1, *correction_id)
      .Bind(2, request.debtor_id)
      .BindText(3, request.field)
      .BindBlob(4, store.cipher().Seal(*old_value, {"dossier_corrections", "old_value", *correction_id}))
      .BindBlob(5, store.cipher().Seal(request.reason, {"dossier_corrections", "reason", *correction_id}))
      .BindText(6, request.actor.name)
      .BindText(7, request.actor.role)
      .BindText(8, store.Now());
  if (Status status = insert->Run(); !status.ok()) return status.error();
  Result<Statement> update =
      db.Prepare(fmt::format("UPDATE debtors SET {} = ?1, version = version + 1 WHERE id = ?2", request.field));
  if (!update.ok()) return update.error();
  update->BindBlob(1, store.cipher().Seal(value, {"debtors", request.field, request.debtor_id}))
      .Bind(2, request.debtor_id);
  if (Status status = update->Run(); !status.ok()) return status.error();

  // Step 4: log it with the person as subject, then commit.
  Result<std::string> subject = DebtorSubject(store, request.debtor_id);
  if (!subject.ok()) return subject.error();
  AccessEntry entry{0, "", request.actor.name, request.actor.role, "correct", "dossier", dossier_number,
                    request.actor.purpose, "ok",
                    fmt::format("debtor_id={} field={} correction_id={}", request.debtor_id, request.field,
                                *correction_id)};
  if (Result<std::int64_t> logged = store.access_log().Append(entry, *subject); !logged.ok()) return logged.error();
  if (Status status = transaction->Commit(); !status.ok()) return status.error();
  spdlog::info("person: debtor {} field {} corrected (correction {})", request.debtor_id, request.field,
               *correction_id);
  return *correction_id;
}

}  // namespace adempauze::store
