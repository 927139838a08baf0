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
  void dispatch(std::uint32_t incident);
  void send(std::uint32_t incident, const DispatchCandidate& c);
  void still_short(std::uint32_t incident);
  void on_guards_on_scene(std::uint32_t incident);
  void on_unit_on_scene(std::uint32_t incident, std::uint32_t unit);
  void on_escalate(std::uint32_t incident);
  void on_settle(std::uint32_t incident);
  void on_unit_back(std::uint32_t unit);
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
  guards_.reset();     // groups start empty; guards arrive at set-up
  for (std::uint32_t i = 0; i < m_.tps().size(); ++i) {
    timeline_.start(i, day_);
    arrivals_.schedule_next(i, day_, conditions(i));
  }
  sim_.schedule_at(m_.phase_starts()[0], {kGuardsArrive, 0, 0, 0}, 0);
}

ArrivalConditions DayState::conditions(std::uint32_t tps) const {
  return {timeline_.true_category(tps), timeline_.count_end(tps),
          fleet_.village_officer_present(m_.tps()[tps].village)};
}

// ---- incidents ------------------------------------------------------------------------------

void DayState::on_candidate(std::uint32_t tps, scenario::Phase phase, std::uint32_t kind) {
  const Kept kept = arrivals_.thin(tps, day_, guards_.coverage(m_.tps()[tps].guard_group));
  arrivals_.schedule_next(tps, day_, conditions(tps));
  if (kept.incident) report(tps, kind, phase, kept.stream);
}

void DayState::report(std::uint32_t tps, std::uint32_t kind, scenario::Phase phase, std::uint64_t stream) {
  const scenario::TpsSite& site = m_.tps()[tps];
  const bool exposed = timeline_.counted(tps) && guards_.gone(site.guard_group);
  guards_.note_incident(site.guard_group, sim_.now());
  metrics_.reported(tps, kind, phase, exposed);
  const std::uint32_t id = incidents_.open(tps, kind, phase, stream, exposed);
  arrivals_.on_incident(tps);

  // Guards of the TPS's group answer first.
  if (const int sent = guards_.respond(site.guard_group, incidents_[id].needed); sent > 0) {
    incidents_.guards_sent(id, sent);
    if (site.guard_travel == 0) {
      on_guards_on_scene(id);
    } else {
      sim_.schedule_in(site.guard_travel, {kGuardsOnScene, 0, id, 0});
      metrics_.add_travel(sent * to_hours(site.guard_travel));
    }
  }
  if (incidents_[id].handling_start < 0) {
    dispatch(id);
    incidents_.start_handling_if_ready(id, day_);
    if (incidents_[id].handling_start < 0) still_short(id);
  }
}

// Candidates up the chain (village, sector, resort tier), nearest first within a tier: those free,
// on duty and able to settle the incident. The plan's policy chooses whom to send.
void DayState::dispatch(std::uint32_t id) {
  if (incidents_.short_of(id) <= 0) return;
  candidates_.clear();
  const std::uint32_t tps = incidents_[id].tps;
  for (std::size_t t = 0; t < scenario::kDispatchTierCount; ++t) {
    const auto tier = static_cast<scenario::DispatchTier>(t);
    const auto tier_units = m_.tier_units(tier);
    for (const geo::NearestSource& c : m_.tps_candidates(tier).of(tps)) {
      const std::uint32_t u = tier_units[c.source];
      if (!fleet_.can_go(u) || !incidents_.can_settle(u, id)) continue;
      const scenario::Unit& unit = m_.scenario().forces.units[u];
      const auto post = static_cast<std::uint32_t>(unit.post);
      candidates_.push_back({u, post, tier, unit.headcount, c.time, fleet_.available_at_post(post)});
    }
  }
  chosen_.clear();
  policy_->choose({tps, incidents_.severity(id), incidents_.short_of(id)}, candidates_, chosen_);
  for (const std::uint32_t k : chosen_) send(id, candidates_[k]);
}

void DayState::send(std::uint32_t id, const DispatchCandidate& c) {
  incidents_.unit_sent(id, c.unit);
  const Tick arrive = fleet_.send(c.unit, id, c.travel, day_);
  metrics_.add_travel(c.officers * to_hours(2 * c.travel));
  trace_(TraceKind::kDispatched, id, incidents_[id].tps, c.unit, c.officers, arrive);
  sim_.schedule_at(arrive, {kUnitOnScene, 0, id, c.unit});
}

void DayState::still_short(std::uint32_t id) { incidents_.wait(id, day_); }

void DayState::on_guards_on_scene(std::uint32_t id) {
  if (!incidents_.guards_arrive(id)) {  // settled before they arrived: back to their group
    const scenario::TpsSite& site = m_.tps()[incidents_[id].tps];
    sim_.schedule_in(site.guard_travel,
                     {kGuardsBack, 0, site.guard_group, static_cast<std::uint32_t>(incidents_[id].guards)});
    return;
  }
  incidents_.start_handling_if_ready(id, day_);
}

void DayState::on_unit_on_scene(std::uint32_t id, std::uint32_t u) {
  if (!incidents_.unit_arrives(id, u)) {
    sim_.schedule_in(fleet_.way_back(u), {kUnitBack, 0, u, 0});
    return;
  }
  incidents_.start_handling_if_ready(id, day_);
}

void DayState::on_escalate(std::uint32_t id) {
  if (!incidents_.escalate(id)) return;
  metrics_.escalated(incidents_[id].tps);
  dispatch(id);
  incidents_.start_handling_if_ready(id, day_);
  if (incidents_[id].handling_start < 0) still_short(id);
}

void DayState::on_settle(std::uint32_t id) {
  incidents_.settle(id);
  const Incident& inc = incidents_[id];
  for (std::uint32_t u = inc.first_unit; u != kNone; u = incidents_.next_unit(u))
    if (incidents_.unit_on_scene(u)) sim_.schedule_in(fleet_.way_back(u), {kUnitBack, 0, u, 0});
  if (inc.guards > 0 && inc.guards_on_scene) {
    const scenario::TpsSite& site = m_.tps()[inc.tps];
    sim_.schedule_in(site.guard_travel,
                     {kGuardsBack, 0, site.guard_group, static_cast<std::uint32_t>(inc.guards)});
  }
}

// A unit back at its post takes the first waiting incident it can answer.
void DayState::on_unit_back(std::uint32_t u) {
  fleet_.back(u);
  const scenario::Unit& unit = m_.scenario().forces.units[u];
  const auto tier = scenario::dispatch_tier(unit.kind);
  const auto tier_units = m_.tier_units(tier);
  const auto waiting = incidents_.waiting();
  for (std::size_t w = 0; w < waiting.size() && fleet_.can_go(u); ++w) {
    const std::uint32_t id = waiting[w];
    if (incidents_.short_of(id) <= 0) continue;
    for (const geo::NearestSource& c : m_.tps_candidates(tier).of(incidents_[id].tps))
      if (tier_units[c.source] == u) {
        if (incidents_.can_settle(u, id)) {
          const auto post = static_cast<std::uint32_t>(unit.post);
          const DispatchCandidate one{u, post, tier, unit.headcount, c.time, fleet_.available_at_post(post)};
          chosen_.clear();
          policy_->choose({incidents_[id].tps, incidents_.severity(id), incidents_.short_of(id)}, {&one, 1},
                          chosen_);
          if (!chosen_.empty()) send(id, one);
        }
        break;
      }
  }
}

// ---- the timeline: count, boxes, guards -----------------------------------------------------

void DayState::on_count_end(std::uint32_t tps) {
  timeline_.mark_counted(tps);
  trace_(TraceKind::kCountEnds, kNone, tps, kNone);
  // Ballot boxes leave at once, escorted unless the retention policy is to leave.
  const int escort = guards_.escort_at_count_end(tps);
  const Tick trip = boxes_.depart(tps, escort, day_);
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
      boxes_.at_pps(x);
      break;
    case kBoxAtPpk:
      boxes_.at_ppk(x);
      break;
    case kEscortBack:
      // An escort rejoins its group while the group's other TPS still count; after the last count
      // it stands down once the boxes are delivered.
      guards_.escort_back(m_.tps()[x].guard_group, static_cast<int>(e.data.arg));
      break;
    case kTransitIncident:
      boxes_.threatened(x);
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
      guards_.back(x, static_cast<int>(e.data.arg));
      break;
    case kRetentionCheck:
      guards_.check_retention(x);
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
