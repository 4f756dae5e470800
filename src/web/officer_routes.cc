// Routes of the data protection officer: the access log with its filters, paging and CSV
// export, and the verification of its hash chain with anchors. The figures, the protocol
// and retention have their own files (officer_common.h lists them).
#include <string>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

#include "adempauze/export/table.h"
#include "adempauze/export/writers.h"
#include "adempauze/nn/national_number.h"
#include "adempauze/store/audit.h"
#include "web/officer_common.h"

namespace adempauze::web {
namespace {

using officer::FailedCallPage;
using officer::kRowsPerPage;
using officer::PagerView;
using officer::QueryString;
using officer::RequestedPage;

const auth::RoleSet kOfficer{auth::Role::kOfficer};

// The purpose under which the officer's reads of the log are logged.
constexpr const char* kSupervision = "supervision";

constexpr const char* kOutcomes[] = {"ok", "denied", "failed"};

// The log's filter as the form sent it. It stays text, so the form shows what was typed.
struct LogFilterForm {
  std::string user;
  std::string action;
  std::string outcome;
  std::string from;
  std::string to;
  std::string dossier;
  std::string subject;  // SubjectPseudonym() of a person, never the number itself

  std::vector<std::pair<std::string, std::string>> Params() const {
    return {{"user", user}, {"action", action}, {"outcome", outcome}, {"from", from},
            {"to", to},     {"dossier", dossier}, {"subject", subject}};
  }
};

LogFilterForm ReadFilterForm(const RequestContext& context) {
  return {context.Field("user"), context.Field("action"), context.Field("outcome"), context.Field("from"),
          context.Field("to"),   context.Field("dossier"), context.Field("subject")};
}

bool IsLowerHex(const std::string& text, std::size_t length) {
  return text.size() == length && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// Converts the form into the store's filter. Returns kInvalidArgument for a date that is not
// YYYY-MM-DD, an unknown outcome or a malformed pseudonym.
Result<store::AccessLogFilter> ToFilter(const LogFilterForm& form) {
  store::AccessLogFilter filter;
  if (!form.user.empty()) filter.actor = form.user;
  if (!form.action.empty()) filter.action = form.action;
  if (!form.dossier.empty()) filter.dossier_number = form.dossier;
  for (auto [text, target] : {std::pair{&form.from, &filter.from}, std::pair{&form.to, &filter.to}}) {
    if (text->empty()) continue;
    *target = CivilDate::FromIso(*text);
    if (!*target) return MakeError(ErrorCode::kInvalidArgument, "web.officer.log.date_invalid", *text);
  }
  if (!form.outcome.empty()) {
    bool known = false;
    for (const char* outcome : kOutcomes) known = known || form.outcome == outcome;
    if (!known) return MakeError(ErrorCode::kInvalidArgument, "web.officer.log.outcome_invalid", form.outcome);
    filter.outcome = form.outcome;
  }
  if (!form.subject.empty()) {
    if (!IsLowerHex(form.subject, 32)) return MakeError(ErrorCode::kInvalidArgument, "web.officer.log.subject_invalid");
    filter.subject = form.subject;
  }
  return filter;
}

std::string OutcomeLabel(const RequestContext& context, const std::string& outcome) {
  for (const char* known : kOutcomes) {
    if (outcome == known) return context.Text(std::string("web.officer.outcome.") + known);
  }
  return outcome;
}

std::string RoleText(const RequestContext& context, const std::string& role) {
  std::optional<auth::Role> parsed = auth::ParseRole(role);
  return parsed ? auth::RoleLabel(*parsed, context.language) : role;
}

nlohmann::json EntryView(const RequestContext& context, const store::AccessRecord& record,
                         const LogFilterForm& form) {
  const store::AccessEntry& entry = record.entry;
  nlohmann::json view{{"seq", entry.seq},
                      {"at", entry.at.size() >= 19 ? entry.at.substr(0, 10) + " " + entry.at.substr(11, 8) : entry.at},
                      {"actor", entry.actor},
                      {"role", RoleText(context, entry.role)},
                      {"action", entry.action},
                      {"object", entry.object_type + " " + entry.object_id},
                      {"purpose", entry.purpose},
                      {"outcome", OutcomeLabel(context, entry.outcome)},
                      {"outcome_class", entry.outcome == "ok" ? "status-received" : "badge-rejected"},
                      {"detail", entry.detail}};
  if (!record.subject.empty()) {
    LogFilterForm same_person = form;
    same_person.subject = record.subject;
    view["subject_short"] = record.subject.substr(0, 8);
    view["subject_href"] = "/officer/log?" + QueryString(same_person.Params());
  }
  return view;
}

// The filter form's view: the typed values, the choices of the selects, and the hidden
// fields that carry the filter into the person search.
nlohmann::json FilterView(RequestContext& context, const LogFilterForm& form) {
  nlohmann::json actions = nlohmann::json::array();
  if (Result<std::vector<std::string>> known = store::ListAccessLogActions(context.store()); known.ok()) {
    for (const std::string& action : *known) actions.push_back({{"value", action}, {"selected", action == form.action}});
  }
  nlohmann::json outcomes = nlohmann::json::array();
  for (const char* outcome : kOutcomes) {
    outcomes.push_back({{"value", outcome}, {"label", OutcomeLabel(context, outcome)}, {"selected", form.outcome == outcome}});
  }
  nlohmann::json hidden = nlohmann::json::array();
  for (const auto& [name, value] : form.Params()) {
    if (name != "subject" && !value.empty()) hidden.push_back({{"name", name}, {"value", value}});
  }
  return {{"user", form.user}, {"from", form.from},     {"to", form.to},        {"dossier", form.dossier},
          {"actions", actions}, {"outcomes", outcomes}, {"hidden", hidden}};
}

// Renders the log page: the filter form, one page of entries (the read is logged by the
// store), the pager and the export link. `error` is shown above the form.
void ShowLog(RequestContext& context, const std::string& error, int status) {
  LogFilterForm form = ReadFilterForm(context);
  nlohmann::json view{{"title", context.Text("web.officer.log.title")}, {"filter", FilterView(context, form)}};
  if (!error.empty()) view["error"] = error;
  if (!form.subject.empty()) {
    LogFilterForm without = form;
    without.subject.clear();
    view["subject"] = {{"short", form.subject.substr(0, 8)}, {"clear_href", "/officer/log?" + QueryString(without.Params())}};
  }

  Result<store::AccessLogFilter> filter = ToFilter(form);
  if (!filter.ok()) {
    view["error"] = filter.error().Render(context.language);
    return context.Render("officer_log", view, 400);
  }
  std::int64_t page = RequestedPage(context);
  Result<store::AccessLogPage> entries = store::ReadAccessLogPage(
      context.store(), *filter, (page - 1) * kRowsPerPage, kRowsPerPage, context.Actor(kSupervision));
  if (!entries.ok()) return FailedCallPage(context, entries.error());

  nlohmann::json rows = nlohmann::json::array();
  for (const store::AccessRecord& record : entries->records) rows.push_back(EntryView(context, record, form));
  const std::string query = QueryString(form.Params());
  view["entries"] = rows;
  view["has_entries"] = !rows.empty();
  view["total"] = context.Text("web.officer.log.total", entries->total);
  view["export_href"] = "/officer/log/export" + (query.empty() ? "" : "?" + query);
  view["pager"] = PagerView(context, "/officer/log", query, page, entries->total);
  context.Render("officer_log", view, status);
}

void LogPage(RequestContext& context) { ShowLog(context, {}, 200); }

// Sends the CSV of every matching entry, the same file as `adempauze audit export`. The
// store logs the export.
void LogExport(RequestContext& context) {
  Result<store::AccessLogFilter> filter = ToFilter(ReadFilterForm(context));
  if (!filter.ok()) return context.ErrorPage(filter.error());
  Result<std::vector<store::AccessRecord>> records =
      store::ReadAccessLogForExport(context.store(), *filter, context.Actor(kSupervision));
  if (!records.ok()) return FailedCallPage(context, records.error());

  exports::Table table;
  table.header = store::AccessLogColumns();
  for (const store::AccessRecord& record : *records) {
    std::vector<exports::Cell> row;
    for (std::string& value : store::AccessLogRow(record)) row.push_back(exports::Cell::Text(std::move(value)));
    table.rows.push_back(std::move(row));
  }
  Result<std::string> csv = exports::CsvBytes(table);
  if (!csv.ok()) return FailedCallPage(context, csv.error());
  context.Download(std::move(csv).value(), "text/csv; charset=utf-8",
                   "toegangslog-" + context.Today().ToIso() + ".csv");
}

// Turns a typed national number into the person filter. The number travels only in this
// POST body. The page it redirects to carries the pseudonym, so the number stays out of
// addresses, the browser history and the log.
void PersonSubmit(RequestContext& context) {
  const std::string number = context.Field("number");
  nn::CheckResult checked = nn::Check(number, context.Today());
  if (!checked.valid()) {
    Error error = MakeError(ErrorCode::kInvalidArgument, std::string(nn::ReasonMessageKey(*checked.reason)),
                            nn::MaskRaw(number));
    return ShowLog(context, error.Render(context.language), 400);
  }
  LogFilterForm form = ReadFilterForm(context);
  form.subject = store::SubjectPseudonym(context.store().keys(), checked.number->digits);
  context.Redirect("/officer/log?" + QueryString(form.Params()));
}

// Renders the verification page. It walks the whole chain on every view and shows what
// `extra` adds (the result of an anchor check or a new anchor).
void ShowVerify(RequestContext& context, nlohmann::json extra, int status) {
  nlohmann::json view{{"title", context.Text("web.officer.verify.title")}};
  Result<store::AccessLogVerification> chain = context.store().access_log().Verify();
  if (!chain.ok()) return FailedCallPage(context, chain.error());
  const std::string_view key = store::VerificationMessageKey(chain->problem);
  view["chain"] = {{"ok", chain->ok()},
                   {"message", chain->ok() ? context.Text(key, chain->entries_checked)
                                           : context.Text(key, chain->first_bad_seq, chain->entries_checked)}};
  if (!chain->ok()) {
    // The log lists the newest entry first, so the link opens the page that shows the bad one.
    Result<std::int64_t> newer = store::QueryInt(
        context.store().database(), "SELECT count(*) FROM access_log WHERE seq > " + std::to_string(chain->first_bad_seq));
    const std::int64_t page = newer.ok() ? *newer / kRowsPerPage + 1 : 1;
    view["chain"]["first_bad_href"] =
        "/officer/log?page=" + std::to_string(page) + "#seq-" + std::to_string(chain->first_bad_seq);
  }
  view.update(extra);
  context.Render("officer_verify", view, status);
}

void VerifyPage(RequestContext& context) { ShowVerify(context, nlohmann::json::object(), 200); }

// Checks a pasted anchor: the chain must be intact and still contain the anchor's entry.
void VerifyAnchorSubmit(RequestContext& context) {
  const std::string text = context.Field("anchor");
  nlohmann::json extra{{"anchor_input", text}};
  Result<store::AccessLogAnchor> anchor = store::ParseAnchor(text, "-");
  if (!anchor.ok()) {
    extra["anchor_result"] = {{"ok", false}, {"message", context.Text("web.officer.verify.anchor_invalid")}};
    return ShowVerify(context, extra, 400);
  }
  Result<store::AccessLogVerification> checked = store::VerifyAgainstAnchor(context.store(), *anchor);
  if (!checked.ok()) {
    extra["anchor_result"] = {{"ok", false}, {"message", checked.error().Render(context.language)}};
    return ShowVerify(context, extra, StatusForError(checked.error()));
  }
  std::string message = checked->ok()
                            ? context.Text("cli.audit.anchor_ok", anchor->seq, anchor->at)
                            : context.Text(store::VerificationMessageKey(checked->problem), checked->first_bad_seq,
                                           checked->entries_checked);
  extra["anchor_result"] = {{"ok", checked->ok()}, {"message", message}};
  ShowVerify(context, extra, 200);
}

// Takes a new anchor and shows it once, or sends it as a file when "download" is set.
void NewAnchorSubmit(RequestContext& context) {
  Result<store::AccessLogAnchor> anchor = store::ReadAnchor(context.store());
  if (!anchor.ok()) return FailedCallPage(context, anchor.error());
  std::string text = store::FormatAnchor(*anchor);
  if (context.Field("download") == "1") {
    return context.Download(std::move(text), "text/plain; charset=utf-8",
                            "toegangslog-anker-" + std::to_string(anchor->seq) + ".txt");
  }
  ShowVerify(context, {{"new_anchor", {{"text", text}, {"seq", anchor->seq}}}}, 200);
}

}  // namespace

namespace officer {

std::int64_t RequestedPage(const RequestContext& context) {
  const std::string text = context.Field("page");
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) return 1;
  std::int64_t page = std::stoll(text);
  return page < 1 ? 1 : page;
}

std::string QueryString(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    if (!out.empty()) out += '&';
    out += name + "=" + httplib::detail::encode_query_param(value);
  }
  return out;
}

nlohmann::json PagerView(const RequestContext& context, const std::string& path, const std::string& query,
                         std::int64_t page, std::int64_t total) {
  const std::int64_t pages = std::max<std::int64_t>(1, (total + kRowsPerPage - 1) / kRowsPerPage);
  auto href = [&](std::int64_t number) {
    return path + "?" + query + (query.empty() ? "" : "&") + "page=" + std::to_string(number);
  };
  nlohmann::json links = nlohmann::json::array();
  for (std::int64_t number = std::max<std::int64_t>(1, page - 3); number <= std::min(pages, page + 3); ++number) {
    links.push_back({{"number", number}, {"href", href(number)}, {"current", number == page}});
  }
  nlohmann::json view{{"label", context.Text("web.officer.pager.label")},
                      {"summary", context.Text("web.officer.pager.summary", std::min(page, pages), pages, total)},
                      {"pages", links},
                      {"several", pages > 1}};
  if (page > 1) view["previous"] = {{"href", href(std::min(page, pages + 1) - 1)}};
  if (page < pages) view["next"] = {{"href", href(page + 1)}};
  return view;
}

void FailedCallPage(RequestContext& context, const Error& error) {
  spdlog::warn("web: request {} on {} failed: {}", context.request_id, context.route().pattern, error.message_key);
  context.ErrorPage(error);
}

}  // namespace officer

void AddOfficerLogRoutes(std::vector<Route>& routes) {
  routes.push_back(MakeRoute("GET", "/officer/log", Access::kRoles, kOfficer, LogPage, "web.nav.officer.log", 60));
  routes.push_back(MakeRoute("GET", "/officer/log/export", Access::kRoles, kOfficer, LogExport));
  routes.push_back(MakeRoute("POST", "/officer/log/person", Access::kRoles, kOfficer, PersonSubmit));
  routes.push_back(
      MakeRoute("GET", "/officer/verify", Access::kRoles, kOfficer, VerifyPage, "web.nav.officer.verify", 61));
  routes.push_back(MakeRoute("POST", "/officer/verify/anchor", Access::kRoles, kOfficer, VerifyAnchorSubmit));
  routes.push_back(MakeRoute("POST", "/officer/anchor", Access::kRoles, kOfficer, NewAnchorSubmit));
}

void AddOfficerRoutes(std::vector<Route>& routes) {
  AddOfficerLogRoutes(routes);
  AddOfficerFigureRoutes(routes);
  AddOfficerProtocolRoutes(routes);
  AddOfficerRetentionRoutes(routes);
}

}  // namespace adempauze::web
