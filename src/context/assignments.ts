import { isSecretName } from './secret-names.ts';
import { valueSpan, type Span } from './value-span.ts';

/**
 * Values assigned to names that say they are secrets: environment files,
 * shell lines, JSON, YAML, TOML, INI, HCL, connection strings
 * (`Password=x;`), query strings, HTTP headers (`X-Api-Key: x`), and code
 * (`password = "x"`, but not `password = getpass()`): a name, then `=`, `:`,
 * `=>` or `:=`, in any of the ways files and code write it (`DB_PASS=x`,
 * `"api_key": "x"`, `\"token\": \"x\"`, `'secret' => 'x'`, `auth.password = x`).
 *
 * Found from the separator back to the name, rather than by a regex trying
 * every position for a name: separators are few, names everywhere.
 */
export function assignmentSecrets(text: string): Span[] {
  const spans: Span[] = [];
  const nextSeparator = separators(text);
  for (let at = nextSeparator(0); at >= 0; at = nextSeparator(at + 1)) {
    const name = nameBefore(text, at);
    let after = at + (text[at + 1] === '>' || (text[at] === ':' && text[at + 1] === '=') ? 2 : 1);
    if (name === undefined || !isSecretName(name)) continue;
    for (let blanks = 0; blanks < 16 && (text[after] === ' ' || text[after] === '\t'); blanks++) after++;
    const span = valueSpan(text, after);
    if (span) {
      spans.push(span);
      at = span.end - 1;
    }
  }
  return spans;
}

/** The next `=` or `:` at or after a position that only grows; each character is searched once. */
function separators(text: string): (from: number) => number {
  let equals = -2;
  let colon = -2;
  return (from) => {
    if (equals !== -1 && equals < from) equals = text.indexOf('=', from);
    if (colon !== -1 && colon < from) colon = text.indexOf(':', from);
    return equals < 0 ? colon : colon < 0 ? equals : Math.min(equals, colon);
  };
}

/** `[A-Za-z0-9_.-]`, by code: this runs for every separator in megabytes of output. */
function isNameChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 46 || code === 45;
}

/** The name ending just before the separator at `at` (past blanks, a closing quote, a JSON escape), or undefined. */
function nameBefore(text: string, at: number): string | undefined {
  let end = at;
  for (let blanks = 0; blanks < 16 && (text[end - 1] === ' ' || text[end - 1] === '\t'); blanks++) end--;
  if (text[end - 1] === '"' || text[end - 1] === "'") end--;
  if (text[end - 1] === '\\') end--;
  let start = end;
  while (start > 0 && end - start <= 81 && isNameChar(text.charCodeAt(start - 1))) start--;
  if (start === end || end - start > 81 || (start > 0 && isNameChar(text.charCodeAt(start - 1)))) return undefined;
  const first = text.charCodeAt(start);
  const letter = (first >= 97 && first <= 122) || (first >= 65 && first <= 90) || first === 95;
  return letter ? text.slice(start, end) : undefined;
}
