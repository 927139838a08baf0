// `siaga`: the command line. Parsing and the mapping of errors to exit codes live here only:
// 0 success, 1 internal or simulation failure, 2 bad input (command line or scenario).

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <string>

#include "commands.hpp"
#include "siaga/core/error.hpp"
#include "siaga/scenario/problems.hpp"
#include "siaga/version.hpp"

int main(int argc, char** argv) {
  // Named here, not from argv[0]: usage says `siaga` however the program was started (a build path,
  // a symlink).
  CLI::App app{"siaga: discrete-event simulation of election-day security deployment", "siaga"};
  app.set_version_flag("--version", "siaga " + std::string(siaga::version()), "print the version and exit");
  app.require_subcommand(0, 1);
  siaga::cli::add_demo_mmc(app);
  siaga::cli::add_compare(app);
  siaga::cli::add_sweep(app);
  siaga::cli::add_validate(app);
  siaga::cli::add_describe(app);
  siaga::cli::add_generate(app);
  siaga::cli::add_import(app);
  siaga::cli::add_run(app);
  siaga::cli::add_targets(app);
  siaga::cli::add_report(app);
  // With no subcommand, siaga runs its main job: the built-in default scenario's plans compared on
  // common random numbers.
  const std::string main_job = "compare";

  try {
    app.parse(argc, argv);
    if (app.get_subcommands().empty()) {
      app.clear();
      app.parse(main_job, false);
    }
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();  // a command's own verdict, already reported (targets: 1 when one is missed)
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  } catch (const siaga::scenario::ScenarioError& e) {
    std::fprintf(stderr, "siaga: the scenario has %zu problem%s:\n", e.problems().size(),
                 e.problems().size() == 1 ? "" : "s");
    for (const auto& p : e.problems()) std::fprintf(stderr, "  %s\n", p.line().c_str());
    return 2;
  } catch (const siaga::InputError& e) {
    std::fprintf(stderr, "siaga: error: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "siaga: failed: %s\n", e.what());
    return 1;
  }
  return 0;
}
