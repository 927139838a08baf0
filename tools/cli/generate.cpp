// `siaga generate`: writes a generated scenario: a preset, a synthetic region of a given size, or
// real villages from a CSV table (what tools/scenarios/build_scenarios.py uses).

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "siaga/core/error.hpp"
#include "siaga/dynamics/validate.hpp"
#include "siaga/scenario/synthetic.hpp"

namespace siaga::cli {
namespace {

namespace fs = std::filesystem;

// Area per village at Jawa Timur's density (47,800 km2 for 8,494 villages), km2: sizes the default box.
constexpr double kKm2PerVillage = 47'800.0 / 8'494.0;

struct GenerateOptions {
  std::string preset;
  std::size_t villages = 0, kecamatan = 0, kabupaten = 0, tps = 0, road_nodes = 0;
  double tps_per_village = 0;
  std::string shares, bbox, villages_csv, kind = "pemilu", date, name, description, pattern;
  std::vector<std::string> notes, sources;
  std::string patch;  // a JSON Merge Patch file applied to the generated scenario
  int ballots = 0, brimob = 30;
  double voters_mean = 0, bhabin_share = scenario::kJatimBhabinkamtibmasShare;
  std::uint64_t seed = 1;
  std::string out = "-", provinsi;
  bool force = false;
  // Which options were given (CLI11 counts them).
  std::vector<std::pair<std::string, CLI::Option*>> given;

  bool has(const std::string& name) const {
    for (const auto& [n, o] : given)
      if (n == name) return o->count() > 0;
    return false;
  }
};

std::vector<double> parse_list(const std::string& text, const std::string& option) {
  std::vector<double> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    try {
      std::size_t used = 0;
      out.push_back(std::stod(item, &used));
      if (used != item.size() || !std::isfinite(out.back())) throw std::invalid_argument(item);
    } catch (const std::exception&) {
      throw InputError(option + ": '" + item + "' is not a number");
    }
  }
  return out;
}

scenario::CategoryShares parse_shares(const std::string& text) {
  const std::vector<double> v = parse_list(text, "--shares");
  if (v.size() != 3 && v.size() != 4)
    throw InputError("--shares: expected 3 or 4 numbers, kurang_rawan,rawan,sangat_rawan[,khusus]");
  double sum = 0;
  for (double x : v) {
    if (x < 0) throw InputError("--shares: shares must not be negative");
    sum += x;
  }
  // Fractions summing to 1, or percentages summing to 100.
  const double scale = std::abs(sum - 100.0) < 0.01 ? 100.0 : 1.0;
  if (std::abs(sum / scale - 1.0) > 1e-4)
    throw InputError("--shares: the shares must sum to 1 (or 100 as percentages); they sum to " +
                     std::to_string(sum));
  scenario::CategoryShares s{};
  for (std::size_t i = 0; i < v.size(); ++i) s[i] = v[i] / sum;
  return s;
}

// The text goes to a temporary file beside `out`, which then takes its name: a reader never sees half
// a file, and without --force an existing file is never replaced (link fails if the name exists).
void write_atomically(const std::function<void(const std::function<void(std::string_view)>&)>& write_text,
                      const fs::path& out, bool force) {
  const fs::path dir = out.has_parent_path() ? out.parent_path() : fs::path(".");
  std::string tmp = (dir / ("." + out.filename().string() + ".XXXXXX")).string();
  const int fd = mkstemp(tmp.data());
  if (fd < 0)
    throw InputError("--out: cannot create a file in '" + dir.string() + "': " + std::strerror(errno));
  try {
    write_text([&](std::string_view text) {
      std::size_t done = 0;
      while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw Error("writing " + tmp + " failed: " + std::strerror(errno));
        done += static_cast<std::size_t>(n);
      }
    });
  } catch (...) {
    ::close(fd), ::unlink(tmp.c_str());
    throw;
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(tmp.c_str());
    throw Error("writing " + tmp + " failed: " + std::strerror(errno));
  }
  // mkstemp makes the file private; a scenario is an ordinary file, so give it the usual mode.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::chmod(tmp.c_str(), 0666 & ~mask);
  if (force) {
    if (std::rename(tmp.c_str(), out.c_str()) != 0) {
      const std::string why = std::strerror(errno);
      ::unlink(tmp.c_str());
      throw InputError("--out: cannot write '" + out.string() + "': " + why);
    }
    return;
  }
  if (::link(tmp.c_str(), out.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    if (err == EEXIST) throw InputError("--out: '" + out.string() + "' exists; pass --force to overwrite it");
    throw InputError("--out: cannot write '" + out.string() + "': " + std::strerror(err));
  }
  ::unlink(tmp.c_str());
}

void run_generate(const GenerateOptions& o) {
  const bool to_stdout = o.out.empty() || o.out == "-";
  if (!to_stdout && !o.force && fs::exists(o.out))
    throw InputError("--out: '" + o.out + "' exists; pass --force to overwrite it");

  // What may be combined with what: a preset fixes everything but names, notes, seed and output.
  static const char* kSizeOptions[] = {"--villages", "--kecamatan",       "--kabupaten",
                                       "--tps",      "--tps-per-village", "--bbox"};
  static const char* kElectionOptions[] = {"--road-nodes", "--shares",       "--kind",
                                           "--date",       "--ballots",      "--voters-mean",
                                           "--pattern",    "--bhabin-share", "--brimob"};
  if (!o.preset.empty()) {
    if (o.has("--villages-csv")) throw InputError("--villages-csv cannot be combined with --preset");
    for (const char* opt : kSizeOptions)
      if (o.has(opt))
        throw InputError(std::string(opt) + " cannot be combined with --preset: presets have fixed sizes");
    for (const char* opt : kElectionOptions)
      if (o.has(opt))
        throw InputError(std::string(opt) + " cannot be combined with --preset: presets are fixed");
  }
  if (o.has("--villages-csv"))
    for (const char* opt : kSizeOptions)
      if (o.has(opt))
        throw InputError(std::string(opt) +
                         " cannot be combined with --villages-csv: the table gives the sizes");
  if (o.has("--tps") && o.has("--tps-per-village"))
    throw InputError("give --tps or --tps-per-village, not both");

  scenario::SyntheticRegion region;
  scenario::GeneratorSpec spec;
  if (!o.preset.empty()) {
    const scenario::GeneratorPreset* p = scenario::find_generator_preset(o.preset);
    if (p == nullptr) {
      std::string names;
      for (const auto& q : scenario::generator_presets())
        names += (names.empty() ? "" : ", ") + std::string(q.name);
      throw InputError("--preset: no preset '" + o.preset + "' (there are: " + names + ")");
    }
    region = p->region, spec = p->spec;
  } else {
    const auto kind = scenario::election_kind_from_string(o.kind);
    if (!kind) throw InputError("--kind: '" + o.kind + "' is not pemilu, pilkada or pilkades");
    spec.kind = *kind;
    spec.name = "synthetic";
    if (o.has("--date") && !scenario::is_valid_date(o.date))
      throw InputError("--date: '" + o.date + "' is not a date YYYY-MM-DD");
    spec.date = o.date;
    if (o.has("--ballots") && (o.ballots < 1 || o.ballots > 10))
      throw InputError("--ballots: must lie in 1-10");
    spec.ballots_per_voter = o.ballots;
    if (o.has("--voters-mean") && !(o.voters_mean >= 1 && o.voters_mean <= 1000))
      throw InputError("--voters-mean: must lie in 1-1000");
    spec.voters_mean = o.voters_mean;
    spec.pattern = o.pattern;
    if (o.has("--shares")) spec.shares = parse_shares(o.shares);
    if (!(o.bhabin_share >= 0 && o.bhabin_share <= 1)) throw InputError("--bhabin-share: must lie in 0-1");
    spec.bhabinkamtibmas_share = o.bhabin_share;
    if (o.brimob < 0) throw InputError("--brimob: must not be negative");
    spec.brimob_headcount = o.brimob;
    spec.roads.total_nodes = o.road_nodes;

    if (!o.has("--villages-csv")) {
      if (o.has("--villages") && o.villages < 1) throw InputError("--villages: must be at least 1");
      if (o.has("--villages")) region.villages = o.villages;
      if (o.has("--kecamatan") && (o.kecamatan < 1 || o.kecamatan > region.villages))
        throw InputError("--kecamatan: must lie between 1 and the number of villages");
      region.kecamatan = o.kecamatan;
      if (o.has("--kabupaten") && (o.kabupaten < 1 || o.kabupaten > 99 * 50))
        throw InputError("--kabupaten: must lie in 1-4950 (99 in each of at most 50 provinsi)");
      region.kabupaten = o.kabupaten;
      if (o.has("--tps") && o.tps < region.villages)
        throw InputError("--tps: must be at least one per village");
      region.tps = o.tps;
      if (o.has("--tps-per-village")) {
        if (!(o.tps_per_village >= 1 && o.tps_per_village <= 899))
          throw InputError("--tps-per-village: must lie in 1-899");
        region.tps =
            static_cast<std::size_t>(std::llround(o.tps_per_village * static_cast<double>(region.villages)));
      }
      if (o.has("--bbox")) {
        const std::vector<double> b = parse_list(o.bbox, "--bbox");
        if (b.size() != 4 ||
            !(b[0] >= -90 && b[2] <= 90 && b[0] < b[2] && b[1] >= -180 && b[3] <= 180 && b[1] < b[3]))
          throw InputError(
              "--bbox: expected south,west,north,east in degrees, south < north and west < east");
        region.south = b[0], region.west = b[1], region.north = b[2], region.east = b[3];
      } else {
        // A square at Jawa Timur's village density around the default box's centre.
        const double side_km = std::sqrt(kKm2PerVillage * static_cast<double>(region.villages));
        const double lat = (region.south + region.north) / 2, lon = (region.west + region.east) / 2;
        const double dlat = side_km / 2 / 111.195, dlon = dlat / std::cos(lat * 3.141592653589793 / 180);
        region.south = lat - dlat, region.north = lat + dlat, region.west = lon - dlon,
        region.east = lon + dlon;
      }
    }
  }
  if (o.has("--road-nodes") && o.road_nodes < 1) throw InputError("--road-nodes: must be at least 1");
  if (o.has("--provinsi")) {
    if (o.has("--villages-csv"))
      throw InputError("--provinsi cannot be combined with --villages-csv: filter the table instead");
    if (o.provinsi.size() != 2 || !std::isdigit(static_cast<unsigned char>(o.provinsi[0])) ||
        !std::isdigit(static_cast<unsigned char>(o.provinsi[1])))
      throw InputError("--provinsi: '" + o.provinsi + "' is not a two-digit provinsi code");
    spec.only_provinsi = o.provinsi;
  }
  if (o.has("--seed")) spec.seed = o.seed;
  if (o.has("--name")) spec.name = o.name;
  if (o.has("--description")) spec.description = o.description;
  spec.notes.insert(spec.notes.end(), o.notes.begin(), o.notes.end());
  spec.sources.insert(spec.sources.end(), o.sources.begin(), o.sources.end());
  for (char c : spec.name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-')
      throw InputError("--name: '" + spec.name + "' may hold only letters, digits, '_' and '-'");
  if (spec.name.empty()) throw InputError("--name: must not be empty");

  scenario::GeneratedScenario generated;
  if (o.has("--villages-csv")) {
    const std::vector<scenario::VillageRow> rows = scenario::read_villages_csv(o.villages_csv);
    if (o.has("--road-nodes") && o.road_nodes < rows.size())
      throw InputError("--road-nodes: must be at least the number of villages (" +
                       std::to_string(rows.size()) + ")");
    generated = scenario::generate(rows, spec);
  } else {
    if (o.has("--road-nodes")) {
      const std::size_t places = region.villages + std::max<std::size_t>(region.kecamatan, 1) +
                                 std::max<std::size_t>(region.kabupaten, 1);
      if (o.road_nodes < places)
        throw InputError("--road-nodes: must be at least the villages, kecamatan and kabupaten (" +
                         std::to_string(places) + ")");
    }
    const scenario::SyntheticRegion sized = scenario::with_default_sizes(region, spec.kind);
    if (sized.kecamatan > sized.villages)
      throw InputError("--kecamatan: " + std::to_string(sized.kecamatan) + " is more than the villages (" +
                       std::to_string(sized.villages) + ")");
    if (sized.kabupaten > sized.kecamatan)
      throw InputError("--kabupaten: " + std::to_string(sized.kabupaten) + " is more than the kecamatan (" +
                       std::to_string(sized.kecamatan) + ")");
    if (sized.kabupaten > 99 * 50)
      throw InputError("--kabupaten: " + std::to_string(sized.kabupaten) +
                       " kabupaten (the default for these villages) exceed 4950, the most two-digit codes "
                       "allow in the 50 unused provinsi codes; pass --kabupaten");
    generated = scenario::generate(region, spec);
  }
  if (o.has("--patch")) {
    // Build scripts add what the generator has no option for (a misclassification matrix, a plan);
    // the result must still be a valid scenario.
    std::ifstream in(o.patch, std::ios::binary);
    if (!in) throw InputError("--patch: cannot open '" + o.patch + "'");
    nlohmann::ordered_json patch;
    try {
      patch = nlohmann::ordered_json::parse(in);
    } catch (const nlohmann::json::parse_error& e) {
      throw InputError("--patch: '" + o.patch + "' is not valid JSON: " + e.what());
    }
    // A patch works on the whole document, so that it may change any row.
    nlohmann::ordered_json doc = generated.document();
    generated = {};
    doc.merge_patch(patch);
    scenario::ScenarioDocument checked = scenario::ScenarioDocument::from_json(doc, o.patch);
    const auto problems = dynamics::validate(checked);
    if (!problems.empty()) throw scenario::ScenarioError(problems);
    generated.head = std::move(checked.json());
  }
  // Written as it is made: the large tables never exist as JSON, nor the text as a whole.
  auto write_text = [&generated](const std::function<void(std::string_view)>& sink) {
    generated.write(sink);
  };
  if (to_stdout) {
    write_text([](std::string_view text) {
      if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size())
        throw Error("writing the scenario to standard output failed");
    });
    if (std::fflush(stdout) != 0) throw Error("writing the scenario to standard output failed");
    return;
  }
  write_atomically(write_text, o.out, o.force);
  const auto& head = generated.head;
  std::fprintf(
      stderr,
      "siaga generate: wrote %s: %zu villages, %zu TPS, %zu road nodes, %zu edges, %zu units, %zu plans\n",
      o.out.c_str(), generated.rows("region", "villages"), generated.rows("region", "tps"),
      generated.rows("roads", "nodes"), generated.rows("roads", "edges"), head["forces"]["units"].size(),
      head["plans"].size());
}

}  // namespace

CLI::App* add_generate(CLI::App& app) {
  auto o = std::make_shared<GenerateOptions>();
  CLI::App* cmd = app.add_subcommand("generate",
                                     "Write a generated scenario: a preset, a synthetic region of a given "
                                     "size, or real villages from a CSV table");
  auto add = [&](const std::string& names, auto& target, const std::string& help) {
    CLI::Option* opt = cmd->add_option(names, target, help);
    o->given.emplace_back(names.substr(0, names.find(',')), opt);
    return opt;
  };
  add("--preset", o->preset,
      "province (8,500 villages, 120,000 TPS, 100,000 road nodes, Pemilu 2024), national (38 provinsi, 514 "
      "kabupaten, 7,277 kecamatan, 84,000 villages, 820,000 TPS) or small (sandbox-sized)");
  add("--provinsi", o->provinsi,
      "only this provinsi (its two-digit code) of the generated region, e.g. 22 of --preset national");
  add("--villages", o->villages, "synthetic: number of villages (default 3)");
  add("--kecamatan", o->kecamatan,
      "synthetic: number of kecamatan (default villages / 12.75, as Jawa Timur)");
  add("--kabupaten", o->kabupaten,
      "synthetic: number of kabupaten (default kecamatan / 17.5, as Jawa Timur)");
  add("--tps", o->tps, "synthetic: TPS in all (default: Jawa Timur's TPS per village for the election kind)");
  add("--tps-per-village", o->tps_per_village, "synthetic: mean TPS per village, instead of --tps");
  add("--bbox", o->bbox,
      "synthetic: the box south,west,north,east in degrees (default: a square at Jawa Timur's density)");
  add("--road-nodes", o->road_nodes, "road nodes in all, places included (default about 11.8 per village)");
  add("--shares", o->shares,
      "category shares kurang_rawan,rawan,sangat_rawan[,khusus] (default 0.965,0.025,0.01,0)");
  add("--villages-csv", o->villages_csv,
      "real villages: a CSV with the columns code, name, kecamatan_code, kecamatan_name, kabupaten_code, "
      "kabupaten_name, lat, lon, tps and optionally kind, kecamatan_lat, kecamatan_lon, kabupaten_lat, "
      "kabupaten_lon, kabupaten_kind, provinsi_code, provinsi_name, tps_khusus (khusus TPS, ids 901+), "
      "category (of all the village's regular TPS)")
      ->check(CLI::ExistingFile);
  add("--kind", o->kind, "election: pemilu, pilkada or pilkades")->capture_default_str();
  add("--date", o->date, "election day YYYY-MM-DD (default by kind: 2024-02-14, 2024-11-27, 2023-10-10)");
  add("--ballots", o->ballots, "ballots per voter (default by kind: 5, 2, 1)");
  add("--voters-mean", o->voters_mean, "mean voters per TPS (default by kind: 250, 470, 470)");
  add("--pattern", o->pattern, "doctrine preset of the plans (default pemilu2024, or pilkada2024)");
  add("--bhabin-share", o->bhabin_share, "share of villages with a Bhabinkamtibmas (default 7,731 / 8,494)");
  add("--brimob", o->brimob, "Brimob officers per Polres (default 30, a platoon)")->capture_default_str();
  add("--name", o->name, "scenario name (letters, digits, '_', '-')");
  add("--description", o->description, "scenario description (default: a generated one)");
  add("--note", o->notes, "a note to write first in `notes` (repeatable)");
  add("--patch", o->patch,
      "a JSON Merge Patch (RFC 7386) applied to the generated scenario, which must stay valid");
  add("--source", o->sources, "a data credit for `sources` (repeatable)");
  add("--seed", o->seed, "seed of every random draw")->capture_default_str();
  add("--out,-o", o->out, "output file (default: standard output)");
  cmd->add_flag("--force", o->force, "overwrite the output file if it exists");
  cmd->footer(
      "Example:\n  siaga generate --preset small -o small.json\n  writes a small synthetic scenario to "
      "small.json.");
  cmd->callback([o] { run_generate(*o); });
  return cmd;
}

}  // namespace siaga::cli
