// Routes of the reviewer's screens: the queue of probable matches, the decided entries a
// second reviewer may reverse, and one entry with the debtor and the client side by side.
//
// The decisions go through the same library calls as `adempauze review confirm|reject|
// reverse`; ReverseReview refuses a reversal by the reviewer who decided.

#include <optional>
#include <string>

#include "adempauze/auth/auth.h"
#include "adempauze/fuzzy/model.h"
#include "adempauze/matching/review.h"
#include "adempauze/nn/national_number.h"
#include "adempauze/store/protocol_state.h"
#include "adempauze/workflow/status.h"
#include "web/app.h"
#include "web/view.h"

namespace adempauze::web {
namespace {


const auth::RoleSet kReviewer{auth::Role::kReviewer};

std::string ItemPath(std::int64_t id) { return "/review/" + std::to_string(id); }

std::string StateLabel(const RequestContext& context, matching::ReviewState state) {
  return context.Text("web.review.state." + std::string(matching::ReviewStateId(state)));
}

nlohmann::json ItemRowView(const RequestContext& context, const matching::ReviewItem& item) {
  nlohmann::json view{
      {"id", item.id},
      {"href", ItemPath(item.id)},
      {"score", FormatDecimal(item.score, 2, context.language)},
      {"number", item.dossier_number},
      {"debtor", item.debtor_name_masked},
      {"client", item.client_name_masked.empty() ? context.Text("web.review.client_gone_short")
                                                 : item.client_name_masked},
      {"state", StateLabel(context, item.state)},
      {"decided_by", item.decided_by},
      {"decided_at", FormatTimestamp(item.decided_at, context.language)}};
  return view;
}

// Returns one page of `items` as rows and the pager under them.
nlohmann::json PagedRows(const RequestContext& context,
                         const std::vector<matching::ReviewItem>& items, std::int64_t page) {
  const auto total = static_cast<std::int64_t>(items.size());
  const std::int64_t begin = std::min(total, (page - 1) * kRowsPerPage);
  const std::int64_t end = std::min(total, begin + kRowsPerPage);
  nlohmann::json rows = nlohmann::json::array();
  for (std::int64_t i = begin; i < end; ++i) {
    rows.push_back(ItemRowView(context, items[static_cast<std::size_t>(i)]));
  }
  return {{"rows", rows}, {"has_rows", !rows.empty()}, {"total", total}};
}

// ---- The queue -------------------------------------------------------------------------

void QueuePage(RequestContext& context) {
  Result<std::vector<matching::ReviewItem>> pending =
      matching::ListPendingReviews(context.store(), context.Actor());
  if (!pending.ok()) return FailPage(context, pending.error(), "pending review list");
  Result<std::vector<matching::ReviewItem>> decided =
      matching::ListDecidedReviews(context.store(), context.Actor());
  if (!decided.ok()) return FailPage(context, decided.error(), "decided review list");

  // The pending list pages with "page". The decided list shows its newest 50 only, because a
  // reversal concerns recent decisions.
  const std::int64_t page = PageNumber(context);
  nlohmann::json pending_view = PagedRows(context, *pending, page);
  pending_view["pager"] =
      PagerView(context, "/review", "", page, pending_view["total"].get<std::int64_t>());
  nlohmann::json decided_view = PagedRows(context, *decided, 1);
  decided_view["more"] = decided->size() > static_cast<std::size_t>(kRowsPerPage);
  context.Render("review_queue", {{"title", context.Text("web.review.queue.title")},
                                  {"pending", pending_view},
                                  {"decided", decided_view}});
}

// ---- One entry -------------------------------------------------------------------------

std::string MaskedNumber(const std::string& number) {
  if (number.empty()) return "";
  const bool digits =
      number.size() == 11 && number.find_first_not_of("0123456789") == std::string::npos;
  return digits ? nn::Mask(number) : nn::MaskRaw(number);
}

// The value of `field` as shown to the reviewer: names and address in full, the national
// number masked (its birth date part stays, which is the birth date field's value too).
std::string FieldValue(const fuzzy::Person& person, fuzzy::Field field) {
  switch (field) {
    case fuzzy::Field::kFirstName:
      return person.first_name;
    case fuzzy::Field::kLastName:
      return person.last_name;
    case fuzzy::Field::kBirthDate:
    case fuzzy::Field::kNationalNumber:
      return MaskedNumber(person.national_number);
    case fuzzy::Field::kStreet:
      return person.street;
    case fuzzy::Field::kHouseNumber:
      return person.house_number;
  }
  return "";
}

nlohmann::json FieldRows(const RequestContext& context, const matching::ReviewDetail& detail) {
  nlohmann::json rows = nlohmann::json::array();
  for (const matching::FieldEvidence& evidence : detail.item.fields) {
    const bool number = evidence.field == fuzzy::Field::kBirthDate ||
                        evidence.field == fuzzy::Field::kNationalNumber;
    rows.push_back(
        {{"field", context.Text(fuzzy::FieldMessageKey(evidence.field))},
         {"debtor", FieldValue(detail.debtor, evidence.field)},
         {"client", detail.client ? FieldValue(*detail.client, evidence.field) : std::string()},
         {"number", number},
         {"level", fuzzy::LevelCode(evidence.level)},
         {"level_label", context.Text(fuzzy::LevelMessageKey(evidence.level))},
         {"weight", FormatDecimal(evidence.weight, 2, context.language, true)}});
  }
  return rows;
}

// Renders an entry with its decision forms. `error` (with `status`) is the message of a
// rejected decision, and `reason` is the text the reviewer typed, kept for a retry.
void ShowItem(RequestContext& context, std::int64_t id, const std::string& error, int status,
              const std::string& reason) {
  Result<matching::ReviewDetail> detail =
      matching::ReadReview(context.store(), id, context.Actor());
  if (!detail.ok() && detail.error().code == ErrorCode::kNotFound) {
    return context.ErrorPage(404, "web.error.not_found");
  }
  if (!detail.ok()) return FailPage(context, detail.error(), "review read");
  const matching::ReviewItem& item = detail->item;

  const bool pending = item.state == matching::ReviewState::kPending;
  const bool withdrawn = item.state == matching::ReviewState::kWithdrawn;
  const bool decided = !pending && !withdrawn;
  const bool reversed = !item.reversed_by.empty();
  const bool own_decision = decided && item.decided_by == context.Actor().name;
  nlohmann::json view{
      {"title", context.Text("web.review.item.title", item.id)},
      {"id", item.id},
      {"score", FormatDecimal(item.score, 2, context.language)},
      {"state", StateLabel(context, item.state)},
      {"number", item.dossier_number},
      {"dossier_status", workflow::StatusLabel(item.dossier_status, context.language)},
      {"client_gone", pending && !detail->client.has_value()},
      {"client_replaced", decided && !detail->client.has_value()},
      {"withdrawn", withdrawn},
      {"withdrawn_text",
       context.Text("web.review.item.withdrawn", FormatTimestamp(item.withdrawn_at, context.language))},
      {"fields", FieldRows(context, *detail)},
      {"pending", pending},
      {"decided", decided},
      {"decided_by", item.decided_by},
      {"decided_at", FormatTimestamp(item.decided_at, context.language)},
      {"decision_reason", detail->reason},
      {"reversed", reversed},
      {"reversed_by", item.reversed_by},
      {"reversed_at", FormatTimestamp(item.reversed_at, context.language)},
      {"reversal_reason", detail->reversal_reason},
      {"attention", item.attention},
      {"can_reverse", decided && !reversed && !own_decision},
      {"own_decision", decided && !reversed && own_decision},
      {"reason", reason}};
  if (!error.empty()) view["error"] = error;
  if (context.Field("done") == "1" && error.empty()) view["done"] = context.Text("web.review.done");
  context.Render("review_item", view, status);
}

void ItemPage(RequestContext& context) {
  std::optional<std::int64_t> id = context.PathId(1);
  if (!id) return context.ErrorPage(404, "web.error.not_found");
  ShowItem(context, *id, "", 200, "");
}

// Returns the web's text for a refused decision. The library's texts for a few errors
// name command-line commands, so those have their own text here.
std::string DecisionError(const RequestContext& context, const Error& error, std::int64_t id) {
  if (error.message_key == "matching.review.not_pending") {
    return context.Text("web.review.not_pending", id);
  }
  if (error.message_key == "matching.review.client_gone") {
    return context.Text("web.review.client_gone", id);
  }
  if (error.message_key == "matching.review.withdrawn") {
    return context.Text("web.review.withdrawn", id);
  }
  if (error.message_key == "workflow.transition_not_allowed") {
    return context.Text("web.review.dossier_moved", id);
  }
  return error.Render(context.language);
}

void DecisionSubmit(RequestContext& context) {
  std::optional<std::int64_t> id = context.PathId(1);
  if (!id) return context.ErrorPage(404, "web.error.not_found");
  const std::string verdict = context.PathParam(2);
  const std::string reason = context.Field("reason");

  // Step 1: a reason is required for every decision.
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return ShowItem(context, *id, context.Text("web.review.reason_required"), 400, reason);
  }

  // Step 2: a decision may change a dossier's status, so the protocol must allow it. Its
  // follow-up period applies to a newly paused dossier.
  Result<protocol::Protocol> in_force = store::AuthorizeExchange(
      context.store(), store::Exchange::kStatusChange, context.Actor(), context.Today());
  if (!in_force.ok() && StatusForError(in_force.error()) >= 500) {
    return FailPage(context, in_force.error(), "protocol gate");
  }
  if (!in_force.ok()) {
    return ShowItem(context, *id, in_force.error().Render(context.language), 409, reason);
  }

  // Step 3: the decision, by the library the command line uses.
  const workflow::WorkflowOptions options{in_force->FollowUpDays()};
  const matching::ReviewDecision decision{*id, reason, context.Actor(), context.Today()};
  Result<matching::ReviewOutcome> outcome =
      verdict == "confirm"  ? matching::ConfirmReview(context.store(), decision, options)
      : verdict == "reject" ? matching::RejectReview(context.store(), decision)
                            : matching::ReverseReview(context.store(), decision, options);
  if (!outcome.ok() && outcome.error().message_key == "matching.review.not_found") {
    return context.ErrorPage(404, "web.error.not_found");
  }
  if (!outcome.ok() && StatusForError(outcome.error()) >= 500) {
    return FailPage(context, outcome.error(), "review decision");
  }
  if (!outcome.ok()) {
    return ShowItem(context, *id, DecisionError(context, outcome.error(), *id),
                    StatusForError(outcome.error()), reason);
  }
  context.Redirect(ItemPath(*id) + "?done=1");
}

}  // namespace

void AddReviewRoutes(std::vector<Route>& routes) {
  routes.push_back(MakeRoute("GET", "/review", Access::kRoles, kReviewer, QueuePage,
                             "web.nav.review_queue", 30));
  routes.push_back(MakeRoute("GET", R"(/review/(\d+))", Access::kRoles, kReviewer, ItemPage));
  routes.push_back(MakeRoute("POST", R"(/review/(\d+)/(confirm|reject|reverse))", Access::kRoles,
                             kReviewer, DecisionSubmit));
}

}  // namespace adempauze::web
