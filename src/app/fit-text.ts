import { estimateTokens } from '../context/index.ts';

/**
 * Text that may already have lost its middle: a bounded reader keeps the
 * first and the last lines of a long input and counts the lines it let go.
 */
export interface Excerpt {
  /** Whole lines from the start (or the whole text). */
  head: string;
  /** Whole lines from the end, when the middle was dropped; '' when `head` is the whole text. */
  tail: string;
  /** Lines dropped between head and tail. */
  cutLines: number;
}

/** The marker that stands where lines were left out. */
export function cutMarker(lines: number): string {
  return `[… ${lines} line${lines === 1 ? '' : 's'} cut …]`;
}

/** What a cut kept: the first and last lines (or characters, when not one line fits) of how many there were. */
export interface Kept {
  unit: 'lines' | 'characters';
  head: number;
  tail: number;
  of: number;
}

/**
 * The text within `budget` tokens: whole when it fits, else its first and
 * last lines (the head gets up to half) around a marker saying how many lines
 * were cut. Piped input starts with what names it (headers, the top of a
 * diff) and command output ends with what went wrong, so both ends matter.
 * Lines are taken from the outside in, so megabytes cost one pass. When not
 * one line fits (a single huge line of minified JSON), characters stand in.
 */
export function fitExcerpt(excerpt: Excerpt, budget: number): { text: string; cut: boolean; kept?: Kept } {
  const whole = excerpt.cutLines === 0 && excerpt.tail === '';
  const { head } = excerpt;
  if (whole && estimateTokens(head) <= budget) return { text: head, cut: false };
  const room = Math.max(0, budget - MARKER_TOKENS);
  const front = takeFromStart(head, Math.floor(room / 2));
  const tailSource = whole ? head : excerpt.tail;
  const tailStart = takeFromEnd(tailSource, room - front.used, whole ? front.end : 0);
  if (front.end === 0 && tailStart === tailSource.length) {
    const all = whole ? head : `${head}${excerpt.tail}`;
    const half = Math.min(characterHalf(room), Math.floor(all.length / 2));
    return { text: characters(all, room), cut: true, kept: { unit: 'characters', head: half, tail: half, of: all.length } };
  }
  const cutLines = whole
    ? countLines(head.slice(front.end, tailStart))
    : countLines(head.slice(front.end)) + excerpt.cutLines + countLines(tailSource.slice(0, tailStart));
  const headLines = countLines(head.slice(0, front.end));
  const tailLines = countLines(tailSource.slice(tailStart));
  return {
    text: `${head.slice(0, front.end)}${cutMarker(cutLines)}\n${tailSource.slice(tailStart)}`,
    cut: true,
    kept: { unit: 'lines', head: headLines, tail: tailLines, of: headLines + cutLines + tailLines },
  };
}

/** `fitExcerpt` of a text held whole. */
export function fitText(text: string, budget: number): { text: string; cut: boolean } {
  return fitExcerpt({ head: text, tail: '', cutLines: 0 }, budget);
}

/** Room for the marker and its newline. */
const MARKER_TOKENS = 12;

/** Whole lines (each with its newline) from the start, within `budget`. */
function takeFromStart(text: string, budget: number): { end: number; used: number } {
  let end = 0;
  let used = 0;
  for (;;) {
    const newline = text.indexOf('\n', end);
    if (newline < 0) break;
    const cost = estimateTokens(text.slice(end, newline + 1));
    if (used + cost > budget) break;
    used += cost;
    end = newline + 1;
  }
  return { end, used };
}

/** Where the whole lines from the end that fit in `budget` begin, never before `floor`. */
function takeFromEnd(text: string, budget: number, floor: number): number {
  let start = text.length;
  let used = 0;
  while (start > floor) {
    const lineStart = text.lastIndexOf('\n', start - 2) + 1;
    if (lineStart < floor) break;
    const cost = estimateTokens(text.slice(lineStart, start));
    if (used + cost > budget) break;
    used += cost;
    start = lineStart;
  }
  return start;
}

/** Characters kept at each end when not one line fits. */
function characterHalf(room: number): number {
  return Math.max(0, Math.floor(room / 2) - 4);
}

/** A token is at least one character, so `room` characters always fit. */
function characters(text: string, room: number): string {
  const half = characterHalf(room);
  if (text.length <= half * 2) return text;
  return `${text.slice(0, half)}[… ${text.length - half * 2} characters cut …]${text.slice(text.length - half)}`;
}

function countLines(text: string): number {
  if (text === '') return 0;
  let lines = text.endsWith('\n') ? 0 : 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}
