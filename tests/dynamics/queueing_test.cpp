// The whole election day against queueing theory, in days that degenerate into queues: five
// identical units at the TPS (M/M/5, Erlang C), and three units at three posts serving three TPS
// that prefer them in different orders (Larson's exact hypercube model, hypercube.hpp).
//
// Both days share one design. Every incident needs one officer, has severity 1, never escalates,
// and is handled for an exponential time of mean 1/mu; nothing deters it (no guards), nothing
// fails (no absences, no breakdowns), there is no contagion, no transit incident and no incident
// after the count (post-count half-life 0). Every phase has weight 1, so a TPS's rate is the same
// from set-up (06:00) to the end of its count; the count takes a fixed 33 hours (cv 0), so the
// rate is constant from 06:00 to 46:00. Units are on duty all day (00:00-48:00) with no
// mobilisation, so a unit is away exactly for travel + handling + travel back.
//
// What is measured comes from the trace, inside a window: incidents reported from 14:00 to 44:00.
// Eight hours of warm-up after the empty start at 06:00: the slowest transient of a queue with c
// busy servers decays at about (sqrt(c mu) - sqrt(lambda))^2 (the M/M/1 gap mu (1 - sqrt(rho))^2
// scaled up), a relaxation time of 1.8 h for the M/M/5 at rho 0.8 and 2.2 h for the hypercube
// below, so what is left of the start in the window's means is below (tau / 30 h) e^(-8 h / tau),
// a few thousandths of the initial deviation; runs with ten times the days showed no bias. The
// window ends two hours before the count (and the constant rate) does: under FCFS a call's wait
// depends on the past only, so calls reported before 44:00 are served as in the stationary queue.
// Unit busy time is the overlap of each dispatch-to-return interval with the window.
//
// Intervals: every day is an independent replication (its own stream index), and each day is one
// batch. A measure is a ratio R = sum_d y_d / sum_d x_d over the D days (total wait over calls, calls
// that waited over calls, calls of an atom a unit answered over the atom's calls; a busy fraction has
// x_d = 1). By the delta method, Var(R) ~ sum_d (y_d - R x_d)^2 / (D (D - 1) xbar^2), and under the
// hypothesis that R estimates the exact value r, (R - r) / se(R) is asymptotically Student t with
// D - 1 degrees of freedom (the days' batches are large, so their sums are near normal). The theory
// gives r, the sample gives se(R): each comparison accepts |R - r| <= t_{D-1, 1 - alpha/(2K)} se(R),
// Bonferroni over the K comparisons of a test at a family error alpha of 1%. Seeds are fixed once.

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "day_scenarios.hpp"
#include "hypercube.hpp"
#include "siaga/dynamics/replication.hpp"
#include "siaga/dynamics/trace.hpp"

namespace siaga::dynamics {
namespace {

using scenario::Json;
constexpr std::uint32_t kNone = TraceEvent::kNone;

constexpr std::uint64_t kSeed = 20260813;  // fixed once; never changed to make a test pass
constexpr double kFamilyError = 0.01;
constexpr double kRateHours = 40.0;  // set-up 06:00 to the end of the count at 46:00: the typical day
constexpr Tick kFrom = 14 * kTicksPerHour, kTo = 44 * kTicksPerHour;
constexpr Tick kDayEnd = 48 * kTicksPerHour;  // a replication runs to the second midnight

/// One day's trace reduced to the calls and the units' busy time inside the window.
class QueueProbe final : public TraceSink {
 public:
  struct Call {
    Tick reported = 0;
    Tick first_on_scene = -1;
    std::uint32_t tps = kNone;
    std::uint32_t unit = kNone;  // the unit dispatched to it
    int dispatches = 0;
  };

  explicit QueueProbe(std::size_t units) : busy_since_(units), busy_ms_(units) {}

  void start_day() {
    calls_.clear();
    std::fill(busy_since_.begin(), busy_since_.end(), -1);
    std::fill(busy_ms_.begin(), busy_ms_.end(), 0.0);
  }
  void record(const TraceEvent& e) override {
    switch (e.kind) {
      case TraceKind::kIncidentReported:
        if (calls_.size() <= e.incident) calls_.resize(e.incident + 1);
        calls_[e.incident].reported = e.time;
        calls_[e.incident].tps = e.tps;
        break;
      case TraceKind::kDispatched:
        ++calls_[e.incident].dispatches;
        calls_[e.incident].unit = e.unit;
        busy_since_[e.unit] = e.time;  // every unit is one team of one officer
        break;
      case TraceKind::kOnScene:
        if (calls_[e.incident].first_on_scene < 0) calls_[e.incident].first_on_scene = e.time;
        break;
      case TraceKind::kUnitReturns:
        close(e.unit, e.time);
        break;
      default:
        break;
    }
  }
  /// Counts units still out at the end of the day as busy until then.
  void end_day(Tick end) {
    for (std::uint32_t u = 0; u < busy_since_.size(); ++u)
      if (busy_since_[u] >= 0) close(u, end);
  }
  const std::vector<Call>& calls() const { return calls_; }
  /// A unit's busy time inside the window, ms.
  double busy_ms(std::uint32_t unit) const { return busy_ms_[unit]; }

 private:
  void close(std::uint32_t u, Tick until) {
    const Tick from = std::max(busy_since_[u], kFrom), to = std::min(until, kTo);
    if (to > from) busy_ms_[u] += static_cast<double>(to - from);
    busy_since_[u] = -1;
  }
  std::vector<Call> calls_;
  std::vector<Tick> busy_since_;
  std::vector<double> busy_ms_;
};

/// printf into a string (GCC 12 warns, wrongly, on "literal" + std::string under -O3).
template <class... Args>
std::string format(const char* pattern, Args... args) {
  char buffer[128];
  std::snprintf(buffer, sizeof buffer, pattern, args...);
  return buffer;
}

bool in_window(const QueueProbe::Call& c) { return c.reported >= kFrom && c.reported < kTo; }

/// R = sum y / sum x over days (one batch per day) and its delta-method standard error.
class RatioOfBatches {
 public:
  void add(double y, double x) {
    ys_.push_back(y);
    xs_.push_back(x);
  }
  double ratio() const {
    double y = 0, x = 0;
    for (std::size_t d = 0; d < ys_.size(); ++d) y += ys_[d], x += xs_[d];
    return y / x;
  }
  double standard_error() const {
    const double r = ratio(), days = static_cast<double>(ys_.size());
    double x = 0, ss = 0;
    for (std::size_t d = 0; d < ys_.size(); ++d) {
      x += xs_[d] / days;
      ss += (ys_[d] - r * xs_[d]) * (ys_[d] - r * xs_[d]);
    }
    return std::sqrt(ss / (days * (days - 1))) / x;
  }
  std::size_t days() const { return ys_.size(); }

 private:
  std::vector<double> ys_, xs_;
};

/// Checks a measure against its exact value within its Bonferroni interval (see the top).
void expect_exact(const std::string& what, const RatioOfBatches& m, double exact, int comparisons) {
  const boost::math::students_t t(static_cast<double>(m.days() - 1));
  const double half = boost::math::quantile(t, 1.0 - kFamilyError / comparisons / 2.0) * m.standard_error();
  std::printf("  %-34s measured %.4f +- %.4f, exact %.4f\n", what.c_str(), m.ratio(), half, exact);
  EXPECT_NEAR(m.ratio(), exact, half) << what;
}

/// Per 1,000 TPS-days for `per_hour` incidents per hour at a kurang rawan TPS: with every phase
/// weight 1 and no post count, the typical day over which the daily rate is spread is set-up
/// (1 h) + voting (5 h) + last hour (1 h) + counting (33 h) = 40 h (compile.cpp, day_rates).
double per_1000_tps_day(double per_hour) { return per_hour * kRateHours * 1000.0; }

/// The common part of both days: one kecamatan and village, the election, the incident kind.
Json queue_day(double per_hour, double handling_minutes) {
  Json doc = Json::parse(R"({
    "format": "siaga-scenario/1", "name": "queue",
    "region": {
      "kabupaten": [{"code": "99.01", "name": "K", "lat": -7.0, "lon": 110.0}],
      "kecamatan": [{"code": "99.01.01", "name": "C", "kabupaten": "99.01", "lat": -7.0, "lon": 110.0}],
      "villages": [{"code": "99.01.01.2001", "name": "V", "kecamatan": "99.01.01", "lat": -7.0, "lon": 110.0, "node": 0}],
      "tps": []
    },
    "election": {"kind": "pilkada", "date": "2024-11-27", "setup_hour": 6, "opening_hour": 7, "closing_hour": 13,
                 "ballots_per_voter": 2, "counting": {"base_minutes": 1980, "minutes_per_ballot": 0, "cv": 0}},
    "forces": {"posts": [], "units": [], "faults": {"breakdown_per_hour": 0, "unavailable_probability": 0}},
    "plans": {"none": {"guards": {"kurang_rawan": {"officers": 0, "tps": 1}, "rawan": {"officers": 0, "tps": 1},
                                  "sangat_rawan": {"officers": 0, "tps": 1}}}},
    "incidents": {
      "kinds": {"disturbance": {"severity": 1, "officers": 1, "handling": {"distribution": "exponential"},
                                "phase_weights": {"setup": 1, "voting": 1, "last_hour": 1, "counting": 1, "post_count": 1}}},
      "escalation_per_hour": 0, "transit_per_1000_box_hours": 0, "post_count_half_life_hours": 0,
      "contagion": {"enabled": false}, "contested": {"share": 0}
    }
  })");
  auto& kind = doc["incidents"]["kinds"]["disturbance"];
  kind["per_1000_tps_day"] = per_1000_tps_day(per_hour);
  kind["handling"]["mean_minutes"] = handling_minutes;
  return doc;
}

Json unit(const std::string& id, const std::string& post) {
  return {{"id", id},
          {"kind", "polsek_reserve"},
          {"headcount", 1},
          {"team_size", 1},
          {"post", post},
          {"mobilisation_minutes", 0},
          {"duty", {{"start_hour", 0}, {"end_hour", 48}}}};
}

/// The rate of the day's only kind per hour in each phase but the post count, at multiplier 1.
void expect_constant_rate(const scenario::Model& m, double per_hour) {
  for (std::size_t p = 0; p + 1 < scenario::kPhaseCount; ++p)
    ASSERT_NEAR(m.total_rates()[p] * static_cast<double>(kTicksPerHour), per_hour, 1e-9 * per_hour)
        << "phase " << p << ": the rate must be the one the test compares with";
}

// ---- M/M/5 ----------------------------------------------------------------------------------

// One TPS; five polsek reserves of one officer at a post on the TPS's node: travel 0, so an
// incident's first response is its wait in queue, and the waiting list, ordered by severity and
// then report time, is FCFS when every incident has severity 1 (serve_waiting: a freed unit takes
// the first waiting incident). Handling 6 min (mu = 10 per hour): travel plays no part here, and a
// short service puts many relaxation times of the queue in a day.
Json mm5_day(double per_hour, double handling_minutes) {
  Json doc = queue_day(per_hour, handling_minutes);
  doc["region"]["tps"] = Json::parse(
      R"([{"id": "t1", "village": "99.01.01.2001", "voters": 400, "category": "kurang_rawan", "node": 0}])");
  doc["roads"] =
      Json::parse(R"({"nodes": [{"id": 0, "lat": -7.0, "lon": 110.0}, {"id": 1, "lat": -7.001, "lon": 110.0}],
                                 "edges": [{"from": 0, "to": 1, "length_m": 100, "class": "village"}]})");
  doc["forces"]["posts"] =
      Json::parse(R"([{"id": "polsek", "kind": "polsek", "lat": -7.0, "lon": 110.0, "node": 0}])");
  for (int u = 1; u <= 5; ++u) doc["forces"]["units"].push_back(unit(format("r%d", u), "polsek"));
  return doc;
}

TEST(Queueing, FiveUnitsOfOneTierAreAnMM5Queue) {
  constexpr int kServers = 5;
  constexpr double kHandlingMinutes = 6.0, kMu = 60.0 / kHandlingMinutes;  // per hour
  // 500 days of about 1,200 (rho 0.8) or 750 (rho 0.5) measured calls each: 0.7 s in a Release
  // build; the intervals' half-widths are about 1.5% of P(wait > 0) and 7% of Wq.
  constexpr int kDays = 500;
  const std::vector<double> utilisations{0.5, 0.8};
  const int comparisons = 2 * static_cast<int>(utilisations.size());
  for (const double rho : utilisations) {
    const double lambda = rho * kServers * kMu;  // per hour
    SCOPED_TRACE(format("rho %.2f", rho));
    const auto model = testing::compiled(mm5_day(lambda, kHandlingMinutes));
    expect_constant_rate(*model, lambda);
    Replication day(model);
    QueueProbe probe(kServers);
    RatioOfBatches waited, wait_minutes;
    for (std::uint64_t d = 0; d < kDays; ++d) {
      probe.start_day();
      day.run(kSeed, d, &probe);
      double calls = 0, late = 0, wait = 0;
      for (const QueueProbe::Call& c : probe.calls()) {
        if (!in_window(c)) continue;
        ASSERT_GE(c.first_on_scene, c.reported) << "every call of the window is answered";
        ASSERT_EQ(c.dispatches, 1) << "one officer needed, one unit sent";
        calls += 1;
        late += c.first_on_scene > c.reported ? 1 : 0;
        wait += to_minutes(c.first_on_scene - c.reported);
      }
      waited.add(late, calls);
      wait_minutes.add(wait, calls);
    }
    const testing::ErlangC exact = testing::erlang_c(kServers, lambda, kMu);
    std::printf("M/M/5, rho %.2f, %d days:\n", rho, kDays);
    expect_exact("P(wait > 0)", waited, exact.probability_of_wait, comparisons);
    expect_exact("Wq (min)", wait_minutes, 60.0 * exact.mean_wait, comparisons);
  }
}

// ---- the hypercube --------------------------------------------------------------------------

// Three TPS (atoms A, B, C) and three posts, each with one polsek reserve of one officer. Every TPS
// is joined to every post by its own arterial road of 1.0, 1.2 or 1.4 m (any other way is at least
// three such roads, 3 m, so these are the shortest): 90, 108 or 126 ms by motorbike at 40 km/h,
// against handling of 20 min. The staged policy sends the free unit that arrives first
// (mobilisation 0 + travel), so each atom's preference is its order of road lengths:
//   A: u1 (1.0), u2 (1.2), u3 (1.4);  B: u2, u1, u3;  C: u3, u2, u1.
// The atoms' rates are 1 : 2 : 3 through their categories' multipliers (kurang rawan 1, rawan 2,
// sangat rawan 3). Calls that find all three busy wait in the severity-then-report-time list, FCFS
// here, and a freed unit takes the first (serve_waiting): every TPS has every post as a candidate.
Json hypercube_day(double base_per_hour, double handling_minutes) {
  Json doc = queue_day(base_per_hour, handling_minutes);
  doc["region"]["tps"] = Json::parse(R"([
    {"id": "a", "village": "99.01.01.2001", "voters": 400, "category": "kurang_rawan", "node": 0},
    {"id": "b", "village": "99.01.01.2001", "voters": 400, "category": "rawan", "node": 1},
    {"id": "c", "village": "99.01.01.2001", "voters": 400, "category": "sangat_rawan", "node": 2}])");
  doc["incidents"]["category_multiplier"] = {{"kurang_rawan", 1}, {"rawan", 2}, {"sangat_rawan", 3}};
  // Nodes 0-2: the TPS; 3-5: the posts of u1-u3, all within a few metres of one another.
  Json nodes = Json::array();
  for (int n = 0; n < 6; ++n) nodes.push_back({{"id", n}, {"lat", -7.0 - 0.00001 * n}, {"lon", 110.0}});
  const double length[3][3] = {{1.0, 1.2, 1.4}, {1.2, 1.0, 1.4}, {1.4, 1.2, 1.0}};  // [atom][unit]
  Json edges = Json::array();
  for (int a = 0; a < 3; ++a)
    for (int u = 0; u < 3; ++u)
      edges.push_back({{"from", a}, {"to", 3 + u}, {"length_m", length[a][u]}, {"class", "arterial"}});
  doc["roads"] = {{"nodes", nodes}, {"edges", edges}};
  for (int u = 0; u < 3; ++u) {
    const std::string post = format("p%d", u + 1);
    doc["forces"]["posts"].push_back({{"id", post},
                                      {"kind", "polsek"},
                                      {"lat", -7.0 - 0.00001 * (3 + u)},
                                      {"lon", 110.0},
                                      {"node", 3 + u}});
    doc["forces"]["units"].push_back(unit(format("u%d", u + 1), post));
  }
  return doc;
}

// Each atom's preference as the staged policy orders candidates: by arrival (mobilisation + travel),
// ties in the order dispatch lists them (tier, then the TPS's stations nearest first, then units).
std::vector<std::vector<int>> preferences(const scenario::Model& m) {
  std::vector<std::vector<int>> out;
  for (std::uint32_t tps = 0; tps < m.tps().size(); ++tps) {
    std::vector<std::pair<Tick, int>> order;
    for (const scenario::StationReach& r : m.tps_stations(scenario::DispatchTier::kSector, tps))
      for (const std::uint32_t u : m.station_units(r.station))
        order.emplace_back(minutes(m.scenario().forces.units[u].mobilisation_minutes) + r.there,
                           static_cast<int>(u));
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    out.emplace_back();
    for (const auto& [arrival, u] : order) out.back().push_back(u);
  }
  return out;
}

TEST(Queueing, ThreeUnitsAtThreePostsMatchTheExactHypercubeModel) {
  constexpr double kHandlingMinutes = 20.0, kMu = 60.0 / kHandlingMinutes;  // per hour
  constexpr double kRho = 0.6;                                              // per unit
  const std::vector<double> shares{1.0, 2.0, 3.0};                          // the atoms' multipliers
  const double base = kRho * 3 * kMu / 6.0;                                 // per hour at multiplier 1
  // 2,000 days of about 160 measured calls each: 0.25 s in a Release build; half-widths of about
  // 0.005 on the workloads and 0.004-0.007 on the shares.
  constexpr int kDays = 2000;
  const auto model = testing::compiled(hypercube_day(base, kHandlingMinutes));
  expect_constant_rate(*model, base);

  // The exact model. Its queue is cut at 60 calls: while all three are busy the queue length is
  // geometric with ratio lambda / (3 mu) = 0.6, so P(queue = 60) ~ 0.6^60 ~ 1e-13.
  testing::Hypercube h;
  h.units = 3;
  for (const double s : shares) h.lambda.push_back(s * base);
  h.preference = preferences(*model);
  ASSERT_EQ(h.preference, (std::vector<std::vector<int>>{{0, 1, 2}, {1, 0, 2}, {2, 1, 0}}))
      << "the roads give each atom the preference the test intends";
  h.mu = kMu;
  h.max_queue = 60;
  const testing::HypercubeSolution exact = testing::solve(h);
  ASSERT_LT(exact.truncated, 1e-12);
  // The solver against what is known in closed form: with equal service rates the number busy is
  // a birth-death M/M/3 chain, so P(all busy) is Erlang C, the queue is M/M/3's, and the busy units
  // average lambda / mu.
  const double lambda = 6.0 * base;
  const testing::ErlangC mm3 = testing::erlang_c(3, lambda, kMu);
  EXPECT_NEAR(exact.all_busy, mm3.probability_of_wait, 1e-9);
  EXPECT_NEAR(exact.mean_queue, lambda * mm3.mean_wait, 1e-9) << "Little: Lq = lambda Wq";
  EXPECT_NEAR(exact.workload[0] + exact.workload[1] + exact.workload[2], lambda / kMu, 1e-9);

  Replication day(model);
  QueueProbe probe(3);
  std::vector<RatioOfBatches> workload(3);
  std::vector<std::vector<RatioOfBatches>> answered(3, std::vector<RatioOfBatches>(3));
  for (std::uint64_t d = 0; d < kDays; ++d) {
    probe.start_day();
    day.run(kSeed, d, &probe);
    probe.end_day(kDayEnd);
    double calls[3] = {}, by[3][3] = {};
    for (const QueueProbe::Call& c : probe.calls()) {
      if (!in_window(c)) continue;
      ASSERT_EQ(c.dispatches, 1) << "one officer needed, one unit sent";
      calls[c.tps] += 1;
      by[c.tps][c.unit] += 1;
    }
    for (std::uint32_t u = 0; u < 3; ++u)
      workload[u].add(probe.busy_ms(u) / static_cast<double>(kTo - kFrom), 1);
    for (int a = 0; a < 3; ++a)
      for (int u = 0; u < 3; ++u) answered[a][u].add(by[a][u], calls[a]);
  }
  const int comparisons = 3 + 9;
  std::printf("Hypercube, 3 units, rho %.2f, %d days:\n", kRho, kDays);
  const char* names[3] = {"A", "B", "C"};
  for (int u = 0; u < 3; ++u)
    expect_exact(format("workload of u%d", u + 1), workload[u], exact.workload[u], comparisons);
  for (int a = 0; a < 3; ++a)
    for (int u = 0; u < 3; ++u)
      expect_exact(format("share of %s answered by u%d", names[a], u + 1), answered[a][u],
                   exact.answered[a][u], comparisons);
}

}  // namespace
}  // namespace siaga::dynamics
