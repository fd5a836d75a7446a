# conch: the user's .zprofile (see .zshenv here).
if [[ -n $__conch_user_zdotdir_set ]]; then ZDOTDIR=$__conch_user_zdotdir; else unset ZDOTDIR; fi
if [[ -r ${ZDOTDIR:-$HOME}/.zprofile ]]; then builtin source "${ZDOTDIR:-$HOME}/.zprofile"; fi
if [[ -n ${ZDOTDIR+x} ]]; then __conch_user_zdotdir=$ZDOTDIR __conch_user_zdotdir_set=1; else __conch_user_zdotdir_set=; fi
ZDOTDIR=$__conch_dir
