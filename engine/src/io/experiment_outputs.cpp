#include "siaga/io/experiment_outputs.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>
#include <memory>
#include <string>
#include <system_error>

#include "siaga/core/error.hpp"
#include "siaga/core/stable_hash.hpp"
#include "siaga/experiment/statistics.hpp"
#include "siaga/io/atomic_file.hpp"
#include "siaga/io/geojson_writer.hpp"
#include "siaga/io/report_tables.hpp"
#include "siaga/io/scenario_facts.hpp"

namespace siaga::io {
namespace fs = std::filesystem;
namespace {

using Json = nlohmann::ordered_json;
using dynamics::Metric;

// How many TPS summary.json names as the riskiest: a list a planner reads, not a table.
constexpr std::size_t kRiskiestTps = 10;
// The share of worst days whose mean escalations summary.json reports.
constexpr double kTailShare = 0.05;

// nlohmann writes NaN as null too, but only by accident of its dumper; say it.
Json number_or_null(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

// RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled.
void append_csv_field(std::string& out, std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(s);
    return;
  }
  out.push_back('"');
  for (const char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void append_csv_line(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_csv_field(out, fields[i]);
  }
  out.push_back('\n');
}

std::string_view better_name(dynamics::Better b) noexcept {
  switch (b) {
    case dynamics::Better::kLower:
      return "lower";
    case dynamics::Better::kHigher:
      return "higher";
    case dynamics::Better::kNeither:
      break;
  }
  return "neither";
}

// One metric across replications, NaN (undefined that day) left in: summarize() leaves it out.
std::vector<double> column(const experiment::ExperimentResult& result, Metric m) {
  std::vector<double> v;
  v.reserve(result.n());
  for (const experiment::MetricRow& row : result.replications) v.push_back(row[static_cast<std::size_t>(m)]);
  return v;
}

// An indicator metric as a proportion: the days it was 1 among the days it was defined.
experiment::Proportion indicator_proportion(const experiment::ExperimentResult& result, Metric m,
                                            double confidence) {
  std::size_t successes = 0, n = 0;
  for (const experiment::MetricRow& row : result.replications) {
    const double v = row[static_cast<std::size_t>(m)];
    if (std::isnan(v)) continue;
    ++n;
    if (v > 0.5) ++successes;
  }
  return experiment::wilson(successes, n, confidence);
}

Json proportion_json(const experiment::Proportion& p) {
  Json j;
  j["kind"] = "probability";
  j["estimate"] = number_or_null(p.estimate);
  j["low"] = number_or_null(p.low);
  j["high"] = number_or_null(p.high);
  j["successes"] = p.successes;
  j["n"] = p.n;
  return j;
}

Json mean_json(const experiment::Summary& s, dynamics::Better better) {
  Json j;
  j["kind"] = "mean";
  j["mean"] = number_or_null(s.mean);
  j["low"] = number_or_null(s.low);
  j["high"] = number_or_null(s.high);
  j["sd"] = number_or_null(s.sd);
  j["p5"] = number_or_null(s.p5);
  j["p50"] = number_or_null(s.p50);
  j["p95"] = number_or_null(s.p95);
  j["p99"] = number_or_null(s.p99);
  j["n"] = s.n;
  j["better"] = better_name(better);
  return j;
}

Json ratio_json(const experiment::Ratio& r) {
  Json j;
  j["estimate"] = number_or_null(r.estimate);
  j["low"] = number_or_null(r.low);
  j["high"] = number_or_null(r.high);
  return j;
}

std::string units_csv(const scenario::Model& model, const experiment::ExperimentResult& result) {
  const auto& units = model.scenario().forces.units;
  const double n = static_cast<double>(std::max<std::size_t>(1, result.n()));
  std::vector<std::vector<std::string>> rows;
  for (std::size_t u = 0; u < units.size(); ++u) {
    const scenario::Unit& unit = units[u];
    if (!unit.dispatchable) continue;
    const double busy = to_hours(result.unit_busy_officer_ms[u]) / n;
    const double duty = to_hours(result.unit_duty_officer_ms[u]) / n;
    rows.push_back({unit.id, std::string(scenario::to_string(unit.kind)),
                    std::string(scenario::to_string(scenario::dispatch_tier(unit.kind))),
                    model.scenario().forces.posts[unit.post].id, std::to_string(unit.headcount),
                    std::to_string(unit.teams()),
                    csv_number(static_cast<double>(result.unit_dispatches[u]) / n), csv_number(busy),
                    csv_number(duty),
                    csv_number(duty > 0 ? busy / duty : std::numeric_limits<double>::quiet_NaN()),
                    csv_number(to_hours(result.unit_overtime_officer_ms[u]) / n)});
  }
  return csv_text({"unit_id", "kind", "tier", "post", "headcount", "teams", "dispatches_per_day",
                   "busy_officer_hours_per_day", "duty_officer_hours_per_day", "utilization",
                   "overtime_officer_hours_per_day"},
                  rows);
}

void check_sizes(const scenario::Model& model, const experiment::ExperimentResult& result) {
  const std::size_t tps = model.scenario().region.tps.size();
  const std::size_t villages = model.scenario().region.villages.size();
  SIAGA_CHECK(result.tps_incident.size() == tps && result.tps_escalation.size() == tps &&
                  result.tps_late.size() == tps && result.tps_exposed.size() == tps,
              "an experiment result sized for another model (TPS counters)");
  SIAGA_CHECK(result.village_incident.size() == villages && result.village_escalation.size() == villages &&
                  result.village_late.size() == villages && result.village_exposed.size() == villages,
              "an experiment result sized for another model (village counters)");
}

// The four per-place counters in a fixed order, for the tables' columns.
using Counters = std::array<const std::vector<std::uint32_t>*, 4>;
constexpr std::array<std::string_view, 4> kCounterNames{"incident", "escalation", "late", "exposed"};

void append_probability_header(std::vector<std::string>& header) {
  for (const std::string_view name : kCounterNames) {
    const std::string p = "p_" + std::string(name);
    header.push_back(p);
    header.push_back(p + "_low");
    header.push_back(p + "_high");
  }
}

std::vector<std::string> tps_header() {
  std::vector<std::string> h{"tps_id", "village_code", "village_name", "kecamatan", "category", "lat", "lon"};
  append_probability_header(h);
  return h;
}

std::vector<std::string> village_header() {
  std::vector<std::string> h{"village_code", "village_name", "kecamatan", "kind", "lat", "lon", "tps_count"};
  append_probability_header(h);
  return h;
}

std::string replications_csv(const experiment::ExperimentResult& result) {
  std::vector<std::string> header{"index"};
  for (std::size_t m = 0; m < dynamics::kMetricCount; ++m)
    header.emplace_back(dynamics::metric_name(static_cast<Metric>(m)));
  std::vector<std::vector<std::string>> rows;
  rows.reserve(result.n());
  for (std::size_t i = 0; i < result.n(); ++i) {
    std::vector<std::string> row{std::to_string(i)};
    for (const double v : result.replications[i]) row.push_back(csv_number(v));
    rows.push_back(std::move(row));
  }
  return csv_text(header, rows);
}

// One row per place (village or TPS), kept as numbers for GeoJSON and as text for CSV.
struct PlaceRow {
  std::vector<std::string> text;
  Json properties;
};

std::vector<PlaceRow> village_rows(const scenario::Model& model, const experiment::ExperimentResult& result,
                                   double confidence) {
  const scenario::Region& region = model.scenario().region;
  std::vector<std::size_t> tps_count(region.villages.size(), 0);
  for (const scenario::Tps& t : region.tps) ++tps_count[t.village];
  const Counters counters{&result.village_incident, &result.village_escalation, &result.village_late,
                          &result.village_exposed};
  const std::vector<std::string> header = village_header();

  std::vector<PlaceRow> rows;
  rows.reserve(region.villages.size());
  for (std::size_t v = 0; v < region.villages.size(); ++v) {
    const scenario::Village& village = region.villages[v];
    PlaceRow row;
    Json& props = row.properties = Json::object();
    auto add_text = [&](std::string text) {
      props[header[row.text.size()]] = text;
      row.text.push_back(std::move(text));
    };
    auto add_number = [&](double x) {
      props[header[row.text.size()]] = number_or_null(x);
      row.text.push_back(csv_number(x));
    };
    add_text(village.code);
    add_text(village.name);
    add_text(region.kecamatan[village.kecamatan].name);
    add_text(std::string(scenario::to_string(village.kind)));
    add_number(village.at.lat);
    add_number(village.at.lon);
    props[header[row.text.size()]] = tps_count[v];
    row.text.push_back(std::to_string(tps_count[v]));
    for (const auto* counter : counters) {
      const experiment::Proportion p = experiment::wilson((*counter)[v], result.n(), confidence);
      add_number(p.estimate);
      add_number(p.low);
      add_number(p.high);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<PlaceRow> tps_rows(const scenario::Model& model, const experiment::ExperimentResult& result,
                               double confidence) {
  const scenario::Region& region = model.scenario().region;
  const Counters counters{&result.tps_incident, &result.tps_escalation, &result.tps_late,
                          &result.tps_exposed};
  const std::vector<std::string> header = tps_header();
  std::vector<PlaceRow> rows;
  rows.reserve(region.tps.size());
  for (std::size_t t = 0; t < region.tps.size(); ++t) {
    const scenario::Tps& tps = region.tps[t];
    const scenario::Village& village = region.villages[tps.village];
    PlaceRow row;
    Json& props = row.properties = Json::object();
    auto add_text = [&](std::string text) {
      props[header[row.text.size()]] = text;
      row.text.push_back(std::move(text));
    };
    auto add_number = [&](double x) {
      props[header[row.text.size()]] = number_or_null(x);
      row.text.push_back(csv_number(x));
    };
    add_text(tps.id);
    add_text(village.code);
    add_text(village.name);
    add_text(region.kecamatan[village.kecamatan].name);
    add_text(std::string(scenario::to_string(tps.category)));
    const geo::GeoPoint at = tps_position(model, t);
    add_number(at.lat);
    add_number(at.lon);
    for (const auto* counter : counters) {
      const experiment::Proportion p = experiment::wilson((*counter)[t], result.n(), confidence);
      add_number(p.estimate);
      add_number(p.low);
      add_number(p.high);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string rows_csv(const std::vector<std::string>& header, const std::vector<PlaceRow>& rows) {
  std::vector<std::vector<std::string>> text;
  text.reserve(rows.size());
  for (const PlaceRow& r : rows) text.push_back(r.text);
  return csv_text(header, text);
}

std::vector<Json> properties_of(const std::vector<PlaceRow>& rows) {
  std::vector<Json> out;
  out.reserve(rows.size());
  for (const PlaceRow& r : rows) out.push_back(r.properties);
  return out;
}

std::string table_text(const TextTable& t) { return csv_text(t.header, t.rows); }

}  // namespace

std::string csv_number(double v) {
  if (!std::isfinite(v)) return {};
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  SIAGA_CHECK(r.ec == std::errc(), "to_chars of a double needs at most 32 characters");
  return std::string(buf, r.ptr);
}

std::string csv_text(const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  append_csv_line(out, header);
  for (const auto& row : rows) {
    SIAGA_CHECK(row.size() == header.size(), "a CSV row is not as long as its header");
    append_csv_line(out, row);
  }
  return out;
}

nlohmann::ordered_json experiment_summary(const scenario::Model& model,
                                          const experiment::ExperimentResult& result, double confidence,
                                          std::string_view scenario_hash, std::string_view siaga_version) {
  check_sizes(model, result);
  const scenario::Scenario& s = model.scenario();
  Json j;
  j["format"] = kSummaryFormat;
  j["siaga_version"] = std::string(siaga_version);
  Json& scenario_json = j["scenario"] = Json::object();
  scenario_json["name"] = s.name;
  scenario_json["hash"] = std::string(scenario_hash);
  j["plan"] = result.plan;
  j["seed"] = result.seed;
  j["n"] = result.n();
  j["partial"] = result.partial;
  j["precision_reached"] = result.precision_reached;
  j["confidence"] = confidence;
  j["threads"] = result.threads;
  j["seconds"] = number_or_null(result.seconds);

  Json& metrics = j["metrics"] = Json::object();
  for (std::size_t m = 0; m < dynamics::kMetricCount; ++m) {
    const auto metric = static_cast<Metric>(m);
    const std::string name(dynamics::metric_name(metric));
    if (dynamics::metric_is_indicator(metric)) {
      metrics[name] = proportion_json(indicator_proportion(result, metric, confidence));
    } else {
      const std::vector<double> values = column(result, metric);
      metrics[name] = mean_json(experiment::summarize(values, confidence), dynamics::metric_better(metric));
    }
  }

  // tail_mean needs at least one value; with none the tail is undefined, like a mean of nothing.
  std::vector<double> escalations = column(result, Metric::kEscalations);
  std::erase_if(escalations, [](double v) { return std::isnan(v); });
  Json& tail = j["tail"] = Json::object();
  tail["escalations_worst_5pct_mean"] =
      escalations.empty() ? Json(nullptr) : number_or_null(experiment::tail_mean(escalations, kTailShare));

  Json& probabilities = j["probabilities"] = Json::object();
  probabilities["any_escalation"] = metrics[std::string(dynamics::metric_name(Metric::kAnyEscalation))];
  probabilities["any_long_wait"] = metrics[std::string(dynamics::metric_name(Metric::kAnyLongWait))];

  Json& targets = j["response_targets"] = Json::object();
  const std::size_t band_count = s.incidents.response_targets.size();
  std::vector<double> all(result.n(), 0.0), all_within(result.n(), 0.0), in_band(result.n()),
      band_within(result.n());
  for (std::size_t i = 0; i < result.n(); ++i)
    for (std::size_t b = 0; b < band_count; ++b) {
      all[i] += result.bands[i].incidents[b];
      all_within[i] += result.bands[i].within[b];
    }
  targets["overall"] = ratio_json(experiment::ratio_of_totals(all_within, all, confidence, 0.0, 1.0));
  Json& bands = targets["bands"] = Json::array();
  for (std::size_t b = 0; b < band_count; ++b) {
    for (std::size_t i = 0; i < result.n(); ++i) {
      in_band[i] = result.bands[i].incidents[b];
      band_within[i] = result.bands[i].within[b];
    }
    Json band;
    band["beyond_km"] = s.incidents.response_targets[b].beyond_km;
    band["minutes"] = s.incidents.response_targets[b].minutes;
    double total = 0;
    for (const double x : in_band) total += x;
    band["incidents"] = total;
    const experiment::Ratio r = experiment::ratio_of_totals(band_within, in_band, confidence, 0.0, 1.0);
    band["estimate"] = number_or_null(r.estimate);
    band["low"] = number_or_null(r.low);
    band["high"] = number_or_null(r.high);
    bands.push_back(std::move(band));
  }
  Json& ratios = j["ratios"] = Json::object();
  ratios["riots_per_clash"] = ratio_json(experiment::ratio_of_totals(
      column(result, Metric::kClashesToRiots), column(result, Metric::kClashes), confidence, 0.0, 1.0));

  // Every TPS shares n, so the order of estimates is the order of counts: sorting integers keeps
  // ties exact. TPS that never escalated are left out: listing them as "riskiest" would mislead.
  std::vector<std::size_t> order;
  for (std::size_t t = 0; t < result.tps_escalation.size(); ++t)
    if (result.tps_escalation[t] > 0) order.push_back(t);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return result.tps_escalation[a] > result.tps_escalation[b];
  });
  if (order.size() > kRiskiestTps) order.resize(kRiskiestTps);
  Json& riskiest = j["riskiest_tps"] = Json::array();
  for (const std::size_t t : order) {
    const scenario::Tps& tps = s.region.tps[t];
    const experiment::Proportion p = experiment::wilson(result.tps_escalation[t], result.n(), confidence);
    Json r;
    r["id"] = tps.id;
    r["village"] = s.region.villages[tps.village].name;
    r["category"] = scenario::to_string(tps.category);
    r["estimate"] = number_or_null(p.estimate);
    r["low"] = number_or_null(p.low);
    r["high"] = number_or_null(p.high);
    riskiest.push_back(std::move(r));
  }
  return j;
}

std::string scenario_hash(std::string_view scenario_text) {
  // The same digits on every machine and compiler; it identifies the input, nothing more.
  std::uint64_t h = fnv1a64(scenario_text);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kHex[h & 0xf];
  return out;
}

void write_experiment_outputs(const fs::path& dir, const scenario::Model& model,
                              const experiment::ExperimentResult& result, double confidence,
                              std::string_view scenario_hash, std::string_view siaga_version, bool force) {
  if (dir.empty()) throw InputError("no output directory given");
  // "out/" names the directory "out": drop the trailing separator before asking for the parent.
  const fs::path target = dir.has_filename() ? dir : dir.parent_path();
  std::error_code ec;
  const fs::file_status status = fs::status(target, ec);
  if (fs::exists(status) && !fs::is_directory(status)) {
    std::string message = "'";  // appended piece by piece: GCC 12 warns falsely (-Wrestrict) at -O3
    message += target.string();
    message += "' exists and is not a directory";
    throw InputError(message);
  }
  const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::exists(status) && !fs::is_directory(fs::status(parent, ec))) {
    std::string message = "cannot create the output directory '";
    message += target.string();
    message += "': no directory '";
    message += parent.string();
    message += '\'';
    throw InputError(message);
  }

  // Everything is computed before anything is touched, so that a failure leaves the disk as it was.
  const Overwrite overwrite = force ? Overwrite::kReplace : Overwrite::kRefuse;
  const std::vector<PlaceRow> villages = village_rows(model, result, confidence);
  const std::vector<PlaceRow> tps = tps_rows(model, result, confidence);
  const scenario::Model* const models[] = {&model};
  const RunFacts run{"run", result.seed, result.n(), confidence, result.partial, std::string(siaga_version),
                     {}};
  const std::array<std::string, std::size(kExperimentOutputFiles)> texts{
      experiment_summary(model, result, confidence, scenario_hash, siaga_version).dump(2) + "\n",
      replications_csv(result),
      rows_csv(tps_header(), tps),
      rows_csv(village_header(), villages),
      io::villages_geojson(model, properties_of(villages)),
      units_csv(model, result),
      // The tables behind the report (report_tables.hpp, geojson_writer.hpp, scenario_facts.hpp).
      io::tps_geojson(model, properties_of(tps)),
      io::posts_geojson(model, result),
      table_text(kecamatan_table(model, result)),
      table_text(response_times_table(model, result)),
      table_text(incidents_by_hour_table(result)),
      table_text(riskiest_tps_table(model, result, confidence)),
      scenario_facts(models, scenario_hash, run).dump(2) + "\n",
  };
  // All the refusals before the first file: a run never leaves a mix of old and new outputs.
  if (fs::exists(status))
    for (const std::string_view name : kExperimentOutputFiles) check_destination(target / name, overwrite);

  fs::create_directory(target, ec);
  if (ec && !fs::is_directory(fs::status(target))) {
    std::string message = "cannot create the output directory '";
    message += target.string();
    message += "': ";
    message += ec.message();
    throw InputError(message);
  }
  // Every temporary file is written before the first takes its name; one that cannot be created
  // (a file appeared meanwhile, the disk is full) removes the others unnamed.
  std::vector<std::unique_ptr<AtomicFile>> files;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    files.push_back(std::make_unique<AtomicFile>(target / kExperimentOutputFiles[i], overwrite));
    files.back()->write(texts[i]);
  }
  for (const auto& file : files) file->commit();
}

void write_table_csv(const fs::path& file, const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows, bool force) {
  write_file_atomically(file, csv_text(header, rows), force ? Overwrite::kReplace : Overwrite::kRefuse);
}

}  // namespace siaga::io
