import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Replacements for `line.slice(from, cursor)`; `labels` are what a listing shows. */
export interface Completion {
  from: number;
  candidates: string[];
  labels?: string[];
}

export type Completer = (line: string, cursor: number) => Promise<Completion>;

export interface CompleterOptions {
  cwd: () => string;
  env: () => Record<string, string>;
  /** Words conch itself answers (exit, jobs, fg, bg). */
  builtins: readonly string[];
}

/** Builtins of the shell that runs each line, which are not files on PATH. */
const SHELL_BUILTINS = ['cd', 'export', 'unset', 'source', 'alias', 'set', 'type', 'command', 'eval', 'exec', 'read', 'test', 'trap', 'umask', 'wait', 'ulimit', 'printf', 'echo', 'pwd', 'times'];

/** Completes the first word from commands on PATH and builtins, other words as paths. */
export function createCompleter(options: CompleterOptions): Completer {
  const commandCache = new Map<string, string[]>();
  return async (line, cursor) => {
    const { start, word } = currentWord(line, cursor);
    const env = options.env();
    if (isCommandPosition(line, start) && !word.includes('/')) {
      const path = env.PATH ?? '';
      let commands = commandCache.get(path);
      if (!commands) {
        commands = [...new Set([...options.builtins, ...SHELL_BUILTINS, ...commandsOnPath(path)])].sort();
        commandCache.set(path, commands);
      }
      const matches = commands.filter((name) => name.startsWith(word));
      return { from: start, candidates: matches.map((name) => (matches.length === 1 ? `${escape(name)} ` : escape(name))), labels: matches };
    }
    return completePath(word, start, options.cwd(), env.HOME);
  };
}

function completePath(word: string, start: number, cwd: string, home: string | undefined): Completion {
  const slash = word.lastIndexOf('/');
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
  const base = word.slice(slash + 1);
  const expanded = dirPart.startsWith('~/') && home ? home + dirPart.slice(1) : dirPart;
  const dir = expanded === '' ? cwd : expanded.startsWith('/') ? expanded : join(cwd, expanded);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return { from: start, candidates: [] };
  }
  const matches = names
    .filter((name) => name.startsWith(base) && (base.startsWith('.') || !name.startsWith('.')))
    .sort()
    .map((name) => ({ name, isDir: isDirectory(join(dir, name)) }));
  return {
    from: start,
    candidates: matches.map(({ name, isDir }) => escape(dirPart + name) + (isDir ? '/' : matches.length === 1 ? ' ' : '')),
    labels: matches.map(({ name, isDir }) => name + (isDir ? '/' : '')),
  };
}

/** The word being completed: back from the cursor to an unescaped space or an operator. */
function currentWord(line: string, cursor: number): { start: number; word: string } {
  let start = cursor;
  while (start > 0) {
    const c = line[start - 1]!;
    if (/[\s|;&<>()]/.test(c) && line[start - 2] !== '\\') break;
    start--;
  }
  return { start, word: line.slice(start, cursor).replace(/\\(.)/g, '$1').replace(/^['"]/, '') };
}

function isCommandPosition(line: string, start: number): boolean {
  const before = line.slice(0, start).trimEnd();
  return before === '' || /(?:[|;&(]|&&|\|\||\bsudo|\bexec|\btime|\bcommand)$/.test(before);
}

function commandsOnPath(path: string): string[] {
  const names: string[] = [];
  for (const dir of path.split(':')) {
    if (!dir) continue;
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of entries) {
      try {
        const stat = statSync(join(dir, name));
        if (stat.isFile() && (stat.mode & 0o111) !== 0) names.push(name);
      } catch {
        // A dangling link: not a command.
      }
    }
  }
  return names;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function escape(text: string): string {
  return text.replace(/([\s'"\\$`!&|;<>()*?[\]#~{}])/g, '\\$1').replace(/^\\~/, '~');
}
