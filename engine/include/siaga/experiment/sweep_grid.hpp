#pragma once
// The grid of a parameter sweep: `--set 'plans.doctrine.retention.rawan.hours=0:6:1'` (a:b:s, b
// included) or `--set 'path=1,2,5'` (a list), one axis per --set; the grid is their product.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "siaga/scenario/path.hpp"

namespace siaga::experiment {

/// One swept parameter: a numeric scenario field (dotted path) and its values.
struct SweepAxis {
  scenario::Path path;
  std::string spelling;  ///< the path as written
  std::vector<double> values;
};

/// Parses one --set; throws InputError naming the problem ("--set 'x': ...").
SweepAxis parse_sweep_axis(std::string_view spec);

/// Every point of the grid, the first axis varying slowest.
std::vector<std::vector<double>> grid_points(std::span<const SweepAxis> axes);

}  // namespace siaga::experiment
