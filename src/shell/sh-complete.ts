import { execFile } from 'node:child_process';

/**
 * Whether a POSIX sh needs more lines before `text` is a whole command. sh
 * has no mark for "a command starts now", so conch passes keys on to it as
 * soon as a line was read; were the construct still open, keys typed for its
 * next line would reach the shell's half-read line instead of conch's `> `.
 * So for sh, conch asks the shell's own parser first (`sh -n`), and adds the
 * two cases a parser that reads to end of file accepts: an open here-document
 * and a trailing backslash.
 */
export async function shNeedsMore(shell: string, text: string): Promise<boolean> {
  if (endsWithContinuation(text) || openHereDocument(text)) return true;
  const verdict = await parse(shell, text);
  return /end of file unexpected|unexpected end of file|unterminated quoted string/i.test(verdict);
}

function parse(shell: string, text: string): Promise<string> {
  return new Promise((resolve) => {
    // A parser that never answers must not hold the prompt: then the shell decides, as for bash.
    execFile(shell, ['-n', '-c', text], { timeout: 2000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } }, (_error, _stdout, stderr) => resolve(String(stderr)));
  });
}

function endsWithContinuation(text: string): boolean {
  const backslashes = /\\*$/.exec(text)![0].length;
  return backslashes % 2 === 1;
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
    pending.push(...hereDocumentsOpenedBy(line));
  }
  return pending.length > 0;
}

function hereDocumentsOpenedBy(line: string): { word: string; strip: boolean }[] {
  const opened: { word: string; strip: boolean }[] = [];
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
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
    else if (line.startsWith('<<<', i)) i += 2;
    else if (c === '<' && line[i + 1] === '<') {
      const word = /^<<(-?)[ \t]*(?:'([^']*)'|"([^"]*)"|\\?([^\s;&|<>()'"]+))/.exec(line.slice(i));
      if (word) {
        opened.push({ word: word[2] ?? word[3] ?? word[4]!, strip: word[1] === '-' });
        i += word[0].length - 1;
      }
    }
  }
  return opened;
}
