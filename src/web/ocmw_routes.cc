// Routes of the social worker's screens: the client dossiers, one dossier with its history
// and the follow-up form, and the dossiers whose follow-up deadline has passed.
//
// These screens show the social worker client dossiers only (web/ocmw_dossiers.h), with
// the five protocol fields in full: the national number is not masked here.
#include <optional>
#include <string>

#include <spdlog/spdlog.h>

#include "adempauze/auth/auth.h"
#include "adempauze/nn/national_number.h"
#include "adempauze/store/protocol_state.h"
#include "adempauze/workflow/workflow.h"
#include "web/app.h"
#include "web/ocmw_dossiers.h"
#include "web/ocmw_follow_up.h"
#include "web/view.h"

namespace adempauze::web {
namespace {

using workflow::DossierStatus;

const auth::RoleSet kSocialWorker{auth::Role::kSocialWorker};

// The statuses of client dossiers, offered by the list's status filter.
constexpr DossierStatus kClientStatuses[] = {
    DossierStatus::kClientPaused, DossierStatus::kSolutionInProgress,
    DossierStatus::kSolutionReached, DossierStatus::kResumeCollection, DossierStatus::kClosed};

std::string DossierPath(std::int64_t debtor_id) {
  return "/ocmw/dossiers/" + std::to_string(debtor_id);
}

// The status of a list row or the dossier page: its label for the badge's text, its id for
// the badge's style, and the deadline with an "overdue" text when it has passed.
nlohmann::json StatusView(const RequestContext& context, const store::DossierSummary& summary) {
  nlohmann::json view{{"status_id", summary.status},
                      {"status_label", workflow::StatusLabel(summary.status, context.language)},
                      {"overdue", IsOverdue(summary, context.Today())}};
  if (summary.follow_up_deadline) {
    view["deadline"] = FormatDate(*summary.follow_up_deadline, context.language);
    view["deadline_iso"] = summary.follow_up_deadline->ToIso();
  }
  return view;
}

nlohmann::json RowView(const RequestContext& context, const ClientDossierRow& row) {
  nlohmann::json view = StatusView(context, row.summary);
  view["href"] = DossierPath(row.summary.debtor_id);
  view["number"] = row.summary.dossier_number;
  view["name"] = row.first_name + " " + row.last_name;
  return view;
}

// ---- The list of client dossiers -------------------------------------------------------

void DossiersPage(RequestContext& context) {
  const std::string search = context.Field("q");
  const std::string status_id = context.Field("status");
  ClientDossierQuery query;
  query.search = search;
  nlohmann::json statuses = nlohmann::json::array();
  for (DossierStatus status : kClientStatuses) {
    const bool selected = workflow::StatusId(status) == status_id;
    if (selected) query.status = status;
    statuses.push_back({{"id", workflow::StatusId(status)},
                        {"label", workflow::StatusLabel(status, context.language)},
                        {"selected", selected}});
  }
  const std::int64_t page = PageNumber(context);
  query.offset = (page - 1) * kRowsPerPage;
  query.limit = kRowsPerPage;

  Result<ClientDossierPage> found = ListClientDossiers(context.store(), query, context.Actor());
  if (!found.ok()) return FailPage(context, found.error(), "client dossier list");

  nlohmann::json rows = nlohmann::json::array();
  for (const ClientDossierRow& row : found->rows) rows.push_back(RowView(context, row));
  std::string filters = QueryPair("q", search);
  if (query.status) {
    if (!filters.empty()) filters += "&";
    filters += QueryPair("status", status_id);
  }
  context.Render(
      "ocmw_dossiers",
      {{"title", context.Text("web.ocmw.dossiers.title")},
       {"q", search},
       {"statuses", statuses},
       {"filtered", !filters.empty()},
       {"rows", rows},
       {"has_rows", !rows.empty()},
       {"pager", PagerView(context, "/ocmw/dossiers", filters, page, found->total)}});
}

// ---- One dossier and its follow-up form ------------------------------------------------

// The social worker's input, kept when the form comes back with an error.
struct FollowUpForm {
  std::string to;
  std::string consent;
  std::string solution;
  std::string reason;
};

std::string ActorText(const RequestContext& context, const store::DossierEvent& event) {
  std::optional<auth::Role> role = auth::ParseRole(event.role);
  if (!role) return event.actor;
  return event.actor + " (" + auth::RoleLabel(*role, context.language) + ")";
}

nlohmann::json EventView(const RequestContext& context, const store::DossierEvent& event) {
  nlohmann::json view{{"at", FormatTimestamp(event.at, context.language)},
                      {"from", workflow::StatusLabel(event.from_status, context.language)},
                      {"to", workflow::StatusLabel(event.to_status, context.language)},
                      {"actor", ActorText(context, event)}};
  const FollowUp follow_up = DecodeFollowUp(event.reason);
  std::string text = follow_up.text;
  const std::string code_key = "workflow.reason_code." + event.reason_code;
  if (text.empty() && HasMessage(code_key)) text = context.Text(code_key);
  view["reason"] = text;
  if (follow_up.consent) {
    view["consent"] =
        context.Text("web.ocmw.consent." + std::string(ConsentId(*follow_up.consent)));
  }
  if (follow_up.solution) {
    view["solution"] =
        context.Text("web.ocmw.solution." + std::string(SolutionKindId(*follow_up.solution)));
  }
  return view;
}

std::string NationalNumberText(const store::DossierDetail& detail) {
  if (detail.number_valid && detail.national_number.size() == 11) {
    return nn::Format(detail.national_number);
  }
  return detail.national_number;
}

nlohmann::json FormView(const RequestContext& context, const store::DossierDetail& detail,
                        const FollowUpForm& form) {
  std::optional<DossierStatus> current = workflow::ParseStatus(detail.summary.status);
  nlohmann::json targets = nlohmann::json::array();
  if (current) {
    for (DossierStatus target : workflow::AllowedTargets(*current)) {
      const std::string id(workflow::StatusId(target));
      targets.push_back({{"id", id},
                         {"label", workflow::StatusLabel(target, context.language)},
                         {"hint", context.Text("web.ocmw.follow_up.hint." + id)},
                         {"checked", id == form.to}});
    }
  }
  nlohmann::json solutions = nlohmann::json::array();
  for (SolutionKind kind : AllSolutionKinds()) {
    const std::string id(SolutionKindId(kind));
    solutions.push_back({{"id", id},
                         {"label", context.Text("web.ocmw.solution." + id)},
                         {"selected", id == form.solution}});
  }
  return {{"action", DossierPath(detail.summary.debtor_id) + "/follow-up"},
          {"version", detail.summary.version},
          {"targets", targets},
          {"has_targets", !targets.empty()},
          {"consent_given", form.consent == "given"},
          {"consent_refused", form.consent == "refused"},
          {"consent_none", form.consent.empty()},
          {"solutions", solutions},
          {"reason", form.reason}};
}

// Renders the dossier page. ReadClientDossier logs the read. A dossier that is not a client
// dossier gets the same 404 page as a dossier that does not exist.
void ShowDossier(RequestContext& context, std::int64_t debtor_id, const FollowUpForm& form,
                 const std::string& error, int status) {
  Result<store::DossierDetail> detail =
      ReadClientDossier(context.store(), debtor_id, context.Actor());
  if (!detail.ok() && detail.error().code == ErrorCode::kNotFound) {
    return context.ErrorPage(404, "web.error.not_found");
  }
  if (!detail.ok()) return FailPage(context, detail.error(), "client dossier read");

  nlohmann::json history = nlohmann::json::array();
  for (const store::DossierEvent& event : detail->history) {
    history.push_back(EventView(context, event));
  }
  nlohmann::json related = nlohmann::json::array();
  for (const store::DossierSummary& other : detail->related) {
    nlohmann::json view = StatusView(context, other);
    view["href"] = DossierPath(other.debtor_id);
    view["number"] = other.dossier_number;
    view["batch"] = other.batch_id;
    related.push_back(view);
  }

  nlohmann::json view = StatusView(context, detail->summary);
  view["title"] = context.Text("web.ocmw.dossier.title", detail->summary.dossier_number);
  view["number"] = detail->summary.dossier_number;
  view["batch_name"] = detail->batch_name;
  view["imported_at"] = FormatTimestamp(detail->imported_at, context.language);
  view["first_name"] = detail->first_name;
  view["last_name"] = detail->last_name;
  view["national_number"] = NationalNumberText(*detail);
  view["number_invalid"] = !detail->number_valid;
  view["street"] = detail->street;
  view["house_number"] = detail->house_number;
  view["since"] = FormatTimestamp(detail->summary.status_changed_at, context.language);
  view["version"] = detail->summary.version;
  view["history"] = history;
  view["related"] = related;
  view["has_related"] = !related.empty();
  view["form"] = FormView(context, *detail, form);
  if (!error.empty()) view["error"] = error;
  if (context.Field("saved") == "1" && error.empty()) {
    view["saved"] = context.Text("web.ocmw.follow_up.saved");
  }
  context.Render("ocmw_dossier", view, status);
}

void DossierPage(RequestContext& context) {
  std::optional<std::int64_t> id = context.PathId(1);
  if (!id) return context.ErrorPage(404, "web.error.not_found");
  ShowDossier(context, *id, {}, "", 200);
}

// Checks the form against the dossier's state. Returns the catalog key of the problem, or
// empty when the form may be applied.
std::string CheckFollowUp(const store::DossierSummary& dossier, const FollowUpForm& form,
                          std::optional<std::int64_t> version, std::optional<DossierStatus> to) {
  if (!version) return "web.ocmw.follow_up.version_missing";
  if (*version != dossier.version) return "web.ocmw.follow_up.stale";
  std::optional<DossierStatus> current = workflow::ParseStatus(dossier.status);
  if (!to || !current || !workflow::IsAllowed(*current, *to)) {
    return "web.ocmw.follow_up.choose_status";
  }
  if (!form.consent.empty() && !ParseConsent(form.consent)) {
    return "web.ocmw.follow_up.choose_status";
  }
  if (!form.solution.empty() && !ParseSolutionKind(form.solution)) {
    return "web.ocmw.follow_up.choose_status";
  }

  // The protocol requires the client's consent before a solution is worked out, and a
  // reached solution names its kind.
  if (*to == DossierStatus::kSolutionInProgress && form.consent != "given") {
    return "web.ocmw.follow_up.consent_required";
  }
  if (*to == DossierStatus::kSolutionReached && form.consent == "refused") {
    return "web.ocmw.follow_up.consent_refused";
  }
  if (*to == DossierStatus::kSolutionReached && form.solution.empty()) {
    return "web.ocmw.follow_up.solution_required";
  }
  if (*to != DossierStatus::kSolutionReached && !form.solution.empty()) {
    return "web.ocmw.follow_up.solution_not_reached";
  }
  if (form.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return "web.ocmw.follow_up.reason_required";
  }
  return {};
}

std::optional<std::int64_t> ParseVersion(const std::string& text) {
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoll(text);
}

void FollowUpSubmit(RequestContext& context) {
  std::optional<std::int64_t> id = context.PathId(1);
  if (!id) return context.ErrorPage(404, "web.error.not_found");
  const FollowUpForm form{context.Field("to"), context.Field("consent"), context.Field("solution"),
                          context.Field("reason")};

  // Step 1: only a client dossier can be followed up. Any other id gets the 404 page.
  Result<store::DossierSummary> dossier =
      FindClientDossier(context.store(), *id, context.Actor(), "transition");
  if (!dossier.ok() && dossier.error().code == ErrorCode::kNotFound) {
    return context.ErrorPage(404, "web.error.not_found");
  }
  if (!dossier.ok()) return FailPage(context, dossier.error(), "client dossier check");

  // Step 2: the form. A stale version is a conflict, and any other problem goes back to the
  // social worker to correct.
  const std::optional<std::int64_t> version = ParseVersion(context.Field("version"));
  const std::optional<DossierStatus> to = workflow::ParseStatus(form.to);
  const std::string problem = CheckFollowUp(*dossier, form, version, to);
  if (problem == "web.ocmw.follow_up.stale") {
    // The refused write is logged the way workflow::ChangeStatus logs its own conflicts. The
    // page below then logs the read of the current state.
    const Error refusal = MakeError(ErrorCode::kConflict, "workflow.stale_version_current",
                                    dossier->dossier_number, *version, dossier->version);
    if (Status logged = workflow::LogRefusedChange(context.store(), *id, to, version,
                                                   context.Actor(), refusal);
        !logged.ok()) {
      spdlog::warn("web: failed to log the refused follow-up of debtor {}: {}", *id,
                   logged.error().message_key);
    }
    return ShowDossier(context, *id, {"", "", "", form.reason},
                       context.Text(problem, dossier->dossier_number, *version, dossier->version),
                       409);
  }
  if (!problem.empty()) return ShowDossier(context, *id, form, context.Text(problem), 400);

  // Step 3: the protocol gate, which logs a refusal itself.
  Result<protocol::Protocol> in_force = store::AuthorizeExchange(
      context.store(), store::Exchange::kStatusChange, context.Actor(), context.Today());
  if (!in_force.ok() && StatusForError(in_force.error()) >= 500) {
    return FailPage(context, in_force.error(), "protocol gate");
  }
  if (!in_force.ok()) {
    return ShowDossier(context, *id, form, in_force.error().Render(context.language), 409);
  }

  // Step 4: the change, with the version the social worker saw.
  FollowUp follow_up{ParseConsent(form.consent), ParseSolutionKind(form.solution), form.reason};
  workflow::ChangeRequest request{
      *id, *to, version, EncodeFollowUp(follow_up), context.Actor(), context.Today()};
  Result<workflow::StatusChange> change = workflow::ChangeStatus(
      context.store(), request, workflow::WorkflowOptions{in_force->FollowUpDays()});
  if (!change.ok() && change.error().code == ErrorCode::kConflict) {
    return ShowDossier(context, *id, {"", "", "", form.reason},
                       context.Text("web.ocmw.follow_up.stale_now", dossier->dossier_number), 409);
  }
  if (!change.ok() && StatusForError(change.error()) >= 500) {
    return FailPage(context, change.error(), "follow-up");
  }
  if (!change.ok()) {
    return ShowDossier(context, *id, form, change.error().Render(context.language),
                       StatusForError(change.error()));
  }
  context.Redirect(DossierPath(*id) + "?saved=1");
}

// ---- Overdue follow-ups ----------------------------------------------------------------

void OverduePage(RequestContext& context) {
  Result<std::vector<store::DossierSummary>> overdue =
      workflow::ListOverdue(context.store(), context.Today(), context.Actor());
  if (!overdue.ok()) return FailPage(context, overdue.error(), "overdue list");

  // The names of the page's rows only, logged with their ids.
  const std::int64_t page = PageNumber(context);
  const auto total = static_cast<std::int64_t>(overdue->size());
  const auto begin = std::min(total, (page - 1) * kRowsPerPage);
  const auto end = std::min(total, begin + kRowsPerPage);
  std::vector<store::DossierSummary> shown(overdue->begin() + begin, overdue->begin() + end);
  Result<std::vector<ClientDossierRow>> named =
      AddNames(context.store(), std::move(shown), context.Actor(), "overdue_dossier_list");
  if (!named.ok()) return FailPage(context, named.error(), "overdue names");

  nlohmann::json rows = nlohmann::json::array();
  const long today = context.Today().DaysSinceEpoch();
  for (const ClientDossierRow& row : *named) {
    nlohmann::json view = RowView(context, row);
    view["days"] = context.Text("web.ocmw.overdue.days",
                                today - row.summary.follow_up_deadline->DaysSinceEpoch());
    rows.push_back(view);
  }
  context.Render("ocmw_overdue",
                 {{"title", context.Text("web.ocmw.overdue.title")},
                  {"today", FormatDate(context.Today(), context.language)},
                  {"rows", rows},
                  {"has_rows", !rows.empty()},
                  {"pager", PagerView(context, "/ocmw/overdue", "", page, total)}});
}

}  // namespace

void AddOcmwRoutes(std::vector<Route>& routes) {
  routes.push_back(MakeRoute("GET", "/ocmw/dossiers", Access::kRoles, kSocialWorker, DossiersPage,
                             "web.nav.ocmw_dossiers", 20));
  routes.push_back(
      MakeRoute("GET", R"(/ocmw/dossiers/(\d+))", Access::kRoles, kSocialWorker, DossierPage));
  routes.push_back(MakeRoute("POST", R"(/ocmw/dossiers/(\d+)/follow-up)", Access::kRoles,
                             kSocialWorker, FollowUpSubmit));
  routes.push_back(MakeRoute("GET", "/ocmw/overdue", Access::kRoles, kSocialWorker, OverduePage,
                             "web.nav.ocmw_overdue", 21));
}

}  // namespace adempauze::web
