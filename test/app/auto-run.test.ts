import { describe, expect, it } from 'vitest';
import { mayAutoRun } from '../../src/app/index.ts';

const prefixes = ['git status', 'git diff', 'ls', 'cat'];

describe('mayAutoRun: [agent] auto_run', () => {
  it('runs a single simple command that starts with a prefix on whole words', () => {
    for (const line of ['ls', 'ls -la', 'ls -la src/app', '  git status --short ', 'git diff HEAD~1 -- src', 'cat README.md']) expect(mayAutoRun(line, prefixes), line).toBe(true);
  });

  it('never runs a near miss, a compound line, an expansion or a substitution', () => {
    const lines = [
      'lsblk',
      'git stash',
      'git',
      'ls; rm -rf x',
      'ls && touch x',
      'ls | sh',
      'ls > out',
      'ls < in',
      'ls $HOME',
      'ls `rm x`',
      'ls $(rm x)',
      'ls (rm x)', // fish's substitution
      'cat =(rm x)', // zsh's
      'ls *',
      'ls ?',
      'ls [ab]',
      'ls {a,b}',
      'ls "a b"',
      "ls 'x'",
      'ls \\;',
      'ls & ',
      'ls # comment',
      'ls\nrm x',
      'ls\trm',
      'ls !!',
    ];
    for (const line of lines) expect(mayAutoRun(line, prefixes), JSON.stringify(line)).toBe(false);
  });

  it('never runs what the risk check flags, nor anything when the list is empty', () => {
    expect(mayAutoRun('git push --force origin main', ['git push'])).toBe(false);
    expect(mayAutoRun('ls', [])).toBe(false);
  });
});
