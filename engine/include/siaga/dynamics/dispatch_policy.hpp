#pragma once
// Whom the dispatcher sends: a policy, chosen by name in a plan (`plans.<plan>.dispatch.policy`).
// The day lists the units that could go (available, on duty, able to settle the incident) and the
// policy chooses among them. The built-in policies are nearest_available and keep_reserve; a
// researcher adds one by registering a factory under a new name, without touching the engine.

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "siaga/core/time.hpp"
#include "siaga/scenario/model.hpp"
#include "siaga/scenario/problems.hpp"
#include "siaga/scenario/record.hpp"

namespace siaga::dynamics {

/// A unit that could be sent to an incident now.
struct DispatchCandidate {
  std::uint32_t unit = 0;  ///< index into Forces::units
  std::uint32_t post = 0;  ///< index into Forces::posts
  scenario::DispatchTier tier = scenario::DispatchTier::kSector;
  int officers = 0;  ///< its headcount
  Tick travel = 0;   ///< its travel time to the TPS by its own vehicle, ms (mobilisation not included)
  /// Units of its post available as the dispatch begins, it included (the day does not lower this
  /// as the policy chooses: a policy that cares counts its own choices).
  int available_at_post = 0;
};

/// The incident a dispatch is for.
struct DispatchRequest {
  std::uint32_t tps = 0;   ///< index into Region::tps
  int severity = 1;        ///< its severity now (1 disturbance ... 5 riot)
  int officers_short = 0;  ///< officers still needed beyond those already on their way or there
};

/// Chooses whom to send.
class DispatchPolicy {
 public:
  virtual ~DispatchPolicy() = default;
  /// Appends to `chosen` the indices (into `candidates`) of the units to send, in the order they
  /// leave. Candidates come up the chain (village, sector, resort tier), nearest first within a
  /// tier. Each replication has its own policy object, so a policy may keep scratch state; it must
  /// not allocate once warmed up (it runs on the day's hot path).
  virtual void choose(const DispatchRequest& request, std::span<const DispatchCandidate> candidates,
                      std::vector<std::uint32_t>& chosen) = 0;
};

/// Makes a policy from its settings: the plan's `dispatch` object, read through `settings` (which
/// reports bad and unknown fields with their paths; "policy" is already read), for `scenario` (one plan).
using DispatchPolicyFactory = std::function<std::unique_ptr<DispatchPolicy>(
    scenario::Record& settings, const scenario::Scenario& scenario)>;

/// Makes `name` a dispatch policy plans can choose. Throws std::logic_error if the name is taken.
/// Safe to call from any thread, typically once at start-up.
void register_dispatch_policy(std::string name, DispatchPolicyFactory factory);

/// The names plans can choose, sorted.
std::vector<std::string> dispatch_policy_names();

/// The policy `choice` names, made for `scenario`; nullptr, with what is wrong added to `problems`,
/// if the name is unknown or the settings are bad.
std::unique_ptr<DispatchPolicy> make_dispatch_policy(const scenario::PolicyChoice& choice,
                                                     const scenario::Scenario& scenario,
                                                     scenario::Problems& problems);

}  // namespace siaga::dynamics
