#pragma once
// Whom the dispatcher sends: a policy, chosen by name in a plan (`plans.<plan>.dispatch.policy`).
// The day lists the teams that could go (free, on duty, within reach), whether each may settle the
// incident, and what the incident has; the policy chooses among them. It is asked at the report,
// at every arrival and escalation, and whenever a team comes free or a unit on duty. The built-in policies
// are nearest_available and keep_reserve; a researcher adds one by registering a factory under a new name,
// without touching the engine.

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

/// A team that could be sent to an incident now: free, its unit on duty, within its tier's reach.
struct DispatchCandidate {
  std::uint32_t team = 0;     ///< index over all units' teams (Model::first_team)
  std::uint32_t unit = 0;     ///< index into Forces::units
  std::uint32_t station = 0;  ///< index into Model::stations()
  std::uint32_t post = 0;     ///< index into Forces::posts
  scenario::DispatchTier tier = scenario::DispatchTier::kSector;
  int officers = 0;      ///< in the team
  bool capable = false;  ///< it may settle the incident's severity now
  Tick travel = 0;       ///< road time to the TPS, ms
  Tick back = 0;         ///< road time back to its station, ms
  Tick arrival = 0;      ///< ms from now to its arrival: mobilisation and travel
  /// Free teams of its post as the dispatch begins, it included (the day does not lower this as
  /// the policy chooses: a policy that cares counts its own choices).
  int free_at_post = 0;
};

/// The incident a dispatch is for.
struct DispatchRequest {
  std::uint32_t tps = 0;      ///< index into Region::tps
  int severity = 1;           ///< its severity now (1 disturbance ... 5 riot)
  int needed = 1;             ///< officers needed on scene to settle it
  int committed = 0;          ///< officers sent or there (guards included)
  int capable_committed = 0;  ///< of those, officers who may settle it
};

/// Chooses whom to send.
class DispatchPolicy {
 public:
  virtual ~DispatchPolicy() = default;
  /// Appends to `chosen` the indices (into `candidates`) of the teams to send, in the order they
  /// leave. Candidates come up the chain (village, sector, resort, polda, TNI tier), nearest station
  /// first within a tier. Each replication has its own policy object, so a policy may keep scratch
  /// state; it must not allocate once warmed up (it runs on the day's hot path).
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
