import { SECRET_ENV_NAME, SECRET_PATTERNS } from './secret-patterns.ts';

/**
 * Replaces secrets with `[REDACTED:kind]` before anything leaves the machine:
 * first the values of environment variables named like secrets (the most
 * specific), then the known key and token shapes.
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
  for (const { kind, pattern, keep } of SECRET_PATTERNS) {
    out = out.replace(pattern, (...match: unknown[]) => {
      // Placeholders are never secrets themselves.
      if (String(match[0]).includes('[REDACTED:')) return String(match[0]);
      count++;
      const kept = keep ? match.slice(1, keep + 1).join('') : '';
      return `${kept}[REDACTED:${kind}]`;
    });
  }
  return { text: out, count };
}

/** Longest first, so a value containing another is replaced whole. */
function secretEnvValues(env: Record<string, string>): [string, string][] {
  return Object.entries(env)
    .filter(([name, value]) => SECRET_ENV_NAME.test(name) && value.length >= 6 && !/^(true|false|yes|no|\d+)$/i.test(value))
    .sort((a, b) => b[1].length - a[1].length);
}
