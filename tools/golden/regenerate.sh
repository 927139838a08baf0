#!/usr/bin/env bash
# Rewrites the golden traces in tests/dynamics/golden/: one replication of scenarios/sandbox.json for
# every plan with seeds 1 and 3, as CSV. Run it when the dynamics change on purpose, then READ THE
# DIFF: the golden tests only say that behaviour changed; a person decides whether it changed rightly.
#
#   tools/golden/regenerate.sh            # builds in build/ (Release) first
#   SIAGA_BUILD_DIR=build-x tools/golden/regenerate.sh
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${SIAGA_BUILD_DIR:-$root/build}
case $build in /*) ;; *) build=$root/$build ;; esac
golden=$root/tests/dynamics/golden
seeds=(1 3)  # 1: a quiet day; 3: a day with an incident under every plan

if [[ ! -f $build/build.ninja && ! -f $build/Makefile ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
fi
cmake --build "$build" --target siaga_cli >&2
siaga=$build/tools/siaga

# The built-in sandbox.json (the shipped file, embedded at build time), run from a directory that
# holds no file of that name. Its plans as `siaga validate` lists them: "... (2 plans: a, b)".
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
listing=$("$siaga" validate sandbox.json)
plans=$(sed -n 's/.*plans\{0,1\}: \(.*\))$/\1/p' <<<"$listing" | tr -d ' ' | tr ',' ' ')
[[ -n $plans ]] || { echo "regenerate.sh: cannot read the plans from: $listing" >&2; exit 1; }

mkdir -p "$golden"
rm -f "$golden"/sandbox-*-seed*.csv
for plan in $plans; do
  for seed in "${seeds[@]}"; do
    out=$golden/sandbox-$plan-seed$seed.csv
    "$siaga" run sandbox.json --plan "$plan" --seed "$seed" --trace "$out" --force >/dev/null
    printf '%s: %s events\n' "${out#"$root"/}" "$(($(wc -l <"$out") - 1))"
  done
done

cat <<'MSG'

Golden traces rewritten. Now read the diff, line by line, before committing:
    git diff --stat tests/dynamics/golden/ && git diff tests/dynamics/golden/
Every changed line is an event that now happens differently; each must follow from the change you
meant to make (tests/dynamics/golden/README.md says how to read a trace).
MSG
