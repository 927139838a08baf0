// `siaga describe FILE [--plan NAME] [--json]`: what a planner checks first about a scenario.

#include <cstdio>
#include <memory>

#include "commands.hpp"
#include "scenario_input.hpp"
#include "siaga/scenario/describe.hpp"

namespace siaga::cli {
namespace {

struct DescribeOptions {
  std::string file;
  std::string plan;
  bool json = false;
  std::size_t worst = 10;
};

std::string hours(double h) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(h),
                static_cast<int>((h - static_cast<int>(h)) * 60 + 0.5));
  return buf;
}

void print_text(const scenario::Json& d) {
  const auto& e = d["election"];
  const auto& c = d["counts"];
  std::printf("%s, plan '%s'%s\n", d["scenario"].get<std::string>().c_str(),
              d["plan"]["name"].get<std::string>().c_str(),
              d["plan"]["pattern"].get<std::string>().empty()
                  ? ""
                  : (" (pattern " + d["plan"]["pattern"].get<std::string>() + ")").c_str());
  std::printf("%s on %s, voting %s-%s, %d ballot(s) per voter\n\n", e["kind"].get<std::string>().c_str(),
              e["date"].get<std::string>().c_str(), hours(e["opening_hour"].get<double>()).c_str(),
              hours(e["closing_hour"].get<double>()).c_str(), e["ballots_per_voter"].get<int>());
  std::printf("Region   %zu kabupaten/kota, %zu kecamatan, %zu villages, %zu TPS, %ld voters\n",
              c["kabupaten"].get<std::size_t>(), c["kecamatan"].get<std::size_t>(),
              c["villages"].get<std::size_t>(), c["tps"].get<std::size_t>(), c["voters"].get<long>());
  std::printf("Roads    %zu nodes, %zu edges\n", c["road_nodes"].get<std::size_t>(),
              c["road_edges"].get<std::size_t>());
  std::printf("Forces   %zu posts, %zu units:", c["posts"].get<std::size_t>(), c["units"].get<std::size_t>());
  for (const auto& f : d["forces"])
    std::printf(" %s %d (%d officers);", f["kind"].get<std::string>().c_str(), f["units"].get<int>(),
                f["officers"].get<int>());
  std::printf("\n\n%-13s %7s %7s  %-8s %8s %8s %7s  %-26s %6s\n", "category", "TPS", "share", "pattern",
              "officers", "per TPS", "Linmas", "after the count", "escort");
  for (const auto& k : d["categories"]) {
    std::string retention = k["retention"].get<std::string>();
    if (retention == "fixed" || retention == "until_quiet") {
      char buf[64];
      std::snprintf(buf, sizeof buf, " (%d for %s%.1f h)", k["retention_officers"].get<int>(),
                    retention == "until_quiet" ? "up to " : "", k["retention_hours"].get<double>());
      retention += buf;
    }
    std::printf("%-13s %7zu %6.1f%%  %-8s %8d %8.3f %7ld  %-32s %6d\n",
                k["category"].get<std::string>().c_str(), k["tps"].get<std::size_t>(),
                100 * k["share"].get<double>(), k["pattern"].get<std::string>().c_str(),
                k["officers"].get<int>(), k["officers_per_tps"].get<double>(), k["linmas"].get<long>(),
                retention.c_str(), k["escort"].get<int>());
  }
  const auto& g = d["guards"];
  std::printf("%-13s %7zu %7s  %-8s %8d %8.3f   (tps_guard units hold %d)\n\n", "all",
              c["tps"].get<std::size_t>(), "", "", g["officers_at_tps"].get<int>(),
              g["officers_per_tps"].get<double>(), g["tps_guard_pool"].get<int>());
  const auto& cov = d["coverage"];
  std::printf("Static coverage (%s):\n", cov["measure"].get<std::string>().c_str());
  for (const auto& [key, share] : cov["share_within"].items())
    std::printf("  TPS within %s min: %.1f%%\n", key.substr(0, key.find('_')).c_str(),
                100 * share.get<double>());
  if (cov.contains("median_minutes"))
    std::printf("  median %.1f min, worst %.1f min\n", cov["median_minutes"].get<double>(),
                cov["worst_minutes"].get<double>());
  if (!cov["worst_tps"].empty()) std::printf("  farthest TPS:\n");
  for (const auto& w : cov["worst_tps"])
    std::printf("    %-22s %6.1f min  %s, %s (%s)\n", w["tps"].get<std::string>().c_str(),
                w["minutes"].get<double>(), w["village"].get<std::string>().c_str(),
                w["kecamatan"].get<std::string>().c_str(), w["category"].get<std::string>().c_str());
  if (cov.contains("targets")) {
    std::printf("  against the response targets: %.1f%% of TPS within their band's minutes\n",
                100 * cov["targets"]["within"].get<double>());
    for (const auto& b : cov["targets"]["bands"])
      std::printf("    nearest unit beyond %4.1f km: %6zu TPS, target %4.1f min, %5.1f%% within\n",
                  b["beyond_km"].get<double>(), b["tps"].get<std::size_t>(), b["minutes"].get<double>(),
                  100 * b["within"].get<double>());
  }
  if (d.contains("provenance")) {
    const auto& p = d["provenance"];
    std::printf("\nWhere the data came from (recipe %s):\n", p["recipe"].get<std::string>().c_str());
    for (const auto& part : p["parts"]) {
      std::string counts;
      for (const auto& [name, n] : part["counts"].items())
        counts += (counts.empty() ? "" : ", ") + name + " " + std::to_string(n.get<long long>());
      std::printf("  %-20s %s\n", part["part"].get<std::string>().c_str(),
                  part["source"].get<std::string>().c_str());
      if (!counts.empty()) std::printf("  %-20s %s\n", "", counts.c_str());
    }
    const auto& sn = p["snaps"];
    std::printf("  snaps onto the road graph longer than %.0f m: %zu\n", sn["threshold_m"].get<double>(),
                sn["over_threshold"].get<std::size_t>());
    for (const auto& x : sn["longest"])
      std::printf("    %-7s %-26s %8.0f m\n", x["kind"].get<std::string>().c_str(),
                  x["id"].get<std::string>().c_str(), x["metres"].get<double>());
  }
  // A reach whose count cuts candidates within its horizon hides units from the dispatcher: warn.
  for (const auto& r : d["reach"])
    if (r["tps_where_the_count_binds"].get<std::size_t>() > 0)
      std::printf(
          "\nwarning: forces.reach.%s keeps %d places per TPS, but %zu TPS have more within %g min; "
          "units beyond them are never sent there (raise forces.reach.%s.posts)\n",
          r["tier"].get<std::string>().c_str(), r["posts"].get<int>(),
          r["tps_where_the_count_binds"].get<std::size_t>(), r["minutes"].get<double>(),
          r["tier"].get<std::string>().c_str());
}

}  // namespace

CLI::App* add_describe(CLI::App& app) {
  auto o = std::make_shared<DescribeOptions>();
  CLI::App* cmd = app.add_subcommand("describe", "Show what a scenario contains and its static coverage");
  add_scenario_argument(*cmd, o->file);
  cmd->add_option("--plan", o->plan, "plan to describe (default: the first)");
  cmd->add_flag("--json", o->json, "print the description as JSON");
  cmd->add_option("--worst", o->worst, "how many of the farthest TPS to name")->capture_default_str();
  cmd->footer(
      "Example:\n  siaga describe jepara-pilkada.json --plan doctrine --json\n"
      "  counts, officers per TPS and static coverage of a built-in scenario as JSON.");
  cmd->callback([o] {
    const auto model = compile_scenario_argument(o->file, o->plan);
    const scenario::Json d = scenario::describe(*model, o->worst);
    if (o->json) {
      std::printf("%s\n", d.dump(2).c_str());
    } else {
      print_text(d);
    }
  });
  return cmd;
}

}  // namespace siaga::cli
