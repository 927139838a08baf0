#include "timeline.hpp"

#include "siaga/core/distributions.hpp"

namespace siaga::dynamics::day {

TpsTimeline::TpsTimeline(const scenario::Model& model, Simulator& sim)
    : model_(model),
      sim_(sim),
      tps_(model.tps().size()),
      contested_(model.scenario().region.villages.size(), 0) {}

void TpsTimeline::start_villages(const DaySeed& day) {
  const double share = model_.scenario().incidents.contested.share;
  for (std::uint32_t v = 0; v < contested_.size(); ++v)
    contested_[v] = draw_once<kContested>(day, model_.village_streams()[v],
                                          [&](RandomStream& s) { return bernoulli(s, share); });
  regraded_ = 0;
}

void TpsTimeline::start(std::uint32_t i, const DaySeed& day) {
  const scenario::Tps& t = model_.scenario().region.tps[i];
  const scenario::Election& e = model_.scenario().election;
  const scenario::Counting& c = e.counting;
  const scenario::Rating& rating = model_.plan().rating;
  Day& d = tps_[i];
  d = Day{};
  const auto rated = static_cast<std::uint8_t>(t.category);
  const std::uint64_t entity = model_.tps_streams()[i];
  // The true category from P(true | rated): its own stream, so every plan sees the same world.
  d.true_category = draw_once<kTrueCategory>(day, entity, [&](RandomStream& s) {
    const auto& posterior = model_.true_given_rated()[rated];
    const double u = s.uniform01();
    double cumulative = 0;
    for (std::size_t k = 0; k < scenario::kCategoryCount; ++k) {
      cumulative += posterior[k];
      if (u < cumulative) return static_cast<std::uint8_t>(k);
    }
    return rated;
  });
  switch (rating.basis) {
    case scenario::RatingBasis::kRated:
      d.guarded_as = rated;
      break;
    case scenario::RatingBasis::kTrue:
      d.guarded_as = d.true_category;
      break;
    case scenario::RatingBasis::kEarlyWarning:
      // Whether early warning catches this TPS is drawn whatever its rating, so the TPS it catches
      // are the same at every corrected share below and above.
      d.guarded_as = draw_once<kEarlyWarning>(
                         day, entity, [&](RandomStream& s) { return s.uniform01() < rating.corrected_share; })
                         ? d.true_category
                         : rated;
      break;
  }
  regraded_ += d.guarded_as != rated ? 1 : 0;
  d.count_end = draw_once<kTimeline>(day, entity, [&](RandomStream& s) {
    const double mean = c.base_minutes + c.minutes_per_ballot * t.voters * c.turnout * e.ballots_per_voter;
    return model_.phase_starts()[3] + minutes(mean > 0 ? lognormal_mean_cv(s, mean, c.cv) : 0.0);
  });
  sim_.schedule_at(d.count_end, {kCountEnd, 0, i, 0});
}

}  // namespace siaga::dynamics::day
