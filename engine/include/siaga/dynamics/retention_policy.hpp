#pragma once
// Post-count guard retention: what a guard group's officers do once the last of its TPS has
// counted, a policy chosen by name per category (`plans.<plan>.retention.<category>.policy`). The
// built-in policies are leave, escort, fixed and until_quiet; a researcher adds one by registering
// a factory under a new name, without touching the engine.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "siaga/core/time.hpp"
#include "siaga/scenario/problems.hpp"
#include "siaga/scenario/record.hpp"
#include "siaga/scenario/scenario.hpp"

namespace siaga::dynamics {

/// What a retention policy sees of a guard group.
/// Times in ms after midnight; -1: none today.
struct RetentionView {
  Tick now = 0;
  int present = 0;                    ///< officers at the group's TPS now
  Tick retention_start = 0;           ///< when the group's last count ended (at start(): now)
  Tick last_incident = -1;            ///< the last incident at the group's own TPS
  Tick last_incident_villages = -1;   ///< ... at any TPS of the villages the group's TPS are in
  Tick last_incident_kecamatan = -1;  ///< ... at any TPS of the group's kecamatan
};

/// How a group's retention begins.
struct RetentionStart {
  int officers = 0;  ///< officers kept at the TPS (at most `present`); the rest escort or leave
  /// When the policy looks again (ms, at or after now); nullopt: the group stands down at once.
  std::optional<Tick> first_check;
};

/// Decides who stays after the count, and for how long.
class RetentionPolicy {
 public:
  virtual ~RetentionPolicy() = default;
  /// Whether ballot boxes leave with an escort of the group's officers.
  virtual bool escorts() const { return true; }
  /// At the end of the group's last count, before its escort leaves.
  virtual RetentionStart start(const RetentionView& group) const = 0;
  /// At a check it asked for: when to look again (after now), or nullopt to stand down now.
  virtual std::optional<Tick> next_check(const RetentionView& group) const = 0;
};

/// Makes a policy from its settings: one category's `retention` object, read through `settings`
/// (which reports bad and unknown fields with their paths; "policy" is already read), for `scenario` (one
/// plan).
using RetentionPolicyFactory = std::function<std::unique_ptr<RetentionPolicy>(
    scenario::Record& settings, const scenario::Scenario& scenario)>;

/// Makes `name` a retention policy plans can choose. Throws std::logic_error if the name is taken.
/// Safe to call from any thread, typically once at start-up.
void register_retention_policy(std::string name, RetentionPolicyFactory factory);

/// The names plans can choose, sorted.
std::vector<std::string> retention_policy_names();

/// The policy `choice` names, made for `scenario`; nullptr, with what is wrong added to `problems`,
/// if the name is unknown or the settings are bad.
std::unique_ptr<RetentionPolicy> make_retention_policy(const scenario::PolicyChoice& choice,
                                                       const scenario::Scenario& scenario,
                                                       scenario::Problems& problems);

}  // namespace siaga::dynamics
