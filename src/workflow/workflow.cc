#include "adempauze/workflow/workflow.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "adempauze/store/person.h"

namespace adempauze::workflow {
namespace {

bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isspace(c) != 0; });
}

// Returns the deadline after moving from `from` to `to`: a new one when entering
// client_paused, the old one while the city's flag stays "cliënt OCMW"
// (solution_in_progress, solution_reached), none otherwise. A reached solution keeps the
// deadline because the city's pause list shows the same date for every "cliënt OCMW"
// dossier, and clearing it there would tell the city that a solution was reached.
std::optional<CivilDate> DeadlineAfter(const DossierState& state, DossierStatus to, CivilDate today,
                                       int follow_up_days) {
  if (to == DossierStatus::kClientPaused) {
    return CivilDate::FromDaysSinceEpoch(today.DaysSinceEpoch() + follow_up_days);
  }
  if (IsPaused(to) || to == DossierStatus::kSolutionReached) return state.follow_up_deadline;
  return std::nullopt;
}

Result<DossierState> ReadState(store::Database& db, std::int64_t debtor_id) {
  Result<store::Statement> query = db.Prepare(
      "SELECT dossier_number, status, version, follow_up_deadline FROM debtors WHERE id = ?1");
  if (!query.ok()) return query.error();
  query->Bind(1, debtor_id);
  Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  if (!*row) return MakeError(ErrorCode::kNotFound, "store.dossier_not_found", debtor_id);
  std::optional<DossierStatus> status = ParseStatus(query->ColumnText(1));
  if (!status) {
    return MakeError(ErrorCode::kCorrupt, "workflow.unknown_status", query->ColumnText(0),
                     query->ColumnText(1));
  }
  DossierState state{debtor_id, query->ColumnText(0), *status, query->ColumnInt(2), std::nullopt};
  if (!query->ColumnIsNull(3)) state.follow_up_deadline = CivilDate::FromIso(query->ColumnText(3));
  return state;
}

// True for the refusals that LogRefusedChange records: the dossier exists, and the change was
// refused because of its state.
bool IsRefusal(const Error& error) {
  return error.message_key == "workflow.stale_version" || error.message_key == "workflow.stale_version_current" ||
         error.message_key == "workflow.transition_not_allowed";
}

// Applies a person's change in its own transaction. ChangeStatus documents the errors.
Result<StatusChange> ApplyRequest(store::Store& store, const ChangeRequest& request, const WorkflowOptions& options) {
  Result<store::Transaction> transaction = store::Transaction::Begin(store.database());
  if (!transaction.ok()) return transaction.error();
  Result<DossierState> state = ReadState(store.database(), request.debtor_id);
  if (!state.ok()) return state.error();

  // A stale version means another user changed the dossier after this one read it.
  if (request.expected_version && *request.expected_version != state->version) {
    return MakeError(ErrorCode::kConflict, "workflow.stale_version_current", state->dossier_number,
                     *request.expected_version, state->version);
  }

  Result<StatusWriter> writer = StatusWriter::Create(store, options);
  if (!writer.ok()) return writer.error();
  Result<StatusChange> change = writer->Apply(*state, request.to, kManualReason, request.reason,
                                              request.actor, request.today);
  if (!change.ok()) return change;

  store::AccessEntry entry{0, "", request.actor.name, request.actor.role, "transition", "dossier",
                           state->dossier_number, request.actor.purpose, "ok",
                           fmt::format("debtor_id={} from={} to={} version={}", request.debtor_id,
                                       StatusId(change->from), StatusId(change->to),
                                       change->new_version)};
  Result<std::string> subject = store::DebtorSubject(store, request.debtor_id);
  if (!subject.ok()) return subject.error();
  if (Result<std::int64_t> logged = store.access_log().Append(entry, *subject); !logged.ok()) {
    return logged.error();
  }
  if (Status committed = transaction->Commit(); !committed.ok()) return committed.error();
  return change;
}

// Returns the identifiers of the statuses reachable from `from`, as typed on the command
// line ("not_client, client_paused"), or "-" for a final status.
std::string AllowedList(DossierStatus from) {
  std::string list;
  for (DossierStatus target : AllowedTargets(from)) {
    if (!list.empty()) list += ", ";
    list += StatusId(target);
  }
  return list.empty() ? "-" : list;
}

}  // namespace

Result<StatusWriter> StatusWriter::Create(store::Store& store, WorkflowOptions options) {
  store::Database& db = store.database();
  Result<store::Statement> update = db.Prepare(
      "UPDATE debtors SET status = ?1, status_changed_at = ?2, follow_up_deadline = ?3, "
      "version = version + 1 WHERE id = ?4 AND version = ?5");
  if (!update.ok()) return update.error();
  Result<store::Statement> insert_event = db.Prepare(
      "INSERT INTO dossier_events (id, debtor_id, from_status, to_status, actor, role, at, "
      "reason_code, reason, follow_up_deadline) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!insert_event.ok()) return insert_event.error();
  Result<std::int64_t> next_event_id = store::NextRowId(db, "dossier_events");
  if (!next_event_id.ok()) return next_event_id.error();
  StatusWriter writer(store, options, std::move(update).value(), std::move(insert_event).value(),
                      *next_event_id);
  writer.now_ = store.Now();
  return writer;
}

Result<StatusChange> StatusWriter::Apply(const DossierState& state, DossierStatus to,
                                         std::string_view reason_code, std::string_view reason,
                                         const store::Actor& actor, CivilDate today) {
  // The table decides; the same check guards people and the system.
  if (!IsAllowed(state.status, to)) {
    return MakeError(ErrorCode::kFailedPrecondition, "workflow.transition_not_allowed",
                     state.dossier_number, StatusId(state.status), StatusId(to), AllowedList(state.status));
  }
  const std::optional<CivilDate> deadline = DeadlineAfter(state, to, today, options_.follow_up_days);

  // Optimistic locking: the update matches only the version the caller read.
  update_.BindText(1, StatusId(to)).BindText(2, now_);
  if (deadline) {
    update_.BindText(3, deadline->ToIso());
  } else {
    update_.BindNull(3);
  }
  update_.Bind(4, state.debtor_id).Bind(5, state.version);
  if (Status status = update_.Run(); !status.ok()) return status.error();
  if (store_->database().Changes() != 1) {
    return MakeError(ErrorCode::kConflict, "workflow.stale_version", state.dossier_number,
                     state.version);
  }

  // The history entry; a person's reason is sealed because it may mention the debtor.
  const std::int64_t event_id = next_event_id_++;
  insert_event_.Bind(1, event_id)
      .Bind(2, state.debtor_id)
      .BindText(3, StatusId(state.status))
      .BindText(4, StatusId(to))
      .BindText(5, actor.name)
      .BindText(6, actor.role)
      .BindText(7, now_)
      .BindText(8, reason_code);
  if (reason.empty()) {
    insert_event_.BindNull(9);
  } else {
    insert_event_.BindBlob(9, store_->cipher().Seal(reason, crypto::FieldPlace{"dossier_events", "reason", event_id}));
  }
  if (deadline) {
    insert_event_.BindText(10, deadline->ToIso());
  } else {
    insert_event_.BindNull(10);
  }
  if (Status status = insert_event_.Run(); !status.ok()) return status.error();
  return StatusChange{state.status, to, state.version + 1, deadline};
}

Result<StatusChange> ChangeStatus(store::Store& store, const ChangeRequest& request,
                                  const WorkflowOptions& options) {
  // A person must say why; the reason is kept in the history.
  if (IsBlank(request.reason)) {
    return MakeError(ErrorCode::kInvalidArgument, "workflow.reason_required");
  }

  // The change rolls back on failure. A refusal is then logged in a transaction of its own,
  // so the log shows the attempted write, not only the read before it.
  Result<StatusChange> change = ApplyRequest(store, request, options);
  if (!change.ok()) {
    if (IsRefusal(change.error())) {
      Status logged = LogRefusedChange(store, request.debtor_id, request.to, request.expected_version,
                                       request.actor, change.error());
      if (!logged.ok()) {
        spdlog::warn("workflow: failed to log the refused change of debtor {}: {}", request.debtor_id,
                     logged.error().message_key);
      }
    }
    return change;
  }
  spdlog::info("workflow: debtor {} moved from {} to {}", request.debtor_id, StatusId(change->from),
               StatusId(change->to));
  return change;
}

Status LogRefusedChange(store::Store& store, std::int64_t debtor_id, std::optional<DossierStatus> to,
                        std::optional<std::int64_t> expected_version, const store::Actor& actor,
                        const Error& refusal) {
  Result<store::Transaction> transaction = store::Transaction::Begin(store.database());
  if (!transaction.ok()) return transaction.error();
  Result<DossierState> state = ReadState(store.database(), debtor_id);
  if (!state.ok()) return state.error();
  const std::string expected = expected_version ? std::to_string(*expected_version) : "-";
  store::AccessEntry entry{0, "", actor.name, actor.role, "transition", "dossier", state->dossier_number,
                           actor.purpose, "failed",
                           fmt::format("debtor_id={} from={} to={} expected_version={} version={} reason={}",
                                       debtor_id, StatusId(state->status), to ? StatusId(*to) : "-", expected,
                                       state->version, refusal.message_key)};
  Result<std::string> subject = store::DebtorSubject(store, debtor_id);
  if (!subject.ok()) return subject.error();
  if (Result<std::int64_t> logged = store.access_log().Append(entry, *subject); !logged.ok()) {
    return logged.error();
  }
  if (Status committed = transaction->Commit(); !committed.ok()) return committed.error();
  spdlog::info("workflow: change of debtor {} refused ({})", debtor_id, refusal.message_key);
  return Status::Ok();
}

Result<std::vector<store::DossierSummary>> ListOverdue(store::Store& store, CivilDate today,
                                                       const store::Actor& actor) {
  store::Database& db = store.database();
  Result<store::Transaction> transaction = store::Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();
  Result<store::Statement> query = db.Prepare(
      "SELECT id, batch_id, dossier_number, status, status_changed_at, follow_up_deadline, version "
      "FROM debtors WHERE status IN (?1, ?2) AND follow_up_deadline < ?3 "
      "ORDER BY follow_up_deadline, dossier_number");
  if (!query.ok()) return query.error();
  query->BindText(1, StatusId(DossierStatus::kClientPaused))
      .BindText(2, StatusId(DossierStatus::kSolutionInProgress))
      .BindText(3, today.ToIso());
  std::vector<store::DossierSummary> overdue;
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    overdue.push_back(store::DossierSummary{query->ColumnInt(0), query->ColumnInt(1),
                                            query->ColumnText(2), query->ColumnText(3),
                                            query->ColumnText(4),
                                            CivilDate::FromIso(query->ColumnText(5)),
                                            query->ColumnInt(6)});
  }

  store::AccessEntry entry{0, "", actor.name, actor.role, "overdue", "dossier_list", "*",
                           actor.purpose, "ok",
                           fmt::format("today={} rows={}", today.ToIso(), overdue.size())};
  if (Result<std::int64_t> logged = store.access_log().Append(entry); !logged.ok()) {
    return logged.error();
  }
  if (Status committed = transaction->Commit(); !committed.ok()) return committed.error();
  return overdue;
}

}  // namespace adempauze::workflow
