import { literalValue } from './secret-patterns.ts';

/** Where a secret sits in the text: [start, end). */
export interface Span {
  start: number;
  end: number;
}

/** Where an unquoted value ends: at blanks, quotes, and what separates values or statements. */
const STOP = new Set([' ', '\t', '\n', '\r', '"', "'", '`', ';', '&', ',', '<', '>', '|', ')', ']', '}', '(', '[']);

/**
 * The value that starts at `from` (after `password=`, `--token `, `-p`): the
 * inside of quotes when it is quoted (`"…"`, `'…'`, or JSON-escaped `\"…\"`,
 * on one line), else the run up to a blank or separator. Undefined when what
 * is there is no secret: too short, a `$VARIABLE`, a placeholder, a type name,
 * a path (a key *file* is not a key), or code (`password = getpass()`).
 */
export function valueSpan(text: string, from: number, minLength = 3): Span | undefined {
  const first = text[from];
  const escaped = first === '\\' && (text[from + 1] === '"' || text[from + 1] === "'");
  if (escaped || first === '"' || first === "'") {
    const quote = escaped ? `\\${text[from + 1]}` : first;
    const start = from + quote.length;
    const close = closingQuote(text, start, quote);
    if (close === undefined || close === start) return undefined;
    const value = text.slice(start, close);
    return literalValue(value) ? { start, end: close } : undefined;
  }
  let end = from;
  while (end < text.length && !STOP.has(text[end]!)) end++;
  const value = text.slice(from, end);
  if (value.length < minLength || !literalValue(value)) return undefined;
  // A call or a subscript is code that fetches the secret, not the secret.
  if (text[end] === '(' || text[end] === '[' || (value.includes('.') && /^(?:this|self|os|process|env|config|settings|ctx|req|request|args|opts|options)\./.test(value))) return undefined;
  if ((value[0] === '/' || value[0] === '~' || value[0] === '.') && /^~?\.{0,2}\/[\w./@:+-]*$/.test(value)) return undefined;
  return { start: from, end };
}

/** A quoted value is looked for this far: bounded, so that many opening quotes on a long line stay linear. */
const MAX_QUOTED = 4096;

/** The closing quote on the same line, within MAX_QUOTED. */
export function closingQuote(text: string, start: number, quote: string): number | undefined {
  const limit = Math.min(text.length, start + MAX_QUOTED);
  for (let i = start; i < limit; i++) {
    if (text[i] === '\n') return undefined;
    if (text.startsWith(quote, i)) return i;
  }
  return undefined;
}
