import type { CommandRecord } from '../shell/index.ts';
import type { KnownSecret } from './known-secrets.ts';
import { redact } from './redact.ts';
import { estimateTokens } from './tokens.ts';

/** What the model is told of a command: the shell session's record, without its id (type only: no runtime dependency). */
export type CommandRecordLike = Omit<CommandRecord, 'id'>;

/**
 * A line typed with a leading space is private: bash (HISTCONTROL=ignorespace)
 * and zsh (HIST_IGNORE_SPACE) keep it out of history, and so does conch;
 * neither it nor its output is told to the model.
 */
export function isPrivateRecord(record: CommandRecordLike): boolean {
  return record.line.startsWith(' ');
}

/** A record as the model reads it, already redacted, and what that cost. */
export interface FormattedRecord {
  text: string;
  tokens: number;
  redactions: number;
}

/**
 * One record as text: `$ line`, then status, duration and cwd, then (in
 * `full` mode) the output, cut to its last lines when the whole does not fit
 * in `budget` tokens, with the cut marked. Undefined when not even the command
 * line fits. Redaction comes first, so no cut can split a secret into halves
 * that no longer look like one.
 */
export function formatRecord(
  record: CommandRecordLike,
  mode: 'full' | 'commands',
  budget: number,
  secrets: { env: Record<string, string>; known: readonly KnownSecret[] },
): FormattedRecord | undefined {
  const clean = (text: string) => redact(text, secrets.env, secrets.known);
  const line = clean(record.line);
  const cwd = clean(record.cwd);
  const status = record.signal ? `killed by ${record.signal}` : `exit status ${record.status}`;
  const head = `$ ${line.text}\n(${status}, ${(record.durationMs / 1000).toFixed(1)} s, in ${cwd.text})`;
  const headTokens = estimateTokens(head);
  if (headTokens > budget) return undefined;
  const headOnly = { text: head, tokens: headTokens, redactions: line.count + cwd.count };
  if (mode === 'commands') return headOnly;
  if (record.fullscreen) return withBody(headOnly, '[a full-screen program; its screen is not kept]', 0);
  const output = clean(record.output.trimEnd());
  if (output.text === '') return headOnly;
  const lost = record.outputTruncated ? '[earlier output was not kept]\n' : '';
  const whole = withBody(headOnly, `${lost}${output.text}`, output.count);
  if (whole.tokens <= budget) return whole;
  // Only the secrets in the part that is sent count.
  const tail = tailWithin(output.text, budget - headTokens - MARKER_TOKENS);
  return withBody(headOnly, tail, tail.split('[REDACTED:').length - 1);
}

/** Room left for the `[N earlier lines cut]` marker and its newlines. */
const MARKER_TOKENS = 12;

function withBody(head: FormattedRecord, body: string, redactions: number): FormattedRecord {
  const text = `${head.text}\n${body}`;
  return { text, tokens: estimateTokens(text), redactions: head.redactions + redactions };
}

/**
 * The last whole lines of `text` that fit in `budget` tokens after a marker
 * saying how many were cut, walking back from the end (outputs can be
 * megabytes; nothing is split up front). When not even the last line fits,
 * its last characters stand in for it.
 */
function tailWithin(text: string, budget: number): string {
  // `start` is the newline ending the next line to take (or the text's end).
  let start = text.length;
  let used = 0;
  while (start > 0) {
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const cost = estimateTokens(text.slice(lineStart, start)) + 1;
    if (used + cost > budget) break;
    used += cost;
    start = lineStart === 0 ? 0 : lineStart - 1;
  }
  if (start === 0) return text;
  if (start < text.length) return `${cutMarker(countLines(text, start))}\n${text.slice(start + 1)}`;
  // One long last line (minified JSON, a progress bar): keep its end. At most a token a character, so this fits.
  const lastLine = text.lastIndexOf('\n') + 1;
  const end = text.slice(Math.max(lastLine, text.length - budget + 1));
  return `${cutMarker(lastLine === 0 ? 0 : countLines(text, lastLine - 1))}\n…${end}`;
}

function cutMarker(lines: number): string {
  return lines === 0 ? '[the start of the output cut]' : `[${lines} earlier line${lines === 1 ? '' : 's'} cut]`;
}

/** How many lines start at or before `newline`, the index of a newline: the lines a tail after it leaves out. */
function countLines(text: string, newline: number): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < newline; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}
