#include "study_sections.hpp"

#include <cmath>
#include <map>

#include "plan_sections.hpp"
#include "siaga/core/error.hpp"
#include "siaga/io/number_format.hpp"

namespace siaga::report {
namespace {

// Hours after midnight as a clock: 6.5 -> "06:30"; past 24 the next day's hour with "+1".
std::string clock_text(double h) {
  if (!std::isfinite(h)) return "n/a";
  const long minutes = std::lround(h * 60);
  const long hh = minutes / 60 % 24, mm = minutes % 60;
  std::string s = (hh < 10 ? "0" : "") + std::to_string(hh) + ":" + (mm < 10 ? "0" : "") + std::to_string(mm);
  return minutes >= 24 * 60 ? s + " (+1 day)" : s;
}

std::string count(const Json& doc, std::string_view path, const std::string& shown) {
  return io::format_fixed(json_number(doc, path, shown), 0);
}

// A unit kind as planners say it.
std::string kind_name(const std::string& kind) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"tps_guard", "TPS guard pool"},
      {"bhabinkamtibmas", "Bhabinkamtibmas"},
      {"polsek_reserve", "Polsek reserves"},
      {"polres_quick_response", "Polres quick response"},
      {"brimob", "Brimob"},
      {"tni_support", "TNI support"},
      {"linmas", "Linmas"},
      {"polda_reserve", "Polda reserve"}};
  for (const auto& [spelling, name] : kNames)
    if (kind == spelling) return name;
  return spoken(kind);
}

// One plan in a sentence; what it shares with `first` (officers by kind, retention) is said once.
std::string plan_sentence(const Json& plan, const Json* first, const std::string& shown) {
  std::string s = "Plan <b>" + escape_html(json_string(plan, "name", shown)) + "</b>";
  const std::string pattern = json_string(plan, "pattern", shown);
  std::string description = json_string(plan, "description", shown);
  while (!description.empty() && (description.back() == '.' || description.back() == ' '))
    description.pop_back();
  if (!pattern.empty() || !description.empty()) {
    s += " (";
    if (!pattern.empty()) s += "preset " + escape_html(pattern) + (description.empty() ? "" : "; ");
    if (!description.empty()) s += "<i>" + escape_html(description) + "</i>";
    s += ")";
  }
  s += ": " + count(plan, "officers_at_tps", shown) + " Polri officers stand at TPS (X-Y-Z per category:";
  const char* sep = " ";
  for (const auto& [category, pattern_text] : json_object(plan, "guards", shown).items()) {
    s += sep + escape_html(spoken(category)) + " " +
         escape_html(pattern_text.is_string() ? pattern_text.get<std::string>() : "");
    sep = ", ";
  }
  s += ")";
  const Json& kinds = json_object(plan, "officers_by_kind", shown);
  if (first != nullptr && json_object(*first, "officers_by_kind", shown) == kinds) {
    s += "; officers by kind as in " + escape_html(json_string(*first, "name", shown));
  } else {
    s += "; officers by kind:";
    sep = " ";
    for (const auto& [kind, officers] : kinds.items()) {
      s += sep + escape_html(kind_name(kind)) + " " +
           io::format_fixed(officers.is_number() ? officers.get<double>() : NAN, 0);
      sep = ", ";
    }
  }
  const Json& retention = json_object(plan, "retention", shown);
  if (first != nullptr && json_object(*first, "retention", shown) == retention) {
    s += "; after the count as " + escape_html(json_string(*first, "name", shown));
  } else {
    s += "; after the count:";
    sep = " ";
    for (const auto& [category, policy] : retention.items()) {
      s += sep + escape_html(spoken(category)) + " " +
           escape_html(policy.is_string() ? policy.get<std::string>() : "");
      sep = "; ";
    }
  }
  s += "; dispatch " + escape_html(json_string(plan, "dispatch", shown)) + ", guards placed by the " +
       escape_html(spoken(json_string(plan, "rating", shown))) + " category.";
  return s;
}

// Metrics shown side by side, in the order a planner reads them.
struct Shown {
  const char* metric;
  const char* label;
  bool share;
};
constexpr Shown kCompared[] = {
    {"incidents", "Incidents per day", false},
    {"serious_incidents", "Serious incidents per day", false},
    {"escalations", "Escalations per day", false},
    {"any_escalation", "Days with an escalation", true},
    {"never_answered", "Never answered per day", false},
    {"first_response_mean_min", "First response, mean minutes", false},
    {"first_response_p90_min", "First response, 90th percentile minutes", false},
    {"share_within_target", "Share of a day's incidents answered within target", true},
    {"any_long_wait", "Days with a long wait", true},
    {"post_count_exposed", "Incidents after the guards left, per day", false},
    {"officer_hours_duty", "Officer-hours on duty per day", false},
    {"officer_hours_retention", "Officer-hours kept after the count per day", false},
};

std::string verdict_cell(const std::string& verdict) {
  const std::string css = verdict == "better" ? "better" : verdict == "worse" ? "worse" : "neutral";
  return "<span class=\"verdict-" + css + "\">" + escape_html(verdict) + "</span>";
}

}  // namespace

std::string scenario_html(const Json& facts, const std::string& shown) {
  const Json& region = json_object(facts, "region", shown);
  std::string kabupaten;
  for (const Json& k : json_array(facts, "region.kabupaten", shown))
    kabupaten += (kabupaten.empty() ? "" : ", ") + (k.is_string() ? k.get<std::string>() : std::string());
  std::string p = "<p class=\"scenario\"><b>" + escape_html(json_string(facts, "name", shown)) +
                  "</b>: " + escape_html(kabupaten);
  const std::string provinsi = json_string(region, "provinsi", shown);
  if (!provinsi.empty()) p += ", " + escape_html(provinsi);
  p += ", with " + count(region, "kecamatan", shown) + " kecamatan, " + count(region, "villages", shown) +
       " villages and " + count(region, "tps", shown) + " TPS (";
  const char* sep = "";
  for (const auto& [category, n] : json_object(region, "tps_by_category", shown).items()) {
    p += sep + io::format_fixed(n.is_number() ? n.get<double>() : NAN, 0) + " " +
         escape_html(spoken(category));
    sep = ", ";
  }
  p += ") for " + count(region, "voters", shown) + " registered voters. ";
  const std::string description = json_string(facts, "description", shown);
  if (!description.empty()) p += "<i>" + escape_html(description) + "</i> ";
  const Json& e = json_object(facts, "election", shown);
  std::string kind = json_string(e, "kind", shown);
  if (!kind.empty() && kind[0] >= 'a' && kind[0] <= 'z') kind[0] = static_cast<char>(kind[0] - 'a' + 'A');
  p += escape_html(kind);
  const std::string date = json_string(e, "date", shown);
  if (!date.empty()) p += " on " + escape_html(date);
  p += ": guards take post at " + clock_text(json_number(e, "setup_hour", shown)) + ", voting " +
       clock_text(json_number(e, "opening_hour", shown)) + "–" +
       clock_text(json_number(e, "closing_hour", shown)) + ", " + count(e, "ballots_per_voter", shown) +
       " ballot(s) per voter. Polri's response targets: an officer on scene within ";
  sep = "";
  for (const Json& t : json_array(facts, "response_targets", shown)) {
    const double beyond = json_number(t, "beyond_km", shown);
    p += sep + io::format_number(json_number(t, "minutes", shown)) + " min" +
         (beyond > 0 ? " beyond " + io::format_number(beyond) + " km" : "");
    sep = ", ";
  }
  p += ". ";
  const Json& plans = json_array(facts, "plans", shown);
  for (std::size_t k = 0; k < plans.size(); ++k)
    p += plan_sentence(plans[k], k > 0 ? &plans[0] : nullptr, shown) + " ";
  const Json& run = json_object(facts, "run", shown);
  const std::string command = json_string(run, "command", shown);
  p += io::format_fixed(json_number(run, "replications", shown), 0) +
       (command == "sweep" ? " simulated election days per grid point" : " simulated election days") +
       (command == "compare" ? " per plan, on common random numbers" : "") + ", seed " +
       escape_html(json_field(run, "seed", shown).dump()) + ", " +
       io::format_number(100 * json_number(run, "confidence", shown)) + "% intervals";
  if (json_field(run, "partial", shown) == true) p += " (<b>partial</b>: stopped by Ctrl-C)";
  p += ". Scenario hash " + escape_html(json_string(facts, "hash", shown)) + ", siaga " +
       escape_html(json_string(run, "siaga_version", shown)) + ".</p>\n";

  std::string credits;
  for (const Json& source : json_array(facts, "sources", shown))
    if (source.is_string()) credits += "<li>" + escape_html(source.get<std::string>()) + "</li>\n";
  if (!credits.empty())
    p += "<p class=\"credits-title\">Data and credits:</p>\n<ul class=\"credits\">\n" + credits + "</ul>\n";
  return p;
}

std::string comparison_html(const ResultsTable& t, const std::vector<std::string>& plans) {
  // (metric, plan) -> row
  std::map<std::pair<std::string, std::string>, std::size_t> rows_of;
  const std::size_t metric_c = t.column("metric"), plan_c = t.column("plan");
  for (std::size_t r = 0; r < t.rows(); ++r) rows_of[{t.text(r, metric_c), t.text(r, plan_c)}] = r;
  if (plans.empty()) throw InputError(t.shown() + ": no plan");
  std::vector<std::vector<Cell>> rows;
  for (const Shown& m : kCompared) {
    std::vector<Cell> row{{"<b>" + escape_html(m.label) + "</b>", false}};
    for (std::size_t k = 0; k < plans.size(); ++k) {
      const auto it = rows_of.find({m.metric, plans[k]});
      if (it == rows_of.end())
        throw InputError(t.shown() + ": no row for metric '" + m.metric + "' and plan '" + plans[k] + "'");
      const std::size_t r = it->second;
      const double scale = m.share ? 100 : 1;
      std::string value =
          interval_text(scale * t.number(r, "mean"), scale * t.number(r, "low"), scale * t.number(r, "high"));
      if (m.share && value != "n/a") value.insert(std::min(value.find(' '), value.size()), "%");
      std::string cell = "<div>" + escape_html(value) + "</div>";
      if (k > 0) {
        std::string diff = interval_text(scale * t.number(r, "diff_to_first"),
                                         scale * t.number(r, "diff_low"), scale * t.number(r, "diff_high"));
        if (diff != "n/a" && diff[0] != '-') diff.insert(0, 1, '+');
        if (m.share && diff != "n/a") diff += " pp";
        cell +=
            "<div class=\"diff\">" + escape_html(diff) + " " + verdict_cell(t.text(r, "verdict")) + "</div>";
      }
      row.push_back({cell, true});
    }
    rows.push_back(std::move(row));
  }
  std::vector<std::string> header{"figure"};
  for (std::size_t k = 0; k < plans.size(); ++k)
    header.push_back(k == 0 ? plans[k] + " (reference)" : plans[k]);
  return table_html(header, rows, "wide compare");
}

SweepReport sweep_report(const ResultsTable& t) {
  SweepReport out;
  // The swept fields head the columns before "n", as their --set spellings.
  const std::size_t n_c = t.column("n");
  std::vector<std::string> header(t.header().begin(), t.header().begin() + static_cast<std::ptrdiff_t>(n_c));
  Json points = Json::array();
  std::vector<std::vector<Cell>> rows;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    std::string label;
    std::vector<Cell> row;
    for (std::size_t c = 0; c < n_c; ++c) {
      const std::string value = io::format_number(t.number(r, c), 4);
      label += (label.empty() ? "" : ", ") + header[c] + " = " + value;
      row.push_back(number_cell(value));
    }
    const double x = t.number(r, "officer_hours"), xl = t.number(r, "officer_hours_low"),
                 xh = t.number(r, "officer_hours_high");
    const double y = t.number(r, "risk"), yl = t.number(r, "risk_low"), yh = t.number(r, "risk_high");
    const bool knee = t.text(r, "knee") == "1";
    row.push_back(number_cell(io::format_fixed(t.number(r, n_c), 0)));
    row.push_back(number_cell(interval_text(x, xl, xh)));
    row.push_back(number_cell(percent_interval_text(y, yl, yh)));
    row.push_back(text_cell(knee ? "knee" : ""));
    rows.push_back(std::move(row));
    points.push_back(Json{{"label", label},
                          {"x", x},
                          {"x_low", xl},
                          {"x_high", xh},
                          {"y", y},
                          {"y_low", yl},
                          {"y_high", yh},
                          {"knee", knee}});
    if (knee)
      out.knee_html =
          "<p>The knee of the curve (the point farthest from the straight line between its ends, each "
          "axis scaled to its range) is at " +
          escape_html(label) + ": " + interval_text(x, xl, xh) + " officer-hours a day for a " +
          percent_interval_text(y, yl, yh) +
          " chance of an escalation on a day. Past it, each further officer-hour buys less.</p>\n";
  }
  if (out.knee_html.empty())
    out.knee_html = "<p>No knee: fewer than three points, or every point on the line between the ends.</p>\n";
  for (const char* h :
       {"days", "officer-hours on duty per day [interval]", "P(escalation on a day) [interval]", ""})
    header.emplace_back(h);
  out.table_html = table_html(header, rows, "wide");
  out.data = Json{{"points", points}};
  return out;
}

}  // namespace siaga::report
