#pragma once
// The report's sections for one plan's results (a run's folder, or plans/<plan>/ of a comparison):
// read from its files, turned into HTML tables (text escaped, numbers formatted for people) and
// into the data the page's script draws (charts, map). Internal part of the report.

#include <filesystem>
#include <string>
#include <vector>

#include "html_text.hpp"
#include "results_folder.hpp"

namespace siaga::report {

/// The places every plan of a report shares, for the map: villages (their geometry and names),
/// TPS (positions, ids, villages, categories) and posts (positions, names, kinds), as the page's
/// script reads them.
struct Places {
  Json data;
  std::size_t villages = 0, tps = 0, posts = 0;
  bool polygons = false;  ///< some village has a polygon
};

/// One plan's part of a report.
struct PlanReport {
  std::string name;
  Json summary;                   ///< summary.json
  Json data;                      ///< what the script draws for this plan (see report.js: plans[k])
  std::string headline_html;      ///< the headline figures' table
  std::string distribution_html;  ///< sentences beside the response-time chart
  std::string kecamatan_html;     ///< the per-kecamatan / Polsek table
  std::string units_html;         ///< the busiest units
  std::string riskiest_html;      ///< the riskiest TPS, and whether they can be ranked
};

/// Reads the places from a plan's folder (`shown`: how messages name it, e.g. "out/" or
/// "out/plans/doctrine/").
Places read_places(const std::filesystem::path& dir, const std::string& shown);

/// Reads one plan's results; `places` must come from the same region (same TPS and villages, in
/// the same order), or the folder is refused naming the file.
PlanReport read_plan(const std::filesystem::path& dir, const std::string& shown, const Places& places);

/// The name of a category, a unit kind or a phase for people: "sangat_rawan" -> "sangat rawan".
std::string spoken(std::string_view spelling);

}  // namespace siaga::report
