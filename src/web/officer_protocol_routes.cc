// The protocol in force for the data protection officer: a summary, the state of the
// exchange, and the officer's suspension and resumption (store::SuspendExchange and
// ResumeExchange, reached only through routes that allow the officer role). The full
// protocol document is readable by every signed-in user, because staff work under it.
#include <string>
#include <vector>

#include "adempauze/protocol/document.h"
#include "adempauze/store/protocol_state.h"
#include "web/officer_common.h"
#include "web/view.h"

namespace adempauze::web {
namespace {

const auth::RoleSet kOfficer{auth::Role::kOfficer};
constexpr const char* kSupervision = "supervision";

nlohmann::json FieldLabels(const RequestContext& context, const std::vector<protocol::Field>& fields) {
  nlohmann::json labels = nlohmann::json::array();
  for (protocol::Field field : fields) {
    labels.push_back(context.Text("protocol.doc.field." + std::string(protocol::FieldKey(field))));
  }
  return labels;
}

nlohmann::json SummaryView(const RequestContext& context, const store::InstalledProtocol& installed) {
  const protocol::ProtocolDefinition& definition = installed.protocol.definition();
  nlohmann::json parties = nlohmann::json::array();
  for (const protocol::Controller& controller : definition.controllers) {
    parties.push_back({{"role", context.Text("protocol.doc.role." + std::string(protocol::PartyRoleKey(controller.role)))},
                       {"name", controller.name},
                       {"dpo", controller.data_protection_officer.email}});
  }
  nlohmann::json recipients = nlohmann::json::array();
  for (const protocol::Recipient& recipient : definition.recipients) {
    recipients.push_back({{"party", recipient.party}, {"services", recipient.services}});
  }
  const protocol::ValidityPeriod period = installed.protocol.Period();
  return {{"id", installed.protocol.id()},
          {"title", definition.title},
          {"period", context.Text("protocol.doc.period", FormatDate(period.start, context.language),
                                  FormatDate(period.end, context.language))},
          {"parties", parties},
          {"purposes", definition.purposes},
          {"city_to_ocmw", FieldLabels(context, definition.city_to_ocmw)},
          {"ocmw_to_city", FieldLabels(context, definition.ocmw_to_city)},
          {"recipients", recipients},
          {"follow_up_days", installed.protocol.FollowUpDays()},
          {"deletion_deadline", FormatDate(installed.protocol.DeletionDeadline(), context.language)},
          {"access_log_years", definition.retention.access_log_years},
          {"sha256", installed.sha256},
          {"loaded_at", FormatTimestamp(installed.loaded_at, context.language)},
          {"loaded_by", installed.loaded_by}};
}

// The state of the exchange on `today`: a label, a badge class and a sentence.
nlohmann::json StateView(const RequestContext& context, const store::ExchangeState& state) {
  const protocol::ValidityPeriod period = state.installed->protocol.Period();
  const CivilDate today = context.Today();
  if (state.suspended) {
    return {{"label", context.Text("web.officer.protocol.state.suspended")},
            {"badge", "badge-rejected"},
            {"text", context.Text("web.officer.protocol.state.suspended_text",
                                  FormatTimestamp(state.suspension_at, context.language), state.suspension_by,
                                  state.suspension_reason)}};
  }
  if (today < period.start) {
    return {{"label", context.Text("web.officer.protocol.state.outside")},
            {"badge", "status-closed"},
            {"text", context.Text("cli.protocol.status_not_yet", FormatDate(period.start, context.language))}};
  }
  if (period.end < today) {
    return {{"label", context.Text("web.officer.protocol.state.outside")},
            {"badge", "status-closed"},
            {"text", context.Text("cli.protocol.status_expired", FormatDate(period.end, context.language))}};
  }
  return {{"label", context.Text("web.officer.protocol.state.active")},
          {"badge", "status-solution_reached"},
          {"text", context.Text("cli.protocol.status_in_force", FormatDate(today, context.language))}};
}

// Renders the protocol page. `extra` adds a form error and the typed reason.
void ShowProtocol(RequestContext& context, nlohmann::json extra, int status) {
  nlohmann::json view{{"title", context.Text("web.officer.protocol.title")}};
  const std::string done = context.Field("done");
  if (done == "suspended" || done == "resumed") view["done"] = context.Text("web.officer.protocol.done." + done);

  Result<store::ExchangeState> state = store::ReadExchangeState(context.store());
  if (!state.ok()) {
    // After retention the sealed text can no longer be opened, which ends the exchange.
    view["unreadable"] = context.Text(state.error().code == ErrorCode::kCrypto ? "web.officer.protocol.unreadable"
                                                                                 : "web.officer.protocol.corrupt");
  } else if (!state->installed) {
    view["none"] = true;
  } else {
    view["protocol"] = SummaryView(context, *state->installed);
    view["state"] = StateView(context, *state);
    view["suspended"] = state->suspended;
  }
  view.update(extra);
  context.Render("officer_protocol", view, status);
}

void ProtocolPage(RequestContext& context) { ShowProtocol(context, nlohmann::json::object(), 200); }

void ChangeSuspension(RequestContext& context, bool suspend) {
  const std::string reason = context.Field("reason");
  const store::Actor officer = context.Actor(kSupervision);
  Status done = suspend ? store::SuspendExchange(context.store(), reason, officer)
                        : store::ResumeExchange(context.store(), reason, officer);
  if (!done.ok()) {
    return ShowProtocol(context, {{"form_error", done.error().Render(context.language)}, {"reason_input", reason}},
                        StatusForError(done.error()));
  }
  context.Redirect(std::string("/officer/protocol?done=") + (suspend ? "suspended" : "resumed"));
}

void SuspendSubmit(RequestContext& context) { ChangeSuspension(context, true); }
void ResumeSubmit(RequestContext& context) { ChangeSuspension(context, false); }

// Reads the protocol in force for the document routes, or sends the error page.
std::optional<store::InstalledProtocol> InstalledOrError(RequestContext& context) {
  Result<store::ExchangeState> state = store::ReadExchangeState(context.store());
  if (!state.ok()) {
    if (state.error().code == ErrorCode::kCrypto) context.ErrorPage(409, "web.officer.protocol.unreadable");
    else officer::FailedCallPage(context, state.error());
    return std::nullopt;
  }
  if (!state->installed) {
    context.ErrorPage(404, "web.officer.protocol.none");
    return std::nullopt;
  }
  return std::move(state->installed);
}

// Sends the document as the protocol module renders it: one self-contained page with its
// own <style> element. Its policy allows that inline style and nothing else: no script,
// no image, no form, no frame.
void DocumentHtml(RequestContext& context) {
  std::optional<store::InstalledProtocol> installed = InstalledOrError(context);
  if (!installed) return;
  context.response.headers.erase("Content-Security-Policy");
  context.response.set_header("Content-Security-Policy",
                              "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; "
                              "base-uri 'none'; form-action 'none'");
  context.response.set_content(protocol::RenderHtml(installed->protocol, context.language), "text/html; charset=utf-8");
}

void DocumentPdf(RequestContext& context) {
  std::optional<store::InstalledProtocol> installed = InstalledOrError(context);
  if (!installed) return;
  Result<protocol::PdfDocument> pdf = protocol::RenderPdf(installed->protocol, context.language);
  if (!pdf.ok()) return officer::FailedCallPage(context, pdf.error());
  context.Download(std::move(pdf->bytes), "application/pdf", "protocol-" + installed->protocol.id() + ".pdf");
}

}  // namespace

void AddOfficerProtocolRoutes(std::vector<Route>& routes) {
  routes.push_back(
      MakeRoute("GET", "/officer/protocol", Access::kRoles, kOfficer, ProtocolPage, "web.nav.officer.protocol", 63));
  routes.push_back(MakeRoute("POST", "/officer/protocol/suspend", Access::kRoles, kOfficer, SuspendSubmit));
  routes.push_back(MakeRoute("POST", "/officer/protocol/resume", Access::kRoles, kOfficer, ResumeSubmit));
  routes.push_back(MakeRoute("GET", "/protocol/document", Access::kSignedIn, {}, DocumentHtml));
  routes.push_back(MakeRoute("GET", "/protocol/document/pdf", Access::kSignedIn, {}, DocumentPdf));
}

}  // namespace adempauze::web
