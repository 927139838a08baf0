#!/usr/bin/env bash
# tools/bench.sh --compare, the paths CI takes when there is nothing to compare with: with --gate it
# skips with a message and succeeds; without it, it fails. These checks run before any build.
# Usage: bench_compare_skips.sh SOURCE_DIR
set -uo pipefail
root=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# expect NAME STATUS PATTERN COMMAND...: COMMAND exits with STATUS and its stderr matches PATTERN.
expect() {
  local name=$1 status=$2 pattern=$3
  shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [[ $got != "$status" ]] || ! grep -qE "$pattern" "$tmp/err"; then
    echo "FAIL $name: exit $got (want $status), stderr:" >&2
    cat "$tmp/err" >&2
    failures=$((failures + 1))
  else
    echo "ok   $name"
  fi
}

expect "gate skips without the commit" 0 "benchmark comparison skipped: no commit no-such-rev" \
  "$root/tools/bench.sh" --compare no-such-rev --gate BM_HoldKernel/10000 --out "$tmp/r.json"
expect "compare without gate fails without the commit" 1 "no commit no-such-rev to compare with" \
  "$root/tools/bench.sh" --compare no-such-rev --out "$tmp/r.json"

# A repository whose only commit has no bench/ (as siaga's history would if bench/ were new).
repo=$tmp/repo
mkdir -p "$repo"
cp -R "$root/tools" "$repo/tools"
git -C "$repo" init -q
git -C "$repo" add tools
git -C "$repo" -c user.name=test -c user.email=test@example.invalid commit -qm "no benchmarks yet"
expect "gate skips a commit without bench/" 0 "benchmark comparison skipped: HEAD \([0-9a-f]+\) has no bench/" \
  "$repo/tools/bench.sh" --compare HEAD --gate BM_HoldKernel/10000
expect "compare without gate fails on a commit without bench/" 1 "HEAD \([0-9a-f]+\) has no bench/" \
  "$repo/tools/bench.sh" --compare HEAD

exit $((failures > 0))
