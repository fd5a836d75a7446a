# conch's bash integration: bash runs as `bash --rcfile <this file> -i` (a static
# file shipped with conch; no user file is edited, nothing is written to disk).
# It reads the user's start-up files as bash would, then reports to conch through
# OSC 6973 marks that carry the session's nonce and this shell's pid:
#   D;status  the command ended        A;status / A;k=s;status  a prompt
#   B         input is read from here  C         the command runs from here
#   P= cwd, V= PATH/HOME, S= secret-named variables, T= typed-ahead keys, I= installed,
#   N= names for Tab: pairs of a kind (f functions, a aliases, b builtins, v variables) and a listing
#   W         waiting for conch's ^] after the keys typed ahead
#   L         bash's own line editor is on again
# conch draws its own prompt, so PS1/PS2 hold only marks. Every hook returns 0 and
# uses ${x-}: a user's `set -e` or `set -u` must never kill the shell.

__conch_nonce=${CONCH_NONCE-}
__conch_login=${CONCH_LOGIN-}
unset CONCH_NONCE CONCH_LOGIN

# A user's DEBUG trap fires before each simple command: also before conch's own (the set-up below, the
# prompt hook, the lines conch types). So, as bash-preexec does, it is kept and run by a trap that passes
# over conch's commands (and over all of its functions, under `set -T`); with `$?` and BASH_COMMAND as
# they were, and its status for extdebug. While the rc files load, `trap` itself sets it so; one set
# later is found at the next prompt, when conch asks (a line that may have set a trap, see ^_ below).
__conch_debug_trap=
__conch_debug_wrapper='case ${FUNCNAME-}:$BASH_COMMAND in __conch_*:* | *:__conch_* | *:"\${__conch_"*) ;; *) eval "$__conch_debug_trap" ;; esac'
trap() {
  local -a args=("$@") others=()
  local debug= signal
  if [[ ${args[0]-} == -- ]]; then args=("${args[@]:1}"); fi
  # Listings (-p, -l) and a lone argument are bash's own.
  if (( ${#args[@]} < 2 )) || [[ ${args[0]} == -?* || ${args[0]} =~ ^[0-9]+$ ]]; then builtin trap "$@"; return; fi
  for signal in "${args[@]:1}"; do
    case ${signal^^} in DEBUG | SIGDEBUG) debug=1 ;; *) others+=("$signal") ;; esac
  done
  if [[ -z $debug ]]; then builtin trap "$@"; return; fi
  if (( ${#others[@]} )); then builtin trap -- "${args[0]}" "${others[@]}" || return; fi
  # Reset or ignored: the wrapper stays (bash puts back the DEBUG trap a function found), with nothing to run.
  __conch_debug_trap=${args[0]#-}
  if [[ -n $__conch_debug_trap ]]; then builtin trap -- "$__conch_debug_wrapper" DEBUG; fi
}

# Debian's bash reads /etc/bash.bashrc itself before this file; a login shell
# ignores --rcfile, so conch asks for login files through CONCH_LOGIN instead.
if [ "$__conch_login" = 1 ]; then
  if [ -r /etc/profile ]; then . /etc/profile; fi
  if [ -r ~/.bash_profile ]; then . ~/.bash_profile
  elif [ -r ~/.bash_login ]; then . ~/.bash_login
  elif [ -r ~/.profile ]; then . ~/.profile
  fi
elif [ -r ~/.bashrc ]; then
  . ~/.bashrc
fi

# One function, called once: the set-up is one command of conch's, which a user's DEBUG trap passes over.
__conch_install() {
  unset -f trap
  if [ -z "${__conch_nonce-}" ]; then return 0; fi
  if (( BASH_VERSINFO[0] < 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] < 4) )); then
    # PS0 (the command mark) and `local -` need 4.4: conch falls back to another shell.
    printf '\033]6973;%s;%s;U;%s\007' "$__conch_nonce" "$$" "$BASH_VERSION" >&2
    return 0
  fi
  # Marks go to the terminal as it is now, through a descriptor of their own: a
  # later `exec >file` or `exec 2>file` does not lose them.
  exec {__conch_fd}>&2
  declare -gA __conch_seen=()
  __conch_cwd= __conch_vars= __conch_secret_names=()

  # Listing every variable costs milliseconds in bash, so it runs only when conch
  # asks (after a line that could have set one: an assignment, `source`, `read`,
  # a function...); the values of names already known are checked at every prompt.
  __conch_find_secret_names() {
    # Every variable name without a process (no compgen in $(...)): one expansion per first letter.
    local all=("${!A@}" "${!B@}" "${!C@}" "${!D@}" "${!E@}" "${!F@}" "${!G@}" "${!H@}" "${!I@}" "${!J@}" "${!K@}" "${!L@}" "${!M@}"
      "${!N@}" "${!O@}" "${!P@}" "${!Q@}" "${!R@}" "${!S@}" "${!T@}" "${!U@}" "${!V@}" "${!W@}" "${!X@}" "${!Y@}" "${!Z@}"
      "${!a@}" "${!b@}" "${!c@}" "${!d@}" "${!e@}" "${!f@}" "${!g@}" "${!h@}" "${!i@}" "${!j@}" "${!k@}" "${!l@}" "${!m@}"
      "${!n@}" "${!o@}" "${!p@}" "${!q@}" "${!r@}" "${!s@}" "${!t@}" "${!u@}" "${!v@}" "${!w@}" "${!x@}" "${!y@}" "${!z@}" "${!_@}")
    local n
    for n in "${all[@]}"; do
      case ${n^^} in
        PWD | OLDPWD | __CONCH_*) ;;
        *KEY* | *TOKEN* | *SECRET* | *PASS* | *PWD* | *DSN* | *CREDENTIAL* | *AUTH*)
          [[ " ${__conch_secret_names[*]} " == *" $n "* ]] || __conch_secret_names+=("$n")
          ;;
      esac
    done
  }

  # compgen is a builtin: writing straight to the descriptor lists the names without a process.
  __conch_list_names() {
    printf '\033]6973;%s;%s;N=f\0=' "$__conch_nonce" "$$" >&"$__conch_fd"
    compgen -A function >&"$__conch_fd" 2>/dev/null
    printf '\0=a\0=' >&"$__conch_fd"
    compgen -A alias >&"$__conch_fd" 2>/dev/null
    printf '\0=v\0=' >&"$__conch_fd"
    compgen -A variable >&"$__conch_fd" 2>/dev/null
    printf '\0\007' >&"$__conch_fd"
  }

  __conch_secrets() {
    local n v out=()
    for n in "${__conch_secret_names[@]}"; do
      v=${!n-}
      if [[ -n $v && ${__conch_seen[$n]-} != "$v" ]]; then
        __conch_seen[$n]=$v
        out+=("$n" "$v")
      fi
    done
    if (( ${#out[@]} )); then
      printf '\033]6973;%s;%s;S' "$__conch_nonce" "$$" >&"$__conch_fd"
      printf '=%s\0' "${out[@]}" >&"$__conch_fd"
      printf '\007' >&"$__conch_fd"
    fi
  }

  __conch_hook() {
    local s=$? ta=
    # Before `local -`, which would put the editor options back as they were when the hook returns.
    __conch_editor_check
    local -
    set +e +u +x +v
    if [[ -n ${__conch_status-} ]]; then s=$__conch_status; __conch_status=; fi
    if [[ $PWD != "$__conch_cwd" ]]; then
      __conch_cwd=$PWD
      printf '\033]6973;%s;%s;P=%s\0\007' "$__conch_nonce" "$$" "$PWD" >&"$__conch_fd"
    fi
    if [[ "${PATH-}:${HOME-}" != "$__conch_vars" ]]; then
      __conch_vars="${PATH-}:${HOME-}"
      printf '\033]6973;%s;%s;V=PATH\0=%s\0=HOME\0=%s\0\007' "$__conch_nonce" "$$" "${PATH-}" "${HOME-}" >&"$__conch_fd"
    fi
    printf '\033]6973;%s;%s;D;%s\007' "$__conch_nonce" "$$" "$s" >&"$__conch_fd"
    # Keys typed during the command that it did not read are still in the terminal's
    # input queue: taken back for conch's editor instead of running here. conch
    # answers W with a ^] (0x1d) behind the last key it passed on, so this read
    # gets exactly those keys, partial line included, and never waits on a timer;
    # a ^^ (0x1e) just before it asks for the variable names to be listed again, a ^_ (0x1f)
    # for the DEBUG trap to be looked at again.
    printf '\033]6973;%s;%s;W\007' "$__conch_nonce" "$$" >&"$__conch_fd"
    IFS= read -r -s -d $'\035' -n 1000000 -t 10 ta
    if [[ $ta == *$'\037' ]]; then
      ta=${ta%$'\037'}
      __conch_wrap_trap=1
    fi
    if [[ $ta == *$'\036' ]]; then
      ta=${ta%$'\036'}
      __conch_find_secret_names
      __conch_list_names
    fi
    __conch_secrets
    if [[ -n $ta ]]; then
      printf '\033]6973;%s;%s;T=%s\0\007' "$__conch_nonce" "$$" "$ta" >&"$__conch_fd"
    fi
    __conch_stderr_check
    # Re-asserted at every prompt: themes and `source venv/bin/activate` rewrite them.
    PS1=$__conch_ps1 PS2=$__conch_ps2
    if [[ ${PS0-} != "$__conch_ps0"* ]]; then PS0=$__conch_ps0${PS0-}; fi
    export -n PS1 PS2 PS0
    return 0
  }

  # bash writes its prompt, and so the marks in it, to standard error: after `exec 2>/dev/null`, `exec 2>file`
  # or `exec 2>&-` conch would never see a prompt again. Such a stderr is put back on the terminal, with a
  # line saying so. A pipe is left alone: `exec 2> >(tee log)` still reaches the terminal.
  __conch_stderr_check() {
    if [[ -t 2 || ( -e /dev/fd/2 && ! -f /dev/fd/2 && ! /dev/fd/2 -ef /dev/null ) ]]; then return 0; fi
    exec 2>&"$__conch_fd"
    printf '%s\r\n' 'conch: standard error is back on the terminal: your shell writes its prompt there (to hide errors, redirect a command or a group: cmd 2>/dev/null)' >&2
    return 0
  }

  # A DEBUG trap set since the rc files loaded, as the user set it: wrapped as `trap` does above. The
  # prompt hook cannot see it (bash takes it away inside functions), so the expansion after the hook in
  # its PROMPT_COMMAND element hands it over when conch asked with ^_: `trap -p` forks.
  __conch_wrap_debug() {
    __conch_wrap_trap=
    local -a words
    if [[ -z $1 || $1 == *__conch_debug_trap* ]]; then return 0; fi
    eval "words=(${1#trap -- })"
    __conch_debug_trap=${words[0]}
    builtin trap -- "$__conch_debug_wrapper" DEBUG
    return 0
  }

  # ` __conch_source FILE; . FILE`: how conch hands over a command longer than the
  # terminal's line buffer (4095 bytes). The history shows the command, not this.
  __conch_source() {
    local cmd
    IFS= read -r -d '' cmd < "$1"
    history -d -1 2>/dev/null
    history -s -- "${cmd%$'\n'}"
    return 0
  }

  # `set -o vi` or `set -o emacs` turned bash's own editor back on. A hook cannot turn it off for good
  # (bash puts its input back as it was once a hook returns), so this says L and conch types
  # ` __conch_editor_off` at once: a command of its own, kept out of the history by ignorespace.
  __conch_editor_check() {
    if [[ -o emacs || -o vi ]]; then
      if [[ -z ${__conch_histcontrol_saved-} ]]; then
        __conch_histcontrol_saved=1 __conch_histcontrol=${HISTCONTROL-} __conch_histcontrol_set=${HISTCONTROL+1}
        HISTCONTROL=ignorespace:${HISTCONTROL-}
      fi
      printf '\033]6973;%s;%s;L\007' "$__conch_nonce" "$$" >&"$__conch_fd"
    fi
    return 0
  }
  # Also typed when bash reads command lines inside a command: `set -o vi` in a sourced ~/.bashrc makes
  # bash read the next lines inside that `source`, with no prompt, until its editor is off again.
  # The status of the line before is kept for `$?` (and for the prompt hook when a user's `set -e`
  # forbids returning it).
  __conch_editor_off() {
    __conch_status=$?
    set +o emacs +o vi
    if [[ -n ${__conch_histcontrol_saved-} ]]; then
      if [[ -n $__conch_histcontrol_set ]]; then HISTCONTROL=$__conch_histcontrol; else unset HISTCONTROL; fi
      __conch_histcontrol_saved=
    fi
    if [[ $- == *e* ]]; then return 0; fi
    return "$__conch_status"
  }

  # $$ is expanded at each prompt: a nested shell that inherited an exported PS1 reports its own pid.
  __conch_ps1='\[\033]6973;'$__conch_nonce';$$;A;$?\007\]\[\033]6973;'$__conch_nonce';$$;B\007\]'
  __conch_ps2='\[\033]6973;'$__conch_nonce';$$;A;k=s\007\]\[\033]6973;'$__conch_nonce';$$;B\007\]'
  __conch_ps0='\[\033]6973;'$__conch_nonce';$$;C\007\]'

  __conch_wrap_element='${__conch_wrap_trap:+__conch_wrap_debug "$(builtin trap -p DEBUG)"}'
  # Appended, never replacing the user's hooks. From 5.1 PROMPT_COMMAND may be an
  # array and each element sees the command's status; before, it is one string
  # in which earlier hooks change $?, so the status is taken first.
  if (( BASH_VERSINFO[0] > 5 || (BASH_VERSINFO[0] == 5 && BASH_VERSINFO[1] >= 1) )); then
    PROMPT_COMMAND+=("__conch_hook; $__conch_wrap_element")
  else
    PROMPT_COMMAND=$'__conch_status=$?\n'"${PROMPT_COMMAND-}"$'\n__conch_hook\n'"$__conch_wrap_element"
  fi
  PS1=$__conch_ps1 PS2=$__conch_ps2 PS0=$__conch_ps0${PS0-}
  printf '\033]6973;%s;%s;N=b\0=' "$__conch_nonce" "$$" >&"$__conch_fd"
  compgen -A builtin -A keyword >&"$__conch_fd" 2>/dev/null
  printf '\0\007' >&"$__conch_fd"
  printf '\033]6973;%s;%s;I=%s\0\007' "$__conch_nonce" "$$" "${HISTFILE-}" >&"$__conch_fd"
  # The editor was on while the rc files loaded (so `bind` lines load quietly);
  # conch edits lines itself, so bash reads them as the terminal delivers them.
  set +o emacs +o vi
}
__conch_install
