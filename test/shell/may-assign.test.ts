import { describe, expect, it } from 'vitest';
import { mayAssign, mayDefineNames } from '../../src/shell/may-assign.ts';

const PATH = process.env.PATH ?? '/usr/bin:/bin';

describe('which lines make the shell list its variable names again', () => {
  it('any line that could set a variable: assignments, builtins that assign, functions and aliases', () => {
    for (const line of ['x=1', 'export TOKEN', 'read -s DB_PASSWORD', 'source .env', '. venv/bin/activate', 'eval "$(ssh-agent)"', 'printf -v x %s y', 'my_function arg', 'll', 'for i in 1 2; do :; done', 'ls | while read f; do :; done', 'set -a', 'mapfile lines < f']) {
      expect(mayAssign(line, PATH), line).toBe(true);
    }
  });

  it('not for programs on PATH and builtins that set nothing: those lines cost no listing', () => {
    for (const line of ['true', 'ls -la', 'git status | grep main', 'cd /tmp && ls', 'echo hi; pwd', 'jobs', 'fg %1', 'sleep 1 &', 'if true; then echo yes; fi']) {
      expect(mayAssign(line, PATH), line).toBe(false);
    }
  });

  it('also lines that remove a function or an alias, for Tab: not the plain programs', () => {
    for (const line of ['unalias ll', 'unset -f greet', 'functions -e greet', 'unfunction greet', 'abbr -e gco', 'f() { :; }', 'alias ll="ls -l"']) {
      expect(mayDefineNames(line, PATH), line).toBe(true);
    }
    for (const line of ['ls -la', 'cd /tmp && ls', 'jobs']) expect(mayDefineNames(line, PATH), line).toBe(false);
  });
});
