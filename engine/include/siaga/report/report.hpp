#pragma once
// The report planners read: one HTML file, built from a results folder alone (what `siaga run`,
// `compare` or `sweep` wrote with --out), that opens offline in any modern browser and makes no
// request: the scenario in a paragraph, the headline figures with intervals, how fast officers
// arrive, incidents over the day, a map of the risk, per-kecamatan tables, units, the riskiest TPS,
// and for a comparison the plans side by side, for a sweep risk against officer-hours.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace siaga::report {

/// The file `--report` writes into the --out folder.
inline constexpr std::string_view kReportFile = "report.html";

/// Which command wrote a results folder.
enum class ResultsKind : std::uint8_t { kRun, kCompare, kSweep };

/// What a folder holds: compare.csv means a comparison, sweep_curve.csv a sweep, summary.json a
/// run; InputError naming the folder when it holds none of them.
ResultsKind results_kind(const std::filesystem::path& results_dir);

/// The report of a results folder as one HTML page. Every file it reads is checked: a missing
/// file, column or field is an InputError naming it and the problem. The same folder gives the
/// same bytes.
std::string render_report(const std::filesystem::path& results_dir);

/// Writes render_report(results_dir) to `file` atomically. Without `force` an existing `file` is
/// an InputError naming it and --force; nothing is written when the folder is refused.
void write_report(const std::filesystem::path& results_dir, const std::filesystem::path& file, bool force);

}  // namespace siaga::report
