// `adempauze person show` (an access request) and `adempauze dossier correct`.
#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "adempauze/nn/national_number.h"
#include "adempauze/store/person.h"
#include "adempauze/workflow/status.h"
#include "cli/store_commands.h"

namespace adempauze::cli {
namespace {

struct PersonArgs {
  std::string number;
  std::string dossier;
  std::optional<std::int64_t> batch;
  std::string field;
  std::string value;
  std::string reason;
};

void PrintDossier(CliContext& context, const store::DossierDetail& detail) {
  std::ostream& out = context.out;
  const store::DossierSummary& summary = detail.summary;
  out << context.Text("cli.person.dossier", summary.dossier_number, summary.batch_id, detail.batch_name,
                      detail.imported_at, workflow::StatusLabel(summary.status, context.language))
      << '\n';
  out << "    "
      << context.Text("workflow.cli.show.person", detail.first_name, detail.last_name,
                      nn::Mask(detail.national_number), detail.street, detail.house_number)
      << '\n';
  for (const store::DossierEvent& event : detail.history) {
    out << "    "
        << context.Text("workflow.cli.show.event", event.at, workflow::StatusLabel(event.from_status, context.language),
                        workflow::StatusLabel(event.to_status, context.language), event.actor,
                        event.reason.empty() ? event.reason_code : event.reason)
        << '\n';
  }
}

void PrintPerson(CliContext& context, const store::PersonRecord& person, const std::string& digits) {
  std::ostream& out = context.out;
  out << context.Text("cli.person.title", nn::Mask(digits), person.dossiers.size(), person.clients.size(),
                      person.matches.size(), person.corrections.size())
      << '\n';
  for (const store::DossierDetail& dossier : person.dossiers) PrintDossier(context, dossier);
  for (const store::ClientRecord& client : person.clients) {
    out << context.Text("cli.person.client", client.batch_id, client.first_name, client.last_name, client.street,
                        client.house_number, client.postcode, client.client_reference)
        << '\n';
  }
  for (const store::MatchRecord& match : person.matches) {
    out << context.Text("cli.person.match", match.debtor_id, match.method, match.score, match.decision,
                        match.decided_by, match.decided_at)
        << '\n';
  }
  for (const store::CorrectionRecord& correction : person.corrections) {
    out << context.Text("cli.person.correction", correction.debtor_id, correction.field, correction.old_value,
                        correction.at, correction.actor, correction.reason)
        << '\n';
  }
  out << context.Text("cli.person.logged") << '\n';
}

void RunPersonShow(CliContext& context, const PersonArgs& args) {
  nn::CheckResult checked = nn::Check(args.number, context.today);
  if (!checked.valid()) {
    return context.Fail(MakeError(ErrorCode::kInvalidArgument, std::string(nn::ReasonMessageKey(*checked.reason)),
                                  nn::MaskRaw(args.number)));
  }
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  Result<store::PersonRecord> person = store::ReadPerson(*store, checked.number->digits, CliActor(context));
  if (!person.ok()) return context.Fail(person.error());
  PrintPerson(context, *person, checked.number->digits);
}

void RunCorrect(CliContext& context, const PersonArgs& args) {
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  Result<store::DossierSummary> found = store->FindDossier(args.dossier, args.batch);
  if (!found.ok()) return context.Fail(found.error());
  store::CorrectionRequest request{found->debtor_id, args.field, args.value, args.reason, CliActor(context)};
  Result<std::int64_t> correction = store::CorrectDossierField(*store, request);
  if (!correction.ok()) return context.Fail(correction.error());
  context.out << context.Text("cli.person.corrected", args.dossier, found->batch_id, args.field, *correction)
              << '\n';
}

}  // namespace

void RegisterPersonCommands(CLI::App& app, CliContext& context) {
  auto args = std::make_shared<PersonArgs>();
  CLI::App* person = app.add_subcommand("person", "De rechten van de betrokkene: inzage in alles over één persoon");
  person->require_subcommand(1);
  CLI::App* show = person->add_subcommand(
      "show", "Toon alles wat over dit rijksregisternummer bewaard wordt (inzageverzoek); de inzage wordt gelogd");
  show->add_option("NATIONAL_NUMBER", args->number, "Rijksregisternummer of BIS-nummer")->required();
  show->callback([&context, args] { RunPersonShow(context, *args); });

  // `dossier correct` joins the dossier family that RegisterDossierCommands made.
  CLI::App* dossier = app.get_subcommand("dossier");
  CLI::App* correct = dossier->add_subcommand(
      "correct", "Verbeter een veld van een dossier; de oude waarde blijft versleuteld bewaard");
  correct->add_option("DOSSIER", args->dossier, "Dossiernummer")->required();
  correct->add_option("--field", args->field, "last_name, first_name, street of house_number")->required();
  correct->add_option("--value", args->value, "De verbeterde waarde")->required();
  correct->add_option("--reason", args->reason, "Waarom het veld verbeterd wordt")->required();
  correct->add_option("--batch", args->batch, "Batchnummer (standaard de nieuwste batch met dit dossiernummer)");
  correct->callback([&context, args] { RunCorrect(context, *args); });
}

}  // namespace adempauze::cli
