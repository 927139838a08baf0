# Finds libosmium (OpenStreetMap data, header-only; Debian: libosmium2-dev) with protozero
# (libprotozero-dev) and the libraries its XML and PBF readers and writers need: expat, zlib,
# bzip2 and threads. Debian ships no CMake package for libosmium (its own FindOsmium.cmake is not
# installed), so this module defines the interface target Osmium::Osmium. Sets Osmium_VERSION.
find_path(Osmium_INCLUDE_DIR NAMES osmium/version.hpp)
find_path(Osmium_PROTOZERO_INCLUDE_DIR NAMES protozero/version.hpp)
if(Osmium_INCLUDE_DIR AND EXISTS "${Osmium_INCLUDE_DIR}/osmium/version.hpp")
  file(STRINGS "${Osmium_INCLUDE_DIR}/osmium/version.hpp" _osmium_version_line
       REGEX "^#define LIBOSMIUM_VERSION_STRING \"[^\"]+\"")
  string(REGEX REPLACE ".*\"([^\"]+)\".*" "\\1" Osmium_VERSION "${_osmium_version_line}")
  unset(_osmium_version_line)
endif()
include(CMakeFindDependencyMacro)
find_package(EXPAT QUIET)
find_package(ZLIB QUIET)
find_package(BZip2 QUIET)
find_package(Threads QUIET)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Osmium
  REQUIRED_VARS Osmium_INCLUDE_DIR Osmium_PROTOZERO_INCLUDE_DIR EXPAT_FOUND ZLIB_FOUND BZIP2_FOUND
                Threads_FOUND
  VERSION_VAR Osmium_VERSION)
if(Osmium_FOUND AND NOT TARGET Osmium::Osmium)
  add_library(Osmium::Osmium INTERFACE IMPORTED)
  set_target_properties(Osmium::Osmium PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${Osmium_INCLUDE_DIR};${Osmium_PROTOZERO_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "EXPAT::EXPAT;ZLIB::ZLIB;BZip2::BZip2;Threads::Threads")
endif()
mark_as_advanced(Osmium_INCLUDE_DIR Osmium_PROTOZERO_INCLUDE_DIR)
