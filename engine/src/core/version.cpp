#include "siaga/version.hpp"

// SIAGA_VERSION_STRING is defined for this file only (engine/CMakeLists.txt), so that a new version
// recompiles one file.
#ifndef SIAGA_VERSION_STRING
#error "SIAGA_VERSION_STRING must be defined by the build (engine/CMakeLists.txt)"
#endif

namespace siaga {

std::string_view version() noexcept { return SIAGA_VERSION_STRING; }

}  // namespace siaga
