// siaga._core, the compiled half of the Python package `siaga`: scenarios, experiments,
// comparisons, sweeps and traces, with results as dicts, numpy arrays and the io layer's tables (the
// very tables the CLI writes as CSV). The engine does the work; this file only converts, releases the GIL
// while replications run, passes progress to a Python callable and turns Ctrl-C into a cancel. Signatures,
// path handling, pickling and DataFrames live in the package's Python layer
// (bindings/python/siaga/__init__.py).

#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <cmath>
#include <cstdint>
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
#include "siaga/io/experiment_outputs.hpp"
#include "siaga/io/report_tables.hpp"
#include "siaga/io/result_tables.hpp"
#include "siaga/io/table.hpp"
#include "siaga/scenario/builtin.hpp"
#include "siaga/scenario/describe.hpp"
#include "siaga/scenario/edit.hpp"
#include "siaga/scenario/load.hpp"
#include "siaga/scenario/model.hpp"
#include "siaga/version.hpp"

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

// An io::Table as Python gets it: {"columns": names in order, "types": "integer" | "real" | "text"
// per column, "data": one entry per column}. A real column is a float64 array (missing: NaN); an
// integer or text column a list of int or str (missing: None). The package's Python layer makes
// the DataFrame from it, with the dtypes pandas gives the same table read from the CLI's CSV.
py::dict table_dict(const siaga::io::Table& t) {
  py::list names, types, data;
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    const siaga::io::Column& col = t.columns[c];
    names.append(col.name);
    if (col.type == siaga::io::ColumnType::kReal) {
      types.append("real");
      py::array_t<double> a(static_cast<py::ssize_t>(t.rows.size()));
      double* out = a.mutable_data();
      for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const siaga::io::Cell& cell = t.rows[r][c];
        if (const auto* d = std::get_if<double>(&cell))
          out[r] = *d;
        else if (const auto* i = std::get_if<std::int64_t>(&cell))
          out[r] = static_cast<double>(*i);
        else
          out[r] = std::nan("");
      }
      data.append(std::move(a));
      continue;
    }
    types.append(col.type == siaga::io::ColumnType::kInteger ? "integer" : "text");
    py::list values;
    for (const auto& row : t.rows) {
      const siaga::io::Cell& cell = row[c];
      if (siaga::io::is_missing(cell))
        values.append(py::none());
      else if (const auto* i = std::get_if<std::int64_t>(&cell))
        values.append(py::int_(*i));
      else if (const auto* d = std::get_if<double>(&cell))
        values.append(py::float_(*d));
      else
        values.append(py::str(std::get<std::string>(cell)));
    }
    data.append(std::move(values));
  }
  py::dict out;
  out["columns"] = names;
  out["types"] = types;
  out["data"] = data;
  return out;
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

// Runs replications with the GIL released. The engine's progress report comes back on this thread
// between blocks: it takes the GIL for a moment to let Python's signal handler run and to call the
// caller's progress callable, if any. An exception from either (KeyboardInterrupt after Ctrl-C, or
// whatever the callable raises) becomes a cancel (the engine stops after the current block) and is
// raised once the engine has returned. Nothing is written to the terminal: a notebook shows only
// what the callable shows.
class Runner {
 public:
  explicit Runner(py::object progress) : progress_(std::move(progress)) {}

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
    if (error_) throw std::move(*error_);
    return result;
  }

 private:
  void on_progress(const siaga::experiment::Progress& p) {
    py::gil_scoped_acquire gil;
    if (error_) return;  // already cancelled: the engine finishes its block
    try {
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      if (!progress_.is_none()) progress_(p.done, p.total);
    } catch (py::error_already_set& e) {
      error_.emplace(std::move(e));
      cancel_.store(true);
    }
  }

  py::object progress_;
  std::atomic<bool> cancel_{false};
  std::optional<py::error_already_set> error_;
};

// A progress argument: None, or anything callable as progress(done, total).
py::object progress_callable(py::object progress) {
  if (!progress.is_none() && PyCallable_Check(progress.ptr()) == 0)
    throw py::type_error("progress: expected a callable progress(done, total) or None");
  return progress;
}

siaga::experiment::ExperimentOptions options(std::size_t n, std::optional<std::uint64_t> seed,
                                             std::uint64_t scenario_seed, std::optional<unsigned> threads,
                                             std::optional<double> precision,
                                             double precision_abs = siaga::experiment::Precision{}.absolute) {
  if (n == 0) throw siaga::InputError("n: at least one replication");
  siaga::experiment::ExperimentOptions o;
  o.replications = n;
  o.seed = seed.value_or(scenario_seed);
  o.threads = threads.value_or(0);
  if (precision) {
    if (!(*precision > 0)) throw siaga::InputError("precision: must be positive");
    if (!(precision_abs > 0)) throw siaga::InputError("precision_abs: must be positive");
    o.precision = siaga::experiment::Precision{*precision, precision_abs};
  }
  return o;
}

std::uint64_t scenario_seed(const Scenario& s, const std::string& plan) {
  return siaga::scenario::resolve(s.get(), plan).experiment.seed;
}

// The replications of one plan, kept as the engine returned them: state() is what Python keeps
// (and pickles), tables() the CSV files `siaga run --out` writes, made only when asked for.
struct Experiment {
  std::shared_ptr<const siaga::scenario::Model> model;
  siaga::experiment::ExperimentResult result;
  double confidence = 0.95;
  std::string scenario_hash;

  py::dict state() const {
    py::dict out;
    out["plan"] = result.plan;
    out["seed"] = result.seed;
    out["n"] = result.n();
    out["partial"] = result.partial;
    out["precision_reached"] = result.precision_reached;
    out["seconds"] = result.seconds;
    out["confidence"] = confidence;
    py::dict metrics, summary;
    for (std::size_t i = 0; i < siaga::dynamics::kMetricCount; ++i) {
      const auto m = static_cast<Metric>(i);
      const std::string name(siaga::dynamics::metric_name(m));
      const std::vector<double> values = result.column(m);
      metrics[py::str(name)] = to_array(values);
      summary[py::str(name)] = summary_tuple(values, m, confidence);
    }
    out["metrics"] = metrics;
    out["summary"] = summary;
    py::dict tps_risk;
    py::list ids;
    for (const auto& t : model->scenario().region.tps) ids.append(t.id);
    tps_risk["tps_id"] = ids;
    tps_risk["p_escalation"] = share_array(result.tps_escalation, result.n());
    tps_risk["p_late"] = share_array(result.tps_late, result.n());
    tps_risk["p_exposed"] = share_array(result.tps_exposed, result.n());
    tps_risk["p_incident"] = share_array(result.tps_incident, result.n());
    out["tps_risk"] = tps_risk;
    return out;
  }

  // A table of `siaga run --out` by the io function the CLI writes it with: summary (the rows of
  // io::summary_table(), which summary.json holds as an object), replications, tps, villages, units.
  py::dict table(const std::string& name) const {
    siaga::io::Table t;
    {
      py::gil_scoped_release release;
      if (name == "summary")
        t = siaga::io::summary_table(result, confidence);
      else if (name == "replications")
        t = siaga::io::replications_table(result);
      else if (name == "tps")
        t = siaga::io::tps_table(*model, result, confidence);
      else if (name == "villages")
        t = siaga::io::village_table(*model, result, confidence);
      else if (name == "units")
        t = siaga::io::unit_table(*model, result);
      else
        throw siaga::InputError("no table '" + name + "'");
    }
    return table_dict(t);
  }

  // The report's tables, kept as text by their io functions (report_tables.hpp): the CSV text the
  // CLI writes (kecamatan, response_times, incidents_by_hour, riskiest_tps).
  std::string text_table(const std::string& name) const {
    py::gil_scoped_release release;
    siaga::io::TextTable t;
    if (name == "kecamatan")
      t = siaga::io::kecamatan_table(*model, result);
    else if (name == "response_times")
      t = siaga::io::response_times_table(*model, result);
    else if (name == "incidents_by_hour")
      t = siaga::io::incidents_by_hour_table(result);
    else if (name == "riskiest_tps")
      t = siaga::io::riskiest_tps_table(*model, result, confidence);
    else
      throw siaga::InputError("no table '" + name + "'");
    return siaga::io::csv_text(t.header, t.rows);
  }

  // The text of every file `siaga run --out` writes, by file name, made by the same function.
  py::dict files() const {
    std::vector<std::string> texts;
    {
      py::gil_scoped_release release;
      texts = siaga::io::experiment_output_texts(*model, result, confidence, scenario_hash, siaga::version());
    }
    py::dict out;
    for (std::size_t i = 0; i < texts.size(); ++i)
      out[py::str(std::string(siaga::io::kExperimentOutputFiles[i]))] = py::str(texts[i]);
    return out;
  }
};

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

// The compiled half of the `siaga` package (siaga/_core): the package's Python layer (siaga/__init__.py)
// gives every call its signature, accepts paths and progress callables, and wraps the results.
PYBIND11_MODULE(_core, m) {
  m.doc() = "The compiled core of siaga; use the siaga package, which wraps it.";
  m.attr("__version__") = std::string(siaga::version());

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

  py::class_<Scenario>(m, "Scenario", "A scenario document (immutable).")
      .def_static(
          "load", [](const std::string& path) { return make(ScenarioDocument::load(path)); }, py::arg("path"))
      .def_static(
          "parse",
          [](const std::string& text, const std::string& name, const std::string& base_dir) {
            return make(ScenarioDocument::parse(text, name, base_dir));
          },
          py::arg("text"), py::arg("name"), py::arg("base_dir"))
      .def_static(
          "from_dict",
          [](const py::dict& d) { return make(ScenarioDocument::from_json(to_json(d), "(dict)", ".")); },
          py::arg("d"))
      .def("to_dict", [](const Scenario& s) { return from_json(s.get().json()); })
      .def("to_json", [](const Scenario& s) { return s.get().json().dump(); })
      .def_property_readonly("base_dir", [](const Scenario& s) { return s.get().base_dir().string(); })
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
          py::arg("values"))
      .def_property_readonly("plans", [](const Scenario& s) { return s.get().plan_names(); })
      .def_property_readonly("name", [](const Scenario& s) { return s.get().shown_name(); })
      .def(
          "describe",
          [](const Scenario& s, const std::string& plan, std::size_t worst) {
            return from_json(siaga::scenario::describe(*s.model(plan), worst));
          },
          py::arg("plan"), py::arg("worst"));

  m.def("builtin", &builtin, py::arg("name"));
  m.attr("default_scenario") = std::string(siaga::scenario::kDefaultScenario);
  m.def("builtin_names", [] {
    std::vector<std::string> names;
    for (const auto& f : siaga::scenario::builtin_scenarios()) names.emplace_back(f.name);
    return names;
  });

  py::class_<Experiment, std::shared_ptr<Experiment>>(m, "Experiment", "One plan's replications.")
      .def("state", &Experiment::state)
      .def("table", &Experiment::table, py::arg("name"))
      .def("text_table", &Experiment::text_table, py::arg("name"))
      .def("files", &Experiment::files);

  m.def(
      "run",
      [](const Scenario& s, std::optional<std::string> plan, std::size_t n, std::optional<std::uint64_t> seed,
         std::optional<unsigned> threads, std::optional<double> precision, double precision_abs,
         double confidence, py::object progress) {
        const auto model = s.model(plan.value_or(""));
        auto o = options(n, seed, model->scenario().experiment.seed, threads, precision, precision_abs);
        o.confidence = confidence;
        Runner runner(progress_callable(std::move(progress)));
        runner.attach(o);
        auto r = runner.run([&] { return siaga::experiment::run_experiment(model, o); });
        return std::make_shared<Experiment>(
            Experiment{model, std::move(r), confidence, siaga::io::scenario_hash(s.get().json().dump())});
      },
      py::arg("scenario"), py::arg("plan"), py::arg("n"), py::arg("seed"), py::arg("threads"),
      py::arg("precision"), py::arg("precision_abs"), py::arg("confidence"), py::arg("progress"));

  m.def(
      "compare",
      [](const Scenario& s, std::vector<std::string> plans, std::size_t n, std::optional<std::uint64_t> seed,
         std::optional<unsigned> threads, double confidence, py::object progress) {
        if (plans.empty()) plans = s.get().plan_names();
        auto o = options(n, seed, scenario_seed(s, plans.front()), threads, std::nullopt);
        o.confidence = confidence;
        Runner runner(progress_callable(std::move(progress)));
        runner.attach(o);
        auto c = runner.run([&] { return siaga::experiment::compare_plans(s.get(), plans, o); });
        // The rows of compare.csv, by the function the CLI writes it with.
        py::dict table = table_dict(siaga::io::compare_table(c));
        const std::string hash = siaga::io::scenario_hash(s.get().json().dump());
        py::list experiments;
        for (std::size_t i = 0; i < c.results.size(); ++i)
          experiments.append(std::make_shared<Experiment>(
              Experiment{c.models[i], std::move(c.results[i]), confidence, hash}));
        return py::make_tuple(table, experiments, c.width_ratio);
      },
      py::arg("scenario"), py::arg("plans"), py::arg("n"), py::arg("seed"), py::arg("threads"),
      py::arg("confidence"), py::arg("progress"));

  m.def(
      "sweep",
      [](const Scenario& s, const py::dict& grid, std::optional<std::string> plan, std::size_t n,
         std::optional<std::uint64_t> seed, std::optional<unsigned> threads, double confidence,
         py::object progress) {
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
        Runner runner(progress_callable(std::move(progress)));
        runner.attach(o);
        const auto sw = runner.run([&] { return siaga::experiment::run_sweep(s.get(), p, axes, o); });
        // The rows of sweep.csv, by the function the CLI writes it with.
        return table_dict(siaga::io::sweep_table(sw, confidence));
      },
      py::arg("scenario"), py::arg("grid"), py::arg("plan"), py::arg("n"), py::arg("seed"),
      py::arg("threads"), py::arg("confidence"), py::arg("progress"));

  m.def(
      "trace",
      [](const Scenario& s, std::optional<std::string> plan, std::optional<std::uint64_t> seed,
         std::uint64_t replication) {
        const auto model = s.model(plan.value_or(""));
        // The default seed is the scenario's experiment.seed, as `siaga run --trace` takes it.
        const std::uint64_t used = seed.value_or(model->scenario().experiment.seed);
        TraceList list;
        {
          py::gil_scoped_release release;
          siaga::dynamics::Replication rep(model);
          rep.run(used, replication, &list);
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
        return py::make_tuple(rows, used);
      },
      py::arg("scenario"), py::arg("plan"), py::arg("seed"), py::arg("replication"));

  m.def("metric_names", [] {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < siaga::dynamics::kMetricCount; ++i)
      names.emplace_back(siaga::dynamics::metric_name(static_cast<Metric>(i)));
    return names;
  });
}
