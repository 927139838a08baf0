#include "timeline.hpp"

#include <algorithm>
#include <boost/sort/spreadsort/integer_sort.hpp>

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
  const std::uint64_t entity = model_.tps()[i].stream;
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
  d.order = sim_.reserve_order();
}

void TpsTimeline::schedule_counts() {
  // Count ends in (time, TPS) order, which is their order of events: start() took their places in
  // TPS order. Packed as (time - earliest) << 32 | TPS, one integer radix sort orders them; a day
  // whose counts spread over more than 2^32 ms (49 days) sorts the pairs instead.
  const std::size_t n = tps_.size();
  counts_.resize(n);
  next_count_ = 0;
  if (n == 0) return;
  Tick earliest = kNever, latest = 0;
  for (const Day& d : tps_) {
    earliest = std::min(earliest, d.count_end);
    latest = std::max(latest, d.count_end);
  }
  const bool packed = static_cast<std::uint64_t>(latest - earliest) < (std::uint64_t{1} << 32);
  for (std::uint32_t i = 0; i < n; ++i)
    counts_[i] = (packed ? static_cast<std::uint64_t>(tps_[i].count_end - earliest) << 32 : 0) | i;
  if (packed) {
    boost::sort::spreadsort::integer_sort(counts_.begin(), counts_.end());
  } else {
    std::sort(counts_.begin(), counts_.end(), [&](std::uint64_t a, std::uint64_t b) {
      const Tick ta = tps_[static_cast<std::uint32_t>(a)].count_end,
                 tb = tps_[static_cast<std::uint32_t>(b)].count_end;
      return ta < tb || (ta == tb && a < b);
    });
  }
  const auto first = static_cast<std::uint32_t>(counts_[0]);
  sim_.schedule_reserved(tps_[first].count_end, tps_[first].order, {kCountEnd, 0, first, 0});
}

TpsTimeline::CountsAhead TpsTimeline::count_ended(std::uint32_t tps) {
  tps_[tps].counted = true;
  if (++next_count_ == counts_.size()) return {};
  CountsAhead ahead;
  ahead.next = static_cast<std::uint32_t>(counts_[next_count_]);
  sim_.schedule_reserved(tps_[ahead.next].count_end, tps_[ahead.next].order, {kCountEnd, 0, ahead.next, 0});
  if (next_count_ + 1 < counts_.size()) {
    ahead.after = static_cast<std::uint32_t>(counts_[next_count_ + 1]);
    prefetch(tps_[ahead.after]);  // read when the next count ends schedules it
  }
  return ahead;
}

}  // namespace siaga::dynamics::day
