#include "siaga/experiment/sweep.hpp"

#include "siaga/scenario/edit.hpp"

namespace siaga::experiment {

SweepResult run_sweep(const scenario::ScenarioDocument& doc, const std::string& plan,
                      std::vector<SweepAxis> axes, const ExperimentOptions& options) {
  SweepResult s;
  const std::vector<std::vector<double>> points = grid_points(axes);
  // Compile every point first: a value that breaks the scenario fails before hours of running.
  std::vector<std::shared_ptr<const scenario::Model>> models;
  scenario::CompileCache cache;  // what the points share (most often the roads) is compiled once
  for (const auto& point : points) {
    std::vector<std::pair<scenario::Path, scenario::Json>> values;
    for (std::size_t a = 0; a < axes.size(); ++a) values.emplace_back(axes[a].path, point[a]);
    models.push_back(scenario::compile(scenario::resolve(scenario::with_values(doc, values), plan), cache));
  }
  ExperimentOptions o = options;
  const std::size_t per_point = options.replications;
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (options.progress)
      o.progress = [&, i](const Progress& p) {
        options.progress(Progress{i * per_point + p.done, points.size() * per_point, p.seconds,
                                  "point " + std::to_string(i + 1) + " of " + std::to_string(points.size())});
      };
    s.points.push_back(SweepPoint{points[i], run_experiment(models[i], o)});
    if (s.points.back().result.partial || (options.cancel && options.cancel->load())) {
      s.partial = true;
      break;
    }
  }
  s.axes = std::move(axes);
  return s;
}

}  // namespace siaga::experiment
