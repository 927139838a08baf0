# bash completion of siaga: subcommands, each subcommand's options (read from its own --help, so
# they never fall out of step with the program), scenario files and folders. Installed by
# `cmake --install` into share/bash-completion/completions/siaga.

_siaga() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  local prev=${COMP_WORDS[COMP_CWORD - 1]}
  local subcommands="run compare sweep targets validate describe generate report demo-mmc"
  local sub="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      run | compare | sweep | targets | validate | describe | generate | report | demo-mmc)
        sub=${COMP_WORDS[i]}
        break
        ;;
    esac
  done
  if [[ -z $sub ]]; then
    if [[ $cur == -* ]]; then
      mapfile -t COMPREPLY < <(compgen -W "--help --version" -- "$cur")
    else
      mapfile -t COMPREPLY < <(compgen -W "$subcommands" -- "$cur")
    fi
    return 0
  fi
  case $prev in
    --out | --output | -o | --trace | --targets)
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      return 0
      ;;
    -n | --replications | --threads | --seed | --confidence | --precision | --precision-abs | --max-n | \
      --plan | --plans | --set | --worst | --lambda | --mu | --servers | -c | --customers)
      return 0  # a value only the user knows
      ;;
  esac
  if [[ $cur == -* ]]; then
    local options
    options=$("${COMP_WORDS[0]}" "$sub" --help 2>/dev/null |
      grep -E '^ +-' | grep -oE '(^|[ ,])--?[A-Za-z][A-Za-z0-9-]*' | tr -d ' ,' | sort -u)
    mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
  else
    # Scenario files and results folders (built-in scenarios are named without a path).
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  fi
  return 0
}
complete -o filenames -o bashdefault -F _siaga siaga
