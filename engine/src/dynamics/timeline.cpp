#include "timeline.hpp"

#include "siaga/core/distributions.hpp"

namespace siaga::dynamics::day {

TpsTimeline::TpsTimeline(const scenario::Model& model, Simulator& sim)
    : model_(model), sim_(sim), tps_(model.tps().size()) {}

void TpsTimeline::start(std::uint32_t i, const DaySeed& day) {
  const scenario::Tps& t = model_.scenario().region.tps[i];
  const scenario::Election& e = model_.scenario().election;
  const scenario::Counting& c = e.counting;
  Day& d = tps_[i];
  d = Day{};
  draw_once<kTimeline>(day, model_.tps_streams()[i], [&](RandomStream& s) {
    // The true category from P(true | rated), then the count's length.
    const auto rated = static_cast<std::size_t>(t.category);
    const auto& posterior = model_.true_given_rated()[rated];
    const double u = s.uniform01();
    double cumulative = 0;
    d.true_category = static_cast<std::uint8_t>(rated);
    for (std::size_t k = 0; k < scenario::kCategoryCount; ++k) {
      cumulative += posterior[k];
      if (u < cumulative) {
        d.true_category = static_cast<std::uint8_t>(k);
        break;
      }
    }
    const double mean = c.base_minutes + c.minutes_per_ballot * t.voters * c.turnout * e.ballots_per_voter;
    d.count_end = model_.phase_starts()[3] + minutes(mean > 0 ? lognormal_mean_cv(s, mean, c.cv) : 0.0);
  });
  sim_.schedule_at(d.count_end, {kCountEnd, 0, i, 0});
}

}  // namespace siaga::dynamics::day
