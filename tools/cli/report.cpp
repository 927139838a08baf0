// `siaga report RESULTS_DIR [-o FILE] [--force]`: the HTML report of a results folder (what run,
// compare or sweep wrote with --out), built from its files alone.

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "commands.hpp"
#include "siaga/core/error.hpp"
#include "siaga/report/report.hpp"

namespace siaga::cli {
namespace {

struct ReportOptions {
  std::string results;
  std::string output;
  bool force = false;
};

void run_report(const ReportOptions& o) {
  const std::filesystem::path out = o.output.empty() ? std::filesystem::path(o.results) / report::kReportFile
                                                     : std::filesystem::path(o.output);
  report::write_report(o.results, out, o.force);
  std::fprintf(stderr, "siaga: report written to %s\n", out.string().c_str());
}

}  // namespace

CLI::App* add_report(CLI::App& app) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Write the HTML report of a results folder (what run, compare or sweep wrote with --out)");
  cmd->add_option("RESULTS_DIR", o->results, "the results folder")->required();
  cmd->add_option(
      "-o,--output", o->output,
      "the HTML file to write (default: RESULTS_DIR/report.html); an existing file is kept unless "
      "--force");
  cmd->add_flag("--force", o->force, "replace an existing report file");
  cmd->footer(
      "Example:\n  siaga compare --out results/ && siaga report results/\n"
      "  writes results/report.html, one offline page.");
  cmd->callback([o] { run_report(*o); });
  return cmd;
}

void write_report_into(const std::string& out_dir, bool force) {
  const std::filesystem::path file = std::filesystem::path(out_dir) / report::kReportFile;
  report::write_report(out_dir, file, force);
  std::fprintf(stderr, "siaga: report written to %s\n", file.string().c_str());
}

}  // namespace siaga::cli
