#pragma once
// One replication of an election day: from the guards' arrival at dawn to the last ballot box
// reaching its PPK, every incident followed from report to settlement.

#include <cstdint>
#include <memory>

#include "siaga/dynamics/outcome.hpp"
#include "siaga/dynamics/trace.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::dynamics {

class DayState;

/// Runs replications of one compiled model. Holds the mutable state of a day, sized once and
/// reset between replications; the model is shared read-only. One per thread.
class Replication {
 public:
  explicit Replication(std::shared_ptr<const scenario::Model> model);
  ~Replication();
  Replication(Replication&&) noexcept;
  Replication& operator=(Replication&&) noexcept;

  /// Runs replication `index` of the experiment with `seed`: a pure function of (model, seed,
  /// index). The outcome stays valid until the next run. If `trace` is given, every event is
  /// recorded to it.
  const Outcome& run(std::uint64_t seed, std::uint64_t index, TraceSink* trace = nullptr);

  const scenario::Model& model() const noexcept;

 private:
  std::unique_ptr<DayState> state_;
};

}  // namespace siaga::dynamics
