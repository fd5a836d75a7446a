# conch's POSIX sh integration (dash and others): sh runs as `ENV=<this file> sh -i`
# (a static file shipped with conch). It reads the user's own $ENV file, then puts
# the marks into PS1/PS2 (see bash.sh for the vocabulary): dash expands $?, $$ and
# $PWD there at each prompt, so no hook process runs per line. sh has no preexec,
# so conch itself knows a command runs once its line was read.
__conch_nonce=${CONCH_NONCE-}
unset CONCH_NONCE
if [ -n "${CONCH_USER_ENV+x}" ]; then
  ENV=$CONCH_USER_ENV
  export ENV
  unset CONCH_USER_ENV
  # sh expands $ENV before reading it.
  eval "__conch_env=\"$ENV\""
  if [ -r "$__conch_env" ]; then . "$__conch_env"; fi
  unset __conch_env
else
  unset ENV
fi

if [ -n "$__conch_nonce" ]; then
  __conch_e=$(printf '\033') __conch_b=$(printf '\007')
  __conch_m="${__conch_e}]6973;${__conch_nonce};\$\$;"
  PS1="${__conch_m}D;\$?${__conch_b}${__conch_m}P;\$PWD${__conch_b}${__conch_m}A${__conch_b}${__conch_m}B${__conch_b}"
  PS2="${__conch_m}A;k=s${__conch_b}${__conch_m}B${__conch_b}"
  unset __conch_e __conch_b __conch_m
  # Names for Tab (N, see bash.sh): the aliases and exported variables the start-up files left, as
  # `alias` and `export -p` print them (A, E: names with their values, which conch drops; builtins, no
  # process), and sh's builtins. sh cannot list its functions: conch
  # reads definitions from the lines typed instead (shell/typed-names.ts).
  printf '\033]6973;%s;%s;N=A\0=' "$__conch_nonce" "$$" >&2
  alias >&2
  printf '\0=E\0=' >&2
  export -p >&2
  printf '\0=b\0=.\n:\n[\nalias\nbg\nbreak\ncd\ncommand\ncontinue\necho\neval\nexec\nexit\nexport\nfalse\nfc\nfg\ngetopts\nhash\njobs\nkill\nlocal\nprintf\npwd\nread\nreadonly\nreturn\nset\nshift\ntest\ntimes\ntrap\ntrue\ntype\nulimit\numask\nunalias\nunset\nwait\0\007' >&2
  printf '\033]6973;%s;%s;I\007' "$__conch_nonce" "$$" >&2
fi
