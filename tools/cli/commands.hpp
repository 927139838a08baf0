#pragma once
// The subcommands of the `siaga` command line; each registers itself on the app.

#include <CLI/CLI.hpp>

namespace siaga::cli {

/// `siaga demo-mmc`: the M/M/c demonstration against the Erlang-C formulas.
CLI::App* add_demo_mmc(CLI::App& app);

}  // namespace siaga::cli
