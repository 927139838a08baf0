#pragma once
// siaga's version, one source for every output that names it: `siaga --version`, summary.json,
// scenario.json and Python's siaga.__version__. The number is CMake's project(siaga VERSION X.Y.Z),
// compiled into the engine library (engine/src/core/version.cpp), so a consumer linking siaga::engine
// reads the version of the library it runs, not of the headers it was built against.

#include <string_view>

namespace siaga {

/// "X.Y.Z", as in CMakeLists.txt's project() call.
std::string_view version() noexcept;

}  // namespace siaga
