// One election day: the parts of the day (timeline, arrivals, incidents, fleet, guards, ballot
// boxes, metrics), each with its own state, and here the event routing and the protocol between
// them. A part never reaches into another's state: what one needs of another passes through
// this file, as arguments and results. All state is sized once per model and reset per
// replication, so a day allocates nothing once the first one has run.
//
// Common random numbers: every TPS draws its counting time, true category and incident candidates
// from its own streams; a candidate is kept or thinned with a uniform from a separate stream, so a
// plan that deters more drops the same candidates a plan that deters less keeps. Each incident has
// its own stream (handling, escalation), keyed by TPS and candidate number, so what one incident
// draws never shifts another's. Streams and their purposes: day_context.hpp.

#include "siaga/dynamics/replication.hpp"

#include "arrivals.hpp"
#include "ballot_boxes.hpp"
#include "day_context.hpp"
#include "day_metrics.hpp"
#include "fleet.hpp"
#include "guards.hpp"
#include "incidents.hpp"
#include "siaga/dynamics/dispatch_policy.hpp"
#include "timeline.hpp"

namespace siaga::dynamics {

using namespace day;

class DayState {
 public:
  explicit DayState(std::shared_ptr<const scenario::Model> model);
  const Outcome& run(std::uint64_t seed, std::uint64_t index, TraceSink* trace);
  const scenario::Model& model() const noexcept { return *model_; }

 private:
  void reset(std::uint64_t seed, std::uint64_t index);
  void handle(const Event& e);

  // The protocol: what happens across parts when...
  void on_candidate(std::uint32_t tps, scenario::Phase phase, std::uint32_t kind);
  void report(std::uint32_t tps, std::uint32_t kind, scenario::Phase phase, std::uint64_t stream);
  void respond(std::uint32_t incident);
  void dispatch(std::uint32_t incident);
  void send(std::uint32_t incident, const DispatchCandidate& c);
  void add_team_candidates(std::uint32_t incident, std::uint32_t unit, std::uint32_t station,
                           const scenario::StationReach& reach);
  void on_guards_on_scene(std::uint32_t incident);
  void on_team_on_scene(std::uint32_t incident, std::uint32_t team);
  void on_escalate(std::uint32_t incident);
  void on_settle(std::uint32_t incident);
  void serve_waiting(std::uint32_t unit);
  void on_count_end(std::uint32_t tps);
  ArrivalConditions conditions(std::uint32_t tps) const;

  std::shared_ptr<const scenario::Model> model_;
  const scenario::Model& m_;
  Simulator sim_;
  DaySeed day_;
  DayTrace trace_{sim_};
  TpsTimeline timeline_{m_, sim_};
  Arrivals arrivals_{m_, sim_};
  IncidentBook incidents_{m_, sim_, trace_};
  Fleet fleet_{m_, sim_, trace_};
  Guards guards_{m_, sim_, trace_};
  BallotBoxes boxes_{m_, sim_, trace_};
  DayMetrics metrics_{m_, trace_};
  std::unique_ptr<DispatchPolicy> policy_;
  std::vector<DispatchCandidate> candidates_;  // scratch of dispatch(), reused
  std::vector<std::uint32_t> chosen_;          // scratch of dispatch(), reused
  std::vector<std::uint32_t> waiting_;         // scratch of serve_waiting(), reused
};

DayState::DayState(std::shared_ptr<const scenario::Model> model) : model_(std::move(model)), m_(*model_) {
  scenario::Problems problems;
  policy_ = make_dispatch_policy(m_.plan().dispatch, m_.scenario(), problems);
  problems.throw_if_any();
}

void DayState::reset(std::uint64_t seed, std::uint64_t index) {
  day_ = {seed, index};
  sim_.reset(0);
  incidents_.reset();
  metrics_.reset();
  boxes_.reset();
  arrivals_.reset();
  fleet_.reset(day_);  // absences first: they decide which villages have their Bhabinkamtibmas today
  timeline_.start_villages(day_);
  for (std::uint32_t i = 0; i < m_.tps().size(); ++i) {
    timeline_.start(i, day_);
    arrivals_.schedule_next(i, day_, conditions(i));
  }
  timeline_.schedule_counts();
  guards_.reset(timeline_);  // groups of the day start empty; guards arrive at set-up
  sim_.schedule_at(m_.phase_starts()[0], {kGuardsArrive, 0, 0, 0}, 0);
}

ArrivalConditions DayState::conditions(std::uint32_t tps) const {
  const std::uint32_t village = m_.tps()[tps].village;
  return {timeline_.true_category(tps), timeline_.count_end(tps), fleet_.village_officer_present(village),
          timeline_.contested(village)};
}

// ---- incidents ------------------------------------------------------------------------------

void DayState::on_candidate(std::uint32_t tps, scenario::Phase phase, std::uint32_t kind) {
  const Kept kept = arrivals_.thin(tps, day_, guards_.coverage(guards_.group_of(tps)));
  arrivals_.schedule_next(tps, day_, conditions(tps));
  if (kept.incident) report(tps, kind, phase, kept.stream);
}

void DayState::report(std::uint32_t tps, std::uint32_t kind, scenario::Phase phase, std::uint64_t stream) {
  const std::uint32_t group = guards_.group_of(tps);
  const bool exposed = timeline_.counted(tps) && guards_.gone(group);
  guards_.note_incident(tps, sim_.now());
  metrics_.reported(tps, kind, phase, exposed);
  const std::uint32_t id = incidents_.open(tps, kind, phase, stream, exposed, day_);
  arrivals_.on_incident(tps);

  // Guards of the TPS's group go first; they count as officers on scene once they reach it.
  if (const int sent = guards_.respond(group, incidents_[id].needed); sent > 0) {
    incidents_.guards_sent(id, sent);
    const Tick travel = guards_.travel_to(tps);
    if (travel == 0) {
      on_guards_on_scene(id);
      return;
    }
    sim_.schedule_in(travel, {kGuardsOnScene, 0, id, 0});
    metrics_.add_travel(sent * to_hours(travel));
  }
  respond(id);
}

// Re-evaluates an incident after a change: sends whom the policy chooses, starts handling when it
// can, and lets the holders go once capable officers alone are enough.
void DayState::respond(std::uint32_t id) {
  if (incidents_[id].settled) return;
  dispatch(id);
  if (!incidents_.update(id, day_)) return;
  const std::uint32_t tps = incidents_[id].tps;
  const int guards = incidents_.release_holders(id, [&](std::uint32_t team) {
    sim_.schedule_in(fleet_.way_back(team, day_), {kTeamBack, 0, team, 0});
  });
  if (guards > 0)
    sim_.schedule_in(guards_.travel_to(tps),
                     {kGuardsBack, 0, guards_.group_of(tps), static_cast<std::uint32_t>(guards)});
}

void DayState::add_team_candidates(std::uint32_t id, std::uint32_t u, std::uint32_t station,
                                   const scenario::StationReach& reach) {
  if (!fleet_.on_duty(u)) return;
  const scenario::Unit& unit = m_.scenario().forces.units[u];
  const bool capable = incidents_.unit_capable(u, id);
  const auto post = static_cast<std::uint32_t>(unit.post);
  for (std::uint32_t t = m_.first_team(u); t < m_.first_team(u + 1); ++t)
    if (fleet_.free(t))
      candidates_.push_back({t, u, station, post, m_.stations()[station].tier, fleet_.officers(t), capable,
                             reach.there, reach.back, minutes(unit.mobilisation_minutes) + reach.there,
                             fleet_.free_at_post(post)});
}

// Candidates up the chain (village, sector, resort, polda, TNI tier), nearest station first within
// a tier: every free team of a unit on duty there. The plan's policy chooses whom to send.
void DayState::dispatch(std::uint32_t id) {
  const Incident& inc = incidents_[id];
  if (inc.committed >= inc.needed && incidents_.capable_short(id) <= 0) return;
  candidates_.clear();
  for (std::size_t t = 0; t < scenario::kDispatchTierCount; ++t)
    for (const scenario::StationReach& r : m_.tps_stations(static_cast<scenario::DispatchTier>(t), inc.tps))
      for (const std::uint32_t u : m_.station_units(r.station)) add_team_candidates(id, u, r.station, r);
  if (candidates_.empty()) return;
  chosen_.clear();
  policy_->choose({inc.tps, incidents_.severity(id), inc.needed, inc.committed, inc.capable_committed},
                  candidates_, chosen_);
  for (const std::uint32_t k : chosen_) send(id, candidates_[k]);
}

void DayState::send(std::uint32_t id, const DispatchCandidate& c) {
  incidents_.team_sent(id, c.team, c.unit, c.officers);
  const Tick arrive = fleet_.send(c.team, id, c.travel, c.back, day_);
  metrics_.add_travel(c.officers * to_hours(c.travel + c.back));
  trace_(TraceKind::kDispatched, id, incidents_[id].tps, c.unit, c.officers, arrive);
  sim_.schedule_at(arrive, {kTeamOnScene, 0, id, c.team});
}

void DayState::on_guards_on_scene(std::uint32_t id) {
  if (!incidents_.guards_arrive(id)) {  // not needed any more: back to their group
    const std::uint32_t tps = incidents_[id].tps;
    sim_.schedule_in(guards_.travel_to(tps), {kGuardsBack, 0, guards_.group_of(tps),
                                              static_cast<std::uint32_t>(incidents_[id].guards)});
    return;
  }
  respond(id);
}

void DayState::on_team_on_scene(std::uint32_t id, std::uint32_t t) {
  const std::uint32_t u = fleet_.unit_of(t);
  if (!incidents_.team_arrives(id, t, u, fleet_.officers(t), m_.unit_station(u))) {
    sim_.schedule_in(fleet_.way_back(t, day_), {kTeamBack, 0, t, 0});
    return;
  }
  respond(id);
}

void DayState::on_escalate(std::uint32_t id) {
  if (!incidents_.escalate(id, day_)) return;
  metrics_.escalated(incidents_[id].tps);
  respond(id);
}

void DayState::on_settle(std::uint32_t id) {
  incidents_.settle(id, [&](std::uint32_t team) {
    sim_.schedule_in(fleet_.way_back(team, day_), {kTeamBack, 0, team, 0});
  });
  const Incident& inc = incidents_[id];
  if (inc.guards > 0 && inc.guards_on_scene)
    sim_.schedule_in(guards_.travel_to(inc.tps),
                     {kGuardsBack, 0, guards_.group_of(inc.tps), static_cast<std::uint32_t>(inc.guards)});
}

// A unit with free teams (one came back, or its duty began) takes the waiting incidents it can
// reach, the most severe first.
void DayState::serve_waiting(std::uint32_t u) {
  const std::uint32_t station = m_.unit_station(u);
  if (station == kNone || !fleet_.on_duty(u)) return;
  const scenario::DispatchTier tier = m_.stations()[station].tier;
  waiting_.assign(incidents_.waiting().begin(), incidents_.waiting().end());
  for (const std::uint32_t id : waiting_) {
    if (incidents_.capable_short(id) <= 0) continue;
    const Incident& inc = incidents_[id];
    for (const scenario::StationReach& r : m_.tps_stations(tier, inc.tps)) {
      if (r.station != station) continue;
      candidates_.clear();
      add_team_candidates(id, u, station, r);
      if (candidates_.empty()) return;  // no team of the unit is free any more
      chosen_.clear();
      policy_->choose({inc.tps, incidents_.severity(id), inc.needed, inc.committed, inc.capable_committed},
                      candidates_, chosen_);
      for (const std::uint32_t k : chosen_) send(id, candidates_[k]);
      incidents_.requeue(id);
      break;
    }
  }
}

// ---- the timeline: count, boxes, guards -----------------------------------------------------

void DayState::on_count_end(std::uint32_t tps) {
  // A province's per-TPS state does not stay in cache and count ends come at TPS at random, but in
  // an order known at dawn: what the coming ones read is fetched while this one is handled.
  const TpsTimeline::CountsAhead ahead = timeline_.count_ended(tps);
  guards_.prefetch_counts(ahead.next, ahead.after);
  if (ahead.after != kNone) prefetch(m_.tps()[ahead.after]);
  trace_(TraceKind::kCountEnds, kNone, tps, kNone);
  // Ballot boxes leave at once, escorted unless the retention policy is to leave.
  const int escort = guards_.escort_at_count_end(tps);
  const Tick trip = boxes_.depart(tps, escort, guards_.group_of(tps), day_);
  metrics_.add_travel(escort * to_hours(2 * trip));
  guards_.after_count_end(tps);
}

// ---- the run --------------------------------------------------------------------------------

void DayState::handle(const Event& e) {
  const std::uint32_t x = e.data.subject;
  switch (e.data.kind) {
    case kGuardsArrive:
      guards_.arrive_all();
      break;
    case kCandidate:
      on_candidate(x, static_cast<scenario::Phase>(e.data.spare), e.data.arg);
      break;
    case kCountEnd:
      on_count_end(x);
      break;
    case kBoxAtPps:
      boxes_.at_pps(x, static_cast<int>(e.data.arg));
      break;
    case kBoxAtPpk:
      boxes_.at_ppk(x, static_cast<int>(e.data.arg));
      break;
    case kEscortBack:
      guards_.escort_back(x, static_cast<int>(e.data.arg));
      break;
    case kTransitIncident:
      boxes_.threatened(x, static_cast<int>(e.data.arg));
      break;
    case kGuardsOnScene:
      on_guards_on_scene(x);
      break;
    case kTeamOnScene:
      on_team_on_scene(x, e.data.arg);
      break;
    case kEscalate:
      on_escalate(x);
      break;
    case kSettle:
      on_settle(x);
      break;
    case kTeamBack:
      fleet_.back(x);
      serve_waiting(fleet_.unit_of(x));
      break;
    case kGuardsBack:
      guards_.back(x, static_cast<int>(e.data.arg));
      break;
    case kRetentionCheck:
      guards_.check_retention(x);
      break;
    case kUnitOnDuty:
      serve_waiting(x);
      break;
    default:
      SIAGA_CHECK(false, "unknown event kind");
  }
}

const Outcome& DayState::run(std::uint64_t seed, std::uint64_t index, TraceSink* trace) {
  trace_.attach(trace);
  reset(seed, index);
  fleet_.trace_absent();
  sim_.run_until(kDayEnd, [this](Simulator&, const Event& e) { handle(e); });
  const Outcome& out =
      metrics_.finish(sim_.now(), sim_.events_processed(), incidents_, guards_, fleet_, boxes_);
  trace_.attach(nullptr);
  return out;
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
