// The officer's evaluation figures: the anonymous counts and durations that retention
// freezes, as tables and as bar charts. A chart is SVG that the template officer_bar_chart
// writes from the geometry computed here: no chart library and no script, and every value
// passes through the template's escaping. The table under each chart is its text
// alternative (the chart's aria-describedby points at it).
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "adempauze/store/retention.h"
#include "adempauze/workflow/status.h"
#include "web/officer_common.h"

namespace adempauze::web {
namespace {

const auth::RoleSet kOfficer{auth::Role::kOfficer};

struct Bar {
  std::string label;
  double value = 0;
};

// Chart geometry in SVG user units. The SVG scales to the width of the page.
constexpr int kChartWidth = 720;
constexpr int kLabelWidth = 300;  // labels end here, right-aligned
constexpr int kBarArea = 330;     // the width of the longest bar
constexpr int kRowHeight = 26;
constexpr int kBarHeight = 18;
constexpr int kPadding = 8;
// A longer label would run past the left edge of the chart, so the SVG shortens it and
// the table keeps it whole.
constexpr std::size_t kMaxLabelCharacters = 42;

// Returns `text` cut to `max` characters (UTF-8 code points) with "…" at the end.
std::string Shorten(const std::string& text, std::size_t max) {
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // a continuation byte
    if (++characters > max) return text.substr(0, i) + "…";
  }
  return text;
}

std::string FormatNumber(const RequestContext& context, double value, bool whole) {
  std::string text = whole ? fmt::format("{:.0f}", value) : fmt::format("{:.1f}", value);
  if (context.language == Language::kDutch) std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

// Returns the view of one chart and its table: bars scaled to the largest value, labels
// and values as text beside them.
nlohmann::json ChartView(const RequestContext& context, const std::string& id, const std::string& title,
                         const std::string& dimension_header, const std::string& value_header,
                         const std::vector<Bar>& bars, bool whole) {
  double max = 0;
  for (const Bar& bar : bars) max = std::max(max, bar.value);
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const int top = kPadding + static_cast<int>(i) * kRowHeight;
    const int length = max > 0 ? static_cast<int>(bars[i].value / max * kBarArea + 0.5) : 0;
    const int width = bars[i].value > 0 ? std::max(length, 1) : 0;
    rows.push_back({{"label", bars[i].label},
                    {"svg_label", Shorten(bars[i].label, kMaxLabelCharacters)},
                    {"value", FormatNumber(context, bars[i].value, whole)},
                    {"label_x", kLabelWidth - 8},
                    {"bar_x", kLabelWidth},
                    {"bar_y", top + (kRowHeight - kBarHeight) / 2},
                    {"bar_width", width},
                    {"bar_height", kBarHeight},
                    {"value_x", kLabelWidth + width + 6},
                    {"text_y", top + kRowHeight / 2 + 5}});
  }
  return {{"id", id},
          {"title", title},
          {"dimension_header", dimension_header},
          {"value_header", value_header},
          {"empty", bars.empty()},
          {"width", kChartWidth},
          {"height", 2 * kPadding + static_cast<int>(bars.size()) * kRowHeight},
          {"bars", rows}};
}

// Groups the figures by name: figure → [(dimension, value)] in the store's order.
std::map<std::string, std::vector<std::pair<std::string, double>>> ByFigure(
    const std::vector<store::EvaluationFigure>& figures) {
  std::map<std::string, std::vector<std::pair<std::string, double>>> grouped;
  for (const store::EvaluationFigure& figure : figures) grouped[figure.figure].emplace_back(figure.dimension, figure.value);
  return grouped;
}

std::vector<Bar> StatusBars(const RequestContext& context, const std::vector<std::pair<std::string, double>>& rows) {
  std::vector<Bar> bars;
  for (const auto& [status, count] : rows) bars.push_back({workflow::StatusLabel(status, context.language), count});
  return bars;
}

std::vector<Bar> PlainBars(const std::vector<std::pair<std::string, double>>& rows) {
  std::vector<Bar> bars;
  for (const auto& [dimension, count] : rows) bars.push_back({dimension, count});
  return bars;
}

// Returns the matches per "method/decision", each part in words when the catalog has it.
std::vector<Bar> MatchBars(const RequestContext& context, const std::vector<std::pair<std::string, double>>& rows) {
  auto words = [&](const std::string& prefix, const std::string& code) {
    const std::string key = prefix + code;
    return HasMessage(key) ? context.Text(key) : code;
  };
  std::vector<Bar> bars;
  for (const auto& [kind, count] : rows) {
    const std::size_t slash = kind.find('/');
    if (slash == std::string::npos) {
      bars.push_back({kind, count});
      continue;
    }
    bars.push_back({context.Text("web.officer.figures.match_label",
                                 words("web.officer.figures.method.", kind.substr(0, slash)),
                                 words("web.officer.figures.decision.", kind.substr(slash + 1))),
                    count});
  }
  return bars;
}

// Returns the mean and median of both durations, with the number of dossiers in each label.
std::vector<Bar> DurationBars(const RequestContext& context,
                              std::map<std::string, std::vector<std::pair<std::string, double>>>& grouped) {
  std::vector<Bar> bars;
  for (const char* figure : {"days_paused", "days_to_resume"}) {
    std::map<std::string, double> values(grouped[figure].begin(), grouped[figure].end());
    if (values["count"] == 0) continue;
    const std::string count = FormatNumber(context, values["count"], true);
    for (const char* measure : {"mean_days", "median_days"}) {
      bars.push_back({context.Text(fmt::format("web.officer.figures.{}.{}", figure, measure), count), values[measure]});
    }
  }
  return bars;
}

void FiguresPage(RequestContext& context) {
  // Frozen figures come first, because after retention the live tables are empty.
  Result<std::vector<store::EvaluationFigure>> frozen = store::ReadFrozenFigures(context.store().database());
  if (!frozen.ok()) return officer::FailedCallPage(context, frozen.error());
  const bool is_frozen = !frozen->empty();
  Result<std::vector<store::EvaluationFigure>> figures =
      is_frozen ? std::move(frozen) : store::ComputeEvaluationFigures(context.store().database(), context.Today());
  if (!figures.ok()) return officer::FailedCallPage(context, figures.error());
  auto grouped = ByFigure(*figures);

  const std::string dossiers = context.Text("web.officer.figures.dossiers");
  nlohmann::json charts = nlohmann::json::array();
  charts.push_back(ChartView(context, "chart-final-status", context.Text("web.officer.figures.final_status"),
                             context.Text("web.officer.figures.status"), dossiers,
                             StatusBars(context, grouped["final_status"]), true));
  charts.push_back(ChartView(context, "chart-months", context.Text("web.officer.figures.per_month"),
                             context.Text("web.officer.figures.month"), dossiers,
                             PlainBars(grouped["debtors_per_import_month"]), true));
  charts.push_back(ChartView(context, "chart-reached-status", context.Text("web.officer.figures.reached_status"),
                             context.Text("web.officer.figures.status"), dossiers,
                             StatusBars(context, grouped["reached_status"]), true));
  charts.push_back(ChartView(context, "chart-matches", context.Text("web.officer.figures.matches"),
                             context.Text("web.officer.figures.match_kind"), context.Text("web.officer.figures.count"),
                             MatchBars(context, grouped["matches"]), true));
  charts.push_back(ChartView(context, "chart-durations", context.Text("web.officer.figures.durations"),
                             context.Text("web.officer.figures.measure"), context.Text("web.officer.figures.days"),
                             DurationBars(context, grouped), false));

  nlohmann::json view{{"title", context.Text("web.officer.figures.title")}, {"charts", charts}};
  if (is_frozen) {
    view["source"] = context.Text("web.officer.figures.frozen");
  } else {
    view["source"] = context.Text("web.officer.figures.live", context.Today().ToIso());
  }
  context.Render("officer_figures", view);
}

}  // namespace

void AddOfficerFigureRoutes(std::vector<Route>& routes) {
  routes.push_back(
      MakeRoute("GET", "/officer/figures", Access::kRoles, kOfficer, FiguresPage, "web.nav.officer.figures", 62));
}

}  // namespace adempauze::web
