import { readdirSync, readFileSync } from 'node:fs';

/**
 * Whether a process running exactly `argv` holds its terminal's foreground: a key like ^C sent
 * before that reaches the shell, not the command (terminals work so; a person is just slower).
 */
export function inForeground(argv: readonly string[]): boolean {
  const wanted = `${argv.join('\0')}\0`;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'latin1') !== wanted) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      // The name in parentheses may hold spaces: the fields after it are fixed.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[2] === fields[5]) return true;
    } catch {
      // Gone meanwhile.
    }
  }
  return false;
}
