#include "siaga/scenario/builtin.hpp"

namespace siaga::scenario {

const BuiltinFile* find_builtin_scenario(std::string_view name) noexcept {
  for (const BuiltinFile& f : builtin_scenarios())
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace siaga::scenario
