// `adempauze review list|show|confirm|reject|reverse` and the fuzzy step of `match`.
#include "cli/review_commands.h"

#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "adempauze/fuzzy/model.h"
#include "adempauze/matching/probable.h"
#include "adempauze/matching/review.h"
#include "adempauze/nn/national_number.h"
#include "adempauze/workflow/status.h"
#include "cli/protocol_gate.h"
#include "cli/store_commands.h"

namespace adempauze::cli {
namespace {

struct ReviewArgs {
  std::int64_t id = 0;
  std::string reason;
};

// Two-letter field codes and level marks for the compact list, explained by its legend.
constexpr std::string_view kFieldLetters[] = {"VN", "FN", "GD", "ST", "HN", "RR"};

std::string_view LevelMark(fuzzy::Level level) {
  switch (level) {
    case fuzzy::Level::kExact: return "=";
    case fuzzy::Level::kVariant: return "≈";
    case fuzzy::Level::kClose: return "~";
    case fuzzy::Level::kDifferent: return "≠";
    case fuzzy::Level::kMissing: return "?";
  }
  return "?";
}

std::string CompactEvidence(const matching::ReviewItem& item) {
  std::string text;
  for (const matching::FieldEvidence& evidence : item.fields) {
    if (!text.empty()) text += ' ';
    text += kFieldLetters[static_cast<std::size_t>(evidence.field)];
    text += LevelMark(evidence.level);
  }
  return text;
}

void RunList(CliContext& context) {
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  Result<std::vector<matching::ReviewItem>> items = matching::ListPendingReviews(*store, CliActor(context));
  if (!items.ok()) return context.Fail(items.error());
  if (items->empty()) {
    context.out << context.Text("matching.cli.review.empty") << '\n';
    return;
  }
  context.out << context.Text("matching.cli.review.header") << '\n';
  for (const matching::ReviewItem& item : *items) {
    context.out << fmt::format("{};{};{:.2f};{};{};{}\n", item.id, item.dossier_number, item.score,
                               item.debtor_name_masked, item.client_name_masked, CompactEvidence(item));
  }
  context.out << context.Text("matching.cli.review.legend") << '\n';
}

std::string MaskedNumber(const std::string& number) {
  if (number.empty()) return "-";
  return number.size() == 11 && number.find_first_not_of("0123456789") == std::string::npos ? nn::Mask(number)
                                                                                              : nn::MaskRaw(number);
}

// The value of `field` as the reviewer sees it. The birth date is part of the masked number.
std::string FieldValue(const fuzzy::Person& person, fuzzy::Field field) {
  switch (field) {
    case fuzzy::Field::kFirstName: return person.first_name;
    case fuzzy::Field::kLastName: return person.last_name;
    case fuzzy::Field::kBirthDate:
    case fuzzy::Field::kNationalNumber: return MaskedNumber(person.national_number);
    case fuzzy::Field::kStreet: return person.street;
    case fuzzy::Field::kHouseNumber: return person.house_number;
  }
  return "";
}

void PrintDetail(CliContext& context, const matching::ReviewDetail& detail) {
  const matching::ReviewItem& item = detail.item;
  context.out << context.Text("matching.cli.review.title", item.id, item.score, matching::ReviewStateId(item.state),
                              item.dossier_number, workflow::StatusLabel(item.dossier_status, context.language))
              << '\n';
  if (!detail.client) context.out << context.Text("matching.cli.review.client_gone") << '\n';
  context.out << context.Text("matching.cli.review.columns") << '\n';
  for (const matching::FieldEvidence& evidence : item.fields) {
    const std::string client = detail.client ? FieldValue(*detail.client, evidence.field) : "-";
    context.out << fmt::format("{};{};{};{} {};{:+.2f}\n", context.Text(fuzzy::FieldMessageKey(evidence.field)),
                               FieldValue(detail.debtor, evidence.field), client, LevelMark(evidence.level),
                               context.Text(fuzzy::LevelMessageKey(evidence.level)), evidence.weight);
  }
  if (item.state == matching::ReviewState::kWithdrawn) {
    const std::string batch = item.withdrawn_by_batch ? std::to_string(*item.withdrawn_by_batch) : "-";
    context.out << context.Text("matching.cli.review.withdrawn", item.withdrawn_at, batch) << '\n';
  } else if (item.state != matching::ReviewState::kPending) {
    context.out << context.Text("matching.cli.review.decided", item.decided_by, item.decided_at, detail.reason) << '\n';
  }
  if (!item.reversed_by.empty()) {
    context.out << context.Text("matching.cli.review.reversed", item.reversed_by, item.reversed_at,
                                detail.reversal_reason)
                << '\n';
  }
  if (item.attention) context.out << context.Text("matching.cli.review.attention") << '\n';
}

void RunShow(CliContext& context, const ReviewArgs& args) {
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  Result<matching::ReviewDetail> detail = matching::ReadReview(*store, args.id, CliActor(context));
  if (!detail.ok()) return context.Fail(detail.error());
  PrintDetail(context, *detail);
}

enum class Verdict { kConfirm, kReject, kReverse };

void RunDecision(CliContext& context, const ReviewArgs& args, Verdict verdict) {
  std::unique_ptr<store::Store> store = OpenStoreOrFail(context);
  if (!store) return;
  // A decision may change a dossier's status, so it needs a protocol in force, whose
  // follow-up period applies to a newly paused dossier.
  std::optional<protocol::Protocol> in_force = AuthorizeOrFail(context, *store, store::Exchange::kStatusChange);
  if (!in_force) return;
  const workflow::WorkflowOptions options{in_force->FollowUpDays()};
  const matching::ReviewDecision decision{args.id, args.reason, CliActor(context), context.today};
  Result<matching::ReviewOutcome> outcome =
      verdict == Verdict::kConfirm  ? matching::ConfirmReview(*store, decision, options)
      : verdict == Verdict::kReject ? matching::RejectReview(*store, decision)
                                    : matching::ReverseReview(*store, decision, options);
  if (!outcome.ok()) return context.Fail(outcome.error());

  if (verdict == Verdict::kReject) {
    context.out << context.Text("matching.cli.review.rejected", args.id) << '\n';
    return;
  }
  if (outcome->attention || !outcome->change) {
    context.out << context.Text("matching.cli.review.reversed_attention", args.id) << '\n';
    return;
  }
  Result<matching::ReviewDetail> detail = matching::ReadReview(*store, args.id, CliActor(context));
  const std::string dossier = detail.ok() ? detail->item.dossier_number : std::to_string(args.id);
  const std::string status = workflow::StatusLabel(outcome->change->to, context.language);
  const std::string_view key =
      verdict == Verdict::kConfirm ? "matching.cli.review.confirmed" : "matching.cli.review.reversed_moved";
  context.out << context.Text(key, args.id, dossier, status) << '\n';
}

void AddDecisionCommand(CLI::App* review, CliContext& context, const char* name, const char* help, Verdict verdict) {
  auto args = std::make_shared<ReviewArgs>();
  CLI::App* command = review->add_subcommand(name, help);
  command->add_option("ID", args->id, "Nummer van het voorstel (zie 'adempauze review list')")->required();
  command->add_option("--reason", args->reason, "Waarom: wat toont aan dat het (niet) dezelfde persoon is")
      ->required();
  command->callback([&context, args, verdict] { RunDecision(context, *args, verdict); });
}

}  // namespace

bool QueueProbableMatchesAndReport(CliContext& context, store::Store& store) {
  Result<matching::ProbableSummary> summary = matching::QueueProbableMatches(store, CliActor(context), context.today);
  if (!summary.ok()) {
    context.Fail(summary.error());
    return false;
  }
  context.out << context.Text("matching.cli.fuzzy_summary", summary->received_considered,
                              summary->not_client_considered, summary->proposed, summary->threshold,
                              summary->queued, summary->pending)
              << '\n';
  return true;
}

void RegisterReviewCommands(CLI::App& app, CliContext& context) {
  CLI::App* review = app.add_subcommand(
      "review", "Waarschijnlijke koppelingen op naam en adres beoordelen (bevestigen, verwerpen, terugdraaien)");
  review->require_subcommand(1);

  CLI::App* list = review->add_subcommand("list", "Toon de voorstellen die op beoordeling wachten (namen gemaskeerd)");
  list->callback([&context] { RunList(context); });

  auto show_args = std::make_shared<ReviewArgs>();
  CLI::App* show = review->add_subcommand("show", "Toon debiteur en cliënt naast elkaar, met de overeenkomst per veld");
  show->add_option("ID", show_args->id, "Nummer van het voorstel")->required();
  show->callback([&context, show_args] { RunShow(context, *show_args); });

  AddDecisionCommand(review, context, "confirm",
                     "Bevestig: het is dezelfde persoon; het dossier wordt 'cliënt OCMW — invordering geschorst'",
                     Verdict::kConfirm);
  AddDecisionCommand(review, context, "reject", "Verwerp: het is een andere persoon; het dossier blijft ongewijzigd",
                     Verdict::kReject);
  AddDecisionCommand(review, context, "reverse",
                     "Draai de beslissing van een andere beoordelaar terug (tweede beoordelaar)", Verdict::kReverse);
}

}  // namespace adempauze::cli
