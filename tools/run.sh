#!/usr/bin/env bash
# Installs what is missing, builds siaga (Release), and runs it; arguments are passed to `siaga`.
# With no arguments it runs the main job on the default scenario that ships with siaga and writes
# the report of its comparison to build/report/report.html.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"

siaga_install_missing
# Only the command line and the engine it links: the tests and benchmarks are tools/test.sh's.
SIAGA_BUILD_TARGETS=siaga_cli siaga_build "$SIAGA_ROOT/build" -DCMAKE_BUILD_TYPE=Release
if (($# > 0)); then
  exec "$SIAGA_ROOT/build/tools/siaga" "$@"
fi
# The main job (siaga's comparison of the default scenario's plans), its results and report in
# build/report/, rewritten on each run by design (--force).
"$SIAGA_ROOT/build/tools/siaga" compare --out "$SIAGA_ROOT/build/report" --force --report
echo
echo "Report: $SIAGA_ROOT/build/report/report.html"
