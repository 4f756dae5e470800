// `adempauze audit verify|export|anchor`: the access log for the data protection officer.
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>

#include "adempauze/crypto/field_cipher.h"
#include "adempauze/export/table.h"
#include "adempauze/export/writers.h"
#include "adempauze/nn/national_number.h"
#include "adempauze/store/audit.h"
#include "cli/store_commands.h"

namespace adempauze::cli {
namespace {

struct AuditArgs {
  std::string anchor_file;
  std::string out;
  std::string user;
  std::string from;
  std::string to;
  std::string dossier;
  std::string person;
};

std::optional<store::AccessLogAnchor> ReadAnchorFile(CliContext& context, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    context.Fail(MakeError(ErrorCode::kNotFound, "cli.audit.anchor_not_found", path));
    return std::nullopt;
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Result<store::AccessLogAnchor> anchor = store::ParseAnchor(text, path);
  if (!anchor.ok()) {
    context.Fail(anchor.error());
    return std::nullopt;
  }
  return std::move(anchor).value();
}

void RunVerify(CliContext& context, const AuditArgs& args) {
  std::optional<store::AccessLogAnchor> anchor;
  if (!args.anchor_file.empty()) {
    anchor = ReadAnchorFile(context, args.anchor_file);
    if (!anchor) return;
  }
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  Result<store::AccessLogVerification> verification =
      anchor ? store::VerifyAgainstAnchor(*store, *anchor) : store->access_log().Verify();
  if (!verification.ok()) return context.Fail(verification.error());
  if (verification->ok()) {
    context.out << context.Text("store.cli.audit.ok", verification->entries_checked) << '\n';
    if (anchor) context.out << context.Text("cli.audit.anchor_ok", anchor->seq, anchor->at) << '\n';
    return;
  }
  context.err << context.Text(store::VerificationMessageKey(verification->problem), verification->first_bad_seq,
                              verification->entries_checked)
              << '\n';
  context.exit_code = 1;
}

void RunAnchor(CliContext& context, const AuditArgs& args) {
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  Result<store::AccessLogAnchor> anchor = store::ReadAnchor(*store);
  if (!anchor.ok()) return context.Fail(anchor.error());
  const std::string text = store::FormatAnchor(*anchor);
  if (args.out.empty()) {
    context.out << text;
    return;
  }
  std::ofstream out(args.out, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return context.Fail(MakeError(ErrorCode::kIo, "cli.audit.write_failed", args.out));
  context.out << context.Text("cli.audit.anchor_written", anchor->seq, args.out) << '\n';
}

// Parses the export's filter options, or prints what is wrong and returns nullopt.
std::optional<store::AccessLogFilter> ParseFilter(CliContext& context, const AuditArgs& args) {
  store::AccessLogFilter filter;
  if (!args.user.empty()) filter.actor = args.user;
  if (!args.dossier.empty()) filter.dossier_number = args.dossier;
  for (auto [text, target] : {std::pair{&args.from, &filter.from}, std::pair{&args.to, &filter.to}}) {
    if (text->empty()) continue;
    *target = CivilDate::FromIso(*text);
    if (!*target) {
      context.Fail(MakeError(ErrorCode::kInvalidArgument, "cli.audit.date_invalid", *text));
      return std::nullopt;
    }
  }
  if (!args.person.empty()) {
    nn::CheckResult checked = nn::Check(args.person, context.today);
    if (!checked.valid()) {
      context.Fail(MakeError(ErrorCode::kInvalidArgument, std::string(nn::ReasonMessageKey(*checked.reason)),
                             nn::MaskRaw(args.person)));
      return std::nullopt;
    }
    filter.subject = std::string(checked.number->digits);  // replaced by its pseudonym below
  }
  return filter;
}

exports::Table MakeAuditTable(const std::vector<store::AccessRecord>& records) {
  exports::Table table;
  table.header = store::AccessLogColumns();
  for (const store::AccessRecord& record : records) {
    std::vector<exports::Cell> row;
    for (std::string& value : store::AccessLogRow(record)) row.push_back(exports::Cell::Text(std::move(value)));
    table.rows.push_back(std::move(row));
  }
  return table;
}

void RunExport(CliContext& context, const AuditArgs& args) {
  std::optional<store::AccessLogFilter> filter = ParseFilter(context, args);
  if (!filter) return;
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  // From here on the filter contains the pseudonym, so the number itself goes no further.
  if (filter->subject) filter->subject = store::SubjectPseudonym(store->keys(), *filter->subject);

  Result<std::vector<store::AccessRecord>> records =
      store::ReadAccessLogForExport(*store, *filter, CliActor(context));
  if (!records.ok()) return context.Fail(records.error());
  if (Status written = exports::WriteCsv(MakeAuditTable(*records), args.out); !written.ok()) {
    return context.Fail(written.error());
  }
  context.out << context.Text("cli.audit.exported", records->size(), args.out) << '\n';
}

}  // namespace

void RegisterAuditCommands(CLI::App& app, CliContext& context) {
  auto args = std::make_shared<AuditArgs>();
  CLI::App* audit = app.add_subcommand("audit", "De toegangslog controleren en exporteren");
  audit->require_subcommand(1);
  CLI::App* verify = audit->add_subcommand(
      "verify", "Controleer de hashketen van de toegangslog; afsluitcode 1 als ze gebroken is");
  verify->add_option("--anchor", args->anchor_file,
                     "Ankerbestand van 'audit anchor': meldt ook verwijderde items aan het einde");
  verify->callback([&context, args] { RunVerify(context, *args); });

  CLI::App* anchor = audit->add_subcommand(
      "anchor", "Toon of schrijf het anker (laatste volgnummer en hash) om buiten de databank te bewaren");
  anchor->add_option("--out,-o", args->out, "Schrijf het anker naar dit bestand in plaats van het te tonen");
  anchor->callback([&context, args] { RunAnchor(context, *args); });

  CLI::App* export_command = audit->add_subcommand(
      "export", "Exporteer de toegangslog als CSV voor de functionaris voor gegevensbescherming");
  export_command->add_option("--out,-o", args->out, "Doelbestand (.csv)")->required();
  export_command->add_option("--user", args->user, "Enkel items van deze gebruiker (bv. cli:an)");
  export_command->add_option("--from", args->from, "Enkel items vanaf deze dag (JJJJ-MM-DD, UTC)");
  export_command->add_option("--to", args->to, "Enkel items tot en met deze dag (JJJJ-MM-DD, UTC)");
  export_command->add_option("--dossier", args->dossier, "Enkel items over dit dossiernummer");
  export_command->add_option("--person", args->person,
                             "Enkel items over deze persoon (rijksregisternummer; het nummer zelf komt niet in de export)");
  export_command->callback([&context, args] { RunExport(context, *args); });
}

}  // namespace adempauze::cli
