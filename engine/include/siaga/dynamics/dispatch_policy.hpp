#pragma once
// Who is sent to an incident: a pluggable strategy. The day offers candidate units in chain order
// (Bhabinkamtibmas, then Polsek, then Polres, Brimob and TNI), each tier nearest first; a policy
// accepts or declines each. Researchers add policies by deriving from DispatchPolicy.

#include <cstdint>
#include <memory>
#include <span>

#include "siaga/core/time.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::dynamics {

/// What a policy may look at when a unit is offered.
struct DispatchOffer {
  std::uint32_t unit = 0;  ///< index into Forces::units
  std::uint32_t tps = 0;   ///< where the incident is
  int severity = 1;        ///< the incident's severity now
  int officers_short = 0;  ///< officers still needed
  Tick travel = 0;         ///< the unit's travel time to the TPS, ms
  /// Units of the same post now available (this one included).
  int available_at_post = 0;
};

/// Decides which offered units go.
class DispatchPolicy {
 public:
  virtual ~DispatchPolicy() = default;
  /// True to send the offered unit. Called only for available, on-duty units that can settle
  /// the incident's severity, in chain order, nearest first within a tier.
  virtual bool accept(const DispatchOffer& offer) const = 0;
};

/// The nearest available capable units, up the chain, until enough officers are on their way.
class NearestAvailable final : public DispatchPolicy {
 public:
  bool accept(const DispatchOffer&) const override { return true; }
};

/// As NearestAvailable, but a post keeps `min_reserve` units back unless the incident is within
/// `local` travel time: the reserve stays for its own area.
class KeepReserve final : public DispatchPolicy {
 public:
  KeepReserve(int min_reserve, Tick local) : min_reserve_(min_reserve), local_(local) {}
  bool accept(const DispatchOffer& offer) const override {
    return offer.travel <= local_ || offer.available_at_post > min_reserve_;
  }

 private:
  int min_reserve_;
  Tick local_;
};

/// The policy a plan asks for.
std::unique_ptr<DispatchPolicy> make_dispatch_policy(const scenario::DispatchConfig& config);

}  // namespace siaga::dynamics
