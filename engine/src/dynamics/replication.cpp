// One election day. Events are small records (kind, subject, arg) dispatched by a switch; all
// state lives in flat arrays sized once per model and reset per replication, so a day allocates
// nothing once the first one has run.
//
// Common random numbers: every TPS draws its counting time, true category and incident candidates
// from its own streams; a candidate is kept or thinned with a uniform from a separate stream, so a
// plan that deters more drops the same candidates a plan that deters less keeps. Each incident has
// its own stream (handling, escalation), keyed by TPS and candidate number, so what one incident
// draws never shifts another's.

#include "siaga/dynamics/replication.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "siaga/core/distributions.hpp"
#include "siaga/core/simulator.hpp"
#include "siaga/dynamics/dispatch_policy.hpp"
#include "siaga/geo/geodesy.hpp"

namespace siaga::dynamics {

using scenario::Category;
using scenario::kCategoryCount;
using scenario::kPhaseCount;
using scenario::Phase;
using scenario::RetentionPolicyKind;
using scenario::UnitKind;

namespace {

constexpr std::uint32_t kNone = UINT32_MAX;

// Streams are keyed by what an entity is (its id), not by where it stands in a list, so a plan
// whose overrides reorder or extend the units (or TPS) leaves every other entity's draws alone.
// FNV-1a 64: stable across machines and library versions.
std::uint64_t stream_entity(std::string_view id) noexcept {
  std::uint64_t h = 14695981039346656037ull;
  for (const char c : id) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}
constexpr int kGuardMaxSeverity = 2;  // what TPS guards settle themselves (tps_guard default)
constexpr Tick kDayEnd = 48 * kTicksPerHour;

enum EventKind : std::uint16_t {
  kGuardsArrive,     // all groups take their posts
  kCandidate,        // subject tps: a candidate incident arrival
  kCountEnd,         // subject tps
  kBoxAtPps,         // subject tps
  kBoxAtPpk,         // subject tps
  kEscortBack,       // subject tps, arg officers
  kTransitIncident,  // subject tps
  kGuardsOnScene,    // subject incident
  kUnitOnScene,      // subject incident, arg unit
  kEscalate,         // subject incident
  kSettle,           // subject incident
  kUnitBack,         // subject unit
  kGuardsBack,       // subject group, arg officers
  kRetentionEnd,     // subject group
  kQuietCheck,       // subject group
};

enum Purpose : std::uint32_t {
  kTimeline = 1,    // per TPS: true category, counting time
  kArrivals = 2,    // per TPS: candidate times and kinds
  kThinning = 3,    // per TPS: keep or drop each candidate
  kTransit = 4,     // per TPS: incidents on the boxes in transit
  kIncident = 5,    // per incident (entity = candidate number << 32 | tps)
  kUnitDay = 6,     // per unit: absent or not
  kUnitFaults = 7,  // per unit: breakdowns
};

struct TpsDay {
  Tick count_end = 0;
  Tick boost_until = -1;  // contagion
  std::uint32_t arrivals_drawn = 0;
  std::uint32_t thinning_drawn = 0;
  std::uint32_t candidates = 0;
  std::uint8_t true_category = 0;
  bool counted = false;
  std::uint16_t escort = 0;
};

struct GroupDay {
  int present = 0;             // officers at the group's TPS now
  int away = 0;                // at incidents or escorting, coming back
  int retained = 0;            // kept after the last count
  std::uint32_t counting = 0;  // TPS of the group still counting
  bool released = false;       // guards have gone off duty (those away leave when back)
  bool retaining = false;
  Tick retention_start = 0;
  Tick retention_deadline = 0;
  Tick last_incident = -1;
};

enum class UnitState : std::uint8_t { kAbsent, kAvailable, kBusy };

struct UnitDay {
  UnitState state = UnitState::kAvailable;
  std::uint32_t incident = kNone;
  std::uint32_t next = kNone;  // next unit on the same incident
  Tick travel = 0;             // outbound travel of the current assignment
  Tick busy_since = 0;
  Tick busy = 0;  // total busy time today
  std::uint32_t faults_drawn = 0;
  bool on_scene = false;
};

struct IncidentDay {
  std::uint32_t tps = 0;
  std::uint32_t kind = 0;    // index into incidents.kinds: escalation moves to the next one
  std::uint64_t entity = 0;  // stream entity
  std::uint32_t drawn = 0;   // draws taken from its stream
  Tick reported = 0;
  Tick first_on_scene = -1;
  Tick handling_start = -1;
  int needed = 0;
  int capable_on_scene = 0;
  int capable_committed = 0;
  int guards = 0;  // guards sent
  bool guards_on_scene = false;
  std::uint32_t first_unit = kNone;
  EventHandle escalation;
  bool settled = false;
  bool exposed = false;
  Phase phase = Phase::kVoting;
};

}  // namespace

class DayState {
 public:
  explicit DayState(std::shared_ptr<const scenario::Model> model);
  const Outcome& run(std::uint64_t seed, std::uint64_t index, TraceSink* trace);
  const scenario::Model& model() const noexcept { return *model_; }

 private:
  // ---- set-up --------------------------------------------------------------------------------
  void precompute();
  void reset(std::uint64_t seed, std::uint64_t index);

  // ---- events --------------------------------------------------------------------------------
  void handle(const Event& e);
  void on_candidate(std::uint32_t tps, Phase phase, std::uint32_t kind);
  void on_count_end(std::uint32_t tps);
  void on_guards_on_scene(std::uint32_t incident);
  void on_unit_on_scene(std::uint32_t incident, std::uint32_t unit);
  void on_escalate(std::uint32_t incident);
  void on_settle(std::uint32_t incident);
  void on_unit_back(std::uint32_t unit);
  void on_guards_back(std::uint32_t group, int officers);
  void release_group(std::uint32_t group);

  // ---- incidents -----------------------------------------------------------------------------
  void report(std::uint32_t tps, std::uint32_t kind, Phase phase, std::uint64_t entity);
  void dispatch(std::uint32_t incident);
  bool offer(std::uint32_t incident, std::uint32_t unit, Tick travel);
  void start_handling_if_ready(std::uint32_t incident);
  void schedule_escalation(std::uint32_t incident);
  void recount(std::uint32_t incident);
  bool can_settle(std::uint32_t unit, const IncidentDay& inc) const;
  void serve_waiting(std::uint32_t unit);
  void schedule_next_candidate(std::uint32_t tps);
  RandomStream incident_stream(const IncidentDay& inc) const {
    return RandomStream({seed_, index_, inc.entity, kIncident}, inc.drawn);
  }
  Tick handling_time(IncidentDay& inc);
  Tick drive(std::uint32_t unit, Tick travel);

  // ---- helpers -------------------------------------------------------------------------------
  void trace(TraceKind kind, std::uint32_t incident, std::uint32_t tps, std::uint32_t unit,
             std::int64_t value = 0, std::int64_t arg = 0) {
    if (trace_) trace_->record(TraceEvent{sim_.now(), kind, incident, tps, unit, value, arg});
  }
  double deterrence_factor(std::uint32_t tps) const;
  void guards_leave(std::uint32_t group, int officers);
  void finish();

  std::shared_ptr<const scenario::Model> model_;
  const scenario::Scenario& s_;
  const scenario::Incidents& inc_cfg_;
  std::unique_ptr<DispatchPolicy> policy_;

  // Precomputed per model.
  std::array<Tick, kPhaseCount + 1> phase_start_{};  // common boundaries; counting and post count per TPS
  std::vector<std::array<double, kPhaseCount>> kind_rate_;  // per kind, per phase, per ms
  std::array<double, kPhaseCount> total_rate_{};            // sum over kinds, per ms
  std::vector<std::uint8_t> village_bhabin_units_;          // units serving the village
  std::vector<std::uint32_t> unit_post_;                    // post index of each unit
  std::vector<std::uint64_t> tps_entity_, unit_entity_;     // stream entities (hashes of ids)
  std::vector<std::uint32_t> contagion_offsets_, contagion_tps_;
  double candidate_boost_ = 1.0;

  // Mutable day state.
  Simulator sim_;
  TraceSink* trace_ = nullptr;
  std::uint64_t seed_ = 0, index_ = 0;
  std::vector<TpsDay> tps_;
  std::vector<GroupDay> groups_;
  std::vector<UnitDay> units_;
  std::vector<IncidentDay> incidents_;
  std::vector<std::uint32_t> waiting_;  // incidents short of officers: severity desc, then report time
  std::vector<int> available_at_post_;
  std::vector<std::uint8_t> bhabin_present_;  // per village, today
  std::vector<double> first_response_, full_response_, exposed_response_;
  Tick last_box_ = 0;
  double guard_duty_hours_ = 0, retention_hours_ = 0, travel_hours_ = 0;
  std::uint32_t escalations_ = 0, transit_incidents_ = 0;
  Outcome out_;
};

// ============================================================================================
// Set-up
// ============================================================================================

DayState::DayState(std::shared_ptr<const scenario::Model> model)
    : model_(std::move(model)),
      s_(model_->scenario()),
      inc_cfg_(s_.incidents),
      policy_(make_dispatch_policy(s_.plan.dispatch)) {
  precompute();
  tps_.resize(s_.region.tps.size());
  groups_.resize(model_->guard_groups().size());
  units_.resize(s_.forces.units.size());
  available_at_post_.resize(s_.forces.posts.size());
  bhabin_present_.resize(s_.region.villages.size());
  out_.incidents_by_kind.resize(inc_cfg_.kinds.size());
  for (auto* v : {&out_.tps_incidents, &out_.tps_escalations, &out_.tps_late, &out_.tps_exposed})
    v->resize(s_.region.tps.size());
}

void DayState::precompute() {
  const scenario::Election& e = s_.election;
  phase_start_ = {hours(e.setup_hour),
                  hours(e.opening_hour),
                  std::max(hours(e.opening_hour), hours(e.closing_hour - 1.0)),
                  hours(e.closing_hour),
                  0,
                  0};
  // Typical phase lengths turn a kind's incidents per TPS-day into rates per hour of each phase.
  double mean_voters = 0;
  for (const auto& t : s_.region.tps) mean_voters += t.voters;
  mean_voters /= std::max<std::size_t>(1, s_.region.tps.size());
  const scenario::Counting& c = e.counting;
  const double counting_hours =
      (c.base_minutes + c.minutes_per_ballot * mean_voters * c.turnout * e.ballots_per_voter) / 60.0;
  const std::array<double, kPhaseCount> typical{
      e.opening_hour - e.setup_hour, std::max(0.0, e.closing_hour - e.opening_hour - 1.0),
      std::min(1.0, e.closing_hour - e.opening_hour), counting_hours, inc_cfg_.post_count_hours};
  kind_rate_.assign(inc_cfg_.kinds.size(), {});
  total_rate_.fill(0.0);
  for (std::size_t k = 0; k < inc_cfg_.kinds.size(); ++k) {
    const auto& kind = inc_cfg_.kinds[k];
    double weighted_hours = 0;
    for (std::size_t p = 0; p < kPhaseCount; ++p) weighted_hours += kind.phase_weights[p] * typical[p];
    for (std::size_t p = 0; p < kPhaseCount; ++p) {
      const double per_hour =
          weighted_hours > 0 ? kind.per_1000_tps_day / 1000.0 * kind.phase_weights[p] / weighted_hours : 0.0;
      kind_rate_[k][p] = per_hour / static_cast<double>(kTicksPerHour);
      total_rate_[p] += kind_rate_[k][p];
    }
  }
  tps_entity_.clear();
  for (const auto& t : s_.region.tps) tps_entity_.push_back(stream_entity(t.id));
  unit_entity_.clear();
  for (const auto& u : s_.forces.units) unit_entity_.push_back(stream_entity(u.id));
  village_bhabin_units_.assign(s_.region.villages.size(), 0);
  unit_post_.resize(s_.forces.units.size());
  for (std::size_t u = 0; u < s_.forces.units.size(); ++u) {
    const auto& unit = s_.forces.units[u];
    unit_post_[u] = static_cast<std::uint32_t>(unit.post);
    if (unit.kind == UnitKind::kBhabinkamtibmas && unit.village) village_bhabin_units_[*unit.village] = 1;
  }
  // Contagion: TPS within the radius of each other, by a grid of cells one radius wide.
  candidate_boost_ = inc_cfg_.contagion ? std::max(1.0, inc_cfg_.contagion_boost) : 1.0;
  contagion_offsets_.assign(1, 0);
  contagion_tps_.clear();
  if (inc_cfg_.contagion && inc_cfg_.contagion_radius_km > 0) {
    const auto& graph = model_->roads();
    const double radius_m = inc_cfg_.contagion_radius_km * 1000.0;
    const double cell_deg = radius_m / 111'195.0;
    std::vector<std::pair<std::int64_t, std::uint32_t>> cells;  // (cell key, tps)
    auto key = [&](const geo::GeoPoint& p) {
      const auto x = static_cast<std::int64_t>(std::floor(p.lon / cell_deg));
      const auto y = static_cast<std::int64_t>(std::floor(p.lat / cell_deg));
      return std::pair{x, y};
    };
    auto pack = [](std::int64_t x, std::int64_t y) { return (x << 32) ^ (y & 0xffffffff); };
    for (std::uint32_t i = 0; i < model_->tps().size(); ++i) {
      const auto [x, y] = key(graph.node(model_->tps()[i].node));
      cells.emplace_back(pack(x, y), i);
    }
    std::sort(cells.begin(), cells.end());
    for (std::uint32_t i = 0; i < model_->tps().size(); ++i) {
      const geo::GeoPoint& p = graph.node(model_->tps()[i].node);
      const auto [x, y] = key(p);
      for (std::int64_t dx = -1; dx <= 1; ++dx)
        for (std::int64_t dy = -1; dy <= 1; ++dy) {
          const std::int64_t k = pack(x + dx, y + dy);
          for (auto it = std::lower_bound(cells.begin(), cells.end(), std::pair{k, 0u});
               it != cells.end() && it->first == k; ++it)
            if (it->second != i && geo::distance_m(p, graph.node(model_->tps()[it->second].node)) <= radius_m)
              contagion_tps_.push_back(it->second);
        }
      std::sort(contagion_tps_.begin() + contagion_offsets_.back(), contagion_tps_.end());
      contagion_offsets_.push_back(static_cast<std::uint32_t>(contagion_tps_.size()));
    }
  }
}

void DayState::reset(std::uint64_t seed, std::uint64_t index) {
  seed_ = seed;
  index_ = index;
  sim_.reset(0);
  incidents_.clear();
  waiting_.clear();
  first_response_.clear();
  full_response_.clear();
  exposed_response_.clear();
  last_box_ = 0;
  guard_duty_hours_ = retention_hours_ = travel_hours_ = 0;
  escalations_ = transit_incidents_ = 0;
  out_.metrics.fill(0.0);
  std::fill(out_.incidents_by_kind.begin(), out_.incidents_by_kind.end(), 0);
  out_.incidents_by_phase.fill(0);
  out_.incidents_by_category.fill(0);
  for (auto* v : {&out_.tps_incidents, &out_.tps_escalations, &out_.tps_late, &out_.tps_exposed})
    std::fill(v->begin(), v->end(), 0);

  // Units: absences first (they decide which villages have their Bhabinkamtibmas today).
  std::fill(available_at_post_.begin(), available_at_post_.end(), 0);
  std::fill(bhabin_present_.begin(), bhabin_present_.end(), 0);
  const double p_absent = s_.forces.faults.unavailable_probability;
  for (std::uint32_t u = 0; u < units_.size(); ++u) {
    const auto& unit = s_.forces.units[u];
    RandomStream day({seed, index, unit_entity_[u], kUnitDay});
    const bool absent = bernoulli(day, p_absent);
    units_[u] = UnitDay{};
    units_[u].state = absent ? UnitState::kAbsent : UnitState::kAvailable;
    if (absent) continue;
    if (unit.dispatchable) ++available_at_post_[unit_post_[u]];
    if (unit.kind == UnitKind::kBhabinkamtibmas && unit.village) bhabin_present_[*unit.village] = 1;
  }

  // Groups start empty; guards arrive at set-up.
  for (std::uint32_t g = 0; g < groups_.size(); ++g) {
    groups_[g] = GroupDay{};
    groups_[g].counting = model_->guard_groups()[g].tps_count;
  }

  // TPS: true category, counting time, first candidate.
  const scenario::Election& e = s_.election;
  const scenario::Counting& c = e.counting;
  const auto& posterior = model_->true_given_rated();
  for (std::uint32_t i = 0; i < tps_.size(); ++i) {
    const auto& t = s_.region.tps[i];
    TpsDay& d = tps_[i];
    d = TpsDay{};
    RandomStream timeline({seed, index, tps_entity_[i], kTimeline});
    const auto rated = static_cast<std::size_t>(t.category);
    const double u = timeline.uniform01();
    double cumulative = 0;
    d.true_category = static_cast<std::uint8_t>(rated);
    for (std::size_t k = 0; k < kCategoryCount; ++k) {
      cumulative += posterior[rated][k];
      if (u < cumulative) {
        d.true_category = static_cast<std::uint8_t>(k);
        break;
      }
    }
    const double mean = c.base_minutes + c.minutes_per_ballot * t.voters * c.turnout * e.ballots_per_voter;
    d.count_end = phase_start_[3] + minutes(mean > 0 ? lognormal_mean_cv(timeline, mean, c.cv) : 0.0);
    sim_.schedule_at(d.count_end, {kCountEnd, 0, i, 0});
    schedule_next_candidate(i);
  }
  sim_.schedule_at(phase_start_[0], {kGuardsArrive, 0, 0, 0}, 0);
}

// ============================================================================================
// Arrivals
// ============================================================================================

double DayState::deterrence_factor(std::uint32_t tps) const {
  const scenario::TpsSite& site = model_->tps()[tps];
  const scenario::GuardGroup& g = model_->guard_groups()[site.guard_group];
  const double coverage = std::min(1.0, static_cast<double>(groups_[site.guard_group].present) /
                                            static_cast<double>(std::max<std::uint32_t>(1, g.tps_count)));
  return 1.0 - (1.0 - inc_cfg_.deterrence) * coverage;
}

void DayState::schedule_next_candidate(std::uint32_t tps) {
  TpsDay& d = tps_[tps];
  const auto& site = model_->tps()[tps];
  // The candidate rate leaves out deterrence and contagion's timing (thinning adds them), so the
  // candidates of a TPS are the same under every plan.
  const double multiplier =
      inc_cfg_.category_multiplier[d.true_category] *
      (village_bhabin_units_[site.village] && bhabin_present_[site.village] ? inc_cfg_.bhabinkamtibmas_factor
                                                                            : 1.0) *
      candidate_boost_;
  const Tick post_end = d.count_end + hours(inc_cfg_.post_count_hours);
  const std::array<Tick, kPhaseCount + 1> bounds{phase_start_[0], phase_start_[1], phase_start_[2],
                                                 phase_start_[3], d.count_end,     post_end};
  RandomStream arrivals({seed_, index_, tps_entity_[tps], kArrivals}, d.arrivals_drawn);
  double budget = -std::log(arrivals.uniform01());
  const Tick now = sim_.now();
  for (std::size_t p = 0; p < kPhaseCount; ++p) {
    const Tick start = std::max(now, bounds[p]);
    const Tick end = bounds[p + 1];
    const double rate = total_rate_[p] * multiplier;
    if (start >= end || rate <= 0) continue;
    const double capacity = rate * static_cast<double>(end - start);
    if (budget <= capacity) {
      const Tick at = std::min(end - 1, std::max(now + 1, start + to_ticks(budget / rate)));
      // The candidate's kind, drawn now from the same stream, so it is fixed whatever is thinned.
      const double pick = arrivals.uniform01() * total_rate_[p];
      std::uint32_t kind = 0;
      double cumulative = kind_rate_[0][p];
      while (pick >= cumulative && kind + 1 < kind_rate_.size()) cumulative += kind_rate_[++kind][p];
      d.arrivals_drawn = static_cast<std::uint32_t>(arrivals.draws());
      sim_.schedule_at(at, {kCandidate, static_cast<std::uint16_t>(p), tps, kind});
      return;
    }
    budget -= capacity;
  }
  d.arrivals_drawn = static_cast<std::uint32_t>(arrivals.draws());
}

void DayState::on_candidate(std::uint32_t tps, Phase phase, std::uint32_t kind) {
  TpsDay& d = tps_[tps];
  const std::uint32_t candidate = d.candidates++;
  RandomStream thinning({seed_, index_, tps_entity_[tps], kThinning}, d.thinning_drawn);
  const double u = thinning.uniform01();
  d.thinning_drawn = static_cast<std::uint32_t>(thinning.draws());
  const double contagion = d.boost_until > sim_.now() ? 1.0 : 1.0 / candidate_boost_;
  const bool keep = u < deterrence_factor(tps) * contagion;
  schedule_next_candidate(tps);
  // Each incident's own stream: the TPS's entity mixed with the candidate number (golden-ratio
  // multiplier), the same under every plan.
  if (keep)
    report(tps, kind, phase,
           tps_entity_[tps] ^ ((static_cast<std::uint64_t>(candidate) + 1) * 0x9E3779B97F4A7C15ull));
}

// ============================================================================================
// Incidents
// ============================================================================================

void DayState::report(std::uint32_t tps, std::uint32_t kind, Phase phase, std::uint64_t entity) {
  const auto id = static_cast<std::uint32_t>(incidents_.size());
  IncidentDay& inc = incidents_.emplace_back();
  inc.tps = tps;
  inc.kind = kind;
  inc.entity = entity;
  inc.reported = sim_.now();
  inc.needed = inc_cfg_.kinds[kind].officers;
  inc.phase = phase;
  const auto& site = model_->tps()[tps];
  GroupDay& group = groups_[site.guard_group];
  inc.exposed = tps_[tps].counted && group.present == 0 && (group.released || group.retained == 0);
  group.last_incident = sim_.now();
  ++out_.incidents_by_kind[kind];
  ++out_.incidents_by_phase[static_cast<std::size_t>(phase)];
  ++out_.incidents_by_category[static_cast<std::size_t>(s_.region.tps[tps].category)];
  ++out_.tps_incidents[tps];
  if (inc.exposed) ++out_.tps_exposed[tps];
  trace(TraceKind::kIncidentReported, id, tps, kNone, inc_cfg_.kinds[kind].severity, kind);

  if (inc_cfg_.contagion)
    for (std::uint32_t k = contagion_offsets_[tps]; k < contagion_offsets_[tps + 1]; ++k)
      tps_[contagion_tps_[k]].boost_until = sim_.now() + minutes(inc_cfg_.contagion_minutes);

  // Guards of the TPS's group answer first; they count toward the officers needed only for what
  // they can settle themselves, and otherwise hold the scene until others come.
  if (group.present > 0 && !group.released) {
    const int sent = std::min(group.present, inc.needed);
    group.present -= sent;
    SIAGA_CHECK(group.present >= 0, "a guard group's headcount went negative");
    group.away += sent;
    inc.guards = sent;
    if (inc_cfg_.kinds[kind].severity <= kGuardMaxSeverity) inc.capable_committed += sent;
    trace(TraceKind::kGuardsRespond, id, tps, kNone, sent);
    if (site.guard_travel == 0) {
      on_guards_on_scene(id);
    } else {
      sim_.schedule_in(site.guard_travel, {kGuardsOnScene, 0, id, 0});
      travel_hours_ += sent * to_hours(site.guard_travel);
    }
  }
  IncidentDay& again = incidents_[id];
  if (again.handling_start < 0) {
    dispatch(id);
    start_handling_if_ready(id);
    if (incidents_[id].handling_start < 0) schedule_escalation(id);
  }
}

bool DayState::can_settle(std::uint32_t unit, const IncidentDay& inc) const {
  return s_.forces.units[unit].max_severity >= inc_cfg_.kinds[inc.kind].severity;
}

void DayState::dispatch(std::uint32_t id) {
  const std::uint32_t tps = incidents_[id].tps;
  for (std::size_t tier = 0; tier < scenario::kDispatchTierCount; ++tier) {
    const auto t = static_cast<scenario::DispatchTier>(tier);
    const auto tier_units = model_->tier_units(t);
    for (const geo::NearestSource& c : model_->tps_candidates(t).of(tps)) {
      if (incidents_[id].capable_committed >= incidents_[id].needed) return;
      offer(id, tier_units[c.source], c.time);
    }
  }
}

bool DayState::offer(std::uint32_t id, std::uint32_t u, Tick travel) {
  IncidentDay& inc = incidents_[id];
  UnitDay& unit = units_[u];
  const auto& cfg = s_.forces.units[u];
  const Tick now = sim_.now();
  if (unit.state != UnitState::kAvailable || !can_settle(u, inc)) return false;
  if (now < hours(cfg.duty_start_hour) || now >= hours(cfg.duty_end_hour)) return false;
  const DispatchOffer o{u,
                        inc.tps,
                        inc_cfg_.kinds[inc.kind].severity,
                        inc.needed - inc.capable_committed,
                        travel,
                        available_at_post_[unit_post_[u]]};
  if (!policy_->accept(o)) return false;
  unit.state = UnitState::kBusy;
  unit.incident = id;
  unit.on_scene = false;
  unit.next = inc.first_unit;
  inc.first_unit = u;
  unit.travel = travel;
  unit.busy_since = now;
  --available_at_post_[unit_post_[u]];
  SIAGA_CHECK(available_at_post_[unit_post_[u]] >= 0, "a post sent more units than it had");
  inc.capable_committed += cfg.headcount;
  const Tick arrive = now + minutes(cfg.mobilisation_minutes) + drive(u, travel);
  travel_hours_ += cfg.headcount * to_hours(2 * travel);
  trace(TraceKind::kDispatched, id, inc.tps, u, cfg.headcount, arrive);
  sim_.schedule_at(arrive, {kUnitOnScene, 0, id, u});
  return true;
}

Tick DayState::drive(std::uint32_t u, Tick travel) {
  const scenario::Faults& f = s_.forces.faults;
  const auto& cfg = s_.forces.units[u];
  if (f.breakdown_per_hour <= 0 || travel <= 0 || cfg.vehicle == geo::Vehicle::kFoot) return travel;
  RandomStream faults({seed_, index_, unit_entity_[u], kUnitFaults}, units_[u].faults_drawn);
  const Tick breakdown = hours(exponential(faults, 1.0 / f.breakdown_per_hour));
  units_[u].faults_drawn = static_cast<std::uint32_t>(faults.draws());
  if (breakdown >= travel) return travel;
  // Until repaired the unit walks: foot covers `repair / slowdown` of the remaining driving time.
  const auto& speeds = model_->roads().speeds()[static_cast<std::size_t>(geo::RoadClass::kVillage)];
  const double vehicle = speeds[static_cast<std::size_t>(cfg.vehicle)];
  const double foot = speeds[static_cast<std::size_t>(geo::Vehicle::kFoot)];
  const double slowdown = foot > 0 && vehicle > foot ? vehicle / foot : 1.0;
  const Tick remaining = travel - breakdown;
  const Tick repair = minutes(f.repair_minutes);
  const Tick arrive = static_cast<double>(repair) / slowdown >= static_cast<double>(remaining)
                          ? breakdown + to_ticks(static_cast<double>(remaining) * slowdown)
                          : breakdown + repair + remaining - to_ticks(static_cast<double>(repair) / slowdown);
  trace(TraceKind::kUnitBreakdown, units_[u].incident, kNone, u, 0, arrive - travel);
  return arrive;
}

void DayState::on_guards_on_scene(std::uint32_t id) {
  IncidentDay& inc = incidents_[id];
  inc.guards_on_scene = true;
  if (inc.settled) {  // settled before they arrived: back to their group
    sim_.schedule_in(model_->tps()[inc.tps].guard_travel, {kGuardsBack, 0, model_->tps()[inc.tps].guard_group,
                                                           static_cast<std::uint32_t>(inc.guards)});
    return;
  }
  if (inc.first_on_scene < 0) inc.first_on_scene = sim_.now();
  if (inc_cfg_.kinds[inc.kind].severity <= kGuardMaxSeverity) inc.capable_on_scene += inc.guards;
  trace(TraceKind::kOnScene, id, inc.tps, kNone, inc.capable_on_scene);
  start_handling_if_ready(id);
}

void DayState::on_unit_on_scene(std::uint32_t id, std::uint32_t u) {
  IncidentDay& inc = incidents_[id];
  UnitDay& unit = units_[u];
  if (inc.settled) {
    sim_.schedule_in(unit.travel, {kUnitBack, 0, u, 0});
    return;
  }
  unit.on_scene = true;
  if (inc.first_on_scene < 0) inc.first_on_scene = sim_.now();
  if (can_settle(u, inc)) inc.capable_on_scene += s_.forces.units[u].headcount;
  trace(TraceKind::kOnScene, id, inc.tps, u, inc.capable_on_scene);
  start_handling_if_ready(id);
}

void DayState::start_handling_if_ready(std::uint32_t id) {
  IncidentDay& inc = incidents_[id];
  if (inc.handling_start >= 0 || inc.settled || inc.capable_on_scene < inc.needed) return;
  inc.handling_start = sim_.now();
  sim_.cancel(inc.escalation);
  waiting_.erase(std::remove(waiting_.begin(), waiting_.end(), id), waiting_.end());
  trace(TraceKind::kHandlingStarts, id, inc.tps, kNone, inc.capable_on_scene);
  const Tick duration = handling_time(inc);
  sim_.schedule_in(duration, {kSettle, 0, id, 0});
}

Tick DayState::handling_time(IncidentDay& inc) {
  const scenario::Handling& h = inc_cfg_.kinds[inc.kind].handling;
  RandomStream s = incident_stream(inc);
  double m = h.mean_minutes;
  switch (h.distribution) {
    case scenario::HandlingDistribution::kExponential:
      m = exponential(s, h.mean_minutes);
      break;
    case scenario::HandlingDistribution::kLognormal:
      m = lognormal_mean_cv(s, h.mean_minutes, h.cv);
      break;
    case scenario::HandlingDistribution::kGamma: {
      const double shape = 1.0 / (h.cv * h.cv);
      m = gamma(s, shape, h.mean_minutes / shape);
      break;
    }
    case scenario::HandlingDistribution::kFixed:
      break;
  }
  inc.drawn = static_cast<std::uint32_t>(s.draws());
  return std::max<Tick>(1, minutes(m));
}

void DayState::schedule_escalation(std::uint32_t id) {
  IncidentDay& inc = incidents_[id];
  if (std::find(waiting_.begin(), waiting_.end(), id) == waiting_.end()) {
    // Waiting incidents are served by severity, then by report time.
    const int sev = inc_cfg_.kinds[inc.kind].severity;
    auto pos = std::find_if(waiting_.begin(), waiting_.end(), [&](std::uint32_t other) {
      return inc_cfg_.kinds[incidents_[other].kind].severity < sev;
    });
    waiting_.insert(pos, id);
  }
  if (inc.kind + 1 >= inc_cfg_.kinds.size() || inc_cfg_.escalation_per_hour <= 0) return;
  RandomStream s = incident_stream(inc);
  const Tick after = hours(exponential(s, 1.0 / inc_cfg_.escalation_per_hour));
  inc.drawn = static_cast<std::uint32_t>(s.draws());
  inc.escalation = sim_.schedule_cancellable_in(std::max<Tick>(1, after), {kEscalate, 0, id, 0});
}

void DayState::recount(std::uint32_t id) {
  IncidentDay& inc = incidents_[id];
  const bool guards_count = inc_cfg_.kinds[inc.kind].severity <= kGuardMaxSeverity;
  inc.capable_committed = guards_count ? inc.guards : 0;
  inc.capable_on_scene = guards_count && inc.guards_on_scene ? inc.guards : 0;
  for (std::uint32_t u = inc.first_unit; u != kNone; u = units_[u].next) {
    if (!can_settle(u, inc)) continue;
    inc.capable_committed += s_.forces.units[u].headcount;
    if (units_[u].on_scene) inc.capable_on_scene += s_.forces.units[u].headcount;
  }
}

void DayState::on_escalate(std::uint32_t id) {
  IncidentDay& inc = incidents_[id];
  if (inc.settled || inc.handling_start >= 0) return;
  ++inc.kind;
  inc.needed = inc_cfg_.kinds[inc.kind].officers;
  ++escalations_;
  ++out_.tps_escalations[inc.tps];
  trace(TraceKind::kEscalated, id, inc.tps, kNone, inc_cfg_.kinds[inc.kind].severity, inc.kind);
  recount(id);
  waiting_.erase(std::remove(waiting_.begin(), waiting_.end(), id), waiting_.end());
  dispatch(id);
  start_handling_if_ready(id);
  if (incidents_[id].handling_start < 0) schedule_escalation(id);
}

void DayState::on_settle(std::uint32_t id) {
  IncidentDay& inc = incidents_[id];
  inc.settled = true;
  trace(TraceKind::kSettled, id, inc.tps, kNone);
  for (std::uint32_t u = inc.first_unit; u != kNone; u = units_[u].next)
    if (units_[u].on_scene) sim_.schedule_in(units_[u].travel, {kUnitBack, 0, u, 0});
  if (inc.guards > 0 && inc.guards_on_scene) {
    const auto& site = model_->tps()[inc.tps];
    sim_.schedule_in(site.guard_travel,
                     {kGuardsBack, 0, site.guard_group, static_cast<std::uint32_t>(inc.guards)});
  }
}

void DayState::on_unit_back(std::uint32_t u) {
  UnitDay& unit = units_[u];
  unit.busy += sim_.now() - unit.busy_since;
  unit.state = UnitState::kAvailable;
  unit.incident = kNone;
  unit.on_scene = false;
  ++available_at_post_[unit_post_[u]];
  trace(TraceKind::kUnitReturns, kNone, kNone, u);
  serve_waiting(u);
}

void DayState::serve_waiting(std::uint32_t u) {
  const auto tier = scenario::dispatch_tier(s_.forces.units[u].kind);
  const auto tier_units = model_->tier_units(tier);
  for (std::size_t w = 0; w < waiting_.size() && units_[u].state == UnitState::kAvailable; ++w) {
    const std::uint32_t id = waiting_[w];
    const IncidentDay& inc = incidents_[id];
    if (inc.capable_committed >= inc.needed) continue;
    for (const geo::NearestSource& c : model_->tps_candidates(tier).of(inc.tps))
      if (tier_units[c.source] == u) {
        offer(id, u, c.time);
        break;
      }
  }
}

// ============================================================================================
// Timeline: count, boxes, guards
// ============================================================================================

void DayState::on_count_end(std::uint32_t i) {
  TpsDay& d = tps_[i];
  d.counted = true;
  const auto& site = model_->tps()[i];
  const std::uint32_t g = site.guard_group;
  GroupDay& group = groups_[g];
  const auto category = static_cast<std::size_t>(s_.region.tps[i].category);
  const scenario::RetentionRule& rule = s_.plan.retention[category];
  trace(TraceKind::kCountEnds, kNone, i, kNone);

  // Ballot boxes leave at once, escorted unless the policy is to leave. When this is the group's
  // last TPS, the officers the retention rule keeps are set aside first; the escort comes from
  // the rest.
  const bool stays =
      rule.policy == RetentionPolicyKind::kFixed || rule.policy == RetentionPolicyKind::kUntilQuiet;
  const int keep = group.counting == 1 && stays ? std::min(group.present, rule.officers) : 0;
  const int escort = rule.policy == RetentionPolicyKind::kLeave || group.released
                         ? 0
                         : std::min(group.present - keep, s_.plan.escort[category]);
  group.present -= escort;
  group.away += escort;
  d.escort = static_cast<std::uint16_t>(escort);
  trace(TraceKind::kBoxDeparts, kNone, i, kNone, escort);
  const auto& chain = s_.election.ballot_chain;
  const bool to_pps = std::find(chain.begin(), chain.end(), scenario::BallotStage::kPps) != chain.end();
  const bool to_ppk = std::find(chain.begin(), chain.end(), scenario::BallotStage::kPpk) != chain.end();
  const Tick first_leg = site.to_pps;
  const Tick second_leg = to_ppk ? model_->pps_to_ppk()[site.village] : 0;
  const Tick trip = first_leg + second_leg;
  if (to_pps) sim_.schedule_in(first_leg, {kBoxAtPps, 0, i, 0});
  if (to_ppk) sim_.schedule_in(trip, {kBoxAtPpk, 0, i, 0});
  if (!to_pps && !to_ppk) last_box_ = std::max(last_box_, sim_.now());
  travel_hours_ += escort * to_hours(2 * trip);
  if (escort > 0) sim_.schedule_in(2 * trip, {kEscortBack, 0, i, static_cast<std::uint32_t>(escort)});
  // Incidents on the boxes on the road; an escort makes them rarer.
  const double per_ms = inc_cfg_.transit_per_1000_box_hours / 1000.0 / static_cast<double>(kTicksPerHour) *
                        (escort > 0 ? inc_cfg_.transit_escort_factor : 1.0);
  if (per_ms > 0 && trip > 0) {
    RandomStream transit({seed_, index_, tps_entity_[i], kTransit});
    const double at = exponential(transit, 1.0 / per_ms);
    if (at < static_cast<double>(trip)) sim_.schedule_in(to_ticks(at), {kTransitIncident, 0, i, 0});
  }

  // Retention decides once the group's last TPS has counted.
  if (--group.counting > 0 || group.released) return;
  const Tick now = sim_.now();
  switch (rule.policy) {
    case RetentionPolicyKind::kLeave:
    case RetentionPolicyKind::kEscort:
      release_group(g);
      return;
    case RetentionPolicyKind::kFixed:
    case RetentionPolicyKind::kUntilQuiet: {
      guards_leave(g, group.present - keep);
      group.present = keep;
      group.retained = keep;
      group.retaining = true;
      group.retention_start = now;
      if (rule.policy == RetentionPolicyKind::kFixed) {
        group.retention_deadline = now + hours(rule.hours);
        sim_.schedule_at(group.retention_deadline, {kRetentionEnd, 0, g, 0});
      } else {
        group.retention_deadline = now + hours(rule.max_hours);
        sim_.schedule_at(std::min(group.retention_deadline, now + minutes(rule.quiet_minutes)),
                         {kQuietCheck, 0, g, 0});
      }
      return;
    }
  }
}

void DayState::guards_leave(std::uint32_t g, int officers) {
  if (officers <= 0) return;
  guard_duty_hours_ += officers * to_hours(sim_.now() - phase_start_[0]);
  trace(TraceKind::kGuardsLeave, kNone, model_->group_tps()[model_->guard_groups()[g].first_tps], kNone,
        officers);
}

void DayState::release_group(std::uint32_t g) {
  GroupDay& group = groups_[g];
  if (group.retaining) retention_hours_ += group.retained * to_hours(sim_.now() - group.retention_start);
  guards_leave(g, group.present);
  group.present = 0;
  group.released = true;
  group.retaining = false;
}

void DayState::on_guards_back(std::uint32_t g, int officers) {
  GroupDay& group = groups_[g];
  group.away -= officers;
  SIAGA_CHECK(group.away >= 0, "more guards came back than had left");
  if (group.released) {
    guards_leave(g, officers);
    return;
  }
  group.present += officers;
}

// ============================================================================================
// The run
// ============================================================================================

void DayState::handle(const Event& e) {
  const std::uint32_t x = e.data.subject;
  switch (e.data.kind) {
    case kGuardsArrive:
      for (std::uint32_t g = 0; g < groups_.size(); ++g) {
        groups_[g].present = model_->guard_groups()[g].officers;
        if (trace_ && groups_[g].present > 0)
          trace(TraceKind::kGuardsArrive, kNone, model_->group_tps()[model_->guard_groups()[g].first_tps],
                kNone, groups_[g].present);
      }
      break;
    case kCandidate:
      on_candidate(x, static_cast<Phase>(e.data.spare), e.data.arg);
      break;
    case kCountEnd:
      on_count_end(x);
      break;
    case kBoxAtPps:
      trace(TraceKind::kBoxArrives, kNone, x, kNone, tps_[x].escort, 0);
      if (s_.election.ballot_chain.back() == scenario::BallotStage::kPps)
        last_box_ = std::max(last_box_, sim_.now());
      break;
    case kBoxAtPpk:
      trace(TraceKind::kBoxArrives, kNone, x, kNone, tps_[x].escort, 1);
      last_box_ = std::max(last_box_, sim_.now());
      break;
    case kEscortBack: {
      // An escort rejoins its group while the group's other TPS still count; after the last count
      // it stands down once the boxes are delivered.
      const std::uint32_t g = model_->tps()[x].guard_group;
      if (groups_[g].counting > 0) {
        on_guards_back(g, static_cast<int>(e.data.arg));
      } else {
        groups_[g].away -= static_cast<int>(e.data.arg);
        guards_leave(g, static_cast<int>(e.data.arg));
      }
      break;
    }
    case kTransitIncident:
      ++transit_incidents_;
      trace(TraceKind::kTransitIncident, kNone, x, kNone, tps_[x].escort);
      break;
    case kGuardsOnScene:
      on_guards_on_scene(x);
      break;
    case kUnitOnScene:
      on_unit_on_scene(x, e.data.arg);
      break;
    case kEscalate:
      on_escalate(x);
      break;
    case kSettle:
      on_settle(x);
      break;
    case kUnitBack:
      on_unit_back(x);
      break;
    case kGuardsBack:
      on_guards_back(x, static_cast<int>(e.data.arg));
      break;
    case kRetentionEnd:
      if (!groups_[x].released) release_group(x);
      break;
    case kQuietCheck: {
      GroupDay& group = groups_[x];
      if (group.released) break;
      const Tick quiet = minutes(
          s_.plan.retention[static_cast<std::size_t>(model_->guard_groups()[x].category)].quiet_minutes);
      const Tick quiet_since = std::max(group.last_incident, group.retention_start);
      if (sim_.now() >= group.retention_deadline || sim_.now() - quiet_since >= quiet) {
        release_group(x);
      } else {
        sim_.schedule_at(std::min(group.retention_deadline, quiet_since + quiet), {kQuietCheck, 0, x, 0});
      }
      break;
    }
    default:
      SIAGA_CHECK(false, "unknown event kind");
  }
}

const Outcome& DayState::run(std::uint64_t seed, std::uint64_t index, TraceSink* trace) {
  trace_ = trace;
  reset(seed, index);
  if (trace_)
    for (std::uint32_t u = 0; u < units_.size(); ++u)
      if (units_[u].state == UnitState::kAbsent) this->trace(TraceKind::kUnitAbsent, kNone, kNone, u);
  sim_.run_until(kDayEnd, [this](Simulator&, const Event& e) { handle(e); });
  finish();
  trace_ = nullptr;
  return out_;
}

namespace {
// Type 7 quantile of sorted values.
double quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double h = (static_cast<double>(sorted.size()) - 1.0) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}
double mean_of(const std::vector<double>& v) {
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}
}  // namespace

void DayState::finish() {
  const Tick end = sim_.now();
  const double target1 = inc_cfg_.response_targets_minutes[0];
  const double target2 = inc_cfg_.response_targets_minutes[1];
  std::uint32_t unsettled = 0, never = 0, serious = 0, within1 = 0, within2 = 0, exposed = 0;
  bool long_wait = false;
  for (std::uint32_t id = 0; id < incidents_.size(); ++id) {
    const IncidentDay& inc = incidents_[id];
    if (!inc.settled) {
      ++unsettled;
      trace(TraceKind::kOpenAtEnd, id, inc.tps, kNone, inc_cfg_.kinds[inc.kind].severity);
    }
    if (inc.exposed) ++exposed;
    // The reported kind is where escalation started: count serious by the first kind's severity.
    if (inc.first_on_scene < 0) {
      ++never;
      long_wait = true;
      ++out_.tps_late[inc.tps];
    } else {
      const double first = to_minutes(inc.first_on_scene - inc.reported);
      first_response_.push_back(first);
      if (inc.exposed) exposed_response_.push_back(first);
      within1 += first <= target1 ? 1 : 0;
      within2 += first <= target2 ? 1 : 0;
      long_wait = long_wait || first > target2;
      if (first > target1) ++out_.tps_late[inc.tps];
    }
    if (inc.handling_start >= 0) full_response_.push_back(to_minutes(inc.handling_start - inc.reported));
  }
  for (std::size_t k = 0; k < out_.incidents_by_kind.size(); ++k)
    if (inc_cfg_.kinds[k].severity >= 3) serious += out_.incidents_by_kind[k];
  std::sort(first_response_.begin(), first_response_.end());
  std::sort(full_response_.begin(), full_response_.end());
  const double n = static_cast<double>(incidents_.size());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Outcome& o = out_;
  o[Metric::kIncidents] = n;
  o[Metric::kSeriousIncidents] = serious;
  o[Metric::kEscalations] = escalations_;
  o[Metric::kAnyEscalation] = escalations_ > 0 ? 1 : 0;
  o[Metric::kUnsettled] = unsettled;
  o[Metric::kNeverAnswered] = never;
  o[Metric::kFirstResponseMean] = mean_of(first_response_);
  o[Metric::kFirstResponseP50] = quantile(first_response_, 0.50);
  o[Metric::kFirstResponseP90] = quantile(first_response_, 0.90);
  o[Metric::kFirstResponseP95] = quantile(first_response_, 0.95);
  o[Metric::kFirstResponseP99] = quantile(first_response_, 0.99);
  o[Metric::kFirstResponseMax] = first_response_.empty() ? nan : first_response_.back();
  o[Metric::kFullResponseMean] = mean_of(full_response_);
  o[Metric::kFullResponseP90] = quantile(full_response_, 0.90);
  o[Metric::kFullResponseMax] = full_response_.empty() ? nan : full_response_.back();
  o[Metric::kShareWithinTarget1] = n > 0 ? within1 / n : nan;
  o[Metric::kShareWithinTarget2] = n > 0 ? within2 / n : nan;
  o[Metric::kAnyWaitOverTarget2] = long_wait ? 1 : 0;
  o[Metric::kPostCountExposed] = exposed;
  o[Metric::kPostCountResponseMean] = mean_of(exposed_response_);
  o[Metric::kTransitIncidents] = transit_incidents_;

  // Officer time: guards until they left; units over their duty window; anything still out at the
  // end of the day counts to the end.
  double guard_hours = guard_duty_hours_;
  for (std::uint32_t g = 0; g < groups_.size(); ++g)
    guard_hours += (groups_[g].present + groups_[g].away) * to_hours(end - phase_start_[0]);
  double unit_hours = 0;
  std::array<double, scenario::kUnitKindCount> busy{}, duty{};
  for (std::uint32_t u = 0; u < units_.size(); ++u) {
    const auto& cfg = s_.forces.units[u];
    if (units_[u].state == UnitState::kAbsent || !cfg.dispatchable) continue;
    const double window = cfg.duty_end_hour - cfg.duty_start_hour;
    unit_hours += cfg.headcount * window;
    const Tick busy_time =
        units_[u].busy + (units_[u].state == UnitState::kBusy ? end - units_[u].busy_since : 0);
    busy[static_cast<std::size_t>(cfg.kind)] += cfg.headcount * to_hours(busy_time);
    duty[static_cast<std::size_t>(cfg.kind)] += cfg.headcount * window;
  }
  o[Metric::kOfficerHoursDuty] = guard_hours + unit_hours;
  o[Metric::kOfficerHoursRetention] = retention_hours_;
  o[Metric::kOfficerHoursTravel] = travel_hours_;
  auto utilization = [&](UnitKind k) {
    const auto i = static_cast<std::size_t>(k);
    return duty[i] > 0 ? busy[i] / duty[i] : nan;
  };
  o[Metric::kUtilizationBhabinkamtibmas] = utilization(UnitKind::kBhabinkamtibmas);
  o[Metric::kUtilizationPolsek] = utilization(UnitKind::kPolsekReserve);
  o[Metric::kUtilizationPolres] = utilization(UnitKind::kPolresQuickResponse);
  o[Metric::kUtilizationBrimob] = utilization(UnitKind::kBrimob);
  o[Metric::kLastBoxAtPpkHours] = to_hours(last_box_);
  o[Metric::kEvents] = static_cast<double>(sim_.events_processed());
}

// ============================================================================================

Replication::Replication(std::shared_ptr<const scenario::Model> model)
    : state_(std::make_unique<DayState>(std::move(model))) {}
Replication::~Replication() = default;
Replication::Replication(Replication&&) noexcept = default;
Replication& Replication::operator=(Replication&&) noexcept = default;

const Outcome& Replication::run(std::uint64_t seed, std::uint64_t index, TraceSink* trace) {
  return state_->run(seed, index, trace);
}

const scenario::Model& Replication::model() const noexcept { return state_->model(); }

}  // namespace siaga::dynamics
