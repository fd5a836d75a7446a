import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShellProgram } from './types.ts';

/**
 * Whether the shell needs more lines before `text` is a whole command, asked
 * of the shell's own parser (`bash -n`, `zsh -n`, `sh -n`; the text on stdin
 * or in a private file, never in argv where `ps` shows it). conch asks when it must have a whole
 * construct before the shell sees any of it: always for sh, which has no mark
 * for "a command starts now" (keys typed for the construct's next line would
 * reach its half-read line), and for bash and zsh when a line is too long for
 * the terminal's line buffer and the construct goes through a file. A parser
 * reading to end of file accepts an open here-document and a trailing
 * backslash: those are checked here. fish decides for itself.
 */
export async function needsMore(program: ShellProgram, text: string): Promise<boolean> {
  if (plainlyWhole(text)) return false;
  if (endsWithContinuation(text) || openHereDocument(text)) return true;
  switch (program.kind) {
    case 'bash':
      return /unexpected end of file|unexpected EOF while looking for matching/.test(await parse(program.path, ['-n'], text));
    case 'sh':
      return /end of file unexpected|unexpected end of file|unterminated quoted string|EOF in backquote/i.test(await parse(program.path, ['-n'], text));
    case 'zsh':
      return zshNeedsMore(program.path, text);
    case 'fish':
      return false;
  }
}

/**
 * zsh words an unfinished construct as any syntax error, but says where: past
 * the last line. At end of input it accepts a loop with no body and a trailing
 * `&&` or `||`: a `do` line after a loop's head is still inside it, after a
 * whole command it is an error at once.
 */
async function zshNeedsMore(shell: string, text: string): Promise<boolean> {
  if (endsWithListOperator(text)) return true;
  const lines = text.split('\n').length;
  // zsh numbers the lines of a file it reads, not of its stdin.
  const dir = mkdtempSync(join(tmpdir(), 'conch-parse-'));
  const file = join(dir, 'construct');
  const errorLine = async (input: string) => {
    writeFileSync(file, `${input}\n`, { mode: 0o600 });
    const line = /:(\d+): /.exec(await parse(shell, ['-f', '-n', file], ''))?.[1];
    return line === undefined ? undefined : Number(line);
  };
  try {
    const alone = await errorLine(text);
    if (alone !== undefined) return alone > lines;
    const probed = await errorLine(`${text}\ndo`);
    return probed !== undefined && probed > lines + 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// What can leave a construct open: quotes, escapes, groups, pipes and lists, here-documents, and the words that open or continue one.
const OPENERS = /['"`\\(){}|]|&&|<</;
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'while', 'until', 'do', 'done', 'select', 'function', 'repeat', 'foreach', 'end', '[[']);

/** A line with nothing that can open a construct is whole (a syntax error at most): no parser process for `ls -la`. */
function plainlyWhole(text: string): boolean {
  return !OPENERS.test(text) && !text.split(/[\s;&]+/).some((word) => RESERVED.has(word));
}

function parse(shell: string, args: string[], text: string): Promise<string> {
  return new Promise((resolve) => {
    // A parser that never answers must not hold the prompt: then the shell decides.
    const child = execFile(shell, args, { timeout: 2000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' } }, (_error, _stdout, stderr) => resolve(String(stderr)));
    child.stdin?.on('error', () => {});
    child.stdin?.end(`${text}\n`);
  });
}

function endsWithContinuation(text: string): boolean {
  const backslashes = /\\*$/.exec(text)![0].length;
  return backslashes % 2 === 1;
}

/** The last line's code (its comment left out) ends with `&&`, `||` or `|`. */
function endsWithListOperator(text: string): boolean {
  const last = text.trimEnd().split('\n').at(-1) ?? '';
  const { code } = scanLine(last);
  return /(^|[^\\])(&&|\|\|?|\|&)\s*$/.test(code);
}

/** `<<WORD` (or `<<-`, the word quoted or not) outside quotes, with no line equal to WORD after it. */
function openHereDocument(text: string): boolean {
  const pending: { word: string; strip: boolean }[] = [];
  for (const line of text.split('\n')) {
    if (pending.length > 0) {
      const current = pending[0]!;
      if ((current.strip ? line.replace(/^\t+/, '') : line) === current.word) pending.shift();
      continue;
    }
    pending.push(...scanLine(line).hereDocuments);
  }
  return pending.length > 0;
}

/** One line outside quotes: the here-documents it opens, and its code before any comment. */
function scanLine(line: string): { code: string; hereDocuments: { word: string; strip: boolean }[] } {
  const hereDocuments: { word: string; strip: boolean }[] = [];
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '\\') i++;
    else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return { code: line.slice(0, i), hereDocuments };
    else if (line.startsWith('<<<', i)) i += 2;
    else if (c === '<' && line[i + 1] === '<') {
      const word = /^<<(-?)[ \t]*(?:'([^']*)'|"([^"]*)"|\\?([^\s;&|<>()'"]+))/.exec(line.slice(i));
      if (word) {
        hereDocuments.push({ word: word[2] ?? word[3] ?? word[4]!, strip: word[1] === '-' });
        i += word[0].length - 1;
      }
    }
  }
  return { code: line, hereDocuments };
}
