// keep_reserve: the response in stages, but a post keeps `min_reserve` teams back unless the
// incident is within `local_minutes` of travel: the reserve stays for its own area.

#include <algorithm>

#include "builtin_policies.hpp"
#include "staged_response.hpp"

namespace siaga::dynamics::builtin {
namespace {

class KeepReserve final : public DispatchPolicy {
 public:
  KeepReserve(int min_reserve, Tick local, std::size_t posts)
      : min_reserve_(min_reserve), local_(local), sent_from_(posts, 0) {}

  void choose(const DispatchRequest& request, std::span<const DispatchCandidate> candidates,
              std::vector<std::uint32_t>& chosen) override {
    const std::size_t first = chosen.size();
    // What a post has left counts the teams this dispatch already takes from it.
    staged_.choose(
        request, candidates, chosen,
        [&](const DispatchCandidate& c) {
          return c.travel <= local_ || c.free_at_post - sent_from_[c.post] > min_reserve_;
        },
        [&](const DispatchCandidate& c) { ++sent_from_[c.post]; });
    for (std::size_t k = first; k < chosen.size(); ++k) sent_from_[candidates[chosen[k]].post] = 0;
  }

 private:
  int min_reserve_;
  Tick local_;
  std::vector<int> sent_from_;  // per post, during one choose()
  StagedResponse staged_;
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
