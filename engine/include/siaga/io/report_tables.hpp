#pragma once
// The tables behind the report, each built once here from an experiment's result: `--out` writes
// them as CSV and the report draws them from those files, so that a report can be rebuilt from the
// results alone (and Python converts the same tables). Cells are text as CSV holds them: numbers
// in their shortest exact form, empty where undefined.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "siaga/experiment/experiment.hpp"
#include "siaga/experiment/sweep.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::io {

/// A table as text: a header and rows as long as it.
struct TextTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

/// response_times.csv: every incident of every replication pooled, by distance band and
/// first-response minute. Columns: band (1-based), beyond_km, target_minutes, from_minutes,
/// to_minutes (empty: open-ended), answered (1, or 0 for the never-answered row), incidents (the
/// total over replications), incidents_per_day. One row per band and bin of
/// dynamics::kResponseHistogramBins, for every band the scenario has.
TextTable response_times_table(const scenario::Model& model, const experiment::ExperimentResult& result);

/// incidents_by_hour.csv: hour (0-47, of reporting), phase, incidents (total over replications),
/// incidents_per_day; 48 x 5 rows, hour after hour.
TextTable incidents_by_hour_table(const experiment::ExperimentResult& result);

/// The kecamatan each post stands in: the kecamatan of the village whose centroid is nearest (posts
/// carry no code; Polsek posts stand in their kecamatan).
std::vector<std::size_t> post_kecamatan(const scenario::Scenario& scenario);

/// The kecamatan of each unit: a Bhabinkamtibmas's first village's, any other unit its post's.
std::vector<std::size_t> unit_kecamatan(const scenario::Scenario& scenario);

/// kecamatan.csv: one row per kecamatan (one Polsek): kecamatan_code, kecamatan_name,
/// kabupaten_code, polsek (the names of the Polsek posts in it, "; " between), villages, tps,
/// guards (Polri officers the plan stands at its TPS), local_officers (its Bhabinkamtibmas and
/// Polsek reserve officers: kabupaten-level units serve every kecamatan and are counted in
/// units.csv only), then per day: incidents_per_day, late_per_day (first officer later than the
/// target, or never), late_share (late over incidents, pooled), escalations_per_day,
/// exposed_per_day (after the guards left), local_busy_officer_hours_per_day and
/// local_utilization (busy over on-duty officer-hours of its local units).
TextTable kecamatan_table(const scenario::Model& model, const experiment::ExperimentResult& result);

/// How many TPS the riskiest list names at most.
inline constexpr std::size_t kRiskiestTpsListed = 10;

/// About how many replications would make two probabilities' intervals stop overlapping, from
/// their widths now (a width shrinks as 1 / sqrt(n)): n x ((half-width a + half-width b) /
/// |a - b|)^2, rounded up to a whole block of 50. Nothing when the estimates are equal (no number
/// of replications separates them by this reckoning) or n is 0.
std::optional<std::size_t> replications_to_separate(double estimate_a, double low_a, double high_a,
                                                    double estimate_b, double low_b, double high_b,
                                                    std::size_t n);

/// riskiest_tps.csv: up to kRiskiestTpsListed TPS with an escalation, highest P(escalation on a
/// day) first (ties in scenario order; the list summary.json names): rank, tps_id, village_code,
/// village_name, kecamatan, category, p_escalation, p_low, p_high (Wilson), overlaps_next (1 if
/// its interval overlaps the next TPS's, 0 if not, empty for the last), replications_to_separate
/// (from the next one, replications_to_separate(); empty when they do not overlap or cannot be
/// separated).
TextTable riskiest_tps_table(const scenario::Model& model, const experiment::ExperimentResult& result,
                             double confidence);

/// The knee of a curve of points (x cost, y risk): the point farthest from the chord between the
/// curve's ends, after scaling each axis to [0, 1] over the points (so that units do not decide).
/// Points are taken in order of x (ties by index). Nothing with fewer than 3 points, or when every
/// point lies on the chord.
std::optional<std::size_t> knee_index(std::span<const double> x, std::span<const double> y);

/// sweep_curve.csv: risk against cost per grid point, in grid order: the axes' values (headed by
/// their spellings), n, officer_hours (mean duty officer-hours per day) with officer_hours_low and
/// _high (t interval), risk (P(any escalation on a day)) with risk_low and _high (Wilson), and knee
/// (1 at knee_index() of officer_hours against risk, else 0).
TextTable sweep_curve_table(const experiment::SweepResult& sweep, double confidence);

}  // namespace siaga::io
