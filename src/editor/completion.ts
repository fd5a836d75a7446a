import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { quoteWord, wordBefore } from './words.ts';

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
  /** The live shell's own names (its functions, aliases, builtins, variables), as it last listed them. */
  shellNames?: () => ShellNameLists;
}

/** The shell's names, as the session holds them (the editor does not import the shell). */
export interface ShellNameLists {
  functions: readonly string[];
  aliases: readonly string[];
  builtins: readonly string[];
  variables: readonly string[];
}

/** Builtins of the shell that runs each line, which are not files on PATH. */
const SHELL_BUILTINS = ['cd', 'export', 'unset', 'source', 'alias', 'set', 'type', 'command', 'eval', 'exec', 'read', 'test', 'trap', 'umask', 'wait', 'ulimit', 'printf', 'echo', 'pwd', 'times'];

/**
 * Completes the first word from commands on PATH, builtins and the shell's functions and aliases;
 * `$NAME` and `${NAME` from the shell's variables; other words as paths.
 */
export function createCompleter(options: CompleterOptions): Completer {
  // Listing PATH costs a stat per file: do it once per PATH value (a venv's activate changes it).
  const commandCache = new Map<string, Promise<string[]>>();
  const commands = (path: string) => {
    let cached = commandCache.get(path);
    if (!cached) {
      cached = commandsOnPath(path).then((found) => [...new Set([...options.builtins, ...SHELL_BUILTINS, ...found])].sort());
      commandCache.set(path, cached);
    }
    return cached;
  };

  // Listing a long PATH takes tens of milliseconds: start now, so the first Tab does not wait.
  try {
    void commands(options.env().PATH ?? '');
  } catch {
    // The environment is not ready yet: the first Tab lists PATH instead.
  }

  return async (line, cursor) => {
    const word = wordBefore(line, cursor);
    const env = options.env();
    const names = options.shellNames?.();
    const variable = word.openQuote === "'" ? undefined : variableBefore(line.slice(word.start, cursor));
    if (variable) return completeVariable(variable, cursor, [...(names?.variables ?? []), ...Object.keys(env)]);
    if (isCommandPosition(line, word.start) && !word.value.includes('/')) {
      const own = names ? [...names.functions, ...names.aliases, ...names.builtins] : [];
      // Like the shells' own completion: helper names (`_git`, `_completion_loader`) only when asked for.
      const offered = own.filter((name) => !name.startsWith('_') || word.value.startsWith('_'));
      const matches = [...new Set([...(await commands(env.PATH ?? '')), ...offered])].filter((name) => name.startsWith(word.value)).sort();
      const unique = matches.length === 1;
      return { from: word.start, candidates: matches.map((name) => quoteWord(name, word.openQuote, unique) + (unique ? ' ' : '')), labels: matches };
    }
    return completePath(word.value, word.start, word.openQuote, options.cwd(), env.HOME);
  };
}

/** `$NA` or `${NA` at the end of a word's text: the name typed so far and whether a brace opened it. */
function variableBefore(text: string): { prefix: string; braced: boolean } | undefined {
  const match = /(?<!\\)\$(\{?)([A-Za-z_][A-Za-z0-9_]*)?$/.exec(text);
  return match ? { prefix: match[2] ?? '', braced: match[1] === '{' } : undefined;
}

function completeVariable(variable: { prefix: string; braced: boolean }, cursor: number, names: readonly string[]): Completion {
  const offered = (name: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && (!name.startsWith('_') || variable.prefix.startsWith('_'));
  const matches = [...new Set(names)].filter((name) => name.startsWith(variable.prefix) && offered(name)).sort();
  const close = variable.braced && matches.length === 1 ? '}' : '';
  return { from: cursor - variable.prefix.length, candidates: matches.map((name) => name + close), labels: matches.map((name) => `$${name}`) };
}

async function completePath(word: string, start: number, openQuote: "'" | '"' | undefined, cwd: string, home: string | undefined): Promise<Completion> {
  const slash = word.lastIndexOf('/');
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
  const base = word.slice(slash + 1);
  const expanded = (dirPart === '~/' || dirPart.startsWith('~/')) && home ? home + dirPart.slice(1) : dirPart;
  const dir = expanded === '' ? cwd : expanded.startsWith('/') ? expanded : join(cwd, expanded);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return { from: start, candidates: [] };
  }
  const chosen = names.filter((name) => name.startsWith(base) && (base.startsWith('.') || !name.startsWith('.'))).sort();
  const matches = await Promise.all(chosen.map(async (name) => ({ name, isDir: await isDirectory(join(dir, name)) })));
  const unique = matches.length === 1;
  return {
    from: start,
    candidates: matches.map(({ name, isDir }) => {
      // A unique file closes its quote and gets a space; a directory stays open for the next part.
      const close = unique && !isDir;
      return quoteWord(dirPart + name, openQuote, close) + (isDir ? '/' : close ? ' ' : '');
    }),
    labels: matches.map(({ name, isDir }) => name + (isDir ? '/' : '')),
  };
}

function isCommandPosition(line: string, start: number): boolean {
  const before = line.slice(0, start).trimEnd();
  return before === '' || /(?:[|;&(]|&&|\|\||\bsudo|\bexec|\btime|\bcommand|\bnohup|\bnice|\bwatch|\bxargs|\benv)$/.test(before);
}

async function commandsOnPath(path: string): Promise<string[]> {
  const dirs = [...new Set(path.split(':').filter(Boolean))];
  const perDir = await Promise.all(
    dirs.map(async (dir) => {
      const entries = await readdir(dir).catch(() => []);
      const found = await Promise.all(
        entries.map(async (name) => {
          // A dangling link or a vanished file is not a command.
          const info = await stat(join(dir, name)).catch(() => undefined);
          return info?.isFile() && (info.mode & 0o111) !== 0 ? name : undefined;
        }),
      );
      return found.filter((name): name is string => name !== undefined);
    }),
  );
  return perDir.flat();
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
