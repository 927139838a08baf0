# Shared set-up of tools/run.sh and tools/test.sh (sourced, not run): installs missing Debian
# packages and configures and builds siaga. Everything it prints goes to standard error, so that
# standard output stays the program's own (for `--json`).

SIAGA_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# What building and testing siaga needs, by Debian 12 package name.
SIAGA_PACKAGES=(
  cmake ninja-build g++ pkg-config
  libeigen3-dev libboost-graph-dev libboost-math-dev libtbb-dev nlohmann-json3-dev
  libcli11-dev librandom123-dev libgtest-dev libgmock-dev libbenchmark-dev
  libosmium2-dev libprotozero-dev zlib1g-dev libexpat1-dev libbz2-dev
  libjs-leaflet libjs-chart.js
  help2man python3-jsonschema
)

# The Python package and its tests (tools/test.sh builds them; tools/run.sh does not need them):
# pandas for to_frame(), tqdm and matplotlib for the example, mypy for the stubs, venv and pip for
# `pip install .` into a virtual environment, git and ccache for the install test's fresh build.
SIAGA_PYTHON_PACKAGES=(pybind11-dev python3-dev python3-numpy python3-pytest python3-pandas python3-tqdm
                       python3-matplotlib mypy python3-venv python3-pip git ccache)
# Debian's interpreter, not the first python3 on PATH (which may be a pyenv one without numpy): the
# module only loads in the interpreter it was built for.
SIAGA_PYTHON_CMAKE_ARGS=(-DSIAGA_BUILD_PYTHON=ON -DPYTHON_EXECUTABLE=/usr/bin/python3)

# The report's browser test (tests/browser): Debian's chromium, driven by playwright-core from the
# npm registry (the version tests/browser/package.json pins), installed into .cache/browser-test/
# (ignored by git), outside the build folders so that both builds share it.
SIAGA_BROWSER_PACKAGES=(chromium)

siaga_log() { printf 'siaga: %s\n' "$*" >&2; }

# Installs whichever of SIAGA_PACKAGES (and any extra names given) are not installed yet.
siaga_install_missing() {
  local missing=() p
  for p in "${SIAGA_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  siaga_log "installing ${missing[*]}"
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || { siaga_log "need root (or sudo) to install: ${missing[*]}"; return 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Configures (once) and builds the tree in build directory $1 with extra CMake arguments; with
# SIAGA_BUILD_TARGETS set (names separated by spaces), only those targets and what they need.
siaga_build() {
  local dir=$1
  shift
  # Configured once; again only if a -DNAME=VALUE asked for differs from the cache (e.g. a build
  # directory first made by run.sh, now wanted with the Python module by test.sh).
  local configure=0 arg
  if [[ ! -f $dir/build.ninja ]]; then
    configure=1
  else
    for arg in "$@"; do
      [[ $arg =~ ^-D([A-Za-z0-9_]+)=(.*)$ ]] || continue
      grep -qxE "${BASH_REMATCH[1]}(:[A-Z]+)?=${BASH_REMATCH[2]}" "$dir/CMakeCache.txt" || configure=1
    done
  fi
  if ((configure)); then
    cmake -S "$SIAGA_ROOT" -B "$dir" -G Ninja "$@" >&2
  fi
  local targets=()
  for arg in ${SIAGA_BUILD_TARGETS:-}; do targets+=(--target "$arg"); done
  cmake --build "$dir" --parallel "$(nproc)" "${targets[@]}" >&2
}

# Installs the browser test's driver if it is not there at the pinned version. Node.js and npm come
# with the machine; without them Debian's are installed. A failure is reported, not fatal: the test
# then skips, saying why.
siaga_install_browser_test() {
  local dir="$SIAGA_ROOT/.cache/browser-test" want
  want=$(sed -n 's/.*"playwright-core": *"\([^"]*\)".*/\1/p' "$SIAGA_ROOT/tests/browser/package.json")
  if grep -qs "\"version\": \"$want\"" "$dir/node_modules/playwright-core/package.json"; then return 0; fi
  if ! command -v npm >/dev/null; then
    siaga_install_missing nodejs npm || { siaga_log "no npm: the report's browser test will skip"; return 0; }
  fi
  siaga_log "installing playwright-core $want (the report's browser test) into $dir"
  mkdir -p "$dir"
  cp "$SIAGA_ROOT/tests/browser/package.json" "$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --no-package-lock --silent) >&2 ||
    siaga_log "could not install playwright-core: the report's browser test will skip"
}
