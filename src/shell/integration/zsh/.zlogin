# conch: the user's .zlogin (see .zshenv here), then the hooks.
if [[ -n $__conch_user_zdotdir_set ]]; then ZDOTDIR=$__conch_user_zdotdir; else unset ZDOTDIR; fi
if [[ -r ${ZDOTDIR:-$HOME}/.zlogin ]]; then builtin source "${ZDOTDIR:-$HOME}/.zlogin"; fi
if [[ -n ${ZDOTDIR+x} ]]; then __conch_user_zdotdir=$ZDOTDIR __conch_user_zdotdir_set=1; else __conch_user_zdotdir_set=; fi
builtin source "$__conch_dir/conch.zsh"
