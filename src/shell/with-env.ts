import type { ShellKind } from './types.ts';

/**
 * A line run with extra variables for it alone (PAGER=cat for the agent's
 * steps), in the shell itself so its `cd` and assignments still count. POSIX
 * shells: a function whose `local` exports end with it (`VAR=x eval` exports
 * nothing in zsh, and persists in dash). fish: a block with `set -lx`.
 */
export function envWrapped(kind: ShellKind, line: string, env: Record<string, string>): string {
  const names = Object.keys(env).filter((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name));
  if (kind === 'fish') {
    const sets = names.map((name) => `set -lx ${name} ${fishQuote(env[name]!)}`);
    return ['begin', ...sets, line, 'end'].join('\n');
  }
  const exports = names.map((name) => `${name}=${posixQuote(env[name]!)}`).join(' ');
  return `__conch_with_env() { local ${names.join(' ')}; export ${exports}; eval "$1"; }; __conch_with_env ${posixQuote(line)}`;
}

export function posixQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function fishQuote(word: string): string {
  return `'${word.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}
