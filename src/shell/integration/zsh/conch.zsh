# conch: the hooks, installed after the user's last start-up file. They report to
# conch through OSC 6973 marks carrying the session's nonce and this shell's pid
# (see ../bash.sh for the vocabulary). conch draws its own prompt, so PS1/PS2 hold
# only marks. Hooks are appended (the user's run first) and always return 0.
builtin source "$__conch_dir/restore.zsh"

if [[ -n $__conch_nonce ]]; then
  zmodload zsh/parameter 2>/dev/null
  # Marks go to the terminal as it is now, through a descriptor of their own.
  exec {__conch_fd}>&2
  typeset -gA __conch_seen
  typeset -g __conch_cwd= __conch_vars=
  typeset -ga __conch_secret_names
  # The pid is written in: PROMPT_SUBST may be off. Prompts are not exported to nested shells.
  typeset -g __conch_ps1=$'%{\e]6973;'"$__conch_nonce;$$"$';A;%?\a%}%{\e]6973;'"$__conch_nonce;$$"$';B\a%}'
  typeset -g __conch_ps2=$'%{\e]6973;'"$__conch_nonce;$$"$';A;k=s\a%}%{\e]6973;'"$__conch_nonce;$$"$';B\a%}'

  __conch_mark() { print -rn -u $__conch_fd -- $'\e]6973;'"$__conch_nonce;$$;$1"$'\a' }

  __conch_precmd() {
    local s=$?
    emulate -L zsh
    setopt extended_glob
    local c ta= n v
    local -a out names
    if [[ $PWD != $__conch_cwd ]]; then
      __conch_cwd=$PWD
      __conch_mark "P=$PWD"$'\0'
    fi
    if [[ "$PATH:$HOME" != $__conch_vars ]]; then
      __conch_vars="$PATH:$HOME"
      __conch_mark "V=PATH"$'\0'"=$PATH"$'\0'"=HOME"$'\0'"=$HOME"$'\0'
    fi
    __conch_mark "D;$s"
    # Keys typed during the command that it did not read: taken back for conch's
    # editor, exactly up to the ^] conch sends in answer to W (see ../bash.sh); a
    # ^^ before it asks for the variable names (and those Tab completes) to be listed again.
    __conch_mark W
    while read -r -s -k 1 -t 10 c && [[ $c != $'\035' ]]; do ta+=$c; done
    if [[ $ta == *$'\036' ]]; then
      ta=${ta%$'\036'}
      names=(${(k)parameters[(I)(#i)*(key|token|secret|pass|pwd|dsn|credential|auth)*]})
      for n in $names; do
        # Plain variables only: zsh's own (keymaps, KEYTIMEOUT) and arrays of key codes are not secrets.
        [[ $n == (PWD|OLDPWD|__conch_*) || ${parameters[$n]} != scalar* || ${parameters[$n]} == *special* ]] && continue
        (( ${__conch_secret_names[(Ie)$n]} )) || __conch_secret_names+=($n)
      done
      __conch_list_names
    fi
    for n in $__conch_secret_names; do
      v=${(P)n-}
      v=${v//$'\0'/}
      if [[ -n $v && ${__conch_seen[$n]-} != $v ]]; then
        __conch_seen[$n]=$v
        out+=("=$n"$'\0' "=$v"$'\0')
      fi
    done
    if (( $#out )); then __conch_mark "S${(j::)out}"; fi
    if [[ -n $ta ]]; then __conch_mark "T=${ta//$'\0'/}"$'\0'; fi
    # zsh writes its prompt, and the marks in it, to standard error: see __conch_stderr_check in ../bash.sh.
    if [[ ! -t 2 ]] && { [[ ! -e /dev/fd/2 || -f /dev/fd/2 || /dev/fd/2 -ef /dev/null ]] }; then
      exec 2>&$__conch_fd
      print -rn -u 2 -- $'conch: standard error is back on the terminal: your shell writes its prompt there (to hide errors, redirect a command or a group: cmd 2>/dev/null)\r\n'
    fi
    PS1=$__conch_ps1 PS2=$__conch_ps2 RPS1= RPS2=
    return 0
  }
  # Names for Tab (N, see ../bash.sh), from zsh/parameter's tables: no process, no output of the user's.
  __conch_list_names() {
    __conch_mark "N=f"$'\0'"=${(pj:\n:)${(@k)functions}}"$'\0'"=a"$'\0'"=${(pj:\n:)${(@k)aliases}}"$'\0'"=v"$'\0'"=${(pj:\n:)${(@k)parameters}}"$'\0'"=b"$'\0'"=${(pj:\n:)${(@k)builtins}}"$'\n'"${(pj:\n:)${(@k)reswords}}"$'\0'
  }
  # `source ~/.zshrc` or `setopt zle` turned zsh's own editor back on: off again before the next line is
  # read (conch edits lines). A function of its own: __conch_precmd's options are local to it.
  __conch_zle_off() {
    if [[ -o zle ]]; then unsetopt zle; fi
    return 0
  }
  __conch_preexec() {
    __conch_mark C
    # Before the next prompt zsh would print PROMPT_SP's `%` and a CR into the command's output; conch marks a missing newline itself.
    unsetopt prompt_sp prompt_cr
    setopt prompt_percent
    return 0
  }
  # Lines conch writes to hand over a long command stay out of the history.
  __conch_addhistory() { [[ $1 != ' __conch_'* ]] }
  __conch_source() {
    local cmd
    IFS= read -r -d '' cmd < $1
    print -rs -- "${cmd%$'\n'}"
    return 0
  }

  precmd_functions+=(__conch_precmd __conch_zle_off)
  # First, so the command's own preexec output counts as the command's.
  preexec_functions=(__conch_preexec $preexec_functions)
  zshaddhistory_functions+=(__conch_addhistory)
  PS1=$__conch_ps1 PS2=$__conch_ps2
  unsetopt prompt_sp prompt_cr
  setopt prompt_percent
  __conch_mark "I=${HISTFILE-}"$'\0'
  # The editor was on while the rc files loaded (so `bindkey` lines load quietly);
  # conch edits lines itself, so zsh reads them as the terminal delivers them.
  unsetopt zle
fi
