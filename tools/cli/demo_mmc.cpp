// `siaga demo-mmc`: runs the M/M/c queue on the kernel and prints it beside Erlang C.

#include <cmath>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "siaga/core/error.hpp"
#include "siaga/demo/mmc_queue.hpp"

namespace siaga::cli {
namespace {

struct DemoOptions {
  demo::MmcParams params;
  unsigned replications = 10;
  std::uint64_t seed = 1;
  bool json = false;
};

void run_demo(const DemoOptions& o) {
  const demo::MmcParams& p = o.params;
  if (!(p.arrival_rate > 0 && p.service_rate > 0 && p.servers > 0))
    throw InputError("--lambda, --mu and --servers must be positive");
  if (p.arrival_rate >= p.servers * p.service_rate)
    throw InputError("--lambda must be below servers x mu, or the queue never settles");
  if (o.replications < 2) throw InputError("--replications must be at least 2 for an interval");

  const demo::ErlangC exact = demo::erlang_c(p);
  demo::MmcQueue queue;
  double sum_w = 0, sum_w2 = 0, sum_p = 0, sum_p2 = 0, events = 0;
  for (unsigned r = 0; r < o.replications; ++r) {
    const demo::MmcResult res = queue.run(p, o.seed, r);
    sum_w += res.mean_wait_minutes;
    sum_w2 += res.mean_wait_minutes * res.mean_wait_minutes;
    sum_p += res.probability_of_wait;
    sum_p2 += res.probability_of_wait * res.probability_of_wait;
    events += static_cast<double>(res.events);
  }
  const double n = o.replications;
  auto half_width = [n](double sum, double sum2) {
    const double var = (sum2 - sum * sum / n) / (n - 1);
    return 1.96 * std::sqrt(var > 0 ? var / n : 0.0);  // normal approximation, for display only
  };
  if (o.json) {
    nlohmann::ordered_json j;
    j["servers"] = p.servers;
    j["lambda_per_min"] = p.arrival_rate;
    j["mu_per_min"] = p.service_rate;
    j["rho"] = p.arrival_rate / (p.servers * p.service_rate);
    j["replications"] = o.replications;
    j["customers"] = p.customers;
    j["seed"] = o.seed;
    j["erlang_c"] = {{"p_wait", exact.probability_of_wait}, {"mean_wait_min", exact.mean_wait_minutes}};
    j["simulated"] = {{"p_wait", sum_p / n},
                      {"p_wait_half_width", half_width(sum_p, sum_p2)},
                      {"mean_wait_min", sum_w / n},
                      {"mean_wait_min_half_width", half_width(sum_w, sum_w2)}};
    j["events"] = events;
    std::printf("%s\n", j.dump(2).c_str());
    return;
  }
  std::printf("M/M/%u  lambda=%g/min  mu=%g/min  rho=%.3f  %u replications x %llu customers (seed %llu)\n",
              p.servers, p.arrival_rate, p.service_rate, p.arrival_rate / (p.servers * p.service_rate),
              o.replications, static_cast<unsigned long long>(p.customers),
              static_cast<unsigned long long>(o.seed));
  std::printf("%-26s %12s %22s\n", "", "Erlang C", "simulated (~95% CI)");
  std::printf("%-26s %12.5f %12.5f +- %.5f\n", "P(wait > 0)", exact.probability_of_wait, sum_p / n,
              half_width(sum_p, sum_p2));
  std::printf("%-26s %12.5f %12.5f +- %.5f\n", "mean wait (minutes)", exact.mean_wait_minutes, sum_w / n,
              half_width(sum_w, sum_w2));
  std::printf("events delivered: %.0f\n", events);
}

}  // namespace

CLI::App* add_demo_mmc(CLI::App& app) {
  auto options = std::make_shared<DemoOptions>();
  CLI::App* cmd =
      app.add_subcommand("demo-mmc", "Run an M/M/c queue on the kernel beside the Erlang-C formulas");
  cmd->add_option("--lambda", options->params.arrival_rate, "arrival rate, customers per minute")
      ->capture_default_str();
  cmd->add_option("--mu", options->params.service_rate, "service rate per server, customers per minute")
      ->capture_default_str();
  cmd->add_option("--servers,-c", options->params.servers, "number of servers")->capture_default_str();
  cmd->add_option("--customers", options->params.customers, "customers per replication")
      ->capture_default_str();
  cmd->add_option("--replications,-n", options->replications, "independent replications")
      ->capture_default_str();
  cmd->add_option("--seed", options->seed, "random seed")->capture_default_str();
  cmd->add_flag("--json", options->json, "print the figures as JSON");
  cmd->footer(
      "Example:\n  siaga demo-mmc --servers 20 --lambda 19\n  an M/M/20 queue at rho 0.95 beside Erlang C.");
  cmd->callback([options] { run_demo(*options); });
  return cmd;
}

}  // namespace siaga::cli
