#!/usr/bin/env bash
# The end-to-end tests drive conch through real programs. On a fresh machine
# (Debian, root, as CI and the project's machines are) the missing ones are
# installed with apt-get; elsewhere this says what to install.
set -euo pipefail

declare -A package=([tmux]=tmux [vim]=vim [less]=less [git]=git [script]=bsdutils [zsh]=zsh [fish]=fish [perl]=perl-base [openssl]=openssl)
missing=()
for tool in tmux vim less git script zsh fish perl openssl; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${package[$tool]}")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test-tools: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "test-tools: the tests need these packages: ${missing[*]} (install them, e.g. with apt-get)" >&2
  exit 1
fi
