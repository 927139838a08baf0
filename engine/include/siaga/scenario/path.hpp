#pragma once
// Dotted paths into a scenario: `plans.doctrine.retention.rawan.hours`, `region.tps[12].village`.
// One syntax for error messages, the command line (--set) and the Python bindings.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace siaga::scenario {

/// Scenario documents keep their fields in file order (the first plan is the default one).
using Json = nlohmann::ordered_json;

/// One step of a path: an object key or a list position.
using PathStep = std::variant<std::string, std::size_t>;

/// A place in a scenario document, built step by step while reading it.
class Path {
 public:
  Path() = default;
  /// The path one key further down.
  Path operator/(std::string_view key) const;
  /// The path one list position further down.
  Path operator[](std::size_t index) const;
  /// The dotted spelling; the root is "(scenario)".
  std::string str() const;
  const std::vector<PathStep>& steps() const noexcept { return steps_; }

  /// Parses a dotted spelling; throws InputError naming the problem. Keys are [A-Za-z0-9_-]+.
  static Path parse(std::string_view dotted);

 private:
  std::vector<PathStep> steps_;
};

/// The value at `path` in `doc`, or nullptr when it is not there.
const Json* find(const Json& doc, const Path& path);

/// Sets the value at `path`, which must already exist (a typo must not create a new field);
/// throws InputError naming the first step that does not exist.
void set_existing(Json& doc, const Path& path, Json value);

/// The value at `path`, for writing. With `create_missing`, missing object fields along the path
/// are created (null); list positions must exist either way. Throws InputError naming the first
/// step that cannot be followed.
Json& walk(Json& doc, const Path& path, bool create_missing);

}  // namespace siaga::scenario
