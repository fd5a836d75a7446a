import { redactPrivateKeys } from './private-keys.ts';
import { SECRET_ENV_NAME, SECRET_PATTERNS } from './secret-patterns.ts';

/**
 * Replaces secrets with `[REDACTED:kind]` before anything leaves the machine
 * or lands on disk: first the values of environment variables named like
 * secrets (the most specific, and the placeholder names the variable), then
 * PEM private keys, then the known key and token shapes. Linear in the text.
 */
export function redact(text: string, env: Record<string, string> = {}): { text: string; count: number } {
  let count = 0;
  let out = text;
  for (const [name, value] of secretEnvValues(env)) {
    if (!out.includes(value)) continue;
    const parts = out.split(value);
    count += parts.length - 1;
    out = parts.join(`[REDACTED:env:${name}]`);
  }
  const keys = redactPrivateKeys(out);
  count += keys.count;
  out = keys.text;
  for (const { kind, pattern, accept } of SECRET_PATTERNS) {
    out = out.replace(pattern, (...args: unknown[]) => {
      const match = args[0] as string;
      const groups = args[args.length - 1] as Record<string, string | undefined> | undefined;
      const kept = typeof groups === 'object' ? (groups.keep ?? '') : '';
      const secret = match.slice(kept.length);
      // A placeholder is never a secret itself.
      if (secret.includes('[REDACTED:') || (accept && !accept(secret))) return match;
      count++;
      return `${kept}[REDACTED:${kind}]`;
    });
  }
  return { text: out, count };
}

/**
 * The values worth hiding, longest first so that a value containing another is
 * replaced whole. Short values ("1"), flags ("true") and paths (a key *file*
 * is not a key) are left alone: replacing them everywhere would only garble
 * the context.
 */
function secretEnvValues(env: Record<string, string>): [string, string][] {
  return Object.entries(env)
    .filter(([name, value]) => SECRET_ENV_NAME.test(name) && value.length >= 6 && !/^(?:true|false|yes|no|\d+|~?\/[\w./-]*)$/i.test(value))
    .sort((a, b) => b[1].length - a[1].length);
}
