#pragma once
// The subcommands of the `siaga` command line; each registers itself on the app.

#include <CLI/CLI.hpp>
#include <string>

namespace siaga::cli {

/// `siaga demo-mmc`: the M/M/c demonstration against the Erlang-C formulas.
CLI::App* add_demo_mmc(CLI::App& app);

/// `siaga validate`: checks a scenario under every plan and lists every problem.
CLI::App* add_validate(CLI::App& app);

/// `siaga describe`: counts, officers per TPS by category, static coverage.
CLI::App* add_describe(CLI::App& app);

/// `siaga generate`: writes a generated scenario (a preset, a synthetic region, or real villages).
CLI::App* add_generate(CLI::App& app);

/// `siaga import`: builds a scenario from the real data a recipe names.
CLI::App* add_import(CLI::App& app);

/// `siaga run`: one replication of election day, summarised; its trace on request.
CLI::App* add_run(CLI::App& app);

/// `siaga compare`: plans on common random numbers, paired differences, verdicts.
CLI::App* add_compare(CLI::App& app);

/// `siaga sweep`: a plan over a grid of parameter values, risk against cost.
CLI::App* add_sweep(CLI::App& app);

/// `siaga targets`: a scenario checked against the calibration targets that apply to it.
CLI::App* add_targets(CLI::App& app);

/// `siaga report`: the HTML report of a results folder.
CLI::App* add_report(CLI::App& app);

/// `--report` of run, compare and sweep: writes report.html into the --out folder just written.
void write_report_into(const std::string& out_dir, bool force);

}  // namespace siaga::cli
