// `adempauze match` and `adempauze dossier list|show|set-status|overdue`.
#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "adempauze/matching/exact.h"
#include "adempauze/nn/national_number.h"
#include "adempauze/workflow/workflow.h"
#include "cli/protocol_gate.h"
#include "cli/review_commands.h"
#include "cli/store_commands.h"

namespace adempauze::cli {
namespace {

struct DossierArgs {
  std::string dossier;
  std::string status;
  std::string reason;
  std::optional<std::int64_t> batch;
  std::optional<std::int64_t> version;
};

// Returns the person's reason, or the label of a system reason code such as "match.exact".
std::string ReasonText(const CliContext& context, const store::DossierEvent& event) {
  if (!event.reason.empty()) return event.reason;
  const std::string key = "workflow.reason_code." + event.reason_code;
  return HasMessage(key) ? context.Text(key) : event.reason_code;
}

std::string DateOrDash(const std::optional<CivilDate>& date) { return date ? date->ToIso() : "-"; }

// Returns the status named on the command line, or prints the accepted names and
// returns nullopt.
std::optional<workflow::DossierStatus> ParseStatusArgument(CliContext& context, const std::string& text) {
  std::optional<workflow::DossierStatus> status = workflow::ParseStatus(text);
  if (status) return status;
  std::string accepted;
  for (workflow::DossierStatus candidate : workflow::AllStatuses()) {
    if (!accepted.empty()) accepted += ", ";
    accepted += workflow::StatusId(candidate);
  }
  context.Fail(MakeError(ErrorCode::kInvalidArgument, "workflow.cli.status_unknown", text, accepted));
  return std::nullopt;
}

void PrintSummaryTable(CliContext& context, const std::vector<store::DossierSummary>& dossiers) {
  context.out << context.Text("workflow.cli.list.header") << '\n';
  for (const store::DossierSummary& dossier : dossiers) {
    context.out << fmt::format("{}\t{}\t{}\t{}\t{}\t{}\n", dossier.dossier_number, dossier.batch_id,
                               workflow::StatusLabel(dossier.status, context.language),
                               dossier.status_changed_at.substr(0, 10),
                               DateOrDash(dossier.follow_up_deadline), dossier.version);
  }
  context.out << context.Text("workflow.cli.list.count", dossiers.size()) << '\n';
}

void RunMatch(CliContext& context) {
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  std::optional<protocol::Protocol> in_force = AuthorizeOrFail(context, *store, store::Exchange::kMatch);
  if (!in_force) return;
  matching::MatchOptions options;
  options.workflow.follow_up_days = in_force->FollowUpDays();
  Result<matching::MatchSummary> summary = matching::MatchExact(*store, CliActor(context), context.today, options);
  if (!summary.ok()) return context.Fail(summary.error());
  context.out << context.Text("matching.cli.summary", summary->considered, summary->clients,
                              summary->paused, summary->became_client, summary->not_client,
                              summary->still_not_client)
              << '\n';
  if (summary->without_number > 0) {
    context.out << context.Text("matching.cli.without_number", summary->without_number) << '\n';
  }
  QueueProbableMatchesAndReport(context, *store);
}

void RunList(CliContext& context, const DossierArgs& args) {
  store::DossierFilter filter;
  if (!args.status.empty()) {
    std::optional<workflow::DossierStatus> status = ParseStatusArgument(context, args.status);
    if (!status) return;
    filter.status = std::string(workflow::StatusId(*status));
  }
  filter.batch_id = args.batch;
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  Result<std::vector<store::DossierSummary>> dossiers = store->ListDossiers(filter, CliActor(context));
  if (!dossiers.ok()) return context.Fail(dossiers.error());
  PrintSummaryTable(context, *dossiers);
}

std::string MaskedNumber(const store::DossierDetail& detail) {
  if (detail.number_valid && detail.national_number.size() == 11) return nn::Mask(detail.national_number);
  return detail.national_number.empty() ? "-" : nn::MaskRaw(detail.national_number);
}

void PrintDetail(CliContext& context, const store::DossierDetail& detail) {
  const store::DossierSummary& summary = detail.summary;
  std::ostream& out = context.out;
  out << context.Text("workflow.cli.show.title", summary.dossier_number, summary.batch_id,
                      detail.batch_name, detail.imported_at)
      << '\n';
  out << context.Text("workflow.cli.show.status", workflow::StatusLabel(summary.status, context.language),
                      summary.status_changed_at, summary.version)
      << '\n';
  if (summary.follow_up_deadline) {
    out << context.Text("workflow.cli.show.deadline", summary.follow_up_deadline->ToIso()) << '\n';
  }
  out << context.Text("workflow.cli.show.person", detail.first_name, detail.last_name, MaskedNumber(detail),
                      detail.street, detail.house_number)
      << '\n';

  out << context.Text("workflow.cli.show.history") << '\n';
  out << "  " << context.Text("workflow.cli.show.imported", detail.imported_at) << '\n';
  for (const store::DossierEvent& event : detail.history) {
    out << "  "
        << context.Text("workflow.cli.show.event", event.at,
                        workflow::StatusLabel(event.from_status, context.language),
                        workflow::StatusLabel(event.to_status, context.language), event.actor,
                        ReasonText(context, event))
        << '\n';
  }
  for (const store::DossierSummary& related : detail.related) {
    out << context.Text("workflow.cli.show.related", related.dossier_number, related.batch_id,
                        workflow::StatusLabel(related.status, context.language))
        << '\n';
  }
  out << context.Text("workflow.cli.show.logged") << '\n';
}

void RunShow(CliContext& context, const DossierArgs& args) {
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  Result<store::DossierSummary> found = store->FindDossier(args.dossier, args.batch);
  if (!found.ok()) return context.Fail(found.error());
  Result<store::DossierDetail> detail = store->ReadDossier(found->debtor_id, CliActor(context));
  if (!detail.ok()) return context.Fail(detail.error());
  PrintDetail(context, *detail);
}

void RunSetStatus(CliContext& context, const DossierArgs& args) {
  std::optional<workflow::DossierStatus> status = ParseStatusArgument(context, args.status);
  if (!status) return;
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  std::optional<protocol::Protocol> in_force = AuthorizeOrFail(context, *store, store::Exchange::kStatusChange);
  if (!in_force) return;
  Result<store::DossierSummary> found = store->FindDossier(args.dossier, args.batch);
  if (!found.ok()) return context.Fail(found.error());
  workflow::ChangeRequest request{found->debtor_id, *status, args.version, args.reason,
                                  CliActor(context), context.today};
  Result<workflow::StatusChange> change =
      workflow::ChangeStatus(*store, request, workflow::WorkflowOptions{in_force->FollowUpDays()});
  if (!change.ok()) return context.Fail(change.error());
  context.out << context.Text("workflow.cli.set_status.done", args.dossier,
                              workflow::StatusLabel(change->from, context.language),
                              workflow::StatusLabel(change->to, context.language), change->new_version)
              << '\n';
  if (change->follow_up_deadline && change->to == workflow::DossierStatus::kClientPaused) {
    context.out << context.Text("workflow.cli.show.deadline", change->follow_up_deadline->ToIso()) << '\n';
  }
}

void RunOverdue(CliContext& context) {
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  Result<std::vector<store::DossierSummary>> overdue =
      workflow::ListOverdue(*store, context.today, CliActor(context));
  if (!overdue.ok()) return context.Fail(overdue.error());
  PrintSummaryTable(context, *overdue);
}

void AddBatchOption(CLI::App* command, DossierArgs& args) {
  command->add_option("--batch", args.batch,
                      "Batchnummer, als het dossiernummer in meer batches voorkomt (standaard de nieuwste)");
}

}  // namespace

void RegisterMatchCommand(CLI::App& app, CliContext& context) {
  // The follow-up deadline of newly paused dossiers is the protocol's follow_up_days.
  CLI::App* match = app.add_subcommand(
      "match", "Zoek de debiteuren op de huidige cliëntenlijst van het OCMW (exact op rijksregisternummer)");
  match->callback([&context] { RunMatch(context); });
}

void RegisterDossierCommands(CLI::App& app, CliContext& context) {
  CLI::App* dossier = app.add_subcommand("dossier", "Dossiers bekijken en hun status wijzigen");
  dossier->require_subcommand(1);
  auto args = std::make_shared<DossierArgs>();

  CLI::App* list = dossier->add_subcommand("list", "Toon dossiers met status en data (geen persoonsgegevens)");
  list->add_option("--status", args->status, "Enkel deze status, bv. client_paused");
  list->add_option("--batch", args->batch, "Enkel deze batch");
  list->callback([&context, args] { RunList(context, *args); });

  CLI::App* show = dossier->add_subcommand("show", "Toon een dossier met historiek; de inzage wordt gelogd");
  show->add_option("DOSSIER", args->dossier, "Dossiernummer")->required();
  AddBatchOption(show, *args);
  show->callback([&context, args] { RunShow(context, *args); });

  CLI::App* set_status = dossier->add_subcommand("set-status", "Wijzig de status van een dossier");
  set_status->add_option("DOSSIER", args->dossier, "Dossiernummer")->required();
  set_status
      ->add_option("STATUS", args->status,
                   "Nieuwe status: not_client, client_paused, solution_in_progress, "
                   "solution_reached, resume_collection of closed")
      ->required();
  set_status->add_option("--reason", args->reason, "Waarom de status verandert (verplicht)")->required();
  set_status->add_option("--version", args->version,
                         "De versie die u bekeek (uit dossier show); een nieuwere versie geeft een conflict");
  AddBatchOption(set_status, *args);
  set_status->callback([&context, args] { RunSetStatus(context, *args); });

  CLI::App* overdue = dossier->add_subcommand(
      "overdue", "Toon geschorste dossiers waarvan de opvolgingstermijn verstreken is");
  overdue->callback([&context] { RunOverdue(context); });
}

}  // namespace adempauze::cli
