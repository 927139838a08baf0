#include "plan_sections.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "siaga/core/error.hpp"
#include "siaga/io/number_format.hpp"
#include "siaga/io/report_tables.hpp"

namespace siaga::report {
namespace fs = std::filesystem;
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// Numbers the script only draws: 5 decimals (about a metre in degrees, 0.001 percentage points
// in a probability) keep a region of 60,000 TPS to a few megabytes. NaN is null.
Json rounded(double v) {
  if (!std::isfinite(v)) return nullptr;
  return std::round(v * 1e5) / 1e5;
}

std::string count_text(double v) { return io::format_fixed(v, 0); }

// A headline figure: a metric's mean and interval per day, or a probability's.
struct Headline {
  const char* label;
  const char* path;  // in summary.json
  bool share;        // a share: shown as a percentage
};

constexpr Headline kHeadlines[] = {
    {"Incidents per day", "metrics.incidents", false},
    {"Serious incidents per day (severity 3 or more)", "metrics.serious_incidents", false},
    {"Escalations per day", "metrics.escalations", false},
    {"Days with an escalation", "metrics.any_escalation", true},
    {"Incidents with an officer on scene within Polri's target", "response_targets.overall", true},
    {"Incidents never answered, per day", "metrics.never_answered", false},
    {"Incidents after the guards left, per day", "metrics.post_count_exposed", false},
    {"First response, mean minutes", "metrics.first_response_mean_min", false},
    {"Officer-hours on duty per day", "metrics.officer_hours_duty", false},
};

// The estimate and interval of a summary.json figure: a mean ("mean"), a probability or a ratio
// ("estimate").
std::array<double, 3> figure(const Json& summary, const std::string& path, const std::string& shown) {
  const Json& f = json_object(summary, path, shown);
  const std::string centre = f.contains("mean") ? "mean" : "estimate";
  return {json_number(summary, path + "." + centre, shown), json_number(summary, path + ".low", shown),
          json_number(summary, path + ".high", shown)};
}

std::string headline_html(const Json& summary, const std::string& shown) {
  std::vector<std::vector<Cell>> rows;
  for (const Headline& h : kHeadlines) {
    const auto [v, lo, hi] = figure(summary, h.path, shown);
    rows.push_back({text_cell(h.label),
                    number_cell(h.share ? percent_interval_text(v, lo, hi) : interval_text(v, lo, hi))});
  }
  const double confidence = json_number(summary, "confidence", shown);
  return table_html({"figure", "estimate [" + io::format_number(100 * confidence) + "% interval]"}, rows,
                    "headline");
}

// Response times: one series per distance band, per-day incidents per minute bin.
Json response_data(const ResultsTable& t, const Json& summary, const std::string& shown,
                   std::string& sentences) {
  const std::size_t band_c = t.column("band"), from_c = t.column("from_minutes"),
                    to_c = t.column("to_minutes"), answered_c = t.column("answered"),
                    per_day_c = t.column("incidents_per_day"), target_c = t.column("target_minutes"),
                    beyond_c = t.column("beyond_km");
  // Over every band and day; the per-band shares within target are summary.json's (exact, with intervals).
  Json bands = Json::array();
  Json labels = Json::array();
  std::map<int, std::size_t> index;  // band number -> position in `bands`
  double all = 0;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const int band = static_cast<int>(t.number(r, band_c));
    auto [it, fresh] = index.try_emplace(band, bands.size());
    const double target = t.number(r, target_c), beyond = t.number(r, beyond_c);
    if (fresh) {
      const std::string label = beyond > 0 ? "beyond " + io::format_number(beyond) + " km: target " +
                                                 io::format_number(target) + " min"
                                           : "target " + io::format_number(target) + " min";
      bands.push_back(Json{{"label", label}, {"target_minutes", target}, {"values", Json::array()}});
    }
    const double per_day = t.number(r, per_day_c);
    bands[it->second]["values"].push_back(rounded(per_day));
    if (it->second == 0) {
      const bool answered = t.number(r, answered_c) > 0.5;
      const double from = t.number(r, from_c), to = t.number(r, to_c);
      labels.push_back(!answered        ? "never"
                       : std::isnan(to) ? io::format_number(from) + "+"
                                        : io::format_number(from));
    }
    all += per_day;
  }
  for (const Json& b : bands)
    if (b["values"].size() != labels.size())
      throw InputError(t.shown() + ": every band must have the same bins as the first");
  sentences =
      "<p>Every incident of every simulated day, pooled: " + io::format_number(all) +
      " a day. Bars stack the distance bands (from the post of the first officer on scene); the dashed "
      "lines mark each band's target. An officer on scene within the target: ";
  const auto& summary_bands = json_array(summary, "response_targets.bands", shown);
  for (std::size_t b = 0; b < summary_bands.size(); ++b) {
    const Json& band = summary_bands[b];
    const double beyond = json_number(band, "beyond_km", shown);
    sentences += (b ? "; " : "") +
                 std::string(beyond > 0 ? "beyond " + io::format_number(beyond) + " km " : "") +
                 io::format_number(json_number(band, "minutes", shown)) + " min: " +
                 percent_interval_text(json_number(band, "estimate", shown), json_number(band, "low", shown),
                                       json_number(band, "high", shown)) +
                 " of " + io::format_number(json_number(band, "incidents", shown)) + " incidents";
  }
  sentences += ".</p>\n";
  return Json{{"labels", labels}, {"bands", bands}};
}

Json hours_data(const ResultsTable& t) {
  const std::size_t hour_c = t.column("hour"), phase_c = t.column("phase"),
                    per_day_c = t.column("incidents_per_day");
  std::vector<std::string> phases;
  std::map<std::string, std::vector<double>> values;
  std::size_t hours = 0;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const double h = t.number(r, hour_c);
    if (!(h >= 0 && h < 48)) throw InputError(t.shown() + ": hour " + t.text(r, hour_c) + " is not 0-47");
    const auto hour = static_cast<std::size_t>(h);
    const std::string& phase = t.text(r, phase_c);
    if (!values.contains(phase)) phases.push_back(phase);
    auto& v = values[phase];
    if (v.size() <= hour) v.resize(hour + 1, 0.0);
    v[hour] += t.number(r, per_day_c);
    if (t.number(r, per_day_c) > 0) hours = std::max(hours, hour + 1);
  }
  hours = std::max<std::size_t>(hours, 24);  // at least the election day itself
  Json labels = Json::array();
  for (std::size_t h = 0; h < hours; ++h) {
    const std::size_t clock = h % 24;
    std::string label;  // appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "literal" + string
    if (clock < 10) label += '0';
    label += std::to_string(clock);
    label += ":00";
    if (h >= 24) label += " +1";
    labels.push_back(label);
  }
  Json series = Json::array();
  for (const std::string& p : phases) {
    Json v = Json::array();
    for (std::size_t h = 0; h < hours; ++h) v.push_back(rounded(h < values[p].size() ? values[p][h] : 0.0));
    series.push_back(Json{{"name", spoken(p)}, {"values", v}});
  }
  return Json{{"labels", labels}, {"phases", series}};
}

std::string kecamatan_html(const ResultsTable& t) {
  std::vector<std::vector<Cell>> rows;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    rows.push_back({text_cell(t.text(r, "kecamatan_name")), text_cell(t.text(r, "polsek")),
                    number_cell(count_text(t.number(r, "villages"))),
                    number_cell(count_text(t.number(r, "tps"))),
                    number_cell(count_text(t.number(r, "guards"))),
                    number_cell(count_text(t.number(r, "local_officers"))),
                    number_cell(io::format_number(t.number(r, "incidents_per_day"))),
                    number_cell(io::format_number(t.number(r, "late_per_day"))),
                    number_cell(percent_text(t.number(r, "late_share"))),
                    number_cell(io::format_number(t.number(r, "escalations_per_day"))),
                    number_cell(percent_text(t.number(r, "local_utilization")))});
  }
  return table_html({"kecamatan", "Polsek", "villages", "TPS", "guards at TPS", "local officers",
                     "incidents / day", "late / day", "late share", "escalations / day", "local utilisation"},
                    rows, "wide sortable");
}

std::string units_html(const ResultsTable& t) {
  std::vector<std::size_t> order(t.rows());
  for (std::size_t r = 0; r < order.size(); ++r) order[r] = r;
  auto utilization = [&](std::size_t r) {
    const double u = t.number(r, "utilization");
    return std::isfinite(u) ? u : -1.0;
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return utilization(a) > utilization(b); });
  if (order.size() > 10) order.resize(10);
  std::vector<std::vector<Cell>> rows;
  for (const std::size_t r : order)
    rows.push_back({text_cell(t.text(r, "unit_id")), text_cell(spoken(t.text(r, "kind"))),
                    text_cell(t.text(r, "post")), number_cell(count_text(t.number(r, "headcount"))),
                    number_cell(io::format_number(t.number(r, "dispatches_per_day"))),
                    number_cell(io::format_number(t.number(r, "busy_officer_hours_per_day"))),
                    number_cell(percent_text(t.number(r, "utilization")))});
  return table_html(
      {"unit", "kind", "post", "officers", "dispatches / day", "busy officer-hours / day", "utilisation"},
      rows, "wide");
}

Json utilization_data(const Json& summary, const std::string& shown) {
  static constexpr std::pair<const char*, const char*> kKinds[] = {
      {"utilization_bhabinkamtibmas", "Bhabinkamtibmas"},
      {"utilization_polsek", "Polsek reserves"},
      {"utilization_polres", "Polres quick response"},
      {"utilization_brimob", "Brimob"},
      {"utilization_tni", "TNI support"},
      {"utilization_polda", "Polda reserve"}};
  Json out = Json::array();
  for (const auto& [metric, label] : kKinds) {
    const auto [v, lo, hi] = figure(summary, std::string("metrics.") + metric, shown);
    if (!std::isfinite(v)) continue;  // no unit of that kind on duty
    out.push_back(Json{{"label", label},
                       {"mean", rounded(v)},
                       {"low", rounded(lo)},
                       {"high", rounded(hi)},
                       {"text", percent_interval_text(v, lo, hi)}});
  }
  return out;
}

std::string riskiest_html(const ResultsTable& t, std::size_t n) {
  if (t.rows() == 0)
    return "<p>No TPS had an escalation in the " + io::format_number(static_cast<double>(n)) +
           " simulated days: there is nothing to rank.</p>\n";
  std::vector<std::vector<Cell>> rows;
  bool any_overlap = false, all_overlap = true;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const std::string& overlaps = t.text(r, "overlaps_next");
    const std::string& needed = t.text(r, "replications_to_separate");
    if (!overlaps.empty()) {
      any_overlap = any_overlap || overlaps == "1";
      all_overlap = all_overlap && overlaps == "1";
    }
    std::string next = overlaps.empty() ? "" : overlaps == "0" ? "separate" : "overlaps";
    if (!needed.empty())
      next +=
          " (about " + io::format_number(t.number(r, "replications_to_separate")) + " days would separate)";
    rows.push_back({number_cell(t.text(r, "rank")), text_cell(t.text(r, "tps_id")),
                    text_cell(t.text(r, "village_name")), text_cell(t.text(r, "kecamatan")),
                    text_cell(spoken(t.text(r, "category"))),
                    number_cell(percent_interval_text(t.number(r, "p_escalation"), t.number(r, "p_low"),
                                                      t.number(r, "p_high"))),
                    text_cell(next)});
  }
  std::string verdict;
  const std::size_t last = t.rows() - 1;
  if (t.rows() == 1) {
    verdict = "Only one TPS had an escalation.";
  } else if (!any_overlap) {
    verdict = "Each interval clears the next: the ranking holds at this number of days.";
  } else {
    // The first against the last listed: how long until the top of the list stands apart.
    const double p1 = t.number(0, "p_escalation"), lo1 = t.number(0, "p_low"), hi1 = t.number(0, "p_high");
    const double p2 = t.number(last, "p_escalation"), lo2 = t.number(last, "p_low"),
                 hi2 = t.number(last, "p_high");
    std::string separate;
    if (lo1 > hi2) {
      separate = "The first and the last listed stand apart already.";
    } else if (const auto needed = io::replications_to_separate(p1, lo1, hi1, p2, lo2, hi2, n)) {
      separate = "About " + io::format_number(static_cast<double>(*needed)) + " simulated days (now " +
                 io::format_number(static_cast<double>(n)) +
                 ") would separate the first from the last listed.";
    } else {
      separate = "Their estimates are equal: no number of days would rank them.";
    }
    verdict =
        (all_overlap ? "These intervals overlap too much to rank these TPS: read them as a group of TPS at "
                       "similar risk, not as an order. "
                     : "Some neighbouring intervals overlap: the order holds only where it says separate. ") +
        separate;
  }
  return "<p class=\"verdict\">" + escape_html(verdict) + "</p>\n" +
         table_html({"rank", "TPS", "village", "kecamatan", "category", "P(escalation on a day)",
                     "against the next"},
                    rows, "wide");
}

}  // namespace

std::string spoken(std::string_view spelling) {
  std::string s(spelling);
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

Places read_places(const fs::path& dir, const std::string& shown) {
  Places places;
  const ResultsTable tps = ResultsTable::read(dir, "tps.csv", shown + "tps.csv");
  const Json villages = read_results_json(dir, "villages.geojson", shown + "villages.geojson");
  const Json posts = read_results_json(dir, "posts.geojson", shown + "posts.geojson");

  Json v_out = Json::array();
  std::map<std::string, std::size_t> village_index;
  const std::string vshown = shown + "villages.geojson";
  for (const Json& f : json_array(villages, "features", vshown)) {
    const std::string code = json_string(f, "properties.village_code", vshown);
    village_index.emplace(code, v_out.size());
    const Json& geometry = json_object(f, "geometry", vshown);
    const std::string type = json_string(geometry, "type", vshown);
    if (type != "Point" && type != "Polygon" && type != "MultiPolygon")
      throw InputError(vshown + ": village " + code + " has a geometry of type '" + type + "'");
    places.polygons = places.polygons || type != "Point";
    v_out.push_back(Json{{"code", code},
                         {"name", json_string(f, "properties.village_name", vshown)},
                         {"kecamatan", json_string(f, "properties.kecamatan", vshown)},
                         {"lat", rounded(json_number(f, "properties.lat", vshown))},
                         {"lon", rounded(json_number(f, "properties.lon", vshown))},
                         {"geometry", type == "Point" ? Json(nullptr) : geometry}});
  }
  places.villages = v_out.size();

  // TPS as columns: a region of 60,000 TPS stays a few megabytes.
  Json lat = Json::array(), lon = Json::array(), id = Json::array(), village = Json::array(),
       category = Json::array();
  std::vector<std::string> categories;
  const std::size_t lat_c = tps.column("lat"), lon_c = tps.column("lon"), id_c = tps.column("tps_id"),
                    village_c = tps.column("village_code"), category_c = tps.column("category");
  for (std::size_t r = 0; r < tps.rows(); ++r) {
    lat.push_back(rounded(tps.number(r, lat_c)));
    lon.push_back(rounded(tps.number(r, lon_c)));
    id.push_back(tps.text(r, id_c));
    const auto it = village_index.find(tps.text(r, village_c));
    if (it == village_index.end())
      throw InputError(shown + "tps.csv: TPS " + tps.text(r, id_c) + " names village " +
                       tps.text(r, village_c) + ", which villages.geojson does not have");
    village.push_back(it->second);
    const std::string c = spoken(tps.text(r, category_c));
    auto pos = std::find(categories.begin(), categories.end(), c);
    if (pos == categories.end()) pos = categories.insert(categories.end(), c);
    category.push_back(pos - categories.begin());
  }
  places.tps = tps.rows();

  Json p_out = Json::array();
  const std::string pshown = shown + "posts.geojson";
  for (const Json& f : json_array(posts, "features", pshown)) {
    const Json& c = json_array(f, "geometry.coordinates", pshown);
    if (c.size() < 2 || !c[0].is_number() || !c[1].is_number())
      throw InputError(pshown + ": a post's geometry.coordinates is not [lon, lat]");
    p_out.push_back(Json{{"name", json_string(f, "properties.name", pshown)},
                         {"kind", spoken(json_string(f, "properties.kind", pshown))},
                         {"lat", rounded(c[1].get<double>())},
                         {"lon", rounded(c[0].get<double>())}});
  }
  places.posts = p_out.size();
  places.data = Json{
      {"villages", v_out},
      {"polygons", places.polygons},
      {"tps", Json{{"lat", lat}, {"lon", lon}, {"id", id}, {"village", village}, {"category", category}}},
      {"categories", categories},
      {"posts", p_out}};
  return places;
}

PlanReport read_plan(const fs::path& dir, const std::string& shown, const Places& places) {
  PlanReport plan;
  plan.summary = read_results_json(dir, "summary.json", shown + "summary.json");
  const std::string sshown = shown + "summary.json";
  plan.name = json_string(plan.summary, "plan", sshown);
  const auto n = static_cast<std::size_t>(json_number(plan.summary, "n", sshown));
  plan.headline_html = headline_html(plan.summary, sshown);

  const ResultsTable tps = ResultsTable::read(dir, "tps.csv", shown + "tps.csv");
  if (tps.rows() != places.tps)
    throw InputError(shown + "tps.csv: " + std::to_string(tps.rows()) + " TPS, but the first plan's has " +
                     std::to_string(places.tps));
  Json late = Json::array(), late_lo = Json::array(), late_hi = Json::array(), esc = Json::array(),
       esc_lo = Json::array(), esc_hi = Json::array();
  const std::size_t l_c = tps.column("p_late"), ll_c = tps.column("p_late_low"),
                    lh_c = tps.column("p_late_high"), e_c = tps.column("p_escalation"),
                    el_c = tps.column("p_escalation_low"), eh_c = tps.column("p_escalation_high");
  for (std::size_t r = 0; r < tps.rows(); ++r) {
    late.push_back(rounded(tps.number(r, l_c)));
    late_lo.push_back(rounded(tps.number(r, ll_c)));
    late_hi.push_back(rounded(tps.number(r, lh_c)));
    esc.push_back(rounded(tps.number(r, e_c)));
    esc_lo.push_back(rounded(tps.number(r, el_c)));
    esc_hi.push_back(rounded(tps.number(r, eh_c)));
  }

  // Villages: their figures as numbers for colours, and as text for people on hover.
  const Json villages = read_results_json(dir, "villages.geojson", shown + "villages.geojson");
  const std::string vshown = shown + "villages.geojson";
  const Json& features = json_array(villages, "features", vshown);
  if (features.size() != places.villages)
    throw InputError(vshown + ": " + std::to_string(features.size()) +
                     " villages, but the first plan's has " + std::to_string(places.villages));
  Json v_late = Json::array(), v_esc = Json::array(), v_text = Json::array();
  for (const Json& f : features) {
    const double pl = json_number(f, "properties.p_late", vshown),
                 pe = json_number(f, "properties.p_escalation", vshown);
    v_late.push_back(rounded(pl));
    v_esc.push_back(rounded(pe));
    v_text.push_back(
        Json::array({json_string(f, "properties.village_name", vshown) + " (" +
                         json_string(f, "properties.kecamatan", vshown) + "), " +
                         io::format_number(json_number(f, "properties.tps_count", vshown)) + " TPS",
                     "late response on " +
                         percent_interval_text(pl, json_number(f, "properties.p_late_low", vshown),
                                               json_number(f, "properties.p_late_high", vshown)) +
                         " of days",
                     "an escalation on " +
                         percent_interval_text(pe, json_number(f, "properties.p_escalation_low", vshown),
                                               json_number(f, "properties.p_escalation_high", vshown)) +
                         " of days"}));
  }

  const Json posts = read_results_json(dir, "posts.geojson", shown + "posts.geojson");
  const std::string pshown = shown + "posts.geojson";
  Json post_text = Json::array();
  for (const Json& f : json_array(posts, "features", pshown)) {
    const double officers = json_number(f, "properties.officers", pshown);
    post_text.push_back(
        Json::array({json_string(f, "properties.name", pshown) + " (" +
                         spoken(json_string(f, "properties.kind", pshown)) + ")",
                     io::format_number(officers) + " officers in dispatchable units",
                     io::format_number(json_number(f, "properties.dispatches_per_day", pshown)) +
                         " dispatches a day, utilisation " +
                         percent_text(json_number(f, "properties.utilization", pshown))}));
  }
  if (post_text.size() != places.posts)
    throw InputError(pshown + ": " + std::to_string(post_text.size()) + " posts, but the first plan's has " +
                     std::to_string(places.posts));

  const ResultsTable response = ResultsTable::read(dir, "response_times.csv", shown + "response_times.csv");
  const ResultsTable hours =
      ResultsTable::read(dir, "incidents_by_hour.csv", shown + "incidents_by_hour.csv");
  plan.data = Json{{"name", plan.name},
                   {"response", response_data(response, plan.summary, sshown, plan.distribution_html)},
                   {"hours", hours_data(hours)},
                   {"utilization", utilization_data(plan.summary, sshown)},
                   {"tps", Json{{"late", late},
                                {"late_low", late_lo},
                                {"late_high", late_hi},
                                {"esc", esc},
                                {"esc_low", esc_lo},
                                {"esc_high", esc_hi}}},
                   {"villages", Json{{"late", v_late}, {"esc", v_esc}, {"text", v_text}}},
                   {"posts", Json{{"text", post_text}}}};

  plan.kecamatan_html = kecamatan_html(ResultsTable::read(dir, "kecamatan.csv", shown + "kecamatan.csv"));
  plan.units_html = units_html(ResultsTable::read(dir, "units.csv", shown + "units.csv"));
  plan.riskiest_html =
      riskiest_html(ResultsTable::read(dir, "riskiest_tps.csv", shown + "riskiest_tps.csv"), n);
  return plan;
}

}  // namespace siaga::report
