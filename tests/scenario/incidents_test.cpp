// The incidents section, election.counting and forces.faults: defaults, a full section read back,
// and one test per rule with the exact message a planner sees.

#include "siaga/scenario/incidents.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include <filesystem>
#include <fstream>

#include "scenario_test_support.hpp"
#include "schema_check.hpp"

namespace siaga::scenario {
namespace {

using testing::data_dir;
using testing::has_problem;
using testing::minimal;
using testing::problems_of;

Scenario read(const Json& doc) { return resolve(ScenarioDocument::from_json(doc, "test", data_dir())); }

/// The minimal fixture with `incidents` as its incidents section.
Json with_incidents(Json incidents) {
  Json doc = minimal();
  doc["incidents"] = std::move(incidents);
  return doc;
}

/// The minimal fixture with one incident kind, `kind`, replacing the defaults.
Json with_kind(Json kind) { return with_incidents({{"kinds", {{"fight", std::move(kind)}}}}); }

void expect_default_kinds(const std::vector<IncidentKind>& kinds) {
  const std::vector<IncidentKind> expected = default_incident_kinds();
  ASSERT_EQ(kinds.size(), expected.size());
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    EXPECT_EQ(kinds[i].name, expected[i].name);
    EXPECT_EQ(kinds[i].severity, expected[i].severity);
    EXPECT_EQ(kinds[i].officers, expected[i].officers);
    EXPECT_EQ(kinds[i].handling.distribution, expected[i].handling.distribution);
    EXPECT_EQ(kinds[i].handling.mean_minutes, expected[i].handling.mean_minutes);
    EXPECT_EQ(kinds[i].handling.cv, expected[i].handling.cv);
    EXPECT_EQ(kinds[i].per_1000_tps_day, expected[i].per_1000_tps_day);
    EXPECT_EQ(kinds[i].phase_weights, expected[i].phase_weights);
  }
}

void expect_default_settings(const Scenario& s) {
  const Incidents defaults;
  expect_default_kinds(s.incidents.kinds);
  EXPECT_EQ(s.incidents.category_multiplier, defaults.category_multiplier);
  EXPECT_EQ(s.incidents.deterrence, defaults.deterrence);
  EXPECT_EQ(s.incidents.bhabinkamtibmas_factor, defaults.bhabinkamtibmas_factor);
  EXPECT_EQ(s.incidents.escalation_per_hour, defaults.escalation_per_hour);
  EXPECT_EQ(s.incidents.post_count_half_life_hours, defaults.post_count_half_life_hours);
  EXPECT_EQ(s.incidents.contested.share, default_contested_share(s.election.kind));
  EXPECT_EQ(s.incidents.contested.multiplier, defaults.contested.multiplier);
  EXPECT_EQ(s.incidents.transit_per_1000_box_hours, defaults.transit_per_1000_box_hours);
  EXPECT_EQ(s.incidents.transit_escort_factor, defaults.transit_escort_factor);
  EXPECT_EQ(s.incidents.contagion, defaults.contagion);
  EXPECT_EQ(s.incidents.contagion_radius_km, defaults.contagion_radius_km);
  EXPECT_EQ(s.incidents.contagion_boost, defaults.contagion_boost);
  EXPECT_EQ(s.incidents.contagion_minutes, defaults.contagion_minutes);
  EXPECT_EQ(s.incidents.misclassification, defaults.misclassification);
  ASSERT_EQ(s.incidents.response_targets.size(), 3u)
      << "Polri's bands: 10 min; 15 beyond 5 km; 25 beyond 10 km";
  EXPECT_EQ(s.incidents.response_targets[2].beyond_km, 10.0);
  EXPECT_EQ(s.incidents.response_targets[2].minutes, 25.0);
  EXPECT_EQ(s.incidents.long_wait_minutes, defaults.long_wait_minutes);
  const Counting counting;
  EXPECT_EQ(s.election.counting.base_minutes, counting.base_minutes);
  EXPECT_EQ(s.election.counting.minutes_per_ballot, 0.15);
  EXPECT_EQ(s.election.counting.cv, counting.cv);
  EXPECT_EQ(s.election.counting.turnout, counting.turnout);
  const Faults faults;
  EXPECT_EQ(s.forces.faults.breakdown_per_hour, faults.breakdown_per_hour);
  EXPECT_EQ(s.forces.faults.repair_minutes, faults.repair_minutes);
  EXPECT_EQ(s.forces.faults.unavailable_probability, faults.unavailable_probability);
}

TEST(Incidents, AnEmptySectionTakesEveryDefault) { expect_default_settings(read(minimal())); }

TEST(Incidents, AnAbsentSectionTakesEveryDefault) {
  Json doc = minimal();
  doc.erase("incidents");
  EXPECT_TRUE(problems_of(doc).empty());
  expect_default_settings(read(doc));
}

TEST(Incidents, APemiluCountsSlowerPerBallotUnlessTheScenarioSays) {
  Json doc = minimal();
  doc["election"]["kind"] = "pemilu";
  doc["election"]["ballots_per_voter"] = 5;
  EXPECT_EQ(read(doc).election.counting.minutes_per_ballot, 0.45)
      << "5 ballots, long legislative sheets: 2024 counts ended 22:00-06:00";
  doc["election"]["counting"] = {{"minutes_per_ballot", 0.3}};
  EXPECT_EQ(read(doc).election.counting.minutes_per_ballot, 0.3);
  doc["election"]["kind"] = "pilkades";
  doc["election"]["counting"] = Json::object();
  EXPECT_EQ(read(doc).election.counting.minutes_per_ballot, 0.15);
}

/// The minimal fixture with every field of the section, the counting and the faults set.
Json full_doc() {
  Json doc = with_incidents(Json::parse(R"({
    "kinds": {
      "quarrel": {"severity": 1, "officers": 2,
                  "handling": {"distribution": "gamma", "mean_minutes": 25, "cv": 0.4},
                  "per_1000_tps_day": 8,
                  "phase_weights": {"setup": 0.5, "voting": 1, "last_hour": 3, "counting": 2, "post_count": 0}},
      "blockade": {"severity": 3, "officers": 6,
                   "handling": {"distribution": "exponential", "mean_minutes": 60},
                   "per_1000_tps_day": 0.5, "phase_weights": {"counting": 4}},
      "arson": {"severity": 5, "handling": {"distribution": "fixed", "mean_minutes": 240}}
    },
    "category_multiplier": {"rawan": 4, "khusus": 0.5},
    "deterrence": 0.5, "bhabinkamtibmas_factor": 0.7, "escalation_per_hour": 0.25, "post_count_hours": 12,
    "transit_per_1000_box_hours": 3.5, "transit_escort_factor": 0.1,
    "contagion": {"enabled": true, "radius_km": 5, "boost": 3, "minutes": 90},
    "misclassification": {"sangat_rawan": {"kurang_rawan": 0.1, "rawan": 0.2, "sangat_rawan": 0.7}},
    "response_targets_minutes": [10, 25]
  })"));
  doc["election"]["counting"] = {
      {"base_minutes", 45}, {"minutes_per_ballot", 0.2}, {"cv", 0.3}, {"turnout", 0.7}};
  doc["forces"]["faults"] = {
      {"breakdown_per_hour", 0.05}, {"repair_minutes", 30}, {"unavailable_probability", 0.1}};
  return doc;
}

TEST(Incidents, AFullSectionIsReadBack) {
  const Json doc = full_doc();
  const auto lines = problems_of(doc);
  EXPECT_TRUE(lines.empty()) << (lines.empty() ? "" : lines.front());
  const Scenario s = read(doc);
  const Incidents& in = s.incidents;
  ASSERT_EQ(in.kinds.size(), 3u) << "the kinds given replace the defaults whole";
  EXPECT_EQ(in.kinds[0].name, "quarrel");
  EXPECT_EQ(in.kinds[0].officers, 2);
  EXPECT_EQ(in.kinds[0].handling.distribution, HandlingDistribution::kGamma);
  EXPECT_EQ(in.kinds[0].handling.mean_minutes, 25.0);
  EXPECT_EQ(in.kinds[0].handling.cv, 0.4);
  EXPECT_EQ(in.kinds[0].per_1000_tps_day, 8.0);
  EXPECT_EQ(in.kinds[0].phase_weights, (std::array<double, kPhaseCount>{0.5, 1, 3, 2, 0}));
  EXPECT_EQ(in.kinds[1].name, "blockade") << "kinds keep the file's order";
  EXPECT_EQ(in.kinds[1].severity, 3);
  EXPECT_EQ(in.kinds[1].handling.distribution, HandlingDistribution::kExponential);
  EXPECT_EQ(in.kinds[1].handling.cv, 1.0) << "an exponential's cv is 1";
  EXPECT_EQ(in.kinds[1].phase_weights, (std::array<double, kPhaseCount>{1, 1, 1, 4, 1}))
      << "phases not named keep weight 1";
  EXPECT_EQ(in.kinds[2].severity, 5);
  EXPECT_EQ(in.kinds[2].officers, 1) << "fields not given take the struct's defaults";
  EXPECT_EQ(in.kinds[2].per_1000_tps_day, IncidentKind{}.per_1000_tps_day);
  EXPECT_EQ(in.kinds[2].handling.distribution, HandlingDistribution::kFixed);
  EXPECT_EQ(in.kinds[2].handling.cv, 0.0);
  EXPECT_EQ(in.category_multiplier, (std::array<double, kCategoryCount>{1, 4, 10, 0.5}))
      << "categories not named keep their default";
  EXPECT_EQ(in.deterrence, 0.5);
  EXPECT_EQ(in.bhabinkamtibmas_factor, 0.7);
  EXPECT_EQ(in.escalation_per_hour, 0.25);
  EXPECT_DOUBLE_EQ(in.post_count_half_life_hours, 12.0 * std::log(2.0))
      << "the older flat window is read as the half-life with the same expected post-count incidents";
  EXPECT_EQ(in.transit_per_1000_box_hours, 3.5);
  EXPECT_EQ(in.transit_escort_factor, 0.1);
  EXPECT_TRUE(in.contagion);
  EXPECT_EQ(in.contagion_radius_km, 5.0);
  EXPECT_EQ(in.contagion_boost, 3.0);
  EXPECT_EQ(in.contagion_minutes, 90.0);
  using Row = std::array<double, kCategoryCount>;
  EXPECT_EQ(in.misclassification[2], (Row{0.1, 0.2, 0.7, 0})) << "by true category: P(rated | true)";
  EXPECT_EQ(in.misclassification[0], (Row{1, 0, 0, 0})) << "rows not given stay identity";
  EXPECT_EQ(in.misclassification[1], (Row{0, 1, 0, 0}));
  EXPECT_EQ(in.misclassification[3], (Row{0, 0, 0, 1}));
  ASSERT_EQ(in.response_targets.size(), 1u) << "the older two targets: one band, then the long wait";
  EXPECT_EQ(in.response_targets[0].minutes, 10.0);
  EXPECT_EQ(in.long_wait_minutes, 25.0);
  EXPECT_EQ(s.election.counting.base_minutes, 45.0);
  EXPECT_EQ(s.election.counting.minutes_per_ballot, 0.2);
  EXPECT_EQ(s.election.counting.cv, 0.3);
  EXPECT_EQ(s.election.counting.turnout, 0.7);
  EXPECT_EQ(s.forces.faults.breakdown_per_hour, 0.05);
  EXPECT_EQ(s.forces.faults.repair_minutes, 30.0);
  EXPECT_EQ(s.forces.faults.unavailable_probability, 0.1);
}

TEST(Incidents, APlanMayOverrideTheSection) {
  Json doc = minimal();
  doc["plans"]["longer"]["overrides"]["incidents"] = {{"deterrence", 0.3}};
  EXPECT_EQ(read(doc).incidents.deterrence, 0.6);
  EXPECT_EQ(resolve(ScenarioDocument::from_json(doc, "test", data_dir()), "longer").incidents.deterrence,
            0.3);
}

// ---- kinds ---------------------------------------------------------------------------------------

TEST(Incidents, KindsMustBeANonEmptyObjectOfValidNames) {
  EXPECT_TRUE(has_problem(problems_of(with_incidents({{"kinds", Json::array()}})),
                          "incidents.kinds: must be an object of incident kinds keyed by name"));
  EXPECT_TRUE(has_problem(problems_of(with_incidents({{"kinds", Json::object()}})),
                          "incidents.kinds: must name at least one kind (a kind with per_1000_tps_day 0 "
                          "never happens)"));
  EXPECT_TRUE(has_problem(problems_of(with_incidents({{"kinds", {{"bad name", Json::object()}}}})),
                          "incidents.kinds.bad name: 'bad name' is not a valid kind name (letters, digits, "
                          "'_' and '-' only)"));
  EXPECT_TRUE(has_problem(problems_of(with_incidents({{"kinds", {{"fight", 3}}}})),
                          "incidents.kinds.fight: must be an object, got number 3"));
}

TEST(Incidents, SeverityIsBetweenOneAndFive) {
  EXPECT_TRUE(has_problem(problems_of(with_kind({{"severity", 0}})),
                          "incidents.kinds.fight.severity: must be at least 1, got 0"));
  EXPECT_TRUE(has_problem(problems_of(with_kind({{"severity", 6}})),
                          "incidents.kinds.fight.severity: must be at most 5, got 6"));
  EXPECT_TRUE(has_problem(problems_of(with_kind({{"severity", 2.5}})),
                          "incidents.kinds.fight.severity: must be a whole number, got number 2.5"));
}

TEST(Incidents, SeverityIncreasesStrictlyAlongTheKinds) {
  Json doc = with_incidents({{"kinds",
                              {{"scuffle", {{"severity", 2}}},
                               {"shouting", {{"severity", 1}}},
                               {"threat", {{"severity", 3}}},
                               {"threat2", {{"severity", 3}}},
                               {"quiet", Json::object()}}}});
  const auto lines = problems_of(doc);
  EXPECT_TRUE(has_problem(lines,
                          "incidents.kinds.shouting.severity: must be above 2, the severity of 'scuffle' "
                          "before it (kinds are listed in increasing severity)"));
  EXPECT_TRUE(
      has_problem(lines,
                  "incidents.kinds.threat2.severity: must be above 3, the severity of 'threat' before "
                  "it (kinds are listed in increasing severity)"));
  EXPECT_TRUE(has_problem(lines,
                          "incidents.kinds.quiet.severity: must be above 3, the severity of 'threat2' before "
                          "it (kinds are listed in increasing severity)"))
      << "an absent severity is 1";
  EXPECT_EQ(lines.size(), 3u);
}

TEST(Incidents, OfficersAreAtLeastOne) {
  EXPECT_TRUE(has_problem(problems_of(with_kind({{"officers", 0}})),
                          "incidents.kinds.fight.officers: must be at least 1, got 0"));
}

TEST(Incidents, TheHandlingDistributionIsOneOfFour) {
  EXPECT_TRUE(has_problem(problems_of(with_kind({{"handling", {{"distribution", "weibull"}}}})),
                          "incidents.kinds.fight.handling.distribution: unknown value 'weibull' (allowed: "
                          "exponential, lognormal, gamma, fixed)"));
}

TEST(Incidents, TheHandlingMeanIsAboveZero) {
  EXPECT_TRUE(has_problem(problems_of(with_kind({{"handling", {{"mean_minutes", 0}}}})),
                          "incidents.kinds.fight.handling.mean_minutes: must be above 0, got 0"));
}

TEST(Incidents, TheHandlingCvIsNotNegativeAndAboveZeroForLognormalAndGamma) {
  EXPECT_TRUE(has_problem(problems_of(with_kind({{"handling", {{"cv", -0.1}}}})),
                          "incidents.kinds.fight.handling.cv: must be at least 0, got -0.1"));
  EXPECT_TRUE(has_problem(problems_of(with_kind({{"handling", {{"cv", 0}}}})),
                          "incidents.kinds.fight.handling.cv: must be above 0 for distribution 'lognormal' "
                          "(use 'fixed' for a constant time)"));
  EXPECT_TRUE(has_problem(problems_of(with_kind({{"handling", {{"distribution", "gamma"}, {"cv", 0}}}})),
                          "incidents.kinds.fight.handling.cv: must be above 0 for distribution 'gamma' (use "
                          "'fixed' for a constant time)"));
}

TEST(Incidents, ACvHasNoMeaningForExponentialOrFixed) {
  EXPECT_TRUE(
      has_problem(problems_of(with_kind({{"handling", {{"distribution", "exponential"}, {"cv", 0.5}}}})),
                  "incidents.kinds.fight.handling.cv: has no meaning for distribution 'exponential' "
                  "(its cv is 1)"));
  EXPECT_TRUE(
      has_problem(problems_of(with_kind({{"handling", {{"distribution", "fixed"}, {"cv", 0}}}})),
                  "incidents.kinds.fight.handling.cv: has no meaning for distribution 'fixed' (its cv "
                  "is 0)"));
}

TEST(Incidents, TheRatePerThousandTpsDaysIsNotNegative) {
  EXPECT_TRUE(has_problem(problems_of(with_kind({{"per_1000_tps_day", -1}})),
                          "incidents.kinds.fight.per_1000_tps_day: must be at least 0, got -1"));
  EXPECT_TRUE(problems_of(with_kind({{"per_1000_tps_day", 0}})).empty()) << "0 switches a kind off";
}

TEST(Incidents, PhaseWeightsAreNotNegativeAndNotAllZero) {
  EXPECT_TRUE(has_problem(problems_of(with_kind({{"phase_weights", {{"last_hour", -2}}}})),
                          "incidents.kinds.fight.phase_weights.last_hour: must be at least 0, got -2"));
  const Json zero = {{"setup", 0}, {"voting", 0}, {"last_hour", 0}, {"counting", 0}, {"post_count", 0}};
  EXPECT_TRUE(has_problem(problems_of(with_kind({{"phase_weights", zero}})),
                          "incidents.kinds.fight.phase_weights: must not all be 0 (to switch a kind off, set "
                          "its per_1000_tps_day to 0)"));
  EXPECT_TRUE(has_problem(problems_of(with_kind({{"phase_weights", {{"night", 1}}}})),
                          "incidents.kinds.fight.phase_weights.night: unknown field"));
  EXPECT_TRUE(has_problem(problems_of(with_kind({{"phase_weights", {{"lasthour", 1}}}})),
                          "incidents.kinds.fight.phase_weights.lasthour: unknown field (did you mean "
                          "'last_hour'?)"));
}

// ---- the rest of the section ---------------------------------------------------------------------

TEST(Incidents, CategoryMultipliersAreNotNegativeAndNamedByCategory) {
  const auto lines = problems_of(
      with_incidents({{"category_multiplier", {{"rawan", -3}, {"sangat_rawn", 10}, {"aman", 1}}}}));
  EXPECT_TRUE(has_problem(lines, "incidents.category_multiplier.rawan: must be at least 0, got -3"));
  EXPECT_TRUE(has_problem(
      lines, "incidents.category_multiplier.sangat_rawn: unknown field (did you mean 'sangat_rawan'?)"));
  EXPECT_TRUE(has_problem(
      lines,
      "incidents.category_multiplier.aman: write kurang_rawan here ('aman' is accepted as a TPS's "
      "category only)"));
}

TEST(Incidents, FactorsAndProbabilitiesAreBetweenZeroAndOne) {
  Json doc =
      with_incidents({{"deterrence", 1.5}, {"bhabinkamtibmas_factor", -0.2}, {"transit_escort_factor", 2}});
  doc["forces"]["faults"] = {{"unavailable_probability", 1.01}};
  const auto lines = problems_of(doc);
  EXPECT_TRUE(has_problem(lines, "incidents.deterrence: must be at most 1, got 1.5"));
  EXPECT_TRUE(has_problem(lines, "incidents.bhabinkamtibmas_factor: must be at least 0, got -0.2"));
  EXPECT_TRUE(has_problem(lines, "incidents.transit_escort_factor: must be at most 1, got 2"));
  EXPECT_TRUE(has_problem(lines, "forces.faults.unavailable_probability: must be at most 1, got 1.01"));
}

TEST(Incidents, RatesAreNotNegative) {
  Json doc = with_incidents({{"escalation_per_hour", -1}, {"transit_per_1000_box_hours", -0.5}});
  doc["forces"]["faults"] = {{"breakdown_per_hour", -0.01}, {"repair_minutes", -5}};
  const auto lines = problems_of(doc);
  EXPECT_TRUE(has_problem(lines, "incidents.escalation_per_hour: must be at least 0, got -1"));
  EXPECT_TRUE(has_problem(lines, "incidents.transit_per_1000_box_hours: must be at least 0, got -0.5"));
  EXPECT_TRUE(has_problem(lines, "forces.faults.breakdown_per_hour: must be at least 0, got -0.01"));
  EXPECT_TRUE(has_problem(lines, "forces.faults.repair_minutes: must be at least 0, got -5"));
}

TEST(Incidents, TheNewerFormsAreReadBack) {
  const Scenario s = read(with_incidents(Json::parse(R"({
    "post_count_half_life_hours": 1.5, "contested": {"share": 0.2, "multiplier": 4},
    "response_targets": [{"beyond_km": 0, "minutes": 8}, {"beyond_km": 3, "minutes": 12}],
    "long_wait_minutes": 40
  })")));
  EXPECT_EQ(s.incidents.post_count_half_life_hours, 1.5);
  EXPECT_EQ(s.incidents.contested.share, 0.2);
  EXPECT_EQ(s.incidents.contested.multiplier, 4.0);
  ASSERT_EQ(s.incidents.response_targets.size(), 2u);
  EXPECT_EQ(s.incidents.response_targets[1].beyond_km, 3.0);
  EXPECT_EQ(s.incidents.response_targets[1].minutes, 12.0);
  EXPECT_EQ(s.incidents.long_wait_minutes, 40.0);
}

TEST(Incidents, BandsStartAtZeroAndIncreaseAndTheTwoFormsDoNotMix) {
  auto lines = problems_of(with_incidents(Json::parse(
      R"({"response_targets": [{"beyond_km": 1, "minutes": 8}, {"beyond_km": 0.5, "minutes": 12}]})")));
  EXPECT_TRUE(
      has_problem(lines, "incidents.response_targets[0].beyond_km: the first band must start at 0 km"));
  EXPECT_TRUE(
      has_problem(lines, "incidents.response_targets[1].beyond_km: must be above the band before it (1 km)"));
  lines = problems_of(with_incidents(Json::parse(
      R"({"response_targets": [{"beyond_km": 0, "minutes": 8}], "response_targets_minutes": [10, 20]})")));
  EXPECT_TRUE(has_problem(lines,
                          "incidents.response_targets_minutes: give response_targets only "
                          "(response_targets_minutes is the older form)"));
  lines =
      problems_of(with_incidents(Json::parse(R"({"post_count_hours": 4, "post_count_half_life_hours": 2})")));
  EXPECT_TRUE(has_problem(lines,
                          "incidents.post_count_hours: give post_count_half_life_hours only "
                          "(post_count_hours is the older form)"));
}

TEST(Incidents, PostCountHoursAreWithinADay) {
  EXPECT_TRUE(has_problem(problems_of(with_incidents({{"post_count_hours", 30}})),
                          "incidents.post_count_hours: must be at most 24, got 30"));
  EXPECT_TRUE(has_problem(problems_of(with_incidents({{"post_count_hours", -1}})),
                          "incidents.post_count_hours: must be at least 0, got -1"));
}

TEST(Incidents, ContagionNumbersAreNotNegative) {
  const auto lines = problems_of(with_incidents(
      {{"contagion",
        {{"enabled", "yes"}, {"radius_km", -1}, {"boost", -2}, {"minutes", -60}, {"radus_km", 1}}}}));
  EXPECT_TRUE(has_problem(lines, "incidents.contagion.enabled: must be true or false, got string \"yes\""));
  EXPECT_TRUE(has_problem(lines, "incidents.contagion.radius_km: must be at least 0, got -1"));
  EXPECT_TRUE(has_problem(lines, "incidents.contagion.boost: must be at least 0, got -2"));
  EXPECT_TRUE(has_problem(lines, "incidents.contagion.minutes: must be at least 0, got -60"));
  EXPECT_TRUE(has_problem(lines, "incidents.contagion.radus_km: unknown field (did you mean 'radius_km'?)"));
}

TEST(Incidents, AMisclassificationRowSumsToOne) {
  const auto lines = problems_of(
      with_incidents({{"misclassification",
                       {{"sangat_rawan", {{"kurang_rawan", 0.2}, {"sangat_rawan", 0.7}}},
                        {"rawan", {{"kurang_rawan", 0.1}, {"rawan", 0.7}, {"sangat_rawan", 0.2}}}}}}));
  EXPECT_TRUE(has_problem(lines,
                          "incidents.misclassification.sangat_rawan: P(rated | true) must sum to 1 over the "
                          "rated categories, got 0.9"));
  EXPECT_EQ(lines.size(), 1u) << "0.1 + 0.7 + 0.2 is 1 within rounding";
}

TEST(Incidents, AMisclassificationRowHoldsProbabilitiesByCategory) {
  const auto lines = problems_of(with_incidents({{"misclassification",
                                                  {{"rawan", {{"rawan", 1.5}, {"kurang_rawan", -0.5}}},
                                                   {"khusus", {{"khusus", 0.5}, {"sangat", 0.5}}},
                                                   {"sangat", {{"sangat_rawan", 1}}}}}}));
  EXPECT_TRUE(has_problem(lines, "incidents.misclassification.rawan.rawan: must be at most 1, got 1.5"));
  EXPECT_TRUE(
      has_problem(lines, "incidents.misclassification.rawan.kurang_rawan: must be at least 0, got -0.5"));
  EXPECT_TRUE(has_problem(lines, "incidents.misclassification.khusus.sangat: unknown field"));
  EXPECT_TRUE(has_problem(lines, "incidents.misclassification.sangat: unknown field"));
  EXPECT_TRUE(has_problem(lines,
                          "incidents.misclassification.khusus: P(rated | true) must sum to 1 over the rated "
                          "categories, got 0.5"));
  EXPECT_EQ(lines.size(), 5u) << "a row with a bad entry is not also summed";
}

TEST(Incidents, ResponseTargetsAreTwoIncreasingPositiveMinutes) {
  EXPECT_TRUE(
      has_problem(problems_of(with_incidents({{"response_targets_minutes", {15, 30, 60}}})),
                  "incidents.response_targets_minutes: must be a list of two numbers of minutes, e.g. "
                  "[15, 30]"));
  EXPECT_TRUE(
      has_problem(problems_of(with_incidents({{"response_targets_minutes", 15}})),
                  "incidents.response_targets_minutes: must be a list of two numbers of minutes, e.g. "
                  "[15, 30]"));
  EXPECT_TRUE(has_problem(problems_of(with_incidents({{"response_targets_minutes", {0, "30"}}})),
                          "incidents.response_targets_minutes[0]: must be above 0, got 0"));
  EXPECT_TRUE(has_problem(problems_of(with_incidents({{"response_targets_minutes", {0, "30"}}})),
                          "incidents.response_targets_minutes[1]: must be a number of minutes, got string"));
  EXPECT_TRUE(has_problem(problems_of(with_incidents({{"response_targets_minutes", {30, 30}}})),
                          "incidents.response_targets_minutes[1]: must be above the first target (30)"));
}

TEST(Incidents, UnknownFieldsAreRejectedWithTheClosestName) {
  Json doc = with_incidents({{"deterence", 0.5}, {"kinds", {{"fight", {{"severty", 1}}}}}});
  doc["election"]["counting"] = {{"turnuot", 0.8}};
  doc["forces"]["faults"] = {{"repair_minute", 10}};
  const auto lines = problems_of(doc);
  EXPECT_TRUE(has_problem(lines, "incidents.deterence: unknown field (did you mean 'deterrence'?)"));
  EXPECT_TRUE(has_problem(lines, "incidents.kinds.fight.severty: unknown field (did you mean 'severity'?)"));
  EXPECT_TRUE(has_problem(lines, "election.counting.turnuot: unknown field (did you mean 'turnout'?)"));
  EXPECT_TRUE(
      has_problem(lines, "forces.faults.repair_minute: unknown field (did you mean 'repair_minutes'?)"));
}

// ---- counting ------------------------------------------------------------------------------------

TEST(Incidents, TurnoutIsAboveZeroAndAtMostOne) {
  Json doc = minimal();
  doc["election"]["counting"] = {{"turnout", 0}};
  EXPECT_TRUE(has_problem(problems_of(doc), "election.counting.turnout: must be above 0, got 0"));
  doc["election"]["counting"] = {{"turnout", 1.2}};
  EXPECT_TRUE(has_problem(problems_of(doc), "election.counting.turnout: must be at most 1, got 1.2"));
}

TEST(Incidents, CountingMinutesAreNotNegativeAndNotBothZero) {
  Json doc = minimal();
  doc["election"]["counting"] = {{"base_minutes", -10}, {"minutes_per_ballot", -0.1}, {"cv", -1}};
  auto lines = problems_of(doc);
  EXPECT_TRUE(has_problem(lines, "election.counting.base_minutes: must be at least 0, got -10"));
  EXPECT_TRUE(has_problem(lines, "election.counting.minutes_per_ballot: must be at least 0, got -0.1"));
  EXPECT_TRUE(has_problem(lines, "election.counting.cv: must be at least 0, got -1"));
  doc["election"]["counting"] = {{"base_minutes", 0}, {"minutes_per_ballot", 0}};
  EXPECT_TRUE(
      has_problem(problems_of(doc),
                  "election.counting.minutes_per_ballot: base_minutes and minutes_per_ballot must not "
                  "both be 0"));
  doc["election"]["counting"] = {{"base_minutes", 0}};
  EXPECT_TRUE(problems_of(doc).empty()) << "a count may take only its per-ballot time";
}

TEST(Incidents, EveryProblemOfTheSectionIsCollected) {
  Json doc = with_incidents(
      {{"deterrence", 2}, {"post_count_hours", 25}, {"kinds", {{"fight", {{"officers", 0}}}}}});
  doc["election"]["counting"] = {{"turnout", 0}};
  doc["forces"]["faults"] = {{"repair_minutes", -1}};
  EXPECT_EQ(problems_of(doc).size(), 5u);
}

// ---- the schema ----------------------------------------------------------------------------------

Json schema_json() {
  std::ifstream in(std::filesystem::path(SIAGA_SCENARIOS_DIR) / "siaga-scenario-1.schema.json");
  return Json::parse(in);
}

TEST(Incidents, TheSchemaAcceptsTheFullSectionAndRejectsWhatTheParserRejects) {
  const testing::SchemaCheck check(schema_json());
  const auto none = check.problems(full_doc());
  EXPECT_TRUE(none.empty()) << (none.empty() ? "" : none.front());
  Json bad = full_doc();
  bad["incidents"]["response_targets_minutes"] = {15, 30, 60};
  bad["incidents"]["kinds"]["quarrel"]["handling"]["distribution"] = "weibull";
  bad["election"]["counting"]["turnout"] = 0;
  bad["forces"]["faults"]["repair_minute"] = 10;
  const auto lines = check.problems(bad);
  EXPECT_TRUE(has_problem(lines, "$.incidents.response_targets_minutes: maxItems: [15, 30, 60] is too long"))
      << ::testing::PrintToString(lines);
  EXPECT_TRUE(has_problem(lines,
                          "$.incidents.kinds.quarrel.handling.distribution: enum: 'weibull' is not one of "
                          "['exponential', 'lognormal', 'gamma', 'fixed']"));
  EXPECT_TRUE(has_problem(lines,
                          "$.election.counting.turnout: exclusiveMinimum: 0 is less than or equal to "
                          "the minimum of 0"));
  EXPECT_TRUE(has_problem(lines,
                          "$.forces.faults: additionalProperties: Additional properties are not allowed "
                          "('repair_minute' was unexpected)"));
}

TEST(Incidents, TheSchemasDefaultsAreTheParsers) {
  // A section written out of the schema's defaults reads as one that says nothing.
  const Json schema = schema_json();
  const Json& defs = schema["$defs"];
  Json incidents = Json::object();
  for (const auto& [name, field] : defs["incidents"]["properties"].items()) {
    if (field.value("deprecated", false)) continue;  // an older form, read for old scenarios only
    ASSERT_TRUE(field.contains("default")) << name;
    incidents[name] = field["default"];
  }
  Json doc = with_incidents(incidents);
  doc["election"]["counting"] = defs["counting"]["default"];
  doc["forces"]["faults"] = defs["faults"]["default"];
  expect_default_settings(read(doc));
  EXPECT_EQ(defs["counting"]["properties"]["minutes_per_ballot"]["default"], 0.15);
  // A kind written out of the schema's defaults reads as an empty one.
  Json kind = Json::object();
  for (const auto& [name, field] : defs["incident_kind"]["properties"].items()) {
    const Json& of = field.contains("$ref") ? defs[field["$ref"].get<std::string>().substr(8)] : field;
    ASSERT_TRUE(of.contains("default")) << name;
    kind[name] = of["default"];
  }
  const IncidentKind written = read(with_kind(kind)).incidents.kinds.at(0);
  const IncidentKind empty = read(with_kind(Json::object())).incidents.kinds.at(0);
  EXPECT_EQ(written.severity, empty.severity);
  EXPECT_EQ(written.officers, empty.officers);
  EXPECT_EQ(written.handling.distribution, empty.handling.distribution);
  EXPECT_EQ(written.handling.mean_minutes, empty.handling.mean_minutes);
  EXPECT_EQ(written.handling.cv, empty.handling.cv);
  EXPECT_EQ(written.per_1000_tps_day, empty.per_1000_tps_day);
  EXPECT_EQ(written.phase_weights, empty.phase_weights);
}

}  // namespace
}  // namespace siaga::scenario
