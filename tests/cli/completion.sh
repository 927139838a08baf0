#!/usr/bin/env bash
# The bash completion script (tools/completion/siaga.bash) completes subcommands and each
# subcommand's options as its --help lists them. Usage: completion.sh SIAGA SCRIPT
set -uo pipefail
siaga=$1
source "$2"
fail=0
# complete WORDS... : the completion of the last word.
complete_words() {
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _siaga
  printf '%s\n' "${COMPREPLY[@]}"
}
expect() {
  local want=$1
  shift
  local got
  got=$(complete_words "$@")
  if grep -qx -- "$want" <<<"$got"; then
    echo "ok  '${*:2}' completes to $want"
  else
    echo "FAIL '${*:2}': expected $want among:"; echo "$got"; fail=1
  fi
}
expect compare "$siaga" com
expect demo-mmc "$siaga" demo
expect --version "$siaga" --ver
expect --plans "$siaga" compare sandbox.json --pl
expect --json "$siaga" validate --js
expect --trace "$siaga" run --tr
expect --precision-abs "$siaga" run -n 10 --precision-a
# Nothing offered where a number is wanted.
if [[ -n $(complete_words "$siaga" run -n "") ]]; then echo "FAIL: completed a value of -n"; fail=1; fi
exit $fail
