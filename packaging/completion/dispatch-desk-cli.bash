# bash completion for dispatch-desk-cli. Job IDs come from the server, through
# the CLI itself, so the same address, token and profile apply.
_dispatch_desk_cli() {
  local cur prev words cword
  _init_completion -n = 2>/dev/null || {
    cur="${COMP_WORDS[COMP_CWORD]}"; prev="${COMP_WORDS[COMP_CWORD-1]}"; words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD
  }
  local general="-address= -region= -namespace= -no-color -force-color -ca-cert= -ca-path= -client-cert= -client-key= -tls-server-name= -tls-skip-verify -token="
  local dispatch="-meta -detach -verbose -wait -logs -ui -idempotency-token= -id-prefix-template= -priority= -preset= -help"
  local logs="-stderr -f -tail -n= -c= -verbose -help"
  local batch="-concurrency= -format= -batch-id= -results= -id-prefix-template= -priority= -dry-run -help"
  local i cmd="" sub="" profile=()
  for (( i=1; i<cword; i++ )); do
    case "${words[i]}" in
      -profile=*) profile=("${words[i]}") ;;
      -profile) profile=(-profile "${words[i+1]}"); ((i++)) ;;
      -*) ;;
      *) if [[ -z $cmd ]]; then cmd=${words[i]}; elif [[ -z $sub ]]; then sub=${words[i]}; fi ;;
    esac
  done
  if [[ -z $cmd ]]; then
    COMPREPLY=($(compgen -W "job alloc profile history version -profile -help -version" -- "$cur")); return
  fi
  case "$cmd" in
    job)
      if [[ -z $sub ]]; then COMPREPLY=($(compgen -W "dispatch dispatch-batch list stop purge-children" -- "$cur")); return; fi
      case "$prev" in
        -meta|-idempotency-token|-preset) return ;;
      esac
      if [[ $cur == -* ]]; then
        case "$sub" in
          dispatch) COMPREPLY=($(compgen -W "$dispatch $general" -- "$cur")) ;;
          dispatch-batch) COMPREPLY=($(compgen -W "$batch $general" -- "$cur")) ;;
          list) COMPREPLY=($(compgen -W "-prefix= -verbose $general" -- "$cur")) ;;
          stop) COMPREPLY=($(compgen -W "-purge -yes -help $general" -- "$cur")) ;;
          purge-children) COMPREPLY=($(compgen -W "-older-than= -dry-run -yes -help $general" -- "$cur")) ;;
        esac
        [[ ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
        return
      fi
      # A dispatched child's ID is not listed: there are too many to complete.
      [[ $sub == stop ]] && return
      # First positional: a parameterized job; second: a file.
      local positional=0
      for (( i=3; i<cword; i++ )); do
        [[ ${words[i]} == -* ]] && { [[ ${words[i]} == -meta || ${words[i]} == -idempotency-token || ${words[i]} == -preset ]] && ((i++)); continue; }
        ((positional++))
      done
      if (( positional == 0 )); then
        local flags=()
        for (( i=3; i<cword; i++ )); do
          case "${words[i]}" in -address=*|-region=*|-namespace=*|-token=*|-ca-cert=*|-ca-path=*|-client-cert=*|-client-key=*|-tls-server-name=*|-tls-skip-verify) flags+=("${words[i]}") ;; esac
        done
        COMPREPLY=($(compgen -W "$(dispatch-desk-cli "${profile[@]}" job list "${flags[@]}" -prefix="$cur" 2>/dev/null)" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi
      ;;
    alloc)
      if [[ -z $sub ]]; then COMPREPLY=($(compgen -W "logs" -- "$cur")); return; fi
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$logs $general" -- "$cur"))
        [[ ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
      fi
      ;;
    profile)
      [[ -z $sub ]] && COMPREPLY=($(compgen -W "list show save use delete" -- "$cur"))
      ;;
    history)
      COMPREPLY=($(compgen -W "-n= -job= -json" -- "$cur"))
      ;;
  esac
}
complete -F _dispatch_desk_cli dispatch-desk-cli
