#include "siaga/core/error.hpp"

#include <cstdio>
#include <cstdlib>

namespace siaga {
namespace {
std::string describe(Tick time, std::uint16_t kind, const std::string& what) {
  return "at t=" + std::to_string(time) + " ms (event kind " + std::to_string(kind) + "): " + what;
}
}  // namespace

SimulationError::SimulationError(Tick time, std::uint16_t kind, const std::string& what)
    : Error(describe(time, kind, what)), time_(time), kind_(kind) {}

namespace detail {
void check_failed(const char* condition, const char* file, int line, const char* message) {
  std::fprintf(stderr, "siaga: internal error at %s:%d: %s (check failed: %s)\n", file, line, message,
               condition);
  std::abort();
}
}  // namespace detail

}  // namespace siaga
