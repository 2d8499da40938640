/**
 * Shell completion, printed by `rationale completion bash|zsh`. Static
 * scripts: completing costs no Node start. ssh and doctor complete like ssh
 * (hosts), exec like a command line.
 */
const COMMANDS = ["ssh", "exec", "setup", "doctor", "report", "completion", "help"];

export const BASH = `# bash completion for rationale. Install: rationale completion bash > ~/.local/share/bash-completion/completions/rationale
_rationale() {
  local cur=\${COMP_WORDS[COMP_CWORD]} i=1 sub=""
  # The subcommand is the first word that is not a global option (or its value).
  while (( i < COMP_CWORD )); do
    case \${COMP_WORDS[i]} in
      -m|--rationale|--client) (( i += 2 )); continue ;;
      -*) (( i++ )); continue ;;
      *) sub=\${COMP_WORDS[i]}; break ;;
    esac
  done
  if [[ -z $sub ]]; then
    if [[ $cur == -* ]]; then
      COMPREPLY=( $(compgen -W "-m --rationale --client -h --help -V --version" -- "$cur") )
    else
      COMPREPLY=( $(compgen -W "${COMMANDS.join(" ")}" -- "$cur") )
    fi
    return
  fi
  case $sub in
    ssh|doctor)
      if declare -F _known_hosts_real >/dev/null; then _known_hosts_real -- "$cur"; else COMPREPLY=( $(compgen -A hostname -- "$cur") ); fi ;;
    exec)
      if (( COMP_CWORD == i + 1 )) || [[ \${COMP_WORDS[COMP_CWORD-1]} == -- ]]; then
        COMPREPLY=( $(compgen -c -W "-- --client -m --rationale" -- "$cur") )
      else
        COMPREPLY=( $(compgen -f -- "$cur") )
      fi ;;
    setup) COMPREPLY=( $(compgen -W "--remove --dry-run --file --help" -A hostname -- "$cur") ) ;;
    completion) COMPREPLY=( $(compgen -W "bash zsh" -- "$cur") ) ;;
    help) COMPREPLY=( $(compgen -W "${COMMANDS.join(" ")}" -- "$cur") ) ;;
  esac
}
complete -F _rationale rationale
`;

export const ZSH = `#compdef rationale
# zsh completion for rationale. Install: rationale completion zsh > "\${fpath[1]}/_rationale" (then restart zsh)
_rationale() {
  local curcontext=$curcontext state line
  local -a commands
  commands=(
    'ssh:run ssh with the rationale sent'
    'exec:run any command with RATIONALE and RATIONALE_CLIENT exported'
    'setup:add SendEnv RATIONALE RATIONALE_CLIENT to ~/.ssh/config'
    'doctor:check that a server receives the rationale'
    'completion:print a shell completion script'
    'help:show help for a command'
  )
  _arguments -C \\
    '(-m --rationale)'{-m,--rationale}'[the rationale]:rationale:' \\
    '--client[client name sent as RATIONALE_CLIENT]:name:' \\
    '(- *)'{-h,--help}'[show help]' \\
    '(- *)'{-V,--version}'[show the version]' \\
    '1:command:->command' \\
    '*::argument:->argument'
  case $state in
    command) _describe -t commands 'rationale command' commands ;;
    argument)
      case $words[1] in
        ssh) _normal ;;  # words[1] is "ssh": complete exactly as ssh
        doctor) _hosts ;;
        exec) shift words; (( CURRENT-- )); _normal ;;
        setup) _arguments '--remove[delete the block]' '--dry-run[show the change, write nothing]' '--file[ssh config file]:file:_files' '*:host pattern:_hosts' ;;
        completion) _values shell bash zsh ;;
        help) _describe -t commands 'rationale command' commands ;;
      esac ;;
  esac
}
_rationale "$@"
`;
