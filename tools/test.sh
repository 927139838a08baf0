#!/usr/bin/env bash
# Installs what is missing, builds siaga, and runs every test.
#   ./tools/test.sh              Release build in build/, with the Python module and its pytest suite
#   ./tools/test.sh --sanitize   AddressSanitizer + UndefinedBehaviorSanitizer build in build-sanitize/
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"

dir="$SIAGA_ROOT/build"
cmake_args=(-DCMAKE_BUILD_TYPE=Release "${SIAGA_PYTHON_CMAKE_ARGS[@]}")
python=1
for arg in "$@"; do
  case $arg in
    --sanitize)
      dir="$SIAGA_ROOT/build-sanitize"
      # No Python module: a sanitized extension would need the sanitizer runtime preloaded into
      # the interpreter.
      cmake_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DSIAGA_SANITIZE=ON -DSIAGA_BUILD_BENCH=OFF
        -DSIAGA_BUILD_PYTHON=OFF)
      python=0
      ;;
    -h | --help)
      sed -n '2,4p' "$0"
      exit 0
      ;;
    *)
      siaga_log "unknown option: $arg (see --help)"
      exit 2
      ;;
  esac
done

if ((python)); then
  siaga_install_missing "${SIAGA_PYTHON_PACKAGES[@]}" "${SIAGA_BROWSER_PACKAGES[@]}"
else
  siaga_install_missing "${SIAGA_BROWSER_PACKAGES[@]}"
fi
siaga_install_browser_test
siaga_build "$dir" "${cmake_args[@]}"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$dir" --output-on-failure --parallel "$(nproc)"
