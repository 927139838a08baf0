#pragma once
// The response in stages, as the built-in dispatch policies send it (docs/model.md#response):
// first the nearest teams of any kind, until enough officers are on their way to hold the scene;
// then, while the officers who may settle the incident are too few, the capable teams of the
// nearest tier up the chain that can cover the shortfall, nearest first (or of every tier in turn,
// when no tier can cover it alone). Internal.

#include <algorithm>
#include <vector>

#include "siaga/dynamics/dispatch_policy.hpp"

namespace siaga::dynamics::builtin {

class StagedResponse {
 public:
  /// Chooses for `request`; `allowed(candidate)` may refuse a team, and `picked(candidate)` hears of
  /// every choice (a reserve rule counts them).
  template <class Allowed, class Picked>
  void choose(const DispatchRequest& request, std::span<const DispatchCandidate> candidates,
              std::vector<std::uint32_t>& chosen, Allowed&& allowed, Picked&& picked) {
    order_.clear();
    for (std::uint32_t i = 0; i < candidates.size(); ++i) order_.push_back(i);
    // Nearest first by arrival (mobilisation included); ties in chain order. (Not stable_sort: it
    // allocates a buffer, and this runs on every dispatch.)
    std::sort(order_.begin(), order_.end(), [&](std::uint32_t a, std::uint32_t b) {
      return candidates[a].arrival != candidates[b].arrival ? candidates[a].arrival < candidates[b].arrival
                                                            : a < b;
    });
    taken_.assign(candidates.size(), 0);
    auto take = [&](std::uint32_t i) {
      taken_[i] = 1;
      chosen.push_back(i);
      picked(candidates[i]);
    };
    int committed = request.committed, capable = request.capable_committed;
    // 1. Hold the scene.
    for (const std::uint32_t i : order_) {
      if (committed >= request.needed) break;
      if (!allowed(candidates[i])) continue;
      take(i);
      committed += candidates[i].officers;
      if (candidates[i].capable) capable += candidates[i].officers;
    }
    if (capable >= request.needed) return;
    // 2. Cover the shortfall with capable teams: the nearest tier that can, else every tier in turn.
    const int short_of = request.needed - capable;
    std::size_t tier = scenario::kDispatchTierCount;
    for (std::size_t t = 0; t < scenario::kDispatchTierCount && tier == scenario::kDispatchTierCount; ++t) {
      int there = 0;
      for (const std::uint32_t i : order_)
        if (!taken_[i] && candidates[i].capable && static_cast<std::size_t>(candidates[i].tier) == t &&
            allowed(candidates[i]))
          there += candidates[i].officers;
      if (there >= short_of) tier = t;
    }
    for (std::size_t t = 0; t < scenario::kDispatchTierCount && capable < request.needed; ++t) {
      if (tier != scenario::kDispatchTierCount && t != tier) continue;
      for (const std::uint32_t i : order_) {
        if (capable >= request.needed) break;
        if (taken_[i] || !candidates[i].capable || static_cast<std::size_t>(candidates[i].tier) != t ||
            !allowed(candidates[i]))
          continue;
        take(i);
        capable += candidates[i].officers;
      }
    }
  }

 private:
  std::vector<std::uint32_t> order_;
  std::vector<std::uint8_t> taken_;
};

}  // namespace siaga::dynamics::builtin
