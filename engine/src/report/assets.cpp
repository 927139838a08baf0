#include "siaga/report/assets.hpp"

namespace siaga::report {

std::string_view report_asset(std::string_view name) noexcept {
  for (const scenario::BuiltinFile& f : report_assets())
    if (f.name == name) return f.text;
  return {};
}

}  // namespace siaga::report
