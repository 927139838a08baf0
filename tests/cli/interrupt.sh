#!/usr/bin/env bash
# Ctrl-C during an experiment: siaga stops after the current block, writes what it has marked
# partial, and exits 130 (128 + SIGINT). Run for run -n, compare and sweep.
# Usage: interrupt.sh SIAGA WORK_DIR
set -uo pipefail
siaga=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
fail=0

# Starts siaga with the given arguments, waits until it has run a while (its progress lines on
# standard error), sends SIGINT, and checks the exit code and the partial flag in FILE.
check() {
  local name=$1 file=$2
  shift 2
  "$siaga" "$@" >"$work/$name.out" 2>"$work/$name.err" &
  local pid=$!
  # The first progress line (non-terminal stderr: one at the start of the run's second block at
  # the latest) says replications are running; then interrupt.
  for _ in $(seq 1 300); do
    grep -q "replications" "$work/$name.err" 2>/dev/null && break
    sleep 0.1
  done
  kill -INT "$pid"
  wait "$pid"
  local code=$?
  if ((code != 130)); then
    echo "FAIL $name: exit $code, expected 130"; cat "$work/$name.err"; fail=1; return
  fi
  if ! grep -q "interrupted" "$work/$name.err"; then
    echo "FAIL $name: standard error does not say it was interrupted"; fail=1
  fi
  if ! grep -Eq '"partial": true' "$work/$name/$file"; then
    echo "FAIL $name: $file is not marked partial"; fail=1
  else
    echo "ok  $name: exit 130, $file partial"
  fi
}

# Enough replications that none can finish before the signal arrives (the default scenario runs
# about 1,000 replications a second per core).
check run summary.json run jepara-pilkada.json -n 5000000 --out "$work/run"
check compare compare.json compare jepara-pilkada.json -n 5000000 --out "$work/compare"
check sweep sweep.json sweep jepara-pilkada.json --plan doctrine --set plans.doctrine.retention.rawan.hours=0:2:1 -n 5000000 --out "$work/sweep"
exit $fail
