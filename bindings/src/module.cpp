// The Python module `siaga`: scenarios, experiments, comparisons, sweeps and traces, with results
// as dicts and numpy arrays that pandas takes as is. The engine does the work; this file only
// converts, releases the GIL while replications run, and turns Ctrl-C into a cancel.

#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "siaga/core/error.hpp"
#include "siaga/dynamics/outcome.hpp"
#include "siaga/dynamics/replication.hpp"
#include "siaga/dynamics/trace.hpp"
#include "siaga/dynamics/validate.hpp"
#include "siaga/experiment/compare.hpp"
#include "siaga/experiment/experiment.hpp"
#include "siaga/experiment/metric_summary.hpp"
#include "siaga/experiment/statistics.hpp"
#include "siaga/experiment/sweep.hpp"
#include "siaga/experiment/sweep_grid.hpp"
#include "siaga/scenario/builtin.hpp"
#include "siaga/scenario/describe.hpp"
#include "siaga/scenario/edit.hpp"
#include "siaga/scenario/load.hpp"
#include "siaga/scenario/model.hpp"

namespace py = pybind11;

namespace {

using siaga::dynamics::Metric;
using siaga::scenario::Json;
using siaga::scenario::ScenarioDocument;

// JSON crosses the boundary as text through Python's json module: exact for every JSON value, and
// it keeps the document's key order (the first plan is the default one).
Json to_json(const py::handle& value) {
  const std::string text = py::module_::import("json").attr("dumps")(value).cast<std::string>();
  return Json::parse(text);
}

py::object from_json(const Json& j) { return py::module_::import("json").attr("loads")(j.dump()); }

// The scalar a summary reports for one metric: a t interval of the mean, or for a 0/1 metric the
// Wilson interval of the probability (as `siaga run` prints and summary.json stores).
py::tuple summary_tuple(const std::vector<double>& values, Metric m, double confidence) {
  const auto s = siaga::experiment::summarize_metric(m, values, confidence);
  return py::make_tuple(s.mean, s.low, s.high);
}

py::array_t<double> to_array(const std::vector<double>& v) {
  py::array_t<double> a(static_cast<py::ssize_t>(v.size()));
  std::copy(v.begin(), v.end(), a.mutable_data());
  return a;
}

py::array_t<double> share_array(const std::vector<std::uint32_t>& counts, std::size_t n) {
  py::array_t<double> a(static_cast<py::ssize_t>(counts.size()));
  double* out = a.mutable_data();
  for (std::size_t i = 0; i < counts.size(); ++i)
    out[i] = n > 0 ? static_cast<double>(counts[i]) / static_cast<double>(n) : std::nan("");
  return a;
}

// A scenario: the document as written, plus the name it is shown under in messages.
// Compiled models are kept per plan name: the document never changes (with_ makes a new Scenario),
// and compiling Jepara costs more than twenty of its replications, which a loop of small runs from
// Python would pay on every call.
struct Scenario {
  using ModelPtr = std::shared_ptr<const siaga::scenario::Model>;
  struct Compiled {
    std::mutex mutex;
    std::map<std::string, ModelPtr, std::less<>> by_plan;  // "" is the first plan
  };
  std::shared_ptr<const ScenarioDocument> doc;
  std::shared_ptr<Compiled> compiled = std::make_shared<Compiled>();

  const ScenarioDocument& get() const { return *doc; }
  ModelPtr model(const std::string& plan) const {
    const std::lock_guard lock(compiled->mutex);
    ModelPtr& model = compiled->by_plan[plan];
    if (!model) model = siaga::scenario::compile(siaga::scenario::resolve(*doc, plan));
    return model;
  }
};

Scenario make(ScenarioDocument d) { return Scenario{std::make_shared<const ScenarioDocument>(std::move(d))}; }

Scenario builtin(const std::string& name) {
  const auto* file = siaga::scenario::find_builtin_scenario(name);
  if (file == nullptr) {
    // Appended piecewise: GCC 12's LTO misreads a chain of operator+ here (-Wstringop-overflow).
    std::string names;
    for (const auto& f : siaga::scenario::builtin_scenarios()) {
      if (!names.empty()) names.append(", ");
      names.append(f.name);
    }
    throw siaga::InputError("no built-in scenario '" + name + "' (there are: " + names + ")");
  }
  return make(ScenarioDocument::parse(file->text, name + " (built in)", "."));
}

// Runs replications with the GIL released. The progress callback comes back on this thread between
// blocks: it takes the GIL for a moment to let Python's signal handler run, and a pending
// KeyboardInterrupt becomes a cancel (the engine stops after the current block), raised once the
// engine has returned.
class Runner {
 public:
  Runner(bool show, const char* what) : show_(show), what_(what), start_(std::chrono::steady_clock::now()) {}

  void attach(siaga::experiment::ExperimentOptions& o) {
    o.cancel = &cancel_;
    o.progress = [this](const siaga::experiment::Progress& p) { on_progress(p); };
  }

  template <class F>
  auto run(F&& f) {
    auto result = [&] {
      py::gil_scoped_release release;
      return f();
    }();
    if (show_) std::fprintf(stderr, "\n");
    if (interrupted_) {
      PyErr_SetNone(PyExc_KeyboardInterrupt);
      throw py::error_already_set();
    }
    return result;
  }

 private:
  void on_progress(const siaga::experiment::Progress& p) {
    {
      py::gil_scoped_acquire gil;
      if (PyErr_CheckSignals() != 0) {
        // The handler raised (KeyboardInterrupt, or whatever a user handler raises): the error is
        // dropped here and KeyboardInterrupt raised after the run, when Python code can see it.
        PyErr_Clear();
        interrupted_ = true;
        cancel_.store(true);
      }
    }
    if (show_) {
      // Our own clock: a sweep's Progress::seconds restarts at every grid point, its `done` does not.
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
      const double rate = seconds > 0 ? static_cast<double>(p.done) / seconds : 0.0;
      std::fprintf(stderr, "\rsiaga %s: %zu/%zu replications, %.0f rep/s   ", what_, p.done, p.total, rate);
      std::fflush(stderr);
    }
  }

  bool show_;
  const char* what_;
  std::chrono::steady_clock::time_point start_;
  std::atomic<bool> cancel_{false};
  bool interrupted_ = false;
};

siaga::experiment::ExperimentOptions options(std::size_t n, std::optional<std::uint64_t> seed,
                                             std::uint64_t scenario_seed, std::optional<unsigned> threads,
                                             std::optional<double> precision) {
  if (n == 0) throw siaga::InputError("n: at least one replication");
  siaga::experiment::ExperimentOptions o;
  o.replications = n;
  o.seed = seed.value_or(scenario_seed);
  o.threads = threads.value_or(0);
  if (precision) {
    if (!(*precision > 0)) throw siaga::InputError("precision: must be positive");
    o.precision = siaga::experiment::Precision{*precision, siaga::experiment::Precision{}.absolute};
  }
  return o;
}

std::uint64_t scenario_seed(const Scenario& s, const std::string& plan) {
  return siaga::scenario::resolve(s.get(), plan).experiment.seed;
}

// What siaga.run returns.
struct Result {
  std::string plan;
  std::uint64_t seed = 0;
  std::size_t n = 0;
  bool partial = false;
  bool precision_reached = false;
  double seconds = 0;
  py::dict metrics, summary, tps_risk;
};

Result make_result(const siaga::scenario::Model& model, const siaga::experiment::ExperimentResult& r,
                   double confidence) {
  Result out;
  out.plan = r.plan;
  out.seed = r.seed;
  out.n = r.n();
  out.partial = r.partial;
  out.precision_reached = r.precision_reached;
  out.seconds = r.seconds;
  for (std::size_t i = 0; i < siaga::dynamics::kMetricCount; ++i) {
    const auto m = static_cast<Metric>(i);
    const std::string name(siaga::dynamics::metric_name(m));
    const std::vector<double> values = r.column(m);
    out.metrics[py::str(name)] = to_array(values);
    out.summary[py::str(name)] = summary_tuple(values, m, confidence);
  }
  py::list ids;
  for (const auto& t : model.scenario().region.tps) ids.append(t.id);
  out.tps_risk["tps_id"] = ids;
  out.tps_risk["p_escalation"] = share_array(r.tps_escalation, r.n());
  out.tps_risk["p_late"] = share_array(r.tps_late, r.n());
  out.tps_risk["p_exposed"] = share_array(r.tps_exposed, r.n());
  out.tps_risk["p_incident"] = share_array(r.tps_incident, r.n());
  return out;
}

py::object none_if_nan(double v) { return std::isfinite(v) ? py::object(py::float_(v)) : py::none(); }

// Collects a traced replication.
class TraceList : public siaga::dynamics::TraceSink {
 public:
  void record(const siaga::dynamics::TraceEvent& e) override { events.push_back(e); }
  std::vector<siaga::dynamics::TraceEvent> events;
};

py::object id_or_none(std::uint32_t id) {
  return id == siaga::dynamics::TraceEvent::kNone ? py::none() : py::object(py::int_(id));
}

}  // namespace

PYBIND11_MODULE(siaga, m) {
  m.doc() =
      "siaga: discrete-event simulation of election-day security deployment.\n\n"
      "Load a scenario (Scenario.load, Scenario.from_dict, builtin), then run replications (run),\n"
      "compare plans on common random numbers (compare), sweep parameters (sweep) or follow one\n"
      "day event by event (trace). Results are dicts and numpy arrays; every figure is the same\n"
      "whatever the number of threads, and the same as the siaga command line gives.";

  static py::exception<siaga::scenario::ScenarioError> scenario_error(m, "ScenarioError", PyExc_ValueError);
  scenario_error.doc() =
      "A bad scenario (a ValueError). The message lists every problem, one per line, each naming "
      "where it is (a dotted path such as plans.doctrine.retention.rawan.hours).";
  // One translator for both, so that a ScenarioError (an InputError) is never caught as the base.
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const siaga::scenario::ScenarioError& e) {
      // The same text the CLI prints.
      const auto& problems = e.problems();
      std::string msg = "the scenario has " + std::to_string(problems.size()) + " problem" +
                        (problems.size() == 1 ? "" : "s") + ":";
      for (const auto& pr : problems) msg += "\n  " + pr.line();
      scenario_error(msg.c_str());
    } catch (const siaga::InputError& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    }
  });

  py::class_<Scenario>(m, "Scenario",
                       "A scenario document: region, forces, incidents and plans. Immutable: with_ "
                       "returns a changed copy.")
      .def_static(
          "load", [](const std::string& path) { return make(ScenarioDocument::load(path)); }, py::arg("path"),
          "Reads a scenario file (CSV tables it names are read relative to it).")
      .def_static(
          "from_dict",
          [](const py::dict& d) { return make(ScenarioDocument::from_json(to_json(d), "(dict)", ".")); },
          py::arg("d"),
          "A scenario from a dict shaped like a scenario file (CSV paths relative to the working "
          "directory).")
      .def(
          "to_dict", [](const Scenario& s) { return from_json(s.get().json()); },
          "The scenario document as a dict (a fresh copy).")
      .def(
          "with_",
          [](const Scenario& s, const py::dict& values) {
            std::vector<std::pair<siaga::scenario::Path, Json>> changes;
            for (const auto& [k, v] : values)
              changes.emplace_back(siaga::scenario::Path::parse(py::cast<std::string>(k)), to_json(v));
            auto changed = siaga::scenario::with_values(s.get(), changes);
            // A typo in a path creates a field; resolving every plan now reports it here, with the
            // path, rather than at the first run.
            for (const auto& plan : changed.plan_names()) {
              siaga::scenario::Problems problems;
              siaga::dynamics::check_policies(siaga::scenario::resolve(changed, plan), problems);
              problems.throw_if_any();
            }
            return make(std::move(changed));
          },
          py::arg("values"),
          "A copy with values set at dotted paths, e.g. "
          "{'plans.doctrine.retention.rawan.hours': 2}. Raises ScenarioError if the result is invalid.")
      .def_property_readonly(
          "plans", [](const Scenario& s) { return s.get().plan_names(); },
          "Plan names in file order (the first is the default).")
      .def_property_readonly(
          "name", [](const Scenario& s) { return s.get().shown_name(); }, "The name shown in messages.")
      .def(
          "describe",
          [](const Scenario& s, const std::string& plan, std::size_t worst) {
            return from_json(siaga::scenario::describe(*s.model(plan), worst));
          },
          py::arg("plan") = "", py::arg("worst") = 10,
          "Counts, officers per TPS by category and static coverage under a plan (default: the "
          "first), as a dict; `worst` farthest TPS are named.")
      .def("__repr__", [](const Scenario& s) {
        std::string plans;
        for (const auto& p : s.get().plan_names()) plans += (plans.empty() ? "" : ", ") + p;
        return "<siaga.Scenario " + s.get().shown_name() + " plans: " + plans + ">";
      });

  m.def("builtin", &builtin, py::arg("name") = std::string(siaga::scenario::kDefaultScenario),
        "A scenario shipped inside siaga (jepara-pilkada.json, pasrepan-pilkades.json, sandbox.json).");
  m.def(
      "builtin_names",
      [] {
        std::vector<std::string> names;
        for (const auto& f : siaga::scenario::builtin_scenarios()) names.emplace_back(f.name);
        return names;
      },
      "The names of the built-in scenarios.");

  py::class_<Result>(m, "Result", "The replications of one plan.")
      .def_readonly("plan", &Result::plan, "The plan run.")
      .def_readonly("seed", &Result::seed, "The seed used.")
      .def_readonly("n", &Result::n, "Replications run.")
      .def_readonly("partial", &Result::partial, "True if interrupted before n replications.")
      .def_readonly("precision_reached", &Result::precision_reached,
                    "With precision: whether every key metric met it.")
      .def_readonly("seconds", &Result::seconds, "Wall time.")
      .def_readonly("metrics", &Result::metrics,
                    "Metric name -> numpy float64 array, one value per replication (NaN where undefined).")
      .def_readonly("summary", &Result::summary,
                    "Metric name -> (mean, low, high): t interval of the mean, or for 0/1 metrics the "
                    "probability with its Wilson interval.")
      .def_readonly("tps_risk", &Result::tps_risk,
                    "Per TPS: 'tps_id' (list of str) and numpy arrays 'p_escalation', 'p_late', "
                    "'p_exposed', 'p_incident' (share of replications).")
      .def("__repr__", [](const Result& r) {
        return "<siaga.Result plan '" + r.plan + "', n " + std::to_string(r.n) +
               (r.partial ? ", partial" : "") + ">";
      });

  m.def(
      "run",
      [](const Scenario& s, std::optional<std::string> plan, std::size_t n, std::optional<std::uint64_t> seed,
         std::optional<unsigned> threads, std::optional<double> precision, double confidence, bool progress) {
        const auto model = s.model(plan.value_or(""));
        auto o = options(n, seed, model->scenario().experiment.seed, threads, precision);
        o.confidence = confidence;
        Runner runner(progress, "run");
        runner.attach(o);
        const auto r = runner.run([&] { return siaga::experiment::run_experiment(model, o); });
        return make_result(*model, r, confidence);
      },
      py::arg("scenario"), py::arg("plan") = py::none(), py::arg("n") = 1000, py::arg("seed") = py::none(),
      py::arg("threads") = py::none(), py::arg("precision") = py::none(), py::arg("confidence") = 0.95,
      py::arg("progress") = false,
      "Runs n replications of a plan (default: the first). seed defaults to the scenario's; threads "
      "to every core (results do not depend on it). With precision (a relative half-width, e.g. "
      "0.05) replications are added until the key metrics are known that well. Ctrl-C stops after "
      "the current block and raises KeyboardInterrupt.");

  m.def(
      "compare",
      [](const Scenario& s, std::vector<std::string> plans, std::size_t n, std::optional<std::uint64_t> seed,
         std::optional<unsigned> threads, double confidence, bool progress) {
        if (plans.empty()) plans = s.get().plan_names();
        auto o = options(n, seed, scenario_seed(s, plans.front()), threads, std::nullopt);
        o.confidence = confidence;
        Runner runner(progress, "compare");
        runner.attach(o);
        const auto c = runner.run([&] { return siaga::experiment::compare_plans(s.get(), plans, o); });
        py::list rows;
        for (const auto& mc : c.metrics) {
          for (std::size_t i = 0; i < mc.plans.size(); ++i) {
            py::dict row;
            row["metric"] = std::string(siaga::dynamics::metric_name(mc.metric));
            row["plan"] = plans[i];
            row["mean"] = mc.plans[i].mean;
            row["low"] = mc.plans[i].low;
            row["high"] = mc.plans[i].high;
            const bool ref = i == 0;
            row["diff"] = ref ? py::none() : none_if_nan(mc.differences[i].mean);
            row["diff_low"] = ref ? py::none() : none_if_nan(mc.differences[i].low);
            row["diff_high"] = ref ? py::none() : none_if_nan(mc.differences[i].high);
            row["p_holm"] = ref ? py::none() : none_if_nan(mc.adjusted_p[i]);
            row["verdict"] = std::string(siaga::experiment::to_string(mc.verdicts[i]));
            rows.append(row);
          }
        }
        return rows;
      },
      py::arg("scenario"), py::arg("plans") = std::vector<std::string>{}, py::arg("n") = 1000,
      py::arg("seed") = py::none(), py::arg("threads") = py::none(), py::arg("confidence") = 0.95,
      py::arg("progress") = false,
      "Compares plans (default: every plan; the first is the reference) on common random numbers. "
      "Returns one dict per metric and plan: metric, plan, mean, low, high, diff, diff_low, "
      "diff_high (paired difference to the reference), p_holm (Holm-adjusted p-value), verdict. "
      "pandas.DataFrame takes the list as is.");

  m.def(
      "sweep",
      [](const Scenario& s, const py::dict& grid, std::optional<std::string> plan, std::size_t n,
         std::optional<std::uint64_t> seed, std::optional<unsigned> threads, double confidence,
         bool progress) {
        std::vector<siaga::experiment::SweepAxis> axes;
        for (const auto& [k, v] : grid) {
          siaga::experiment::SweepAxis axis;
          axis.spelling = py::cast<std::string>(k);
          axis.path = siaga::scenario::Path::parse(axis.spelling);
          axis.values = py::cast<std::vector<double>>(v);
          if (axis.values.empty()) throw siaga::InputError("grid '" + axis.spelling + "': no values");
          axes.push_back(std::move(axis));
        }
        if (axes.empty()) throw siaga::InputError("grid: at least one parameter");
        const std::string p = plan ? *plan : s.get().plan_names().empty() ? "" : s.get().plan_names().front();
        auto o = options(n, seed, scenario_seed(s, p), threads, std::nullopt);
        o.confidence = confidence;
        Runner runner(progress, "sweep");
        runner.attach(o);
        const auto sw = runner.run([&] { return siaga::experiment::run_sweep(s.get(), p, axes, o); });
        py::list rows;
        for (const auto& pt : sw.points) {
          py::dict row;
          for (std::size_t a = 0; a < sw.axes.size(); ++a) row[py::str(sw.axes[a].spelling)] = pt.values[a];
          const auto& r = pt.result;
          row["n"] = r.n();
          const auto pr = siaga::experiment::summarize_metric(Metric::kAnyEscalation,
                                                              r.column(Metric::kAnyEscalation), confidence);
          row["p_any_escalation"] = pr.mean;
          row["p_any_escalation_low"] = pr.low;
          row["p_any_escalation_high"] = pr.high;
          row["escalations_mean"] =
              siaga::experiment::summarize(r.column(Metric::kEscalations), confidence).mean;
          row["officer_hours_duty_mean"] =
              siaga::experiment::summarize(r.column(Metric::kOfficerHoursDuty), confidence).mean;
          row["officer_hours_retention_mean"] =
              siaga::experiment::summarize(r.column(Metric::kOfficerHoursRetention), confidence).mean;
          rows.append(row);
        }
        return rows;
      },
      py::arg("scenario"), py::arg("grid"), py::arg("plan") = py::none(), py::arg("n") = 1000,
      py::arg("seed") = py::none(), py::arg("threads") = py::none(), py::arg("confidence") = 0.95,
      py::arg("progress") = false,
      "Runs a plan at every point of a grid {dotted path: [values]} (the first parameter varies "
      "slowest) on common random numbers. Returns one dict per point: the parameters, n, "
      "p_any_escalation with _low/_high (Wilson), escalations_mean, officer_hours_duty_mean, "
      "officer_hours_retention_mean.");

  m.def(
      "trace",
      [](const Scenario& s, std::optional<std::string> plan, std::uint64_t seed, std::uint64_t replication) {
        const auto model = s.model(plan.value_or(""));
        TraceList list;
        {
          py::gil_scoped_release release;
          siaga::dynamics::Replication rep(model);
          rep.run(seed, replication, &list);
        }
        py::list rows;
        for (const auto& e : list.events) {
          py::dict row;
          row["time_ms"] = e.time;
          row["event"] = std::string(siaga::dynamics::to_string(e.kind));
          row["incident"] = id_or_none(e.incident);
          row["tps"] = id_or_none(e.tps);
          row["unit"] = id_or_none(e.unit);
          row["value"] = e.value;
          row["arg"] = e.arg;
          rows.append(row);
        }
        return rows;
      },
      py::arg("scenario"), py::arg("plan") = py::none(), py::arg("seed") = 0, py::arg("replication") = 0,
      "Every event of one replication as a list of dicts: time_ms (since midnight), event, incident, "
      "tps, unit (indices, or None), value, arg (meaning by event; see the trace documentation).");

  m.def(
      "metric_names",
      [] {
        std::vector<std::string> names;
        for (std::size_t i = 0; i < siaga::dynamics::kMetricCount; ++i)
          names.emplace_back(siaga::dynamics::metric_name(static_cast<Metric>(i)));
        return names;
      },
      "Every metric's name, in the order of Result.metrics.");
}
