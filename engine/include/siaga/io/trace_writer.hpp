#pragma once
// Traces a person can follow by hand: one line per event of a replication, as CSV or JSON Lines,
// with clock times, names from the scenario and a short note in plain language. The text is a pure
// function of the events and the model (fixed formatting, no locale), so traces compare byte for byte.
//
// Columns (CSV header; the same keys in each JSON line, null where CSV leaves a field empty):
//   time       HH:MM:SS.mmm since midnight at the start of election day (hours pass 24 after midnight)
//   time_ms    the same in milliseconds
//   event      the event kind (to_string(TraceKind))
//   incident   incident number within the replication
//   tps        TPS id; village: the name of its village
//   unit       unit id; unit_kind: its kind
//   value, arg the event's two numbers as recorded (their meaning depends on the kind, trace.hpp)
//   note       what happened, in words ("severity 2 (intimidation)")

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "siaga/core/time.hpp"
#include "siaga/dynamics/trace.hpp"
#include "siaga/io/atomic_file.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::io {

/// The text formats of a trace.
enum class TraceFormat : std::uint8_t { kCsv, kJsonLines };

/// The format a trace file's extension asks for: ".csv" or ".jsonl". Anything else is an InputError
/// whose message starts with `label` and names the path.
TraceFormat trace_format_for(const std::filesystem::path& path, std::string_view label = "--trace");

/// Appends a time of day as HH:MM:SS.mmm (ms since midnight of election day; at least two digits of
/// hours, which pass 24 after midnight; a '-' before a negative time).
void append_clock(std::string& out, Tick t);

/// Formats trace events as lines of text, names taken from the model (which must outlive it).
class TraceFormatter {
 public:
  TraceFormatter(const scenario::Model& model, TraceFormat format);

  /// The CSV header line with its newline; empty for JSON Lines, whose lines name their fields.
  std::string_view header() const noexcept;
  /// Appends one event as one line, newline included. Allocates only if `out` must grow.
  void append(const dynamics::TraceEvent& e, std::string& out);
  TraceFormat format() const noexcept { return format_; }

 private:
  void write_note(const dynamics::TraceEvent& e);

  const scenario::Model* model_;
  TraceFormat format_;
  std::string note_;  // scratch for the note column, reused across events
};

/// A sink keeping the whole trace as text in memory (tests, Python, small runs).
class TraceTextSink final : public dynamics::TraceSink {
 public:
  TraceTextSink(const scenario::Model& model, TraceFormat format);
  void record(const dynamics::TraceEvent& e) override;
  /// The header (CSV) and every line recorded so far.
  const std::string& text() const noexcept { return text_; }
  /// Events recorded so far.
  std::uint64_t events() const noexcept { return events_; }

 private:
  TraceFormatter formatter_;
  std::string text_;
  std::uint64_t events_ = 0;
};

/// A sink writing the trace to a file through a buffer, atomically: the file appears under its name
/// only when finish() succeeds; otherwise (an exception during the run) nothing is left behind.
/// The format follows the file's extension (trace_format_for).
class TraceFileWriter final : public dynamics::TraceSink {
 public:
  /// Checks the path (extension, and whether it exists unless `overwrite` allows replacing it)
  /// and opens the temporary file; errors are InputErrors starting with `label`.
  TraceFileWriter(const scenario::Model& model, std::filesystem::path path, Overwrite overwrite,
                  std::string label = "--trace");
  void record(const dynamics::TraceEvent& e) override;
  /// Writes what is buffered and gives the file its name. Call once, after the run.
  void finish();

  /// Events recorded so far.
  std::uint64_t events() const noexcept { return events_; }
  /// Where the trace appears.
  const std::filesystem::path& path() const noexcept { return file_.path(); }
  TraceFormat format() const noexcept { return formatter_.format(); }

 private:
  static constexpr std::size_t kFlushBytes = std::size_t{1} << 16;

  TraceFormatter formatter_;
  AtomicFile file_;
  std::string buffer_;
  std::uint64_t events_ = 0;
};

}  // namespace siaga::io
