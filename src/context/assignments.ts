import { isSecretName } from './secret-names.ts';
import { valueSpan, type Span } from './value-span.ts';

// A name, then `=`, `:`, `=>` or `:=`, in any of the ways files and code write it:
// `DB_PASS=x`, `password: x`, `"api_key": "x"`, `\"token\": \"x\"`, `'secret' => 'x'`, `auth.password = x`.
const NAME_THEN_SEPARATOR = /(?<![\w.-])(?<name>[A-Za-z_][\w.-]{0,80})\\?["']?[ \t]{0,16}(?:=>|:=|=|:)[ \t]{0,16}/g;

/**
 * Values assigned to names that say they are secrets: environment files,
 * shell lines, JSON, YAML, TOML, INI, HCL, connection strings
 * (`Password=x;`), query strings, HTTP headers (`X-Api-Key: x`), and code
 * (`password = "x"`, but not `password = getpass()`).
 */
export function assignmentSecrets(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(NAME_THEN_SEPARATOR)) {
    if (!isSecretName(match.groups!.name!)) continue;
    const span = valueSpan(text, match.index + match[0].length);
    if (span) spans.push(span);
  }
  return spans;
}
