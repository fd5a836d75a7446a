# conch: leaves ZDOTDIR as the user had it (set, moved by their .zshenv, or unset).
if [[ -n $__conch_user_zdotdir_set ]]; then export ZDOTDIR=$__conch_user_zdotdir; else unset ZDOTDIR; fi
unset __conch_user_zdotdir __conch_user_zdotdir_set
