import { resolveProgram } from './choose.ts';

/**
 * Builtins that never set a shell variable (cd sets only PWD and OLDPWD). Any
 * other word that is not a program on PATH may be a builtin that does (`read`,
 * `export`, `source`), a function or an alias: then the shell lists its
 * variables again, to learn new secret-named ones.
 */
const HARMLESS = new Set([
  'cd', 'pwd', 'echo', 'true', 'false', 'test', '[', '[[', 'jobs', 'fg', 'bg', 'wait', 'disown', 'kill', 'type', 'hash', 'help',
  'history', 'fc', 'alias', 'unalias', 'umask', 'ulimit', 'pushd', 'popd', 'dirs', 'shopt', 'exit', 'logout', 'times', 'trap',
  'bind', 'bindkey', 'complete', 'compgen', 'compopt', 'shift', 'unset', 'whence', 'where', 'which', 'rehash', 'setopt',
  'unsetopt', 'functions', 'abbr', 'contains', 'status', 'math', 'string', 'clear', 'ls', 'exec',
]);

/** Programs that are also builtins able to assign (`printf -v`, zsh's `print -v`). */
const ASSIGNING_BUILTINS = new Set(['printf', 'print', 'read', 'let', 'getopts', 'mapfile', 'readarray', 'set', 'command', 'builtin', 'eval', 'source', '.']);

/**
 * Whether a command line could have set a variable: conservative (an
 * assignment anywhere, or a command word that is no program on PATH).
 */
export function mayAssign(line: string, searchPath: string, cache: Map<string, boolean> = new Map()): boolean {
  if (line.includes('=')) return true;
  for (const word of commandWords(line)) {
    if (ASSIGNING_BUILTINS.has(word)) return true;
    if (HARMLESS.has(word)) continue;
    if (!onPath(word, searchPath, cache)) return true;
  }
  return false;
}

/**
 * Whether a command line could have defined or removed a name Tab completes: a
 * variable (see mayAssign), a function or an alias (`unalias`, `unset -f`, fish's
 * `functions -e` and `abbr` included).
 */
export function mayDefineNames(line: string, searchPath: string, cache: Map<string, boolean> = new Map()): boolean {
  return /\b(?:alias|unalias|unset|unfunction|functions?|abbr)\b/.test(line) || mayAssign(line, searchPath, cache);
}

/** The first word of each simple command: after the start, `;`, `&`, `|`, newlines, `(`, `{`, and reserved words. */
function commandWords(line: string): string[] {
  const words: string[] = [];
  const RESERVED = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', 'time', 'begin', 'not', 'and', 'or']);
  for (const piece of line.split(/[;&|\n(){}]+/)) {
    const tokens = piece.trim().split(/\s+/).filter(Boolean);
    let i = 0;
    while (i < tokens.length && RESERVED.has(tokens[i]!)) i++;
    const word = tokens[i];
    // `for`, `case`, `select`, `function`: loop variables and definitions; `done`/`fi`/`esac`/`end` end a construct.
    if (word === undefined || /^(done|fi|esac|end)$/.test(word)) continue;
    words.push(word.replace(/^['"\\]+|['"]+$/g, ''));
  }
  return words;
}

function onPath(word: string, searchPath: string, cache: Map<string, boolean>): boolean {
  if (word.includes('/') || word.includes('$') || word.includes('`')) return false;
  const known = cache.get(word);
  if (known !== undefined) return known;
  const found = resolveProgram(word, searchPath) !== undefined;
  cache.set(word, found);
  return found;
}
