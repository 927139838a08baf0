#!/usr/bin/env bash
# Builds siaga (Release, build/) and runs the Google Benchmark suite: JSON to --out
# (bench-results/siaga-bench.json), a markdown table to stdout and bench-results/siaga-bench.md.
#   ./tools/bench.sh                    whole suite, 5 repetitions, medians
#   ./tools/bench.sh --small            every benchmark once, short minimum time (CI)
#   ./tools/bench.sh --national         adds the full national-size benchmarks (84,000 villages,
#                                       820,000 TPS: minutes and about 2 GB; never in --small)
#   ./tools/bench.sh --compare REV      REV (built in a temporary git worktree) against this tree
#                                       with compare.py's U test over --repetitions (9) runs
#   ./tools/bench.sh --compare REV --gate NAME...   also fail when NAME is > 2x slower with
#                                       p < 0.05 (tools/bench_gate.py); skips, with a message, when
#                                       REV does not exist, has no bench/ or does not build
#   ./tools/bench.sh --peers            M/M/10 at rho = 0.9 in siaga, in the bare floor and in SimPy;
#                                       PHOLD (4,096 LPs) in siaga and in SimPy
#   ./tools/bench.sh --python           the Python bindings against the CLI for the same work
#                                       (bench/python/bindings_overhead.py); --small runs it too
# Other options: --out FILE, --filter REGEX, --repetitions N, --min-time SECONDS.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"

results="$SIAGA_ROOT/bench-results"
out="$results/siaga-bench.json"
small=0 national=0 peers=0 python_overhead=0 compare="" filter="" repetitions=9 min_time="" gate=()
python=/usr/bin/python3
compare_py=/usr/share/benchmark/compare.py

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; }
need_value() { (($# >= 2)) || { siaga_log "$1 needs a value (see --help)"; exit 2; }; }
while (($#)); do
  case $1 in
    --small) small=1 ;;
    --national) national=1 ;;
    --peers) peers=1 ;;
    --python) python_overhead=1 ;;
    --out) need_value "$@"; out=$2; shift ;;
    --compare) need_value "$@"; compare=$2; shift ;;
    --filter) need_value "$@"; filter=$2; shift ;;
    --repetitions) need_value "$@"; repetitions=$2; shift ;;
    --min-time) need_value "$@"; min_time=$2; shift ;;
    --gate)
      need_value "$@"
      shift
      while (($#)) && [[ $1 != --* ]]; do gate+=("$1"); shift; done
      ((${#gate[@]})) || { siaga_log "--gate needs benchmark names"; exit 2; }
      continue
      ;;
    -h | --help) usage; exit 0 ;;
    *) siaga_log "unknown option: $1 (see --help)"; exit 2 ;;
  esac
  shift
done
mkdir -p "$results" "$(dirname "$out")"

# --compare: REV must exist and have bench/ (checked before the build, which takes a while).
if [[ -n $compare ]]; then
  skip_or_fail() {
    if ((${#gate[@]})); then
      siaga_log "benchmark comparison skipped: $*"
      exit 0
    fi
    siaga_log "$*"
    exit 1
  }
  sha=$(git -C "$SIAGA_ROOT" rev-parse --verify --quiet "$compare^{commit}") ||
    skip_or_fail "no commit $compare to compare with"
  git -C "$SIAGA_ROOT" cat-file -e "$sha:bench/CMakeLists.txt" 2>/dev/null ||
    skip_or_fail "$compare ($sha) has no bench/"
fi

# The Python module is part of the suite (its overhead script), so it is built here too.
extra=("${SIAGA_PYTHON_PACKAGES[@]}")
[[ -n $compare ]] && extra+=(libbenchmark-tools python3-scipy python3-numpy)
((peers)) && extra+=(python3-simpy)
siaga_install_missing "${extra[@]}"

build="$SIAGA_ROOT/build"
bench="$build/bench/siaga_bench"
siaga_build "$build" -DCMAKE_BUILD_TYPE=Release -DSIAGA_BUILD_BENCH=ON "${SIAGA_PYTHON_CMAKE_ARGS[@]}"
if [[ ! -x $bench ]]; then  # build/ configured earlier without the benchmarks
  cmake -S "$SIAGA_ROOT" -B "$build" -DSIAGA_BUILD_BENCH=ON >&2
  cmake --build "$build" --target siaga_bench --parallel "$(nproc)" >&2
fi

# Runs benchmark binary $1 writing JSON to $2, with Google Benchmark arguments after them.
run_bench() {
  local bin=$1 json=$2
  shift 2
  "$bin" --benchmark_out="$json" --benchmark_out_format=json "$@" >&2
}

# --compare: REV in a temporary worktree against this tree.
if [[ -n $compare ]]; then
  tmp=$(mktemp -d)
  # shellcheck disable=SC2317  # run by the trap
  cleanup() {
    git -C "$SIAGA_ROOT" worktree remove --force "$tmp/src" 2>/dev/null || true
    rm -rf "$tmp"
  }
  trap cleanup EXIT
  siaga_log "building siaga_bench of $compare ($sha) in $tmp"
  git -C "$SIAGA_ROOT" worktree add --detach -q "$tmp/src" "$sha" >&2
  if ! { cmake -S "$tmp/src" -B "$tmp/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSIAGA_BUILD_BENCH=ON \
    -DSIAGA_BUILD_TESTS=OFF -DSIAGA_WERROR=OFF >&2 &&
    cmake --build "$tmp/build" --target siaga_bench --parallel "$(nproc)" >&2; }; then
    skip_or_fail "the siaga_bench target of $compare ($sha) does not build"
  fi
  if [[ -z $filter && ${#gate[@]} -gt 0 ]]; then
    filter="^($(IFS='|'; echo "${gate[*]}"))\$"
  fi
  # Interleaved rounds (alternating which side goes first), so that load on a shared machine
  # falls on both sides alike; then the rounds are merged per side.
  rounds=3
  per_round=$(((repetitions + rounds - 1) / rounds))
  args=(--benchmark_repetitions="$per_round" --benchmark_report_aggregates_only=false
    --benchmark_min_time="${min_time:-0.1}")
  [[ -n $filter ]] && args+=(--benchmark_filter="$filter")
  base_parts=() new_parts=()
  for ((r = 1; r <= rounds; r++)); do
    siaga_log "round $r of $rounds ($per_round repetitions a side)"
    if ((r % 2)); then
      run_bench "$tmp/build/bench/siaga_bench" "$tmp/base-$r.json" "${args[@]}"
      run_bench "$bench" "$tmp/new-$r.json" "${args[@]}"
    else
      run_bench "$bench" "$tmp/new-$r.json" "${args[@]}"
      run_bench "$tmp/build/bench/siaga_bench" "$tmp/base-$r.json" "${args[@]}"
    fi
    base_parts+=("$tmp/base-$r.json")
    new_parts+=("$tmp/new-$r.json")
  done
  "$python" "$SIAGA_ROOT/tools/bench_gate.py" merge "$results/compare-base.json" "${base_parts[@]}"
  "$python" "$SIAGA_ROOT/tools/bench_gate.py" merge "$results/compare-new.json" "${new_parts[@]}"
  echo "## $compare ($sha) -> working tree: time and cpu are (new - old) / old"
  "$python" "$compare_py" --no-color -d "$results/compare-diff.json" benchmarks \
    "$results/compare-base.json" "$results/compare-new.json" | tee "$results/compare.txt"
  if ((${#gate[@]})); then
    "$python" "$SIAGA_ROOT/tools/bench_gate.py" gate "$results/compare-diff.json" "${gate[@]}"
  fi
  exit 0
fi

# Runs bench/python/bindings_overhead.py with the arguments given, writing $results/bindings-overhead.*
bindings_overhead() {
  siaga_log "Python bindings against the CLI (bench/python/bindings_overhead.py $*)"
  PYTHONPATH="$build/bindings/python" "$python" "$SIAGA_ROOT/bench/python/bindings_overhead.py" \
    --cli "$build/tools/siaga" --json "$results/bindings-overhead.json" "$@" | tee "$results/bindings-overhead.md"
}

if ((python_overhead)); then
  bindings_overhead
  exit 0
fi

# --peers: the M/M/c model in siaga's kernel, the bare floor and SimPy.
if ((peers)); then
  run_bench "$bench" "$results/peers-siaga.json" --benchmark_filter='^(BM_Mmc(Queue|Floor)/100000|BM_PholdKernel/4096)$' \
    --benchmark_repetitions=5 --benchmark_report_aggregates_only=true --benchmark_min_time="${min_time:-0.2}"
  siaga_log "SimPy: M/M/10, 100,000 customers, best of 3"
  "$python" "$SIAGA_ROOT/bench/python/mmc_simpy.py" >"$results/peers-simpy.json"
  siaga_log "SimPy: PHOLD, 4,096 LPs, 100,000 events, best of 3"
  "$python" "$SIAGA_ROOT/bench/python/phold_simpy.py" >"$results/peers-phold-simpy.json"
  "$python" "$SIAGA_ROOT/bench/python/peers.py" "$results/peers-siaga.json" "$results/peers-simpy.json" \
    "$results/peers-phold-simpy.json" |
    tee "$results/peers.md"
  exit 0
fi

args=()
if ((small)); then
  args+=(--benchmark_min_time="${min_time:-0.05}")
else
  args+=(--benchmark_min_time="${min_time:-0.2}" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true)
fi
[[ -n $filter ]] && args+=(--benchmark_filter="$filter")
# bench/scale_bench.cpp registers the national-size benchmarks only when asked for.
if ((national)); then
  ((small)) && { siaga_log "--national cannot be combined with --small"; exit 2; }
  export SIAGA_BENCH_NATIONAL=1
else
  unset SIAGA_BENCH_NATIONAL
fi
run_bench "$bench" "$out" "${args[@]}"
"$python" "$SIAGA_ROOT/tools/bench_gate.py" table "$out" | tee "${out%.json}.md"
if ((small)); then
  echo
  bindings_overhead --n 20 --calls 3 --repeat 1
fi
