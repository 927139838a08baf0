#include "siaga/scenario/incidents.hpp"

namespace siaga::scenario {

std::vector<IncidentKind> default_incident_kinds(ElectionKind election) {
  // docs/domain.md#incidents (E): minor disturbances 5-20 per 1,000 TPS-days, serious clashes 0.5-2,
  // higher in the last hour of voting and around the count's end. Intimidation and money politics
  // near TPS from Bawaslu's 2024 mapping (2.7 and 4.7 per 1,000 TPS, lower bounds); threats to
  // ballot boxes from the re-vote rate (1.9 per 1,000 TPS in Pemilu 2024, 0.66 in Pilkada 2024, D).
  // Clashes at the low end of the published range and riots rare: Pilkada 2017 had 17 notable
  // voting-day incidents across 101 regions (F), so few a kabupaten sees in a day. Phase weights:
  // setup, voting, last hour, counting, post count.
  using H = HandlingDistribution;
  const double ballot_threats = election == ElectionKind::kPemilu ? 1.9 : 0.66;
  return {
      {"disturbance", 1, 1, {H::kLognormal, 20, 0.6}, 12.5, {0.3, 1.0, 2.0, 1.0, 1.5}},
      {"intimidation", 2, 2, {H::kLognormal, 30, 0.5}, 4.5, {0.5, 1.0, 1.5, 0.5, 0.5}},
      {"ballot_threat", 3, 3, {H::kLognormal, 45, 0.5}, ballot_threats, {0.2, 0.5, 1.0, 1.5, 2.0}},
      {"clash", 4, 8, {H::kLognormal, 90, 0.6}, 0.5, {0.2, 1.0, 1.5, 1.0, 1.5}},
      {"riot", 5, 30, {H::kLognormal, 180, 0.7}, 0.02, {0.1, 0.5, 1.0, 1.0, 2.0}},
  };
}

double default_contested_share(ElectionKind election) noexcept {
  switch (election) {
    case ElectionKind::kPilkades:
      return 0.15;
    case ElectionKind::kPilkada:
      return 0.05;
    case ElectionKind::kPemilu:
      break;
  }
  return 0.03;
}

std::string_view to_string(Phase p) noexcept {
  static constexpr std::string_view kNames[] = {"setup", "voting", "last_hour", "counting", "post_count"};
  return kNames[static_cast<std::size_t>(p)];
}

std::string_view to_string(HandlingDistribution d) noexcept {
  static constexpr std::string_view kNames[] = {"exponential", "lognormal", "gamma", "fixed"};
  return kNames[static_cast<std::size_t>(d)];
}

}  // namespace siaga::scenario
