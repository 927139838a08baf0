// `siaga import RECIPE.json -o FILE [--force]`: builds a scenario from the real data a recipe names
// (ingest/recipe.hpp, docs/import.md), checks it as `siaga validate` would, writes it atomically, and
// lists on standard error what it dropped or guessed.

#include <cstdio>
#include <memory>
#include <string>

#include "commands.hpp"
#include "siaga/core/error.hpp"
#include "siaga/dynamics/validate.hpp"
#include "siaga/ingest/recipe.hpp"
#include "siaga/io/atomic_file.hpp"
#include "siaga/scenario/load.hpp"
#include "siaga/scenario/synthetic.hpp"

namespace siaga::cli {
namespace {

struct ImportOptions {
  std::string recipe;
  std::string out;
  bool force = false;
  bool quiet = false;
};

void run_import(const ImportOptions& o) {
  const io::Overwrite overwrite = o.force ? io::Overwrite::kReplace : io::Overwrite::kRefuse;
  io::check_destination(o.out, overwrite, "-o");
  const ingest::Recipe recipe = ingest::read_recipe(o.recipe);
  ingest::ImportResult result = ingest::import_scenario(recipe);
  // The written scenario must be one siaga accepts under every plan; a failure here is a bug of
  // the import, reported as the scenario's problems.
  {
    scenario::ScenarioDocument checked = scenario::ScenarioDocument::from_json(result.doc, o.out);
    const auto problems = dynamics::validate(checked);
    if (!problems.empty()) throw scenario::ScenarioError(problems);
  }
  io::write_file_atomically(o.out, scenario::format_scenario(result.doc), overwrite, "-o");
  if (!o.quiet) {
    std::size_t shown = 0;
    for (const std::string& line : result.report) {
      // Snaps are many in a large region: the first 20 are listed, the rest counted.
      if (line.starts_with("snap: ") && ++shown > 20) continue;
      std::fprintf(stderr, "  %s\n", line.c_str());
    }
    if (shown > 20) std::fprintf(stderr, "  ... and %zu more snaps longer than the threshold\n", shown - 20);
  }
  const auto& d = result.doc;
  std::fprintf(stderr,
               "siaga import: wrote %s: %zu kabupaten, %zu kecamatan, %zu villages, %zu TPS, %zu road nodes, "
               "%zu edges, %zu posts, %zu units, %zu plans\n",
               o.out.c_str(), d["region"]["kabupaten"].size(), d["region"]["kecamatan"].size(),
               d["region"]["villages"].size(), d["region"]["tps"].size(), d["roads"]["nodes"].size(),
               d["roads"]["edges"].size(), d["forces"]["posts"].size(), d["forces"]["units"].size(),
               d["plans"].size());
}

}  // namespace

CLI::App* add_import(CLI::App& app) {
  auto o = std::make_shared<ImportOptions>();
  CLI::App* cmd = app.add_subcommand("import",
                                     "Build a scenario from real data as a recipe says (docs/import.md), and "
                                     "list what was dropped or guessed");
  cmd->add_option("recipe", o->recipe, "the recipe (JSON, format siaga-recipe/1)")->required();
  cmd->add_option("-o,--out", o->out, "the scenario file to write")->required();
  cmd->add_flag("--force", o->force, "overwrite the output file if it exists");
  cmd->add_flag("-q,--quiet", o->quiet, "print only the summary line");
  cmd->footer(
      "Example:\n  siaga import scenarios/recipes/kota-kediri.recipe.json -o kediri.json\n"
      "  Kota Kediri's 46 kelurahan on their OpenStreetMap roads, with what was dropped or guessed listed.");
  cmd->callback([o] { run_import(*o); });
  return cmd;
}

}  // namespace siaga::cli
