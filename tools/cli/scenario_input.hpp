#pragma once
// How every subcommand gets its scenario: a FILE argument, or the built-in default (Jepara).

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "siaga/scenario/load.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::cli {

/// The FILE positional argument every scenario command takes; empty means the built-in default.
void add_scenario_argument(CLI::App& cmd, std::string& file);

/// Reads the scenario named on the command line, or the built-in default when `file` is empty.
/// A name of a built-in scenario that is not a file on disk (e.g. "sandbox.json") loads the
/// built-in one.
scenario::ScenarioDocument load_scenario_argument(const std::string& file);

/// The scenario named on the command line compiled under `plan` (empty: the first). The document
/// is dropped once resolved, before compiling: a national one is GBs that the model does not need.
/// With `hash`, sets it to io::scenario_hash of the document first.
std::shared_ptr<const scenario::Model> compile_scenario_argument(const std::string& file,
                                                                 const std::string& plan,
                                                                 std::string* hash = nullptr);

}  // namespace siaga::cli
