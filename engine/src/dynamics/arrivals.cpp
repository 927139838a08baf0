#include "arrivals.hpp"

#include <algorithm>
#include <cmath>

namespace siaga::dynamics::day {

using scenario::kPhaseCount;

Arrivals::Arrivals(const scenario::Model& model, Simulator& sim)
    : model_(model),
      cfg_(model.scenario().incidents),
      sim_(sim),
      boost_(cfg_.contagion ? std::max(1.0, cfg_.contagion_boost) : 1.0),
      // After the count the rate halves every half-life, for ever (the last segment never ends).
      post_count_decay_(cfg_.post_count_half_life_hours > 0
                            ? std::log(2.0) / static_cast<double>(hours(cfg_.post_count_half_life_hours))
                            : 0.0),
      tps_(model.tps().size()) {}

void Arrivals::reset() { std::fill(tps_.begin(), tps_.end(), Tps{}); }

void Arrivals::schedule_next(std::uint32_t tps, const DaySeed& day, const ArrivalConditions& c) {
  // The candidate rate leaves out deterrence and contagion's timing (thinning adds them), so the
  // candidates of a TPS are the same under every plan.
  const double multiplier =
      cfg_.category_multiplier[c.true_category] *
      (model_.village_has_bhabinkamtibmas()[model_.tps()[tps].village] && c.village_officer_present
           ? cfg_.bhabinkamtibmas_factor
           : 1.0) *
      boost_;
  const auto& common = model_.phase_starts();
  const std::array<Tick, kPhaseCount> starts{common[0], common[1], common[2], common[3], c.count_end};
  std::array<double, kPhaseCount> rates{};
  for (std::size_t p = 0; p < kPhaseCount; ++p) rates[p] = model_.total_rates()[p] * multiplier;
  if (c.contested) rates[kPhaseCount - 1] *= cfg_.contested.multiplier;
  // A half-life of 0 means no incident after the count.
  std::array<double, kPhaseCount> decays{};
  decays[kPhaseCount - 1] = post_count_decay_;
  if (!(cfg_.post_count_half_life_hours > 0)) rates[kPhaseCount - 1] = 0;
  rate_.assign_per_tick(starts, rates, decays);
  const PiecewiseRate& rate = rate_;
  const Tick now = sim_.now();
  tps_[tps].arrivals.draw(day, model_.tps()[tps].stream, [&](RandomStream& s) {
    const PiecewiseRate::Arrival next = rate.next(s, now);
    if (next.at == kNever) return;
    // The candidate's kind, drawn now from the same stream, so it is fixed whatever is thinned.
    const std::size_t p = next.segment;
    const auto kinds = model_.kind_rates();
    const double pick = s.uniform01() * model_.total_rates()[p];
    std::uint32_t kind = 0;
    double cumulative = kinds[0][p];
    while (pick >= cumulative && kind + 1 < kinds.size()) cumulative += kinds[++kind][p];
    sim_.schedule_at(next.at, {kCandidate, static_cast<std::uint16_t>(p), tps, kind});
  });
}

Kept Arrivals::thin(std::uint32_t tps, const DaySeed& day, double guard_coverage) {
  Tps& d = tps_[tps];
  const std::uint32_t candidate = d.candidates++;
  const double u =
      d.thinning.draw(day, model_.tps()[tps].stream, [](RandomStream& s) { return s.uniform01(); });
  const double contagion = d.boost_until > sim_.now() ? 1.0 : 1.0 / boost_;
  const double deterrence = 1.0 - (1.0 - cfg_.deterrence) * guard_coverage;
  // Each incident's own stream: the TPS's entity mixed with the candidate number (golden-ratio
  // multiplier), the same under every plan.
  return {u < deterrence * contagion,
          model_.tps()[tps].stream ^ ((static_cast<std::uint64_t>(candidate) + 1) * 0x9E3779B97F4A7C15ull)};
}

void Arrivals::on_incident(std::uint32_t tps) {
  if (!cfg_.contagion) return;
  for (const std::uint32_t near : model_.contagion_neighbours(tps))
    tps_[near].boost_until = sim_.now() + minutes(cfg_.contagion_minutes);
}

}  // namespace siaga::dynamics::day
