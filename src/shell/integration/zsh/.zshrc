# conch: the user's .zshrc (see .zshenv here); a login shell still has .zlogin to come.
if [[ -n $__conch_user_zdotdir_set ]]; then ZDOTDIR=$__conch_user_zdotdir; else unset ZDOTDIR; fi
if [[ -r ${ZDOTDIR:-$HOME}/.zshrc ]]; then builtin source "${ZDOTDIR:-$HOME}/.zshrc"; fi
if [[ -n ${ZDOTDIR+x} ]]; then __conch_user_zdotdir=$ZDOTDIR __conch_user_zdotdir_set=1; else __conch_user_zdotdir_set=; fi
if [[ -o login ]]; then ZDOTDIR=$__conch_dir; else builtin source "$__conch_dir/conch.zsh"; fi
