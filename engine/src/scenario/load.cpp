#include "siaga/scenario/load.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <limits>
#include <regex>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "siaga/scenario/csv_table.hpp"
#include "siaga/scenario/record.hpp"

namespace siaga::scenario {

std::string_view to_string(BallotStage s) noexcept { return s == BallotStage::kPps ? "pps" : "ppk"; }

std::array<DispatchReach, kDispatchTierCount> default_reach() noexcept {
  // village, sector, resort, polda, tni: places kept per TPS and travel horizon (minutes).
  return {{{32, 15.0}, {16, 120.0}, {8, 360.0}, {1, 24 * 60.0}, {4, 12 * 60.0}}};
}

namespace {

// A syntax error named by line and column: nlohmann reports a byte offset into `text`.
[[noreturn]] void throw_syntax_error(const Json::parse_error& e, std::string_view text,
                                     const std::string& shown_name) {
  const std::size_t offset = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
  const std::size_t line =
      1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
  const std::size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  const std::size_t column = line_start == std::string_view::npos ? offset + 1 : offset - line_start;
  std::string what = e.what();
  const auto colon = what.rfind(": ");
  throw ScenarioError(shown_name + ":" + std::to_string(line) + ":" + std::to_string(column),
                      "not valid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2)));
}

}  // namespace

ScenarioDocument ScenarioDocument::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ScenarioError(file.string(), "cannot open the scenario file");
  // Parsed straight from the file: a national scenario's text is hundreds of MB that the document
  // does not need once parsed. Only a syntax error reads the text, to name its line and column.
  Json json;
  try {
    json = Json::parse(in);
  } catch (const Json::parse_error& e) {
    std::ifstream again(file, std::ios::binary);
    std::ostringstream text;
    text << again.rdbuf();
    throw_syntax_error(e, text.view(), file.string());
  }
  return from_json(std::move(json), file.string(), file.parent_path().empty() ? "." : file.parent_path());
}

ScenarioDocument ScenarioDocument::parse(std::string_view text, std::string shown_name,
                                         std::filesystem::path base_dir) {
  Json json;
  try {
    json = Json::parse(text);
  } catch (const Json::parse_error& e) {
    throw_syntax_error(e, text, shown_name);
  }
  return from_json(std::move(json), std::move(shown_name), std::move(base_dir));
}

ScenarioDocument ScenarioDocument::from_json(Json doc, std::string shown_name,
                                             std::filesystem::path base_dir) {
  ScenarioDocument d;
  d.json_ = std::move(doc);
  d.shown_name_ = std::move(shown_name);
  d.base_dir_ = std::move(base_dir);
  return d;
}

std::vector<std::string> ScenarioDocument::plan_names() const {
  std::vector<std::string> names;
  if (json_.is_object()) {
    const auto it = json_.find("plans");
    if (it != json_.end() && it->is_object())
      for (const auto& [name, value] : it->items()) names.push_back(name);
  }
  return names;
}

namespace {

constexpr std::string_view kCategories = "kurang_rawan, aman, rawan, sangat_rawan, khusus";
constexpr std::string_view kUnitKinds =
    "tps_guard, bhabinkamtibmas, polsek_reserve, polres_quick_response, brimob, tni_support, linmas, "
    "polda_reserve";
constexpr std::string_view kVehicles = "foot, motorbike, car, truck";
constexpr std::string_view kRoadClasses = "arterial, collector, local, village, trail";
constexpr double kMaxHour = 48.0;
constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr std::string_view kDistributions = "exponential, lognormal, gamma, fixed";

// Minutes per ballot counted when the scenario does not say. A Pemilu count is slower per ballot,
// not only longer: of its 5 ballots per voter, 4 are legislative sheets listing every party and its
// candidates, each vote tallied by candidate. At 0.45 a 250-voter TPS (80% turnout, 1,000 ballots)
// counts for 8.5 h with the 60 base minutes, ending about 21:30, and a full 300-voter
// TPS about 23:00 with its slow tail past 03:00: docs/domain.md#the-day (F) has the 2024 counts ending
// between about 22:00 and 06:00. At 0.15 a Pilkada count (2 ballots, 470 voters) takes about 2.9 h,
// within the 2-5 h of the same section (E).
constexpr double kPemiluMinutesPerBallot = 0.45;
constexpr double kOtherMinutesPerBallot = 0.15;

// Tolerance on a misclassification row's sum: rows written with decimals (0.1 + 0.7 + 0.2) do not
// add to exactly 1 in binary.
constexpr double kRowSumTolerance = 1e-9;

// Numbers in messages: as short as the reader wrote them, but precise enough that a row summing to
// 0.9999999 does not print as 1.
std::string format_number(double x) {
  std::ostringstream s;
  s << std::setprecision(15) << x;
  return s.str();
}

std::optional<HandlingDistribution> handling_distribution_from_string(std::string_view s) noexcept {
  for (const auto d : {HandlingDistribution::kExponential, HandlingDistribution::kLognormal,
                       HandlingDistribution::kGamma, HandlingDistribution::kFixed})
    if (to_string(d) == s) return d;
  return std::nullopt;
}

const std::regex& identifier_pattern() {
  static const std::regex re("[A-Za-z0-9_-]+");
  return re;
}

// Kemendagri codes: 2 digits per level, 4 for the village: 35, 35.14, 35.14.05, 35.14.05.2001.
bool is_code(const std::string& s, int level) {
  static const std::regex levels[] = {std::regex("[0-9]{2}"), std::regex("[0-9]{2}\\.[0-9]{2}"),
                                      std::regex("[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}"),
                                      std::regex("[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}")};
  return std::regex_match(s, levels[level]);
}

std::optional<BallotStage> ballot_stage_from_string(std::string_view s) noexcept {
  if (s == "pps") return BallotStage::kPps;
  if (s == "ppk") return BallotStage::kPpk;
  return std::nullopt;
}

// Reads one scenario (the base, with a plan's overrides applied) into a Scenario.
class Parser {
 public:
  Parser(const ScenarioDocument& doc, Problems& problems) : doc_(doc), problems_(problems) {}

  void read_top(const Json& root, const Json& patched, Scenario& s) {
    Record r = Record::of_json(root, patched, Path{}, problems_);
    // How editors find the schema (siaga-scenario-1.schema.json): accepted, and nothing else read.
    (void)r.text("$schema", Need::kOptional);
    if (const auto format = r.text("format", Need::kRequired); format && *format != kScenarioFormat)
      r.problem("format", "unsupported format '" + *format + "' (this siaga reads " +
                              std::string(kScenarioFormat) + ")");
    if (auto name = identifier(r, "name", Need::kRequired)) s.name = *name;
    s.description = r.text("description", Need::kOptional).value_or("");
    s.notes = strings(r, "notes");
    s.sources = strings(r, "sources");
    read_region(r.nested("region", Need::kRequired), s.region);
    read_election(r.nested("election", Need::kRequired), s.election);
    read_roads(r.nested("roads", Need::kRequired), s.roads);
    read_forces(r.nested("forces", Need::kRequired), s);
    (void)r.raw("plans", Need::kRequired);  // read by resolve()
    read_incidents(r.nested("incidents", Need::kOptional), s.election.kind, s.incidents);
    read_experiment(r.nested("experiment", Need::kOptional), s.experiment);
    if (r.has("provenance"))
      s.provenance = read_provenance(r.nested("provenance", Need::kRequired), problems_);
    else
      (void)r.raw("provenance", Need::kOptional);
    r.finish();
    check_nodes(s);
  }

  void read_plan(Record r, std::string_view name, Scenario& s) {
    Plan& plan = s.plan;
    plan.name = std::string(name);
    plan.description = r.text("description", Need::kOptional).value_or("");
    // Without a preset, a category has no Polri guards, 2 Linmas per TPS, and guards leave at the
    // end of the count unescorted; the plan's own fields fill in the rest.
    for (auto& g : plan.guards) g = GuardPattern{0, 1, 2};
    for (const Category c : kAllCategories)
      plan.retention[static_cast<std::size_t>(c)] = {"leave", Json{{"policy", "leave"}},
                                                     r.path("retention") / to_string(c)};
    plan.escort.fill(0);
    if (const auto pattern = r.text("pattern", Need::kOptional)) {
      if (const DoctrinePreset* preset = find_doctrine_preset(*pattern)) {
        plan.pattern = *pattern;
        plan.guards = preset->guards;
        for (const Category c : kAllCategories) {
          Json rule = preset_retention(*preset, c);
          plan.retention[static_cast<std::size_t>(c)] = {rule["policy"].get<std::string>(), rule,
                                                         r.path("pattern")};
        }
        plan.escort = preset->escort;
      } else {
        r.problem("pattern", "unknown doctrine preset '" + *pattern + "' (allowed: " + preset_names() + ")");
      }
    }
    per_category(r.nested("guards", Need::kOptional), [&](Record g, Category c) {
      GuardPattern& p = plan.guards[static_cast<std::size_t>(c)];
      if (auto x = g.integer("officers", Need::kRequired, 0, 1000)) p.officers = static_cast<int>(*x);
      if (auto y = g.integer("tps", Need::kRequired, 1, 1000)) p.tps = static_cast<int>(*y);
      p.linmas = static_cast<int>(g.integer("linmas", Need::kOptional, 0, 10000).value_or(2 * p.tps));
    });
    Record retention = r.nested("retention", Need::kOptional);
    for (const Category c : kAllCategories)
      if (const Json* rule = retention.raw(to_string(c), Need::kOptional))
        if (auto choice = policy_choice(*rule, retention.path(to_string(c)), std::nullopt))
          plan.retention[static_cast<std::size_t>(c)] = std::move(*choice);
    reject_aman(retention);
    retention.finish();
    Record escort = r.nested("escort", Need::kOptional);
    for (const Category c : kAllCategories)
      if (auto n = escort.integer(to_string(c), Need::kOptional, 0, 1000))
        plan.escort[static_cast<std::size_t>(c)] = static_cast<int>(*n);
    escort.finish();
    plan.dispatch = {"nearest_available", Json{{"policy", "nearest_available"}}, r.path("dispatch")};
    if (const Json* dispatch = r.raw("dispatch", Need::kOptional))
      if (auto choice = policy_choice(*dispatch, r.path("dispatch"), "nearest_available"))
        plan.dispatch = std::move(*choice);
    if (const Json* reserves = r.raw("reserves", Need::kOptional))
      read_reserves(*reserves, r.path("reserves"), s);
    Record rating = r.nested("rating", Need::kOptional);
    if (auto basis = rating.text("basis", Need::kOptional)) {
      if (*basis == "rated")
        plan.rating.basis = RatingBasis::kRated;
      else if (*basis == "true")
        plan.rating.basis = RatingBasis::kTrue;
      else if (*basis == "early_warning")
        plan.rating.basis = RatingBasis::kEarlyWarning;
      else
        rating.problem("basis", "unknown value '" + *basis + "' (allowed: rated, true, early_warning)");
    }
    if (auto x = rating.number("corrected_share", Need::kOptional, {0, 1})) {
      plan.rating.corrected_share = *x;
      if (plan.rating.basis != RatingBasis::kEarlyWarning)
        rating.problem("corrected_share", "has meaning only for basis 'early_warning'");
    }
    rating.finish();
    if (const Json* overrides = r.raw("overrides", Need::kOptional)) {
      plan.has_overrides = true;
      if (!overrides->is_object())
        r.problem("overrides", "must be an object (a JSON Merge Patch of the scenario)");
    }
    r.finish();
  }

 private:
  // ---- helpers -------------------------------------------------------------------------------
  std::optional<std::string> identifier(Record& r, std::string_view key, Need need) {
    auto s = r.text(key, need);
    if (s && !std::regex_match(*s, identifier_pattern())) {
      r.problem(key, "'" + *s + "' is not a valid id (letters, digits, '_' and '-' only)");
      return std::nullopt;
    }
    return s;
  }

  std::optional<std::string> code(Record& r, std::string_view key, int level, Need need) {
    static constexpr std::string_view kLevels[] = {"provinsi (e.g. 35)", "kabupaten/kota (e.g. 35.14)",
                                                   "kecamatan (e.g. 35.14.05)",
                                                   "village (e.g. 35.14.05.2001)"};
    auto s = r.text(key, need);
    if (s && !is_code(*s, level)) {
      r.problem(key, "'" + *s + "' is not a " + std::string(kLevels[level]) + " code");
      return std::nullopt;
    }
    return s;
  }

  // A region code extends its parent's ("35.14.05" lies inside "35.14"); checked when both parsed.
  static void check_inside(Record& r, const std::optional<std::string>& code,
                           const std::optional<std::string>& parent, std::string_view parent_kind) {
    if (code && parent && code->rfind(*parent + ".", 0) != 0)
      r.problem("code", "'" + *code + "' is not inside " + std::string(parent_kind) + " " + *parent);
  }

  std::vector<std::string> strings(Record& r, std::string_view key) {
    std::vector<std::string> out;
    const Json* v = r.raw(key, Need::kOptional);
    if (!v) return out;
    if (!v->is_array()) {
      r.problem(key, "must be a list of strings");
      return out;
    }
    for (std::size_t i = 0; i < v->size(); ++i) {
      if ((*v)[i].is_string()) {
        out.push_back((*v)[i].get<std::string>());
      } else {
        problems_.add(r.path(key)[i].str(), "must be a string");
      }
    }
    return out;
  }

  std::optional<geo::GeoPoint> point(Record& r, Need need) {
    const auto lat = r.number("lat", need, {-90, 90});
    const auto lon = r.number("lon", need, {-180, 180});
    if (lat && lon) return geo::GeoPoint{*lat, *lon};
    if (lat.has_value() != lon.has_value() && need == Need::kOptional)
      r.problem(lat ? "lon" : "lat", "is required when " + std::string(lat ? "lat" : "lon") + " is given");
    return std::nullopt;
  }

  std::optional<std::uint64_t> node_ref(Record& r, std::string_view key) {
    const auto id = r.integer(key, Need::kOptional, 0);
    if (!id) return std::nullopt;
    node_refs_.push_back({r.where(key), static_cast<std::uint64_t>(*id)});
    return static_cast<std::uint64_t>(*id);
  }

  // The position in roads.nodes of an edge's end, read after the nodes; an unknown id is reported
  // with the other node references.
  std::uint32_t edge_end(Record& e, std::string_view key, std::optional<std::int64_t> id) {
    if (!id) return 0;
    const auto it = node_ids_.find(static_cast<std::uint64_t>(*id));
    if (it != node_ids_.end()) return static_cast<std::uint32_t>(it->second);
    node_refs_.push_back({e.where(key), static_cast<std::uint64_t>(*id)});
    return 0;
  }

  // Reads a table given inline (a list of objects) or as a CSV path; calls `row` for each record.
  template <class F>
  void table(Record& parent, std::string_view key, std::vector<std::string_view> columns, F&& row) {
    const Json* v = parent.raw(key, Need::kRequired);
    if (!v) return;
    const Path path = parent.path(key);
    if (v->is_string()) {
      const std::string relative = v->get<std::string>();
      try {
        const CsvTable t = CsvTable::read(doc_.base_dir() / relative, relative);
        check_csv_header(t, columns, problems_);
        if (t.row_count() == 0) problems_.add(t.name(), "the table has no rows");
        for (std::size_t i = 0; i < t.row_count(); ++i) {
          Record rec = Record::of_csv(t, i, problems_);
          row(rec);
        }
      } catch (const ScenarioError& e) {
        for (const Problem& p : e.problems()) problems_.add(p.where, p.message);
      }
    } else if (v->is_array()) {
      if (v->empty()) problems_.add(path.str(), "must not be empty");
      for (std::size_t i = 0; i < v->size(); ++i) {
        Record rec = Record::of_json((*v)[i], path[i], problems_);
        row(rec);
        rec.finish();
      }
    } else {
      problems_.add(path.str(), "must be a list of records or the path of a CSV file");
    }
  }

  // Reads a JSON-only list of objects.
  template <class F>
  void list(Record& parent, std::string_view key, F&& row) {
    const Json* v = parent.raw(key, Need::kRequired);
    if (!v) return;
    const Path path = parent.path(key);
    if (!v->is_array()) {
      problems_.add(path.str(), "must be a list");
      return;
    }
    if (v->empty()) problems_.add(path.str(), "must not be empty");
    for (std::size_t i = 0; i < v->size(); ++i) {
      Record rec = Record::of_json((*v)[i], path[i], problems_);
      row(rec);
      rec.finish();
    }
  }

  template <class F>
  void per_category(Record r, F&& read) {
    for (const Category c : kAllCategories)
      if (r.has(to_string(c))) read(r.nested(to_string(c), Need::kRequired), c);
    reject_aman(r);
    r.finish();
  }

  // Maps keyed by category take each category's own spelling only: a second name for one category
  // would let a map hold two values for it.
  static void reject_aman(Record& r) {
    if (r.has("aman")) {
      (void)r.raw("aman", Need::kOptional);
      r.problem("aman", "write kurang_rawan here ('aman' is accepted as a TPS's category only)");
    }
  }

  // Remembers a unique key; reports a duplicate at `where`.
  template <class Map>
  bool unique(Map& seen, const std::string& key, std::size_t index, const std::string& where,
              std::string_view what) {
    if (!seen.emplace(key, index).second) {
      problems_.add(where, "duplicate " + std::string(what) + " '" + key + "'");
      return false;
    }
    return true;
  }

  template <class Map>
  std::optional<std::size_t> reference(const Map& known, const std::optional<std::string>& key, Record& r,
                                       std::string_view field, std::string_view what) {
    if (!key) return std::nullopt;
    const auto it = known.find(*key);
    if (it == known.end()) {
      r.problem(field, "unknown " + std::string(what) + " '" + *key + "'");
      return std::nullopt;
    }
    return it->second;
  }

  static std::string preset_names() {
    std::string out;
    for (const DoctrinePreset& p : doctrine_presets()) out += (out.empty() ? "" : ", ") + std::string(p.name);
    return out;
  }

  // A policy a plan names: an object whose "policy" is a name (or, without one, `default_name`).
  // Its other fields are the policy's settings, which the dynamics read and check: they know
  // which policies exist.
  std::optional<PolicyChoice> policy_choice(const Json& value, const Path& path,
                                            std::optional<std::string_view> default_name) {
    if (!value.is_object()) {
      problems_.add(path.str(), "must be an object with a \"policy\" and its settings");
      return std::nullopt;
    }
    Json settings = value;
    const auto it = value.find("policy");
    if (it == value.end() && default_name) {
      settings["policy"] = std::string(*default_name);
    } else if (it == value.end()) {
      problems_.add((path / "policy").str(), "is required but missing");
      return std::nullopt;
    } else if (!it->is_string() || !std::regex_match(it->get<std::string>(), identifier_pattern())) {
      problems_.add((path / "policy").str(), "must be a policy name (letters, digits, '_' and '-')");
      return std::nullopt;
    }
    std::string name = settings["policy"].get<std::string>();
    return PolicyChoice{std::move(name), std::move(settings), path};
  }

  // ---- sections ------------------------------------------------------------------------------
  void read_region(Record r, Region& region) {
    if (r.has("provinsi")) {
      Record p = r.nested("provinsi", Need::kRequired);
      auto c = code(p, "code", 0, Need::kRequired);
      auto n = p.text("name", Need::kRequired);
      if (c && n) region.provinsi = std::pair{*c, *n};
      p.finish();
    } else {
      r.nested("provinsi", Need::kOptional);  // marks the field as known
    }
    list(r, "kabupaten", [&](Record& k) {
      Kabupaten kab;
      auto c = code(k, "code", 1, Need::kRequired);
      kab.name = k.text("name", Need::kRequired).value_or("");
      if (auto kind = k.text("kind", Need::kOptional)) {
        if (*kind == "kota")
          kab.kota = true;
        else if (*kind != "kabupaten")
          k.problem("kind", "unknown value '" + *kind + "' (allowed: kabupaten, kota)");
      }
      kab.at = point(k, Need::kRequired).value_or(geo::GeoPoint{});
      if (c && unique(kabupaten_, *c, region.kabupaten.size(), k.where("code"), "kabupaten code"))
        kab.code = *c;
      region.kabupaten.push_back(std::move(kab));
    });
    list(r, "kecamatan", [&](Record& k) {
      Kecamatan kec;
      auto c = code(k, "code", 2, Need::kRequired);
      kec.name = k.text("name", Need::kRequired).value_or("");
      const auto parent = code(k, "kabupaten", 1, Need::kRequired);
      kec.kabupaten = reference(kabupaten_, parent, k, "kabupaten", "kabupaten").value_or(0);
      check_inside(k, c, parent, "kabupaten");
      kec.at = point(k, Need::kRequired).value_or(geo::GeoPoint{});
      kec.ppk_node = node_ref(k, "ppk_node");
      if (c && unique(kecamatan_, *c, region.kecamatan.size(), k.where("code"), "kecamatan code"))
        kec.code = *c;
      region.kecamatan.push_back(std::move(kec));
    });
    table(r, "villages", {"code", "name", "kecamatan", "kind", "lat", "lon", "node"}, [&](Record& v) {
      Village vil;
      auto c = code(v, "code", 3, Need::kRequired);
      vil.name = v.text("name", Need::kRequired).value_or("");
      const auto parent = code(v, "kecamatan", 2, Need::kRequired);
      vil.kecamatan = reference(kecamatan_, parent, v, "kecamatan", "kecamatan").value_or(0);
      check_inside(v, c, parent, "kecamatan");
      vil.kind = v.choice("kind", Need::kOptional, village_kind_from_string, "desa, kelurahan")
                     .value_or(VillageKind::kDesa);
      vil.at = point(v, Need::kRequired).value_or(geo::GeoPoint{});
      vil.node = node_ref(v, "node");
      if (c && unique(villages_, *c, region.villages.size(), v.where("code"), "village code")) vil.code = *c;
      region.villages.push_back(std::move(vil));
    });
    table(r, "tps", {"id", "village", "voters", "category", "score", "node", "lat", "lon"}, [&](Record& t) {
      Tps tps;
      auto id = identifier(t, "id", Need::kRequired);
      tps.village =
          reference(villages_, code(t, "village", 3, Need::kRequired), t, "village", "village").value_or(0);
      tps.voters = static_cast<int>(t.integer("voters", Need::kRequired, 1, 1000).value_or(1));
      tps.category = t.choice("category", Need::kRequired, category_from_string, kCategories)
                         .value_or(Category::kKurangRawan);
      tps.score = t.number("score", Need::kOptional, {0, 100});
      tps.node = node_ref(t, "node");
      tps.at = point(t, Need::kOptional);
      if (id && unique(tps_ids_, *id, region.tps.size(), t.where("id"), "TPS id")) tps.id = *id;
      region.tps.push_back(std::move(tps));
    });
    read_boundaries(r.nested("boundaries", Need::kOptional), region);
    r.finish();
  }

  // Polygons of the villages and kecamatan (imported scenarios; what reports draw).
  void read_boundaries(Record r, Region& region) {
    auto codes = [](const auto& areas) {
      std::vector<std::string> out;
      for (const auto& a : areas) out.push_back(a.code);
      return out;
    };
    if (const Json* v = r.raw("villages", Need::kOptional))
      region.village_boundaries =
          read_area_boundaries(*v, r.path("villages"), doc_.base_dir(), codes(region.villages), problems_);
    if (const Json* k = r.raw("kecamatan", Need::kOptional))
      region.kecamatan_boundaries =
          read_area_boundaries(*k, r.path("kecamatan"), doc_.base_dir(), codes(region.kecamatan), problems_);
    r.finish();
  }

  void read_election(Record r, Election& e) {
    e.kind = r.choice("kind", Need::kRequired, election_kind_from_string, "pemilu, pilkada, pilkades")
                 .value_or(ElectionKind::kPilkada);
    if (auto date = r.text("date", Need::kRequired)) {
      static const std::regex iso("[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])");
      if (std::regex_match(*date, iso))
        e.date = *date;
      else
        r.problem("date", "must be a date written YYYY-MM-DD, got '" + *date + "'");
    }
    const auto setup = r.number("setup_hour", Need::kOptional, {0, kMaxHour});
    const auto open = r.number("opening_hour", Need::kRequired, {0, kMaxHour});
    const auto close = r.number("closing_hour", Need::kRequired, {0, kMaxHour});
    if (setup) e.setup_hour = *setup;
    if (open) e.opening_hour = *open;
    if (close) e.closing_hour = *close;
    if (open && e.setup_hour > *open)
      r.problem("setup_hour", "must not be after opening_hour (" + std::to_string(*open) + ")");
    if (open && close && !(*close > *open)) r.problem("closing_hour", "must be after opening_hour");
    if (auto b = r.integer("ballots_per_voter", Need::kRequired, 1, 10))
      e.ballots_per_voter = static_cast<int>(*b);
    if (const Json* chain = r.raw("ballot_chain", Need::kOptional)) {
      e.ballot_chain.clear();
      const Path path = r.path("ballot_chain");
      if (!chain->is_array()) {
        r.problem("ballot_chain", "must be a list of stages (pps, ppk)");
      } else {
        for (std::size_t i = 0; i < chain->size(); ++i) {
          const auto stage = (*chain)[i].is_string()
                                 ? ballot_stage_from_string((*chain)[i].get<std::string>())
                                 : std::nullopt;
          if (!stage) {
            problems_.add(path[i].str(), "must be 'pps' or 'ppk'");
          } else if (std::find(e.ballot_chain.begin(), e.ballot_chain.end(), *stage) !=
                     e.ballot_chain.end()) {
            problems_.add(path[i].str(), "stage '" + std::string(to_string(*stage)) + "' appears twice");
          } else if (!e.ballot_chain.empty() && *stage == BallotStage::kPps) {
            problems_.add(path[i].str(), "the PPS comes before the PPK");
          } else {
            e.ballot_chain.push_back(*stage);
          }
        }
      }
    }
    read_counting(r.nested("counting", Need::kOptional), e);
    r.finish();
  }

  void read_counting(Record r, Election& e) {
    Counting& c = e.counting;
    c.minutes_per_ballot = e.kind == ElectionKind::kPemilu ? kPemiluMinutesPerBallot : kOtherMinutesPerBallot;
    const auto base = r.number("base_minutes", Need::kOptional, {0});
    const auto per_ballot = r.number("minutes_per_ballot", Need::kOptional, {0});
    if (base) c.base_minutes = *base;
    if (per_ballot) c.minutes_per_ballot = *per_ballot;
    // A count of zero minutes would end as voting closes: guards would leave and boxes travel at
    // closing time, which no real count allows.
    if ((base || !r.has("base_minutes")) && (per_ballot || !r.has("minutes_per_ballot")) &&
        c.base_minutes == 0.0 && c.minutes_per_ballot == 0.0)
      r.problem("minutes_per_ballot", "base_minutes and minutes_per_ballot must not both be 0");
    if (auto cv = r.number("cv", Need::kOptional, {0})) c.cv = *cv;
    if (auto turnout = r.number("turnout", Need::kOptional, {0, 1, true})) c.turnout = *turnout;
    r.finish();
  }

  void read_roads(Record r, Roads& roads) {
    table(r, "nodes", {"id", "lat", "lon"}, [&](Record& n) {
      RoadNode node;
      const auto id = n.integer("id", Need::kRequired, 0);
      node.at = point(n, Need::kRequired).value_or(geo::GeoPoint{});
      if (id) {
        node.id = static_cast<std::uint64_t>(*id);
        if (!node_ids_.emplace(node.id, roads.nodes.size()).second)
          n.problem("id", "duplicate road node id " + std::to_string(*id));
      }
      roads.nodes.push_back(node);
    });
    table(r, "edges", {"from", "to", "length_m", "class", "oneway", "maxspeed_kmh"}, [&](Record& e) {
      geo::RoadEdge edge;
      const auto from = e.integer("from", Need::kRequired, 0);
      const auto to = e.integer("to", Need::kRequired, 0);
      if (from && to && *from == *to) e.problem("to", "an edge must join two different nodes");
      edge.from = edge_end(e, "from", from);
      edge.to = edge_end(e, "to", to);
      edge.length_m = e.number("length_m", Need::kRequired, {0, 1e6, true}).value_or(1.0);
      edge.road_class = e.choice("class", Need::kRequired, geo::road_class_from_string, kRoadClasses)
                            .value_or(geo::RoadClass::kVillage);
      edge.oneway = e.boolean("oneway", Need::kOptional).value_or(false);
      edge.maxspeed_kmh = e.number("maxspeed_kmh", Need::kOptional, {0, 200, true});
      roads.edges.push_back(edge);
    });
    Record speeds = r.nested("speeds_kmh", Need::kOptional);
    for (std::size_t c = 0; c < geo::kRoadClassCount; ++c) {
      const auto cls = static_cast<geo::RoadClass>(c);
      if (!speeds.has(geo::to_string(cls))) {
        (void)speeds.raw(geo::to_string(cls), Need::kOptional);
        continue;
      }
      Record row = speeds.nested(geo::to_string(cls), Need::kRequired);
      for (std::size_t v = 0; v < geo::kVehicleCount; ++v)
        if (auto kmh = row.number(geo::to_string(static_cast<geo::Vehicle>(v)), Need::kOptional, {0, 200}))
          roads.speeds[c][v] = *kmh;
      row.finish();
    }
    speeds.finish();
    r.finish();
  }

  void read_forces(Record r, Scenario& s) {
    Forces& forces = s.forces;
    list(r, "posts", [&](Record& p) {
      Post post;
      auto id = identifier(p, "id", Need::kRequired);
      post.name = p.text("name", Need::kOptional).value_or("");
      post.kind = p.choice("kind", Need::kRequired, post_kind_from_string,
                           "polda, polres, polsek, koramil, kodim, village")
                      .value_or(PostKind::kPolsek);
      post.at = point(p, Need::kRequired).value_or(geo::GeoPoint{});
      post.node = node_ref(p, "node");
      if (id && unique(posts_, *id, forces.posts.size(), p.where("id"), "post id")) post.id = *id;
      forces.posts.push_back(std::move(post));
    });
    table(r, "units",
          {"id", "kind", "headcount", "team_size", "post", "village", "villages", "vehicle",
           "duty_start_hour", "duty_end_hour", "dispatchable", "max_severity", "mobilisation_minutes"},
          [&](Record& u) {
            Unit unit;
            auto id = identifier(u, "id", Need::kRequired);
            unit.kind = u.choice("kind", Need::kRequired, unit_kind_from_string, kUnitKinds)
                            .value_or(UnitKind::kLinmas);
            if (unit.kind == UnitKind::kPoldaReserve)
              u.problem("kind", "the Polda's reserve is given in forces.polda_reserve, not as a unit");
            unit.headcount = static_cast<int>(u.integer("headcount", Need::kRequired, 1, 100000).value_or(1));
            unit.team_size =
                static_cast<int>(u.integer("team_size", Need::kOptional, 1, 100000).value_or(unit.headcount));
            if (unit.team_size > unit.headcount)
              u.problem("team_size",
                        "must be at most the headcount (" + std::to_string(unit.headcount) + ")");
            unit.team_size = std::min(unit.team_size, unit.headcount);
            unit.post =
                reference(posts_, identifier(u, "post", Need::kRequired), u, "post", "post").value_or(0);
            unit.villages = served_villages(u, unit.kind == UnitKind::kBhabinkamtibmas);
            unit.vehicle = u.choice("vehicle", Need::kOptional, geo::vehicle_from_string, kVehicles)
                               .value_or(geo::Vehicle::kMotorbike);
            Record duty = u.nested("duty", Need::kOptional);
            const auto start = duty.number("start_hour", Need::kOptional, {0, kMaxHour});
            const auto end = duty.number("end_hour", Need::kOptional, {0, kMaxHour});
            if (start.has_value() != end.has_value())
              duty.problem(start ? "end_hour" : "start_hour", "is required when the duty window is given");
            if (start && end) {
              unit.duty_start_hour = *start;
              unit.duty_end_hour = *end;
              if (!(*end > *start)) duty.problem("end_hour", "must be after start_hour");
            }
            duty.finish();
            unit.dispatchable =
                u.boolean("dispatchable", Need::kOptional).value_or(default_dispatchable(unit.kind));
            unit.max_severity = static_cast<int>(
                u.integer("max_severity", Need::kOptional, 1, 5).value_or(default_max_severity(unit.kind)));
            unit.mobilisation_minutes = u.number("mobilisation_minutes", Need::kOptional, {0, 24 * 60})
                                            .value_or(default_mobilisation_minutes(unit.kind));
            if (id && unique(units_, *id, forces.units.size(), u.where("id"), "unit id")) unit.id = *id;
            forces.units.push_back(std::move(unit));
          });
    read_polda_reserve(r, forces);
    Record reach = r.nested("reach", Need::kOptional);
    for (std::size_t t = 0; t < kDispatchTierCount; ++t) {
      const std::string_view tier = to_string(static_cast<DispatchTier>(t));
      if (!reach.has(tier)) continue;
      Record one = reach.nested(tier, Need::kRequired);
      if (auto n = one.integer("posts", Need::kOptional, 1, 10000))
        forces.reach[t].posts = static_cast<int>(*n);
      if (auto m = one.number("minutes", Need::kOptional, {0, 48 * 60, true})) forces.reach[t].minutes = *m;
      one.finish();
    }
    reach.finish();
    Record faults = r.nested("faults", Need::kOptional);
    Faults& f = forces.faults;
    if (auto x = faults.number("breakdown_per_hour", Need::kOptional, {0})) f.breakdown_per_hour = *x;
    if (auto x = faults.number("repair_minutes", Need::kOptional, {0})) f.repair_minutes = *x;
    if (auto x = faults.number("unavailable_probability", Need::kOptional, {0, 1}))
      f.unavailable_probability = *x;
    faults.finish();
    r.finish();
  }

  // The villages a Bhabinkamtibmas serves: `village` (one code) or `villages` (a list; in a CSV
  // table, codes separated by spaces), required for that kind only.
  std::vector<std::size_t> served_villages(Record& u, bool bhabin) {
    std::vector<std::size_t> out;
    std::vector<std::pair<std::string, std::string>> codes;  // (code, where)
    if (u.has("village") && u.has("villages")) {
      (void)u.raw("villages", Need::kOptional);
      u.problem("villages", "give village (one) or villages (a list), not both");
    }
    if (u.has("villages")) {
      if (u.is_csv()) {
        std::istringstream words(u.text("villages", Need::kRequired).value_or(""));
        for (std::string w; words >> w;) codes.emplace_back(w, u.where("villages"));
      } else if (const Json* list = u.raw("villages", Need::kRequired);
                 list && list->is_array() && !list->empty()) {
        for (std::size_t i = 0; i < list->size(); ++i) {
          if ((*list)[i].is_string())
            codes.emplace_back((*list)[i].get<std::string>(), u.path("villages")[i].str());
          else
            problems_.add(u.path("villages")[i].str(), "must be a village code");
        }
      } else {
        u.problem("villages", "must be a non-empty list of village codes");
      }
    } else if (auto one = u.text("village", bhabin ? Need::kRequired : Need::kOptional)) {
      codes.emplace_back(*one, u.where("village"));
    }
    for (const auto& [c, where] : codes) {
      if (!is_code(c, 3)) {
        problems_.add(where, "'" + c + "' is not a village (e.g. 35.14.05.2001) code");
      } else if (const auto it = villages_.find(c); it == villages_.end()) {
        problems_.add(where, "unknown village '" + c + "'");
      } else if (std::find(out.begin(), out.end(), it->second) != out.end()) {
        problems_.add(where, "village '" + c + "' is listed twice");
      } else {
        out.push_back(it->second);
      }
    }
    return out;
  }

  void read_polda_reserve(Record& r, Forces& forces) {
    if (!r.has("polda_reserve")) return;
    Record p = r.nested("polda_reserve", Need::kRequired);
    PoldaReserve reserve;
    reserve.teams = static_cast<int>(p.integer("teams", Need::kRequired, 0, 1000).value_or(0));
    reserve.team_size = static_cast<int>(p.integer("team_size", Need::kOptional, 1, 1000).value_or(30));
    reserve.mobilisation_minutes = p.number("mobilisation_minutes", Need::kOptional, {0, 48 * 60})
                                       .value_or(reserve.mobilisation_minutes);
    reserve.arrives_at =
        reference(posts_, identifier(p, "arrives_at", Need::kRequired), p, "arrives_at", "post").value_or(0);
    reserve.vehicle = p.choice("vehicle", Need::kOptional, geo::vehicle_from_string, kVehicles)
                          .value_or(geo::Vehicle::kTruck);
    reserve.max_severity = static_cast<int>(p.integer("max_severity", Need::kOptional, 1, 5).value_or(5));
    p.finish();
    forces.polda_reserve = reserve;
    if (reserve.teams == 0) return;
    // The pool is a unit of its own at the end of the list: the dispatcher treats it like the others
    // (its own tier, last but TNI), and its id keys its random streams.
    Unit unit;
    unit.id = "polda-reserve";
    unit.kind = UnitKind::kPoldaReserve;
    unit.headcount = reserve.teams * reserve.team_size;
    unit.team_size = reserve.team_size;
    unit.post = reserve.arrives_at;
    unit.vehicle = reserve.vehicle;
    unit.max_severity = reserve.max_severity;
    unit.mobilisation_minutes = reserve.mobilisation_minutes;
    forces.units.push_back(std::move(unit));
  }

  void read_incidents(Record r, ElectionKind election, Incidents& in) {
    read_kinds(r, election, in);
    Record multiplier = r.nested("category_multiplier", Need::kOptional);
    for (const Category c : kAllCategories)
      if (auto x = multiplier.number(to_string(c), Need::kOptional, {0}))
        in.category_multiplier[static_cast<std::size_t>(c)] = *x;
    reject_aman(multiplier);
    multiplier.finish();
    if (auto x = r.number("deterrence", Need::kOptional, {0, 1})) in.deterrence = *x;
    if (auto x = r.number("bhabinkamtibmas_factor", Need::kOptional, {0, 1})) in.bhabinkamtibmas_factor = *x;
    if (auto x = r.number("escalation_per_hour", Need::kOptional, {0})) in.escalation_per_hour = *x;
    // The post-count rate decays. A scenario of the older format gives a flat window instead: it is
    // read as the half-life that keeps the expected number of post-count incidents (H ln 2).
    if (r.has("post_count_hours") && r.has("post_count_half_life_hours")) {
      (void)r.raw("post_count_hours", Need::kOptional);
      r.problem("post_count_hours",
                "give post_count_half_life_hours only (post_count_hours is the older form)");
    } else if (auto x = r.number("post_count_hours", Need::kOptional, {0, 24})) {
      in.post_count_half_life_hours = *x * std::log(2.0);
    }
    if (auto x = r.number("post_count_half_life_hours", Need::kOptional, {0, 24}))
      in.post_count_half_life_hours = *x;
    in.contested.share = default_contested_share(election);
    Record contested = r.nested("contested", Need::kOptional);
    if (auto x = contested.number("share", Need::kOptional, {0, 1})) in.contested.share = *x;
    if (auto x = contested.number("multiplier", Need::kOptional, {0})) in.contested.multiplier = *x;
    contested.finish();
    if (auto x = r.number("transit_per_1000_box_hours", Need::kOptional, {0}))
      in.transit_per_1000_box_hours = *x;
    if (auto x = r.number("transit_escort_factor", Need::kOptional, {0, 1})) in.transit_escort_factor = *x;
    Record contagion = r.nested("contagion", Need::kOptional);
    if (auto on = contagion.boolean("enabled", Need::kOptional)) in.contagion = *on;
    if (auto x = contagion.number("radius_km", Need::kOptional, {0})) in.contagion_radius_km = *x;
    if (auto x = contagion.number("boost", Need::kOptional, {0})) in.contagion_boost = *x;
    if (auto x = contagion.number("minutes", Need::kOptional, {0})) in.contagion_minutes = *x;
    contagion.finish();
    read_misclassification(r.nested("misclassification", Need::kOptional), in);
    read_response_targets(r, in);
    r.finish();
  }

  void read_kinds(Record& r, ElectionKind election, Incidents& in) {
    const Json* kinds = r.raw("kinds", Need::kOptional);
    in.kinds = default_incident_kinds(election);
    if (!kinds) return;
    if (!kinds->is_object()) {
      r.problem("kinds", "must be an object of incident kinds keyed by name");
      return;
    }
    // Given kinds replace the defaults whole: a list mixing the two would have no clear order.
    in.kinds.clear();
    if (kinds->empty())
      r.problem("kinds", "must name at least one kind (a kind with per_1000_tps_day 0 never happens)");
    const Path path = r.path("kinds");
    std::optional<std::size_t> previous;  // the last kind whose severity was read
    for (const auto& [name, value] : kinds->items()) {
      Record k = Record::of_json(value, path / name, problems_);
      IncidentKind kind;
      kind.name = name;
      if (!std::regex_match(name, identifier_pattern()))
        problems_.add((path / name).str(),
                      "'" + name + "' is not a valid kind name (letters, digits, '_' and '-' only)");
      const auto severity = k.integer("severity", Need::kOptional, 1, 5);
      if (severity) kind.severity = static_cast<int>(*severity);
      if (value.is_object() && (severity || !k.has("severity"))) {
        // Escalation moves an incident to the next kind, so the order of the kinds is the order of
        // their severities.
        if (previous && kind.severity <= in.kinds[*previous].severity)
          k.problem("severity", "must be above " + std::to_string(in.kinds[*previous].severity) +
                                    ", the severity of '" + in.kinds[*previous].name +
                                    "' before it (kinds are listed in increasing severity)");
        previous = in.kinds.size();
      }
      if (auto n = k.integer("officers", Need::kOptional, 1, 100000)) kind.officers = static_cast<int>(*n);
      kind.handling = read_handling(k.nested("handling", Need::kOptional));
      if (auto x = k.number("per_1000_tps_day", Need::kOptional, {0})) kind.per_1000_tps_day = *x;
      read_phase_weights(k.nested("phase_weights", Need::kOptional), kind);
      k.finish();
      in.kinds.push_back(std::move(kind));
    }
  }

  Handling read_handling(Record r) {
    Handling h;
    if (auto d = r.choice("distribution", Need::kOptional, handling_distribution_from_string, kDistributions))
      h.distribution = *d;
    if (auto m = r.number("mean_minutes", Need::kOptional, {0, kInfinity, true})) h.mean_minutes = *m;
    switch (h.distribution) {
      case HandlingDistribution::kExponential:
      case HandlingDistribution::kFixed: {
        // Their spread is fixed by the distribution; a cv written here would be silently ignored.
        const bool exponential = h.distribution == HandlingDistribution::kExponential;
        h.cv = exponential ? 1.0 : 0.0;
        (void)r.raw("cv", Need::kOptional);
        if (r.has("cv"))
          r.problem("cv", "has no meaning for distribution '" + std::string(to_string(h.distribution)) +
                              "' (its cv is " + (exponential ? "1" : "0") + ")");
        break;
      }
      case HandlingDistribution::kLognormal:
      case HandlingDistribution::kGamma:
        if (auto cv = r.number("cv", Need::kOptional, {0})) {
          if (*cv > 0.0)
            h.cv = *cv;
          else
            r.problem("cv", "must be above 0 for distribution '" + std::string(to_string(h.distribution)) +
                                "' (use 'fixed' for a constant time)");
        }
        break;
    }
    r.finish();
    return h;
  }

  void read_phase_weights(Record r, IncidentKind& kind) {
    // A phase not named keeps weight 1: a kind that says nothing about phases happens at the same
    // rate in every hour of the day.
    kind.phase_weights.fill(1.0);
    bool all_read = true;
    for (std::size_t p = 0; p < kPhaseCount; ++p) {
      const std::string_view key = to_string(static_cast<Phase>(p));
      if (auto w = r.number(key, Need::kOptional, {0}))
        kind.phase_weights[p] = *w;
      else if (r.has(key))
        all_read = false;
    }
    if (all_read &&
        std::all_of(kind.phase_weights.begin(), kind.phase_weights.end(), [](double w) { return w == 0.0; }))
      problems_.add(r.where(), "must not all be 0 (to switch a kind off, set its per_1000_tps_day to 0)");
    r.finish();
  }

  void read_misclassification(Record r, Incidents& in) {
    for (const Category truth : kAllCategories) {
      const std::string_view key = to_string(truth);
      const Json* value = r.raw(key, Need::kOptional);
      if (!value) continue;
      Record row = Record::of_json(*value, r.path(key), problems_);
      std::array<double, kCategoryCount> p{};  // rated categories the row does not name: 0
      bool all_read = value->is_object();
      for (const Category rated : kAllCategories) {
        const std::string_view column = to_string(rated);
        if (auto x = row.number(column, Need::kOptional, {0, 1}))
          p[static_cast<std::size_t>(rated)] = *x;
        else if (row.has(column))
          all_read = false;
      }
      reject_aman(row);
      row.finish();
      if (!all_read) continue;
      double sum = 0.0;
      for (const double x : p) sum += x;
      if (std::abs(sum - 1.0) > kRowSumTolerance) {
        problems_.add(row.where(),
                      "P(rated | true) must sum to 1 over the rated categories, got " + format_number(sum));
        continue;
      }
      in.misclassification[static_cast<std::size_t>(truth)] = p;
    }
    reject_aman(r);
    r.finish();
  }

  void read_response_targets(Record& r, Incidents& in) {
    if (auto x = r.number("long_wait_minutes", Need::kOptional, {0, kInfinity, true}))
      in.long_wait_minutes = *x;
    const Json* old = r.raw("response_targets_minutes", Need::kOptional);
    const Json* bands = r.raw("response_targets", Need::kOptional);
    if (old && bands) {
      r.problem("response_targets_minutes",
                "give response_targets only (response_targets_minutes is the older form)");
      return;
    }
    if (old) {
      read_old_response_targets(r, *old, in);
      return;
    }
    if (!bands) return;
    const Path path = r.path("response_targets");
    if (!bands->is_array() || bands->empty() || bands->size() > kMaxResponseBands) {
      r.problem("response_targets",
                "must be a list of 1 to " + std::to_string(kMaxResponseBands) +
                    " bands, e.g. [{\"beyond_km\": 0, \"minutes\": 10}, {\"beyond_km\": 5, "
                    "\"minutes\": 15}]");
      return;
    }
    std::vector<ResponseTarget> out;
    bool ok = true;
    for (std::size_t i = 0; i < bands->size(); ++i) {
      Record b = Record::of_json((*bands)[i], path[i], problems_);
      const auto km = b.number("beyond_km", Need::kRequired, {0});
      const auto minutes = b.number("minutes", Need::kRequired, {0, kInfinity, true});
      b.finish();
      if (!km || !minutes) {
        ok = false;
        continue;
      }
      if (i == 0 && *km != 0.0) {
        b.problem("beyond_km", "the first band must start at 0 km");
        ok = false;
      } else if (i > 0 && !out.empty() && !(*km > out.back().beyond_km)) {
        b.problem("beyond_km",
                  "must be above the band before it (" + format_number(out.back().beyond_km) + " km)");
        ok = false;
      }
      out.push_back({*km, *minutes});
    }
    if (ok) in.response_targets = std::move(out);
  }

  // The older form, two targets regardless of distance: the first becomes the one band's target,
  // the second the long wait.
  void read_old_response_targets(Record& r, const Json& v, Incidents& in) {
    if (!v.is_array() || v.size() != 2) {
      r.problem("response_targets_minutes", "must be a list of two numbers of minutes, e.g. [15, 30]");
      return;
    }
    const Path path = r.path("response_targets_minutes");
    std::array<std::optional<double>, 2> t;
    for (std::size_t i = 0; i < 2; ++i) {
      const Json& x = v[i];
      if (!x.is_number())
        problems_.add(path[i].str(), "must be a number of minutes, got " + std::string(x.type_name()));
      else if (!(x.get<double>() > 0.0))
        problems_.add(path[i].str(), "must be above 0, got " + format_number(x.get<double>()));
      else
        t[i] = x.get<double>();
    }
    if (t[0] && t[1] && !(*t[1] > *t[0]))
      problems_.add(path[1].str(), "must be above the first target (" + format_number(*t[0]) + ")");
    if (t[0] && t[1]) {
      in.response_targets = {{0.0, *t[0]}};
      in.long_wait_minutes = *t[1];
    }
  }

  void read_experiment(Record r, Experiment& e) {
    if (auto seed = r.integer("seed", Need::kOptional, 0)) e.seed = static_cast<std::uint64_t>(*seed);
    if (auto n = r.integer("replications", Need::kOptional, 1, 100'000'000))
      e.replications = static_cast<int>(*n);
    if (auto c = r.number("confidence", Need::kOptional, {0, 1, true})) {
      if (*c >= 1.0)
        r.problem("confidence", "must be below 1");
      else
        e.confidence = *c;
    }
    r.finish();
  }

  void read_reserves(const Json& reserves, const Path& path, Scenario& s) {
    if (!reserves.is_object()) {
      problems_.add(path.str(), "must map unit ids to post ids");
      return;
    }
    for (const auto& [unit_id, post] : reserves.items()) {
      const std::string where = (path / unit_id).str();
      const auto unit = units_.find(unit_id);
      if (unit == units_.end()) {
        problems_.add(where, "unknown unit '" + unit_id + "'");
        continue;
      }
      if (!post.is_string()) {
        problems_.add(where, "must be a post id");
        continue;
      }
      const auto p = posts_.find(post.get<std::string>());
      if (p == posts_.end()) {
        problems_.add(where, "unknown post '" + post.get<std::string>() + "'");
        continue;
      }
      s.forces.units[unit->second].post = p->second;
    }
  }

  void check_nodes(const Scenario&) {
    for (const auto& [where, id] : node_refs_)
      if (!node_ids_.contains(id)) problems_.add(where, "unknown road node " + std::to_string(id));
  }

  const ScenarioDocument& doc_;
  Problems& problems_;
  std::unordered_map<std::string, std::size_t> kabupaten_, kecamatan_, villages_, tps_ids_, posts_, units_;
  std::unordered_map<std::uint64_t, std::size_t> node_ids_;
  std::vector<std::pair<std::string, std::uint64_t>> node_refs_;
};

}  // namespace

Scenario resolve(const ScenarioDocument& doc, std::string_view plan_name) {
  const Json& root = doc.json();
  Problems problems;
  if (!root.is_object()) throw ScenarioError("(scenario)", "must be a JSON object");
  const auto plans_it = root.find("plans");
  if (plans_it == root.end() || !plans_it->is_object() || plans_it->empty())
    throw ScenarioError("plans", "must name at least one plan");
  const std::vector<std::string> names = doc.plan_names();
  const std::string name = plan_name.empty() ? names.front() : std::string(plan_name);
  if (!plans_it->contains(name)) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    throw InputError("no plan '" + name + "' in the scenario (plans: " + list + ")");
  }
  const Json& plan = (*plans_it)[name];
  // The plan's overrides are a JSON Merge Patch of everything but the plans themselves. Only the
  // sections a patch touches are copied; the others are read in place (a national region is GBs
  // as a document).
  Json patched = Json::object();
  if (plan.is_object() && plan.contains("overrides") && plan["overrides"].is_object()) {
    Json patch = plan["overrides"];
    const Path overrides = Path{} / "plans" / name / "overrides";
    if (patch.contains("plans"))
      problems.add((overrides / "plans").str(), "a plan cannot override the plans");
    patch.erase("plans");
    // Plans are compared on the same world: what the TPS truly are, and how they were rated, is not
    // a plan's to change (a plan chooses how to use the rating: its `rating`).
    if (patch.contains("region") && patch["region"].is_object() && patch["region"].contains("tps"))
      problems.add((overrides / "region" / "tps").str(),
                   "a plan cannot change the TPS or their categories (the same world under every plan)");
    if (patch.contains("incidents") && patch["incidents"].is_object() &&
        patch["incidents"].contains("misclassification"))
      problems.add((overrides / "incidents" / "misclassification").str(),
                   "a plan cannot change how TPS were misrated (the same world under every plan)");
    // Each top-level field the patch names, merged on its own (what root.merge_patch(patch) does
    // to it); read over the root's other fields.
    for (auto& [key, value] : patch.items()) {
      if (value.is_null()) {
        patched[key] = nullptr;
        continue;
      }
      Json merged = root.contains(key) ? root[key] : Json();
      merged.merge_patch(value);
      patched[key] = std::move(merged);
    }
  }
  Scenario s;
  Parser parser(doc, problems);
  parser.read_top(root, patched, s);
  parser.read_plan(Record::of_json(plan, Path{} / "plans" / name, problems), name, s);
  problems.throw_if_any();
  return s;
}

}  // namespace siaga::scenario
