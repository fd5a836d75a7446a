# conch's zsh integration. zsh starts with ZDOTDIR set to this directory (a static
# directory shipped with conch; no user file is edited). Each of these files puts
# the user's ZDOTDIR back, sources the user's own file of the same name at top
# level (so their `typeset` and `local` mean what they mean), notes where their
# ZDOTDIR now points (their .zshenv may move it), and points ZDOTDIR here again
# so zsh reads the next file of ours. The last one installs the hooks.
__conch_dir=$ZDOTDIR
__conch_nonce=${CONCH_NONCE-}
if [[ -n ${CONCH_USER_ZDOTDIR+x} ]]; then __conch_user_zdotdir=$CONCH_USER_ZDOTDIR __conch_user_zdotdir_set=1; else __conch_user_zdotdir_set=; fi
unset CONCH_NONCE CONCH_USER_ZDOTDIR

if [[ -n $__conch_user_zdotdir_set ]]; then ZDOTDIR=$__conch_user_zdotdir; else unset ZDOTDIR; fi
if [[ -r ${ZDOTDIR:-$HOME}/.zshenv ]]; then builtin source "${ZDOTDIR:-$HOME}/.zshenv"; fi
if [[ -n ${ZDOTDIR+x} ]]; then __conch_user_zdotdir=$ZDOTDIR __conch_user_zdotdir_set=1; else __conch_user_zdotdir_set=; fi
if [[ -o interactive ]]; then ZDOTDIR=$__conch_dir; else builtin source "$__conch_dir/restore.zsh"; fi
