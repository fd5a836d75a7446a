import { assignmentSecrets } from './assignments.ts';
import { flagSecrets } from './flag-secrets.ts';
import { secretEnvPairs, worthHiding, type KnownSecret } from './known-secrets.ts';
import { privateKeySpans } from './private-keys.ts';
import { SECRET_PATTERNS, type SecretPattern } from './secret-patterns.ts';
import type { Span } from './value-span.ts';

/**
 * Replaces secrets with `[REDACTED:kind]`: the one redaction for everything
 * that leaves the machine or lands in conch's files. In order, each pass
 * over the previous one's result (a placeholder is never a secret again):
 *
 * 1. values known to be secret: the environment's variables named like
 *    secrets, and `known` values (every secret-named variable's value the
 *    shell has reported this session, including variables since unset); the
 *    placeholder names the variable;
 * 2. PEM private keys;
 * 3. keys and tokens by their shape, credentials in URLs, signed-URL
 *    signatures, auth and cookie headers, credential files (.pgpass,
 *    .netrc, XML);
 * 4. secrets given as command-line flags (`--password X`, `mysql -pX`,
 *    `curl -u user:X` …);
 * 5. values assigned to secret-looking names (`DB_PASS=x`, `"token": "x"`).
 *
 * Linear in the length of the text (see secret-patterns.ts); each known value
 * costs one more scan.
 */
export function redact(
  text: string,
  env: Record<string, string | undefined> = {},
  known: Iterable<KnownSecret> = [],
): { text: string; count: number } {
  let out = text;
  let count = 0;
  const pass = (spans: Span[], placeholder: string) => {
    if (spans.length === 0) return;
    const replaced = replaceSpans(out, spans, `[REDACTED:${placeholder}]`);
    out = replaced.text;
    count += replaced.count;
  };
  for (const { name, value } of valuesToHide(env, known)) pass(occurrences(out, value), `env:${name.replace(/[^\w.-]/g, '_')}`);
  pass(privateKeySpans(out), 'private-key');
  // Hints are looked for in the text as given: passes only ever remove text, so a hint absent there is absent later.
  const lower = text.toLowerCase();
  for (const pattern of SECRET_PATTERNS) {
    const haystack = pattern.pattern.ignoreCase ? lower : text;
    if (pattern.hints && !pattern.hints.some((hint) => haystack.includes(hint))) continue;
    pass(patternSpans(out, pattern), pattern.kind);
  }
  pass(flagSecrets(out), 'flag');
  pass(assignmentSecrets(out), 'assignment');
  return { text: out, count };
}

/** Distinct values worth hiding, longest first, so that a value containing another is replaced whole. */
function valuesToHide(env: Record<string, string | undefined>, known: Iterable<KnownSecret>): KnownSecret[] {
  const byValue = new Map<string, string>();
  for (const { name, value } of [...secretEnvPairs(env), ...known]) {
    if (worthHiding(value) && !byValue.has(value)) byValue.set(value, name);
  }
  return [...byValue].map(([value, name]) => ({ name, value })).sort((a, b) => b.value.length - a.value.length);
}

/**
 * Every place a known value occurs. A short one (under 8 characters) only as
 * a whole word: `DB_PASS=test` hides the password `test`, not every "testing".
 */
function occurrences(text: string, value: string): Span[] {
  const spans: Span[] = [];
  const whole = value.length < 8;
  for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + value.length)) {
    if (whole && (isWordChar(text[at - 1]) || isWordChar(text[at + value.length]))) continue;
    spans.push({ start: at, end: at + value.length });
  }
  return spans;
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9]/.test(c);
}

function patternSpans(text: string, { pattern, accept, end }: SecretPattern): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(pattern)) {
    const groups = match.groups ?? {};
    const start = match.index + (groups.keep?.length ?? 0);
    let secret = text.slice(start, match.index + match[0].length);
    if (end) {
      const cut = end(secret);
      if (cut === undefined) continue;
      secret = secret.slice(0, cut);
    }
    if (secret === '' || (accept && !accept(secret, groups))) continue;
    spans.push({ start, end: start + secret.length });
  }
  return spans;
}

const REDACTED = '[REDACTED:';

/** The text with each span replaced; overlapping spans count once, and text already redacted is left alone. */
function replaceSpans(text: string, spans: Span[], placeholder: string): { text: string; count: number } {
  const ordered = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: string[] = [];
  let position = 0;
  let count = 0;
  for (const span of ordered) {
    if (span.start < position || span.end <= span.start) continue;
    if (span.end - span.start >= REDACTED.length && text.slice(span.start, span.end).includes(REDACTED)) continue;
    parts.push(text.slice(position, span.start), placeholder);
    position = span.end;
    count++;
  }
  if (count === 0) return { text, count };
  parts.push(text.slice(position));
  return { text: parts.join(''), count };
}
