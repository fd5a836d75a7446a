import { isSecretName } from './secret-names.ts';

/** A secret value and the name it was found under (a variable), for the placeholder. */
export interface KnownSecret {
  name: string;
  value: string;
}

/** What a redaction knows beyond the patterns: the environment now, and every secret value seen this session. */
export interface SecretSource {
  /** Values of variables named like secrets are redacted. */
  env?: Record<string, string | undefined> | undefined;
  /** Values redacted whatever their name (the shell reports secret-named variables' values as it sees them). */
  known?: Iterable<KnownSecret> | undefined;
}

/**
 * Every secret value seen this session, in memory only (never written
 * anywhere): a value is still redacted after its variable was changed or
 * unset, since its text may still be in a command's output. One per session;
 * fed from environment snapshots and from the shell's reports.
 */
export class SecretMemory implements Iterable<KnownSecret> {
  readonly #values = new Map<string, string>();

  /** Remembers each pair whose value is worth hiding (see worthHiding). */
  remember(pairs: Iterable<KnownSecret>): void {
    for (const { name, value } of pairs) {
      if (worthHiding(value) && !this.#values.has(value)) this.#values.set(value, name);
    }
  }

  /** Remembers the values of the variables named like secrets. */
  rememberEnv(env: Record<string, string | undefined>): void {
    this.remember(secretEnvPairs(env));
  }

  /** Remembers the pairs whose names say they hold secrets (the shell reports a broader set, cheaply matched). */
  rememberNamed(pairs: Iterable<KnownSecret>): void {
    for (const pair of pairs) if (isSecretName(pair.name)) this.remember([pair]);
  }

  *[Symbol.iterator](): Iterator<KnownSecret> {
    for (const [value, name] of this.#values) yield { name, value };
  }
}

/** The variables whose names say they hold secrets, as pairs. */
export function* secretEnvPairs(env: Record<string, string | undefined>): Generator<KnownSecret> {
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && isSecretName(name)) yield { name, value };
  }
}

/**
 * Short values (`1`), flags (`true`) and paths (a key *file* is not a key)
 * are left alone: replacing them everywhere would only garble the context.
 */
export function worthHiding(value: string): boolean {
  return value.length >= 4 && !/^(?:true|false|yes|no|on|off|null|none|\d{1,5})$|^~?\.{0,2}\//i.test(value);
}
