// keep_reserve: as nearest_available, but a post keeps `min_reserve` units back unless the incident
// is within `local_minutes` of travel: the reserve stays for its own area.

#include <algorithm>

#include "builtin_policies.hpp"

namespace siaga::dynamics::builtin {
namespace {

class KeepReserve final : public DispatchPolicy {
 public:
  KeepReserve(int min_reserve, Tick local, std::size_t posts)
      : min_reserve_(min_reserve), local_(local), sent_from_(posts, 0) {}

  void choose(const DispatchRequest& request, std::span<const DispatchCandidate> candidates,
              std::vector<std::uint32_t>& chosen) override {
    const std::size_t first = chosen.size();
    int short_of = request.officers_short;
    for (std::uint32_t i = 0; i < candidates.size() && short_of > 0; ++i) {
      const DispatchCandidate& c = candidates[i];
      // What the post has left counts the units this dispatch already takes from it.
      if (c.travel <= local_ || c.available_at_post - sent_from_[c.post] > min_reserve_) {
        chosen.push_back(i);
        ++sent_from_[c.post];
        short_of -= c.officers;
      }
    }
    for (std::size_t k = first; k < chosen.size(); ++k) sent_from_[candidates[chosen[k]].post] = 0;
  }

 private:
  int min_reserve_;
  Tick local_;
  std::vector<int> sent_from_;  // per post, during one choose()
};

}  // namespace

std::unique_ptr<DispatchPolicy> keep_reserve(scenario::Record& settings, const scenario::Scenario& scenario) {
  const auto min_reserve = settings.integer("min_reserve", scenario::Need::kOptional, 0, 100).value_or(1);
  const double local =
      settings.number("local_minutes", scenario::Need::kOptional, {0, 24 * 60}).value_or(15.0);
  return std::make_unique<KeepReserve>(static_cast<int>(min_reserve), minutes(local),
                                       scenario.forces.posts.size());
}

}  // namespace siaga::dynamics::builtin
