#pragma once
// A parameter sweep on common random numbers: the same plan, the same seed and replication
// indices at every grid point, so differences along the grid are the parameters' doing.

#include <string>
#include <vector>

#include "siaga/experiment/experiment.hpp"
#include "siaga/experiment/sweep_grid.hpp"
#include "siaga/scenario/load.hpp"

namespace siaga::experiment {

/// One grid point and its experiment.
struct SweepPoint {
  std::vector<double> values;  ///< one per axis
  ExperimentResult result;
};

/// Every point of a sweep.
struct SweepResult {
  std::vector<SweepAxis> axes;
  std::vector<SweepPoint> points;
  bool partial = false;  ///< stopped by a cancel
};

/// Runs `plan` at every grid point (points in grid_points order). `progress` reports replications
/// over the whole sweep. Throws ScenarioError if a point makes the scenario invalid.
SweepResult run_sweep(const scenario::ScenarioDocument& doc, const std::string& plan,
                      std::vector<SweepAxis> axes, const ExperimentOptions& options);

}  // namespace siaga::experiment
