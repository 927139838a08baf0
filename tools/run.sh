#!/usr/bin/env bash
# Installs what is missing, builds siaga (Release), and runs it; arguments are passed to `siaga`.
# With no arguments it runs the main job on the default scenario that ships with siaga.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"

siaga_install_missing
siaga_build "$SIAGA_ROOT/build" -DCMAKE_BUILD_TYPE=Release
exec "$SIAGA_ROOT/build/tools/siaga" "$@"
