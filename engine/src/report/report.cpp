#include "siaga/report/report.hpp"

#include <system_error>
#include <vector>

#include "html_text.hpp"
#include "plan_sections.hpp"
#include "results_folder.hpp"
#include "siaga/core/error.hpp"
#include "siaga/io/atomic_file.hpp"
#include "siaga/io/number_format.hpp"
#include "siaga/report/assets.hpp"
#include "study_sections.hpp"

namespace siaga::report {
namespace fs = std::filesystem;
namespace {

// The files a plan's sections read, in the order the page uses them (named in the footer).
constexpr std::string_view kPlanFiles[] = {
    "summary.json",    "response_times.csv", "incidents_by_hour.csv", "villages.geojson",
    "tps.csv",         "posts.geojson",      "kecamatan.csv",         "units.csv",
    "riskiest_tps.csv"};

// "out" -> "out/": how messages name the files under a folder.
std::string shown_prefix(const fs::path& dir) { return (dir / "").string(); }

std::string asset(std::string_view name) {
  const std::string_view text = report_asset(name);
  SIAGA_CHECK(!text.empty(), "a report asset is missing from this build");
  return std::string(text);
}

// A library as embedded: its source-map comment dropped (a browser's developer tools would fetch
// the map, a request), and in a script any "</script" written "<\/script" (the same text to the
// script, but it cannot close the element).
std::string library_script(std::string_view name) {
  std::string s = asset(name);
  for (std::size_t at = s.find("//# sourceMappingURL="); at != std::string::npos;
       at = s.find("//# sourceMappingURL=", at))
    s.erase(at, s.find('\n', at) == std::string::npos ? std::string::npos : s.find('\n', at) - at);
  for (std::size_t at = s.find("</script"); at != std::string::npos; at = s.find("</script", at + 2))
    s.insert(at + 1, 1, '\\');
  return s;
}

// Leaflet's style sheet without what would load a file: its icon and layer-switcher images (the
// map uses neither) and its source map.
std::string library_style(std::string_view name) {
  std::string s = asset(name);
  for (std::size_t at = s.find("url(images/"); at != std::string::npos; at = s.find("url(images/", at)) {
    const std::size_t end = s.find(')', at);
    s.replace(at, end == std::string::npos ? std::string::npos : end + 1 - at, "none");
  }
  for (std::size_t at = s.find("/*# sourceMappingURL="); at != std::string::npos;
       at = s.find("/*# sourceMappingURL=", at)) {
    const std::size_t end = s.find("*/", at);
    s.erase(at, end == std::string::npos ? std::string::npos : end + 2 - at);
  }
  return s;
}

// Fills the template's @NAME@ markers in one pass over the template, so that nothing substituted
// (a scenario's name, a library) is ever read as a marker.
std::string fill(std::string_view page, const std::vector<std::pair<std::string, std::string>>& values) {
  std::string out;
  std::size_t from = 0;
  while (true) {
    const std::size_t at = page.find('@', from);
    if (at == std::string_view::npos) break;
    const std::size_t end = page.find('@', at + 1);
    bool replaced = false;
    if (end != std::string_view::npos)
      for (const auto& [key, value] : values)
        if (page.substr(at + 1, end - at - 1) == key) {
          out.append(page.substr(from, at - from));
          out += value;
          from = end + 1;
          replaced = true;
          break;
        }
    if (!replaced) {
      out.append(page.substr(from, at + 1 - from));
      from = at + 1;
    }
  }
  out.append(page.substr(from));
  return out;
}

std::string wrap(const std::string& table) { return "<div class=\"table-wrap\">\n" + table + "</div>\n"; }

// Each plan's block of a section; the script shows the chosen plan's (all show without it).
std::string per_plan(const std::vector<PlanReport>& plans, std::string PlanReport::*part, bool table) {
  std::string out;
  for (std::size_t k = 0; k < plans.size(); ++k) {
    out += "<div data-plan=\"" + std::to_string(k) + "\">\n";
    if (plans.size() > 1) out += "<p class=\"note\">Plan " + escape_html(plans[k].name) + "</p>\n";
    out += table ? wrap(plans[k].*part) : plans[k].*part;
    out += "</div>\n";
  }
  return out;
}

std::string plan_sections(const std::vector<PlanReport>& plans, const Places& places) {
  std::string b;
  if (plans.size() > 1) {
    b += "<div class=\"picker\">Details of plan: ";
    for (std::size_t k = 0; k < plans.size(); ++k)
      b += "<button type=\"button\" data-pick=\"" + std::to_string(k) + "\" aria-pressed=\"" +
           (k == 0 ? "true" : "false") + "\">" + escape_html(plans[k].name) + "</button>";
    b += "</div>\n";
  }
  b += "<section id=\"headline\"><h2>The headline figures</h2>\n"
       "<p class=\"note\">Means per simulated election day with their t intervals; shares and chances with "
       "Wilson "
       "or delta-method intervals. A late response is a first officer on scene after the target of the "
       "incident's "
       "distance band, or never.</p>\n" +
       per_plan(plans, &PlanReport::headline_html, true) + "</section>\n";
  b += "<section id=\"response\"><h2>How fast the first officer arrives</h2>\n"
       "<div class=\"chart\"><canvas id=\"chart-response\" aria-label=\"response-time "
       "distribution\"></canvas></div>\n" +
       per_plan(plans, &PlanReport::distribution_html, false) + "</section>\n";
  b += "<section id=\"hours\"><h2>Incidents over the day, by phase</h2>\n"
       "<div class=\"chart\"><canvas id=\"chart-hours\" aria-label=\"incidents by hour and "
       "phase\"></canvas></div>\n"
       "<p class=\"note\">Incidents per day by the hour they were reported and the phase their TPS was in: "
       "set-up, "
       "voting, the last hour of voting, counting, after the count. Hours marked +1 are the next day.</p>\n"
       "</section>\n";
  b += "<section id=\"risk-map\"><h2>Where the risk is</h2>\n"
       "<div class=\"map-controls\">Colour villages by: "
       "<label><input type=\"radio\" name=\"measure\" value=\"late\" checked> chance of a late response on a "
       "day</label>"
       "<label><input type=\"radio\" name=\"measure\" value=\"esc\"> chance of an escalation on a "
       "day</label></div>\n"
       "<div id=\"map\"></div>\n<p class=\"note\">" +
       std::string(places.polygons
                       ? "Villages as their boundaries"
                       : "Villages as circles at their centroids (the scenario has no boundaries)") +
       "; " + io::format_fixed(static_cast<double>(places.tps), 0) + " TPS as dots and " +
       io::format_fixed(static_cast<double>(places.posts), 0) +
       " posts in blue: hover over any of them for its figures. No basemap: the page works "
       "offline.</p>\n</section>\n";
  b += "<section id=\"kecamatan\"><h2>Per kecamatan and Polsek</h2>\n"
       "<p class=\"note\">Guards are the Polri officers the plan stands at the kecamatan's TPS; local "
       "officers its "
       "Bhabinkamtibmas and Polsek reserves (Polres, Brimob, TNI and Polda units serve every kecamatan: see "
       "Units). "
       "Utilisation is the busy share of those local officers' on-duty hours.</p>\n" +
       per_plan(plans, &PlanReport::kecamatan_html, true) + "</section>\n";
  b += "<section id=\"units\"><h2>Units: utilisation by kind and the busiest units</h2>\n"
       "<div class=\"chart short\"><canvas id=\"chart-utilization\" aria-label=\"utilisation by "
       "kind\"></canvas></div>\n" +
       per_plan(plans, &PlanReport::units_html, true) + "</section>\n";
  b += "<section id=\"riskiest\"><h2>The riskiest TPS</h2>\n"
       "<p class=\"note\">TPS by their chance of an escalation on a day, with Wilson intervals. Where "
       "intervals "
       "overlap the order may be chance; the number of days that would separate two TPS comes from their "
       "intervals' widths (which shrink as one over the square root of the days).</p>\n" +
       per_plan(plans, &PlanReport::riskiest_html, false) + "</section>\n";
  return b;
}

std::string nav(ResultsKind kind) {
  std::string n = "<nav><a href=\"#scenario\">Scenario</a>";
  if (kind == ResultsKind::kCompare) n += "<a href=\"#comparison\">Plans side by side</a>";
  if (kind == ResultsKind::kSweep) {
    n += "<a href=\"#sweep\">Risk against officer-hours</a>";
  } else {
    n += "<a href=\"#headline\">Headline</a><a href=\"#response\">Response times</a><a href=\"#hours\">Over "
         "the day</a>"
         "<a href=\"#risk-map\">Map</a><a href=\"#kecamatan\">Kecamatan</a><a href=\"#units\">Units</a>"
         "<a href=\"#riskiest\">Riskiest TPS</a>";
  }
  return n + "</nav>\n";
}

std::string footer(const std::string& version, const std::vector<std::string>& files) {
  std::string f = "<footer><p>Written by siaga " + escape_html(version) +
                  " from these files of the results folder, which hold everything drawn here: ";
  for (std::size_t i = 0; i < files.size(); ++i)
    f += (i ? ", " : "") + std::string("<code>") + escape_html(files[i]) + "</code>";
  f += ".</p><p>Map drawn with Leaflet (BSD 2-Clause License, &copy; Vladimir Agafonkin and contributors), "
       "charts "
       "with Chart.js (MIT License, &copy; Chart.js contributors); both are embedded in this "
       "file.</p></footer>\n";
  return f;
}

}  // namespace

ResultsKind results_kind(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(fs::status(dir, ec)))
    throw InputError("'" + dir.string() + "' is not a results folder: no such directory");
  if (fs::exists(dir / "compare.csv", ec)) return ResultsKind::kCompare;
  if (fs::exists(dir / "sweep_curve.csv", ec)) return ResultsKind::kSweep;
  if (fs::exists(dir / "summary.json", ec)) return ResultsKind::kRun;
  throw InputError("'" + dir.string() +
                   "' is not a results folder: it has no summary.json (run), compare.csv (compare) or "
                   "sweep_curve.csv (sweep); write one with --out");
}

std::string render_report(const fs::path& dir) {
  const ResultsKind kind = results_kind(dir);
  const std::string shown = shown_prefix(dir);
  const Json facts = read_results_json(dir, "scenario.json", shown + "scenario.json");
  const std::string fshown = shown + "scenario.json";
  const std::string name = json_string(facts, "name", fshown);
  const std::string version = json_string(facts, "run.siaga_version", fshown);
  std::vector<std::string> files{"scenario.json"};

  Json data = Json::object();
  std::string body;
  std::string subtitle;
  std::vector<PlanReport> plans;
  Places places;
  if (kind == ResultsKind::kSweep) {
    const ResultsTable curve = ResultsTable::read(dir, "sweep_curve.csv", shown + "sweep_curve.csv");
    files.push_back("sweep_curve.csv");
    const SweepReport sweep = sweep_report(curve);
    const Json& plan_list = json_array(facts, "plans", fshown);
    std::string axes;
    for (const Json& a : json_array(facts, "run.sweep_axes", fshown))
      axes += (axes.empty() ? "" : ", ") + (a.is_string() ? a.get<std::string>() : std::string());
    subtitle = "a sweep of plan " +
               (plan_list.empty() ? std::string() : json_string(plan_list[0], "name", fshown)) + " over " +
               axes + ": " + io::format_fixed(static_cast<double>(curve.rows()), 0) + " grid points";
    data["sweep"] = sweep.data;
    body +=
        "<section id=\"sweep\"><h2>Risk against officer-hours</h2>\n"
        "<div class=\"chart\"><canvas id=\"chart-sweep\" aria-label=\"risk against "
        "officer-hours\"></canvas></div>\n" +
        sweep.knee_html + wrap(sweep.table_html) + "</section>\n";
  } else {
    std::vector<std::pair<fs::path, std::string>> folders;  // each plan's folder and how it is named
    std::vector<std::string> names;
    if (kind == ResultsKind::kCompare) {
      for (const Json& p : json_array(facts, "plans", fshown)) {
        names.push_back(json_string(p, "name", fshown));
        folders.emplace_back(dir / "plans" / names.back(), shown + "plans/" + names.back() + "/");
      }
      if (names.size() < 2) throw InputError(fshown + ": a comparison names fewer than two plans");
    } else {
      folders.emplace_back(dir, shown);
    }
    places = read_places(folders.front().first, folders.front().second);
    for (const auto& [folder, folder_shown] : folders)
      plans.push_back(read_plan(folder, folder_shown, places));
    const std::string prefix = kind == ResultsKind::kCompare ? "plans/<plan>/" : "";
    for (const std::string_view f : kPlanFiles) files.push_back(prefix + std::string(f));
    if (kind == ResultsKind::kCompare) {
      const ResultsTable compare = ResultsTable::read(dir, "compare.csv", shown + "compare.csv");
      files.insert(files.begin() + 1, "compare.csv");
      body +=
          "<section id=\"comparison\"><h2>The plans side by side</h2>\n"
          "<p class=\"note\">Every plan ran the same simulated days (common random numbers), so differences "
          "are "
          "paired day by day; each difference to the first plan has its interval and a verdict, with Holm's "
          "correction over the plans compared. Shares and their differences are in percent and percentage "
          "points (pp).</p>\n" +
          wrap(comparison_html(compare, names)) + "</section>\n";
      subtitle = "a comparison of " + std::to_string(plans.size()) + " plans";
    } else {
      subtitle = "plan " + plans.front().name;
    }
    subtitle += ", " + io::format_fixed(json_number(plans.front().summary, "n", shown + "summary.json"), 0) +
                " simulated election days" + (kind == ResultsKind::kCompare ? " each" : "");
    body += plan_sections(plans, places);
    data["places"] = places.data;
    Json plan_data = Json::array();
    for (const PlanReport& p : plans) plan_data.push_back(p.data);
    data["plans"] = plan_data;
  }
  const std::string head = "<header><h1>" + escape_html(name) +
                           "</h1>\n<p class=\"sub\">siaga report: " + escape_html(subtitle) + "</p>\n" +
                           nav(kind) + "</header>\n" + "<section id=\"scenario\"><h2>The scenario</h2>\n" +
                           scenario_html(facts, fshown) + "</section>\n";
  data["kind"] = kind == ResultsKind::kRun ? "run" : kind == ResultsKind::kCompare ? "compare" : "sweep";

  return fill(asset("report.html"), {{"TITLE", escape_html(name + " - siaga report")},
                                     {"LEAFLET_CSS", library_style("leaflet.css")},
                                     {"REPORT_CSS", asset("report.css")},
                                     {"BODY", head + body + footer(version, files)},
                                     {"DATA", json_for_script(data)},
                                     {"LEAFLET_JS", library_script("leaflet.js")},
                                     {"CHART_JS", library_script("chart.js")},
                                     {"REPORT_JS", library_script("report.js")}});
}

void write_report(const fs::path& results_dir, const fs::path& file, bool force) {
  const io::Overwrite overwrite = force ? io::Overwrite::kReplace : io::Overwrite::kRefuse;
  results_kind(results_dir);               // a folder that holds no results is named first,
  io::check_destination(file, overwrite);  // then a refused destination, both before the work
  const std::string page = render_report(results_dir);
  io::write_file_atomically(file, page, overwrite);
}

}  // namespace siaga::report
