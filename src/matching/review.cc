#include "adempauze/matching/review.h"

#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "adempauze/matching/probable.h"
#include "matching/sealed_people.h"

namespace adempauze::matching {
namespace {

using workflow::DossierStatus;

constexpr std::string_view kItemColumns =
    "q.id, q.debtor_id, q.client_id, d.dossier_number, d.status, q.score, q.contributions, q.state, "
    "COALESCE(q.decided_by, ''), COALESCE(q.decided_at, ''), COALESCE(q.reversed_by, ''), "
    "COALESCE(q.reversed_at, ''), q.attention, q.reason, q.reversal_reason, COALESCE(q.withdrawn_at, ''), "
    "q.withdrawn_by_batch";

std::optional<fuzzy::Field> ParseField(std::string_view code) {
  for (fuzzy::Field field : fuzzy::kAllFields) {
    if (fuzzy::FieldCode(field) == code) return field;
  }
  return std::nullopt;
}

std::optional<fuzzy::Level> ParseLevel(std::string_view code) {
  for (int i = 0; i < static_cast<int>(fuzzy::kLevelCount); ++i) {
    if (fuzzy::LevelCode(static_cast<fuzzy::Level>(i)) == code) return static_cast<fuzzy::Level>(i);
  }
  return std::nullopt;
}

ReviewState ParseState(std::string_view id) {
  if (id == "confirmed") return ReviewState::kConfirmed;
  if (id == "rejected") return ReviewState::kRejected;
  if (id == "withdrawn") return ReviewState::kWithdrawn;
  return ReviewState::kPending;
}

std::vector<FieldEvidence> ParseEvidence(const std::string& json) {
  std::vector<FieldEvidence> evidence;
  nlohmann::json document = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!document.is_object() || !document.contains("fields")) return evidence;
  for (const nlohmann::json& entry : document["fields"]) {
    if (!entry.is_object()) continue;
    std::optional<fuzzy::Field> field = ParseField(entry.value("field", ""));
    std::optional<fuzzy::Level> level = ParseLevel(entry.value("level", ""));
    if (field && level) evidence.push_back({*field, *level, entry.value("weight", 0.0)});
  }
  return evidence;
}

ReviewItem ItemFromRow(const store::Statement& row) {
  ReviewItem item;
  item.id = row.ColumnInt(0);
  item.debtor_id = row.ColumnInt(1);
  if (!row.ColumnIsNull(2)) item.client_id = row.ColumnInt(2);
  item.dossier_number = row.ColumnText(3);
  item.dossier_status = row.ColumnText(4);
  item.score = row.ColumnDouble(5);
  item.fields = ParseEvidence(row.ColumnText(6));
  item.state = ParseState(row.ColumnText(7));
  item.decided_by = row.ColumnText(8);
  item.decided_at = row.ColumnText(9);
  item.reversed_by = row.ColumnText(10);
  item.reversed_at = row.ColumnText(11);
  item.attention = row.ColumnInt(12) != 0;
  item.withdrawn_at = row.ColumnText(15);
  if (!row.ColumnIsNull(16)) item.withdrawn_by_batch = row.ColumnInt(16);
  return item;
}

Status AppendLog(store::Store& store, const store::Actor& actor, std::string_view action,
                 std::string_view object_type, std::string_view object_id, std::string detail) {
  store::AccessEntry entry;
  entry.actor = actor.name;
  entry.role = actor.role;
  entry.action = action;
  entry.object_type = object_type;
  entry.object_id = object_id;
  entry.purpose = actor.purpose;
  entry.outcome = "ok";
  entry.detail = std::move(detail);
  Result<std::int64_t> logged = store.access_log().Append(entry);
  if (!logged.ok()) return logged.error();
  return Status::Ok();
}

// Reads the entry without its sealed reasons. Returns kNotFound ("matching.review.not_found").
Result<ReviewItem> ReadItem(store::Database& db, std::int64_t id) {
  Result<store::Statement> query = db.Prepare(fmt::format(
      "SELECT {} FROM review_queue q JOIN debtors d ON d.id = q.debtor_id WHERE q.id = ?1", kItemColumns));
  if (!query.ok()) return query.error();
  query->Bind(1, id);
  Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  if (!*row) return MakeError(ErrorCode::kNotFound, "matching.review.not_found", id);
  return ItemFromRow(*query);
}

Result<workflow::DossierState> ReadDossierState(store::Database& db, std::int64_t debtor_id) {
  Result<store::Statement> query =
      db.Prepare("SELECT id, dossier_number, status, version, follow_up_deadline FROM debtors WHERE id = ?1");
  if (!query.ok()) return query.error();
  query->Bind(1, debtor_id);
  Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  if (!*row) return MakeError(ErrorCode::kNotFound, "matching.review.record_gone", debtor_id);
  workflow::DossierState state;
  state.debtor_id = query->ColumnInt(0);
  state.dossier_number = query->ColumnText(1);
  state.status = workflow::ParseStatus(query->ColumnText(2)).value_or(DossierStatus::kReceived);
  state.version = query->ColumnInt(3);
  if (!query->ColumnIsNull(4)) state.follow_up_deadline = CivilDate::FromIso(query->ColumnText(4));
  return state;
}

bool IsBlank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// Returns whether the entry's client row is still on the current client list. The import of
// a new list withdraws the pending entries whose rows it deletes, and ON DELETE SET NULL
// clears client_id, but the row itself is what a confirm needs.
Result<bool> ClientExists(store::Database& db, const ReviewItem& item) {
  if (!item.client_id) return false;
  Result<store::Statement> query = db.Prepare("SELECT EXISTS (SELECT 1 FROM clients WHERE id = ?1)");
  if (!query.ok()) return query.error();
  query->Bind(1, *item.client_id);
  Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  return *row && query->ColumnInt(0) != 0;
}

Error WithdrawnError(const ReviewItem& item) {
  return MakeError(ErrorCode::kFailedPrecondition, "matching.review.withdrawn", item.id, item.withdrawn_at);
}

// Moves the dossier to client_paused and records the fuzzy match as accepted.
Result<workflow::StatusChange> PauseAsClient(store::Store& store, const ReviewItem& item,
                                             const ReviewDecision& decision,
                                             const workflow::WorkflowOptions& options) {
  Result<workflow::DossierState> state = ReadDossierState(store.database(), item.debtor_id);
  if (!state.ok()) return state.error();
  Result<workflow::StatusWriter> writer = workflow::StatusWriter::Create(store, options);
  if (!writer.ok()) return writer.error();
  Result<workflow::StatusChange> change = writer->Apply(*state, DossierStatus::kClientPaused, "match.fellegi_sunter",
                                                        decision.reason, decision.actor, decision.today);
  if (!change.ok()) return change.error();
  Result<store::Statement> insert = store.database().Prepare(
      "INSERT INTO matches (debtor_id, client_id, method, score, decision, decided_by, decided_at) "
      "VALUES (?1, ?2, ?3, ?4, 'accepted', ?5, ?6)");
  if (!insert.ok()) return insert.error();
  insert->Bind(1, item.debtor_id)
      .Bind(2, *item.client_id)
      .BindText(3, kFellegiSunterMethod)
      .Bind(4, item.score)
      .BindText(5, decision.actor.name)
      .BindText(6, store.Now());
  if (Status status = insert->Run(); !status.ok()) return status.error();
  return change;
}

// Confirm and reject share everything but the state and the dossier's move.
Result<ReviewOutcome> Decide(store::Store& store, const ReviewDecision& decision, ReviewState to,
                             const workflow::WorkflowOptions& options) {
  if (IsBlank(decision.reason)) return MakeError(ErrorCode::kInvalidArgument, "matching.review.reason_required");
  store::Database& db = store.database();
  Result<store::Transaction> transaction = store::Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();
  Result<ReviewItem> item = ReadItem(db, decision.id);
  if (!item.ok()) return item.error();
  if (item->state == ReviewState::kWithdrawn) return WithdrawnError(*item);
  if (item->state != ReviewState::kPending) {
    return MakeError(ErrorCode::kFailedPrecondition, "matching.review.not_pending", decision.id,
                     ReviewStateId(item->state));
  }
  ReviewOutcome outcome;
  outcome.state = to;
  if (to == ReviewState::kConfirmed) {
    Result<bool> client_exists = ClientExists(db, *item);
    if (!client_exists.ok()) return client_exists.error();
    if (!*client_exists) {
      return MakeError(ErrorCode::kFailedPrecondition, "matching.review.client_gone", decision.id);
    }
    Result<workflow::StatusChange> change = PauseAsClient(store, *item, decision, options);
    if (!change.ok()) return change.error();
    outcome.change = *change;
  }

  Result<store::Statement> update = db.Prepare(
      "UPDATE review_queue SET state = ?2, decided_by = ?3, decided_at = ?4, reason = ?5 WHERE id = ?1");
  if (!update.ok()) return update.error();
  update->Bind(1, decision.id)
      .BindText(2, ReviewStateId(to))
      .BindText(3, decision.actor.name)
      .BindText(4, store.Now())
      .BindBlob(5, store.cipher().Seal(decision.reason, crypto::FieldPlace{"review_queue", "reason", decision.id}));
  if (Status status = update->Run(); !status.ok()) return status.error();
  const std::string_view action = to == ReviewState::kConfirmed ? "review_confirm" : "review_reject";
  if (Status logged = AppendLog(store, decision.actor, action, "review_item", std::to_string(decision.id),
                                fmt::format("debtor={} score={:.2f}", item->debtor_id, item->score));
      !logged.ok()) {
    return logged.error();
  }
  if (Status committed = transaction->Commit(); !committed.ok()) return committed.error();
  spdlog::info("review: item {} {} by the reviewer", decision.id, ReviewStateId(to));
  return outcome;
}

// Undoes a confirm: collection resumes when the dossier is still paused; otherwise a person
// must look at it.
Result<ReviewOutcome> UndoConfirm(store::Store& store, const ReviewItem& item, const ReviewDecision& decision,
                                  const workflow::WorkflowOptions& options) {
  ReviewOutcome outcome;
  outcome.state = ReviewState::kConfirmed;
  Result<workflow::DossierState> state = ReadDossierState(store.database(), item.debtor_id);
  if (!state.ok()) return state.error();
  if (state->status != DossierStatus::kClientPaused && state->status != DossierStatus::kSolutionInProgress) {
    outcome.attention = true;
    return outcome;
  }
  Result<workflow::StatusWriter> writer = workflow::StatusWriter::Create(store, options);
  if (!writer.ok()) return writer.error();
  Result<workflow::StatusChange> change = writer->Apply(*state, DossierStatus::kResumeCollection, "review.reversed",
                                                        decision.reason, decision.actor, decision.today);
  if (!change.ok()) return change.error();
  outcome.change = *change;
  Result<store::Statement> update = store.database().Prepare(
      "UPDATE matches SET decision = 'reversed' WHERE debtor_id = ?1 AND method = ?2 AND decision = 'accepted'");
  if (!update.ok()) return update.error();
  update->Bind(1, item.debtor_id).BindText(2, kFellegiSunterMethod);
  if (Status status = update->Run(); !status.ok()) return status.error();
  return outcome;
}

// Undoes a reject: the second reviewer's view counts as a confirm while the dossier is open.
Result<ReviewOutcome> UndoReject(store::Store& store, const ReviewItem& item, const ReviewDecision& decision,
                                 const workflow::WorkflowOptions& options) {
  ReviewOutcome outcome;
  outcome.state = ReviewState::kRejected;
  Result<workflow::DossierState> state = ReadDossierState(store.database(), item.debtor_id);
  if (!state.ok()) return state.error();
  const bool open = state->status == DossierStatus::kReceived || state->status == DossierStatus::kNotClient;
  Result<bool> client_exists = ClientExists(store.database(), item);
  if (!client_exists.ok()) return client_exists.error();
  if (!open || !*client_exists) {
    outcome.attention = true;
    return outcome;
  }
  Result<workflow::StatusChange> change = PauseAsClient(store, item, decision, options);
  if (!change.ok()) return change.error();
  outcome.change = *change;
  return outcome;
}

// Lists the entries that `where` selects, in `order`, with masked names, and logs the
// listing (action "list", object "review_queue", id `listing`) in the same transaction.
Result<std::vector<ReviewItem>> ListItems(store::Store& store, const store::Actor& actor, std::string_view where,
                                          std::string_view order, std::string_view listing) {
  store::Database& db = store.database();
  Result<store::Transaction> transaction = store::Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();
  Result<store::Statement> query = db.Prepare(fmt::format(
      "SELECT {} FROM review_queue q JOIN debtors d ON d.id = q.debtor_id WHERE {} ORDER BY {}", kItemColumns,
      where, order));
  if (!query.ok()) return query.error();
  std::vector<ReviewItem> items;
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    items.push_back(ItemFromRow(*query));
  }

  // Names are decrypted one record at a time and only their masked form leaves this function.
  for (ReviewItem& item : items) {
    Result<fuzzy::Person> debtor = internal::ReadPerson(store, "debtors", item.debtor_id);
    if (!debtor.ok()) return debtor.error();
    item.debtor_name_masked = MaskName(debtor->first_name + " " + debtor->last_name);
    if (!item.client_id) continue;
    Result<fuzzy::Person> client = internal::ReadPerson(store, "clients", *item.client_id);
    if (!client.ok()) return client.error();
    item.client_name_masked = MaskName(client->first_name + " " + client->last_name);
  }
  if (Status logged = AppendLog(store, actor, "list", "review_queue", listing, fmt::format("items={}", items.size()));
      !logged.ok()) {
    return logged.error();
  }
  if (Status committed = transaction->Commit(); !committed.ok()) return committed.error();
  return items;
}

}  // namespace

std::string_view ReviewStateId(ReviewState state) {
  switch (state) {
    case ReviewState::kPending: return "pending";
    case ReviewState::kConfirmed: return "confirmed";
    case ReviewState::kRejected: return "rejected";
    case ReviewState::kWithdrawn: return "withdrawn";
  }
  return "pending";
}

std::string MaskName(std::string_view name) {
  std::string masked;
  bool word_start = true;
  for (std::size_t i = 0; i < name.size();) {
    const unsigned char byte = static_cast<unsigned char>(name[i]);
    // One UTF-8 code point: its lead byte and continuation bytes.
    std::size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : 4;
    length = std::min(length, name.size() - i);
    const bool separator = byte == ' ' || byte == '-' || byte == '\'';
    if (separator) {
      masked += name[i];
      word_start = true;
    } else if (word_start) {
      masked.append(name.substr(i, length));
      word_start = false;
    } else {
      masked += '*';
    }
    i += length;
  }
  return masked;
}

Result<std::vector<ReviewItem>> ListPendingReviews(store::Store& store, const store::Actor& actor) {
  return ListItems(store, actor, "q.state = 'pending'", "q.score DESC, q.id", "pending");
}

Result<std::vector<ReviewItem>> ListDecidedReviews(store::Store& store, const store::Actor& actor) {
  return ListItems(store, actor, "q.state IN ('confirmed', 'rejected') AND q.reversed_by IS NULL",
                   "q.decided_at DESC, q.id DESC", "decided");
}

Result<ReviewDetail> ReadReview(store::Store& store, std::int64_t id, const store::Actor& actor) {
  store::Database& db = store.database();
  Result<store::Transaction> transaction = store::Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();
  Result<store::Statement> query = db.Prepare(fmt::format(
      "SELECT {} FROM review_queue q JOIN debtors d ON d.id = q.debtor_id WHERE q.id = ?1", kItemColumns));
  if (!query.ok()) return query.error();
  query->Bind(1, id);
  Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  if (!*row) return MakeError(ErrorCode::kNotFound, "matching.review.not_found", id);
  ReviewDetail detail;
  detail.item = ItemFromRow(*query);
  for (auto [column, target, name] : {std::tuple{13, &detail.reason, "reason"},
                                      std::tuple{14, &detail.reversal_reason, "reversal_reason"}}) {
    if (query->ColumnIsNull(column)) continue;
    Result<std::string> text = store.cipher().Open(query->ColumnBlob(column), crypto::FieldPlace{"review_queue", name, id});
    if (!text.ok()) return text.error();
    *target = std::move(text).value();
  }

  Result<fuzzy::Person> debtor = internal::ReadPerson(store, "debtors", detail.item.debtor_id);
  if (!debtor.ok()) return debtor.error();
  detail.debtor = std::move(debtor).value();
  if (detail.item.client_id) {
    Result<fuzzy::Person> client = internal::ReadPerson(store, "clients", *detail.item.client_id);
    if (!client.ok()) return client.error();
    detail.client = std::move(client).value();
  }
  if (Status logged = AppendLog(store, actor, "view", "review_item", std::to_string(id),
                                fmt::format("debtor={}", detail.item.debtor_id));
      !logged.ok()) {
    return logged.error();
  }
  if (Status committed = transaction->Commit(); !committed.ok()) return committed.error();
  return detail;
}

Result<ReviewOutcome> ConfirmReview(store::Store& store, const ReviewDecision& decision,
                                    const workflow::WorkflowOptions& options) {
  return Decide(store, decision, ReviewState::kConfirmed, options);
}

Result<ReviewOutcome> RejectReview(store::Store& store, const ReviewDecision& decision) {
  return Decide(store, decision, ReviewState::kRejected, {});
}

Result<ReviewOutcome> ReverseReview(store::Store& store, const ReviewDecision& decision,
                                    const workflow::WorkflowOptions& options) {
  if (IsBlank(decision.reason)) return MakeError(ErrorCode::kInvalidArgument, "matching.review.reason_required");
  store::Database& db = store.database();
  Result<store::Transaction> transaction = store::Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();
  Result<ReviewItem> item = ReadItem(db, decision.id);
  if (!item.ok()) return item.error();
  if (item->state == ReviewState::kWithdrawn) return WithdrawnError(*item);
  if (item->state == ReviewState::kPending) {
    return MakeError(ErrorCode::kFailedPrecondition, "matching.review.not_decided", decision.id);
  }
  if (!item->reversed_by.empty()) {
    return MakeError(ErrorCode::kFailedPrecondition, "matching.review.already_reversed", decision.id,
                     item->reversed_by);
  }
  if (item->decided_by == decision.actor.name) {
    return MakeError(ErrorCode::kPermissionDenied, "matching.review.same_reviewer", decision.id, item->decided_by);
  }

  Result<ReviewOutcome> outcome = item->state == ReviewState::kConfirmed
                                      ? UndoConfirm(store, *item, decision, options)
                                      : UndoReject(store, *item, decision, options);
  if (!outcome.ok()) return outcome.error();
  Result<store::Statement> update = db.Prepare(
      "UPDATE review_queue SET reversed_by = ?2, reversed_at = ?3, reversal_reason = ?4, attention = ?5 "
      "WHERE id = ?1");
  if (!update.ok()) return update.error();
  update->Bind(1, decision.id)
      .BindText(2, decision.actor.name)
      .BindText(3, store.Now())
      .BindBlob(4, store.cipher().Seal(decision.reason, crypto::FieldPlace{"review_queue", "reversal_reason", decision.id}))
      .Bind(5, static_cast<std::int64_t>(outcome->attention ? 1 : 0));
  if (Status status = update->Run(); !status.ok()) return status.error();
  if (Status logged = AppendLog(store, decision.actor, "review_reverse", "review_item", std::to_string(decision.id),
                                fmt::format("debtor={} was={} attention={}", item->debtor_id,
                                            ReviewStateId(item->state), outcome->attention ? 1 : 0));
      !logged.ok()) {
    return logged.error();
  }
  if (Status committed = transaction->Commit(); !committed.ok()) return committed.error();
  return outcome;
}

}  // namespace adempauze::matching
