#include "siaga/io/trace_writer.hpp"

#include <algorithm>
#include <charconv>
#include <utility>

#include "siaga/core/error.hpp"
#include "siaga/io/table.hpp"  // append_csv_field(): the one CSV quoting rule
#include "siaga/scenario/vocabulary.hpp"

namespace siaga::io {
namespace {

using dynamics::TraceEvent;
using dynamics::TraceKind;

constexpr std::string_view kCsvHeader =
    "time,time_ms,event,incident,tps,village,unit,unit_kind,value,arg,note\n";

void append_int(std::string& out, std::int64_t v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

// Zero-padded to `width` digits (v >= 0).
void append_padded(std::string& out, std::int64_t v, int width) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  for (auto n = r.ptr - buf; n < width; ++n) out.push_back('0');
  out.append(buf, r.ptr);
}

// A duration as minutes with one decimal ("45.0 min"), by integer arithmetic so that no floating
// formatting (or locale) can change the text.
void append_minutes(std::string& out, Tick ms) {
  if (ms < 0) {
    out.push_back('-');
    ms = -ms;
  }
  const std::int64_t tenths = (ms + kTicksPerMinute / 20) / (kTicksPerMinute / 10);
  append_int(out, tenths / 10);
  out.push_back('.');
  append_int(out, tenths % 10);
  out.append(" min");
}

// "1 officer", "3 officers".
void append_count(std::string& out, std::int64_t n, std::string_view one, std::string_view many) {
  append_int(out, n);
  out.push_back(' ');
  out.append(n == 1 ? one : many);
}

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        if (u < 0x20) {
          out.append("\\u00");
          out.push_back(kHex[u >> 4]);
          out.push_back(kHex[u & 15]);
        } else {
          out.push_back(c);  // UTF-8 passes through: the scenario's JSON parser has checked it
        }
    }
  }
  out.push_back('"');
}

// The fields of one line, formatted the same way for either format.
class LineWriter {
 public:
  LineWriter(std::string& out, TraceFormat format) : out_(out), format_(format) {
    if (format_ == TraceFormat::kJsonLines) out_.push_back('{');
  }
  void text(std::string_view key, std::string_view s) {
    start(key);
    format_ == TraceFormat::kCsv ? append_csv_field(out_, s) : append_json_string(out_, s);
  }
  // A clock time needs no escaping in either format: digits, ':', '.' and '-'.
  void clock(std::string_view key, Tick t) {
    start(key);
    if (format_ == TraceFormat::kJsonLines) out_.push_back('"');
    append_clock(out_, t);
    if (format_ == TraceFormat::kJsonLines) out_.push_back('"');
  }
  void number(std::string_view key, std::int64_t v) {
    start(key);
    append_int(out_, v);
  }
  void empty(std::string_view key) {
    start(key);
    if (format_ == TraceFormat::kJsonLines) out_.append("null");
  }
  void end() { out_.append(format_ == TraceFormat::kCsv ? "\n" : "}\n"); }

 private:
  void start(std::string_view key) {
    if (!first_) out_.push_back(',');
    first_ = false;
    if (format_ == TraceFormat::kJsonLines) {
      out_.push_back('"');
      out_.append(key);
      out_.append("\":");
    }
  }
  std::string& out_;
  TraceFormat format_;
  bool first_ = true;
};

}  // namespace

TraceFormat trace_format_for(const std::filesystem::path& path, std::string_view label) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  if (ext == ".csv") return TraceFormat::kCsv;
  if (ext == ".jsonl") return TraceFormat::kJsonLines;
  const std::string prefix = label.empty() ? std::string() : std::string(label) + ": ";
  throw InputError(prefix + "'" + path.string() +
                   "': unknown trace format; the file name must end in .csv (CSV) or .jsonl (JSON Lines)");
}

void append_clock(std::string& out, Tick t) {
  if (t < 0) {
    out.push_back('-');
    t = -t;
  }
  append_padded(out, t / kTicksPerHour, 2);
  out.push_back(':');
  append_padded(out, t / kTicksPerMinute % 60, 2);
  out.push_back(':');
  append_padded(out, t / kTicksPerSecond % 60, 2);
  out.push_back('.');
  append_padded(out, t % kTicksPerSecond, 3);
}

TraceFormatter::TraceFormatter(const scenario::Model& model, TraceFormat format)
    : model_(&model), format_(format) {
  note_.reserve(256);
}

std::string_view TraceFormatter::header() const noexcept {
  return format_ == TraceFormat::kCsv ? kCsvHeader : std::string_view();
}

void TraceFormatter::append(const TraceEvent& e, std::string& out) {
  const scenario::Scenario& s = model_->scenario();
  SIAGA_CHECK(e.tps == TraceEvent::kNone || e.tps < s.region.tps.size(), "trace event with a bad TPS index");
  SIAGA_CHECK(e.unit == TraceEvent::kNone || e.unit < s.forces.units.size(),
              "trace event with a bad unit index");
  LineWriter line(out, format_);
  line.clock("time", e.time);
  line.number("time_ms", e.time);
  line.text("event", dynamics::to_string(e.kind));
  if (e.incident != TraceEvent::kNone) {
    line.number("incident", e.incident);
  } else {
    line.empty("incident");
  }
  if (e.tps != TraceEvent::kNone) {
    const scenario::Tps& tps = s.region.tps[e.tps];
    line.text("tps", tps.id);
    line.text("village", s.region.villages[tps.village].name);
  } else {
    line.empty("tps");
    line.empty("village");
  }
  if (e.unit != TraceEvent::kNone) {
    const scenario::Unit& unit = s.forces.units[e.unit];
    line.text("unit", unit.id);
    line.text("unit_kind", scenario::to_string(unit.kind));
  } else {
    line.empty("unit");
    line.empty("unit_kind");
  }
  line.number("value", e.value);
  line.number("arg", e.arg);
  write_note(e);
  line.text("note", note_);
  line.end();
}

void TraceFormatter::write_note(const TraceEvent& e) {
  const scenario::Scenario& s = model_->scenario();
  const auto& kinds = s.incidents.kinds;
  std::string& n = note_;
  n.clear();
  const std::int64_t v = e.value;
  const std::int64_t a = e.arg;
  const bool at_tps = e.tps != TraceEvent::kNone;
  switch (e.kind) {
    case TraceKind::kGuardsArrive:
      append_count(n, v, "officer takes", "officers take");
      n.append(" post");
      n.append(" for ");
      append_count(n, a, "TPS", "TPS");  // the day's group (a plan's rating may regroup)
      break;
    case TraceKind::kIncidentReported:
      n.append("severity ");
      append_int(n, v);
      if (a >= 0 && static_cast<std::size_t>(a) < kinds.size()) {
        n.append(" (");
        n.append(kinds[static_cast<std::size_t>(a)].name);
        n.push_back(')');
      }
      break;
    case TraceKind::kGuardsRespond:
      append_count(n, v, "guard of the TPS takes", "guards of the TPS take");
      n.append(" it on");
      break;
    case TraceKind::kDispatched:
      append_count(n, v, "officer", "officers");
      n.append(", expected on scene ");
      append_clock(n, a);
      break;
    case TraceKind::kOnScene:
      append_count(n, v, "officer", "officers");
      n.append(" now on scene, ");
      append_int(n, a);
      n.append(" of them able to settle it");
      break;
    case TraceKind::kHandlingStarts:
      append_count(n, v, "officer", "officers");
      n.append(" on scene (");
      append_int(n, a);
      n.append(" able to settle it), handling starts");
      break;
    case TraceKind::kEscalated: {
      n.append("escalates to severity ");
      append_int(n, v);
      // Kinds are ordered by severity: the first of the new severity names what it became.
      const auto it =
          std::find_if(kinds.begin(), kinds.end(), [v](const auto& k) { return k.severity == v; });
      if (it != kinds.end()) {
        n.append(" (");
        n.append(it->name);
        n.push_back(')');
      }
      break;
    }
    case TraceKind::kSettled:
      n.append("settled");
      break;
    case TraceKind::kOpenAtEnd:
      n.append("still open at the end of the day, severity ");
      append_int(n, v);
      break;
    case TraceKind::kUnitBreakdown:
      n.append("vehicle fails on the road, ");
      append_minutes(n, a);
      n.append(" delay");
      break;
    case TraceKind::kUnitReturns:
      append_count(n, v, "officer", "officers");
      n.append(" back at the post");
      break;
    case TraceKind::kUnitAbsent:
      n.append("absent for the day");
      break;
    case TraceKind::kCountEnds:
      n.append("counting ends");
      break;
    case TraceKind::kGuardsLeave:
      append_count(n, v, "officer goes", "officers go");
      n.append(" off duty");
      break;
    case TraceKind::kBoxDeparts:
      n.append("ballot boxes leave");
      if (v > 0) {
        n.append(" with ");
        append_count(n, v, "escort officer", "escort officers");
      } else {
        n.append(" without escort");
      }
      break;
    case TraceKind::kBoxArrives:
      n.append(a == 0 ? "ballot boxes reach the PPS" : "ballot boxes reach the PPK");
      if (at_tps) {
        const scenario::Tps& tps = s.region.tps[e.tps];
        n.append(" of ");
        n.append(a == 0 ? s.region.villages[tps.village].name
                        : s.region.kecamatan[s.region.villages[tps.village].kecamatan].name);
      }
      break;
    case TraceKind::kTransitIncident:
      n.append("ballot boxes threatened in transit, ");
      if (v > 0) {
        append_count(n, v, "escort officer", "escort officers");
      } else {
        n.append("no escort");
      }
      break;
  }
}

TraceTextSink::TraceTextSink(const scenario::Model& model, TraceFormat format) : formatter_(model, format) {
  text_.append(formatter_.header());
}

void TraceTextSink::record(const TraceEvent& e) {
  formatter_.append(e, text_);
  ++events_;
}

TraceFileWriter::TraceFileWriter(const scenario::Model& model, std::filesystem::path path,
                                 Overwrite overwrite, std::string label)
    : formatter_(model, trace_format_for(path, label)), file_(std::move(path), overwrite, std::move(label)) {
  buffer_.reserve(kFlushBytes + 1024);
  buffer_.append(formatter_.header());
}

void TraceFileWriter::record(const TraceEvent& e) {
  formatter_.append(e, buffer_);
  ++events_;
  if (buffer_.size() >= kFlushBytes) {
    file_.write(buffer_);
    buffer_.clear();  // keeps the capacity: no allocation in the steady state
  }
}

void TraceFileWriter::finish() {
  file_.write(buffer_);
  buffer_.clear();
  file_.commit();
}

}  // namespace siaga::io
