#pragma once
// Every table of results, built once here as a typed io::Table: the CLI writes them as CSV (and
// prints them with --json), Python converts them into pandas DataFrames with the same column names
// and numbers. Each function's comment lists its columns in order; a missing value (a metric no
// day defined, the reference plan's difference) is a missing cell: empty in CSV, null in JSON, NaN
// or None in a DataFrame. Every interval is by experiment::summarize_metric() (Wilson for 0/1
// metrics and places' probabilities, t clipped to the metric's range otherwise).
//
//   summary_table(result, confidence)          the metrics of one plan     (run: summary.json's rows)
//   replications_table(result)                 one row per replication     (replications.csv)
//   tps_table(model, result, confidence)       risk per TPS                (tps.csv)
//   village_table(model, result, confidence)   risk per village            (villages.csv)
//   unit_table(model, result)                  per dispatchable unit       (units.csv)
//   compare_table(comparison)                  plans side by side          (compare.csv)
//   sweep_table(sweep, confidence)             risk against cost per point (sweep.csv)

#include "siaga/experiment/compare.hpp"
#include "siaga/experiment/experiment.hpp"
#include "siaga/experiment/sweep.hpp"
#include "siaga/io/table.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::io {

/// One row per metric (dynamics::Metric order): metric (name), label (in words, with its unit),
/// kind ("mean" or "probability"), better ("lower", "higher", "neither"), n (days it is defined),
/// successes (probabilities), mean (the probability for 0/1 metrics), low, high, sd, p5, p50, p95,
/// p99 (means only).
Table summary_table(const experiment::ExperimentResult& result, double confidence);

/// index, then every metric by name (missing where undefined that day).
Table replications_table(const experiment::ExperimentResult& result);

/// Per TPS in scenario order: tps_id, village_code, village_name, kecamatan, category (rated), lat,
/// lon (where the map draws it), then for incident, escalation, late (first officer later than the
/// target, or never) and exposed (an incident after the guards left): p_X (share of days with one),
/// p_X_low, p_X_high (Wilson).
Table tps_table(const scenario::Model& model, const experiment::ExperimentResult& result, double confidence);

/// Per village in scenario order: village_code, village_name, kecamatan, kind, lat, lon, tps_count,
/// then the same twelve probability columns as tps_table() (any of its TPS).
Table village_table(const scenario::Model& model, const experiment::ExperimentResult& result,
                    double confidence);

/// Per dispatchable unit in scenario order: unit_id, kind, tier, post, headcount, teams, then per day
/// (means over the replications) dispatches_per_day, busy_officer_hours_per_day,
/// duty_officer_hours_per_day, utilization (busy over on-duty), overtime_officer_hours_per_day.
Table unit_table(const scenario::Model& model, const experiment::ExperimentResult& result);

/// One row per metric and plan (metrics in dynamics::Metric order, plans as compared): metric,
/// label, plan, kind, n (replications where the metric is defined in every plan: every figure of
/// the row is over them), mean, low, high (summarize_metric()), diff_to_first, diff_low, diff_high
/// (paired difference to the first plan, t interval; missing for the first plan), p_holm
/// (Holm-adjusted p-value of the paired t test), verdict ("reference", "better", "worse", "not
/// distinguishable", "-"), paired_to_independent_width (the paired interval's width over what
/// independent runs would give).
Table compare_table(const experiment::Comparison& comparison);

/// One row per grid point in grid order: the axes' values (headed by their spellings), n,
/// p_any_escalation, p_any_escalation_low, p_any_escalation_high (Wilson), escalations_mean,
/// escalations_low, escalations_high, first_response_mean_min, first_response_mean_min_low,
/// first_response_mean_min_high, post_count_exposed_mean, officer_hours_duty_mean,
/// officer_hours_retention_mean (t intervals at `confidence`, within the metrics' ranges).
Table sweep_table(const experiment::SweepResult& sweep, double confidence);

}  // namespace siaga::io
