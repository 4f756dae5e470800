// The protocol in the installation: loading, suspension and the exchange gate.
#include "adempauze/store/protocol_state.h"

#include <sodium.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "adempauze/crypto/field_cipher.h"

namespace adempauze::store {
namespace {

constexpr std::size_t kMaxReasonBytes = 1000;

bool IsBlank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

Status AppendInTransaction(Store& store, AccessEntry entry) {
  Result<Transaction> transaction = Transaction::Begin(store.database());
  if (!transaction.ok()) return transaction.error();
  if (Result<std::int64_t> logged = store.access_log().Append(std::move(entry)); !logged.ok()) {
    return logged.error();
  }
  return transaction->Commit();
}

// Reads the newest protocol row, or nullopt when none was loaded.
// NOTE: after retention destroys the data key the sealed text cannot be opened, so this
// returns kCrypto and every exchange stays refused; `protocol show` then fails too.
Result<std::optional<InstalledProtocol>> ReadInstalled(Store& store) {
  Result<Statement> query = store.database().Prepare(
      "SELECT id, definition, sha256, loaded_at, loaded_by FROM protocols ORDER BY id DESC LIMIT 1");
  if (!query.ok()) return query.error();
  Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  if (!*row) return std::optional<InstalledProtocol>();

  const std::int64_t row_id = query->ColumnInt(0);
  Result<std::string> opened = store.cipher().Open(query->ColumnBlob(1), {"protocols", "definition", row_id});
  if (!opened.ok()) return opened.error();
  std::string definition = std::move(opened).value();
  const std::string sha256 = query->ColumnText(2);
  if (Sha256Hex(definition) != sha256) {
    return MakeError(ErrorCode::kCorrupt, "store.protocol.stored_invalid", row_id);
  }
  Result<protocol::Protocol> parsed = protocol::ParseProtocol(definition, "protocol", nullptr);
  if (!parsed.ok()) return MakeError(ErrorCode::kCorrupt, "store.protocol.stored_invalid", row_id);
  return std::optional<InstalledProtocol>(InstalledProtocol{row_id, std::move(parsed).value(), std::move(definition),
                                                            sha256, query->ColumnText(3), query->ColumnText(4)});
}

Status RecordSuspension(Store& store, bool suspend, std::string_view reason, const Actor& actor) {
  if (IsBlank(reason)) return MakeError(ErrorCode::kInvalidArgument, "store.protocol.reason_required");
  if (reason.size() > kMaxReasonBytes) {
    return MakeError(ErrorCode::kInvalidArgument, "store.protocol.reason_too_long", kMaxReasonBytes);
  }
  Result<Transaction> transaction = Transaction::Begin(store.database());
  if (!transaction.ok()) return transaction.error();
  Result<ExchangeState> state = ReadExchangeState(store);
  if (!state.ok()) return state.error();
  if (suspend && state->suspended) {
    return MakeError(ErrorCode::kFailedPrecondition, "store.protocol.already_suspended", state->suspension_at);
  }
  if (!suspend && !state->suspended) return MakeError(ErrorCode::kFailedPrecondition, "store.protocol.not_suspended");

  const std::string now = store.Now();
  const char* action = suspend ? "suspend" : "resume";
  Result<Statement> insert = store.database().Prepare(
      "INSERT INTO exchange_suspensions (action, at, actor, role, reason) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!insert.ok()) return insert.error();
  insert->BindText(1, action).BindText(2, now).BindText(3, actor.name).BindText(4, actor.role).BindText(5, reason);
  if (Status status = insert->Run(); !status.ok()) return status;

  // The officer's reason is part of the record because it states why the exchange stopped.
  // The command's help asks for a reason without personal data.
  const std::string protocol_id = state->installed ? state->installed->protocol.id() : "-";
  AccessEntry entry{0, "", actor.name, actor.role, std::string("exchange_") + action, "protocol", protocol_id,
                    actor.purpose, "ok", fmt::format("reason={}", reason)};
  if (Result<std::int64_t> logged = store.access_log().Append(entry); !logged.ok()) return logged.error();
  if (Status status = transaction->Commit(); !status.ok()) return status;
  spdlog::warn("protocol: exchange {} by role {}", suspend ? "suspended" : "resumed", actor.role);
  return Status::Ok();
}

// Logs a refused exchange and returns the refusal.
Error Deny(Store& store, Exchange exchange, const Actor& actor, std::string_view protocol_id, Error refusal) {
  AccessEntry entry{0, "", actor.name, actor.role, std::string(ExchangeAction(exchange)), "protocol",
                    std::string(protocol_id), actor.purpose, "denied", "reason=" + refusal.message_key};
  if (Status logged = AppendInTransaction(store, std::move(entry)); !logged.ok()) {
    // The exchange is refused all the same; only its log entry is missing.
    spdlog::error("protocol: failed to log a rejected exchange: {}", logged.error().message_key);
  }
  spdlog::warn("protocol: {} rejected ({})", ExchangeAction(exchange), refusal.message_key);
  return refusal;
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return crypto::ToHex(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::vector<std::string_view> StoredDebtorFields() {
  return {"first_name", "last_name", "national_number", "street", "house_number", "dossier_number"};
}

std::string_view ExchangeAction(Exchange exchange) {
  switch (exchange) {
    case Exchange::kImportDebtors:
      return "import_debtors";
    case Exchange::kImportClients:
      return "import_clients";
    case Exchange::kMatch:
      return "match";
    case Exchange::kStatusChange:
      return "transition";
    case Exchange::kExport:
      return "export";
  }
  return "exchange";
}

Result<InstalledProtocol> InstallProtocol(Store& store, std::string_view toml_text, std::string_view source_name,
                                          const Actor& actor, std::vector<protocol::ProtocolProblem>* problems) {
  // Step 1: only a valid definition is stored.
  Result<protocol::Protocol> parsed = protocol::ParseProtocol(toml_text, source_name, problems);
  if (!parsed.ok()) return parsed.error();
  const protocol::ValidityPeriod period = parsed->Period();
  const std::string sha256 = Sha256Hex(toml_text);

  // Step 2: the row and its log entry in one transaction.
  Result<Transaction> transaction = Transaction::Begin(store.database());
  if (!transaction.ok()) return transaction.error();
  const std::string now = store.Now();
  Result<std::int64_t> row_id = NextRowId(store.database(), "protocols");
  if (!row_id.ok()) return row_id.error();
  Result<Statement> insert = store.database().Prepare(
      "INSERT INTO protocols (id, protocol_id, definition, sha256, valid_from, valid_until, loaded_at, loaded_by) "
      "VALUES (?8, ?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!insert.ok()) return insert.error();
  insert->BindText(1, parsed->id())
      .BindBlob(2, store.cipher().Seal(toml_text, {"protocols", "definition", *row_id}))
      .BindText(3, sha256)
      .BindText(4, period.start.ToIso())
      .BindText(5, period.end.ToIso())
      .BindText(6, now)
      .BindText(7, actor.name)
      .Bind(8, *row_id);
  if (Status status = insert->Run(); !status.ok()) return status.error();

  AccessEntry entry{0, "", actor.name, actor.role, "protocol_load", "protocol", parsed->id(), actor.purpose, "ok",
                    fmt::format("sha256={} valid={}..{}", sha256, period.start.ToIso(), period.end.ToIso())};
  if (Result<std::int64_t> logged = store.access_log().Append(entry); !logged.ok()) return logged.error();
  if (Status status = transaction->Commit(); !status.ok()) return status.error();
  spdlog::info("protocol: loaded {} as row {}", parsed->id(), *row_id);
  return InstalledProtocol{*row_id, std::move(parsed).value(), std::string(toml_text), sha256, now, actor.name};
}

Result<ExchangeState> ReadExchangeState(Store& store) {
  ExchangeState state;
  Result<std::optional<InstalledProtocol>> installed = ReadInstalled(store);
  if (!installed.ok()) return installed.error();
  state.installed = std::move(installed).value();

  Result<Statement> last = store.database().Prepare(
      "SELECT action, at, actor, reason FROM exchange_suspensions ORDER BY id DESC LIMIT 1");
  if (!last.ok()) return last.error();
  Result<bool> row = last->Step();
  if (!row.ok()) return row.error();
  if (*row) {
    state.suspended = last->ColumnText(0) == "suspend";
    state.suspension_at = last->ColumnText(1);
    state.suspension_by = last->ColumnText(2);
    state.suspension_reason = last->ColumnText(3);
  }
  return state;
}

Status SuspendExchange(Store& store, std::string_view reason, const Actor& actor) {
  return RecordSuspension(store, true, reason, actor);
}

Status ResumeExchange(Store& store, std::string_view reason, const Actor& actor) {
  return RecordSuspension(store, false, reason, actor);
}

Result<protocol::Protocol> AuthorizeExchange(Store& store, Exchange exchange, const Actor& actor, CivilDate today) {
  Result<ExchangeState> state = ReadExchangeState(store);
  if (!state.ok()) return state.error();
  if (!state->installed) {
    return Deny(store, exchange, actor, "-", MakeError(ErrorCode::kFailedPrecondition, "store.protocol.none_loaded"));
  }
  const protocol::Protocol& in_force = state->installed->protocol;
  if (Status allowed = in_force.CheckExchangeAllowed(today, state->suspended); !allowed.ok()) {
    return Deny(store, exchange, actor, in_force.id(), allowed.error());
  }

  // The store keeps these fields of every debtor, so a protocol that narrows them stops
  // the import instead of letting a field outside it in.
  if (exchange == Exchange::kImportDebtors) {
    for (std::string_view field : StoredDebtorFields()) {
      Status field_allowed = in_force.CheckFieldAllowed(protocol::Direction::kCityToOcmw, field);
      if (!field_allowed.ok()) return Deny(store, exchange, actor, in_force.id(), field_allowed.error());
    }
  }
  return in_force;
}

}  // namespace adempauze::store
