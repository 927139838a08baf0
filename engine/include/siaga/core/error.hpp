#pragma once
// Typed errors (one choke point each) and the always-on invariant check.
//
// User input problems are exceptions that name where the problem is; broken engine invariants abort,
// because continuing would produce wrong statistics silently.

#include <cstdint>
#include <stdexcept>
#include <string>

#include "siaga/core/time.hpp"

namespace siaga {

/// Base of every error siaga throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Bad user input (scenario, command line): the CLI maps it to exit code 2.
class InputError : public Error {
 public:
  using Error::Error;
};

/// An exception thrown by an event handler, rethrown with the simulated time and the event's kind.
class SimulationError : public Error {
 public:
  SimulationError(Tick time, std::uint16_t kind, const std::string& what);
  /// When the failing event was due, in ticks.
  Tick time() const noexcept { return time_; }
  /// The failing event's model-defined kind.
  std::uint16_t kind() const noexcept { return kind_; }

 private:
  Tick time_;
  std::uint16_t kind_;
};

namespace detail {
[[noreturn]] void check_failed(const char* condition, const char* file, int line, const char* message);
}  // namespace detail

}  // namespace siaga

/// Checks an engine invariant in every build type; on failure prints file, line and message and
/// aborts. Never use it for user input: that gets an InputError.
#define SIAGA_CHECK(condition, message)                                         \
  do {                                                                          \
    if (!(condition)) [[unlikely]]                                              \
      ::siaga::detail::check_failed(#condition, __FILE__, __LINE__, (message)); \
  } while (false)
