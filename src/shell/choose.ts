import { accessSync, constants, realpathSync } from 'node:fs';
import { basename, delimiter, join } from 'node:path';
import type { ShellKind } from './types.ts';

/** The shell conch runs, and why not another (one line each, for start-up). */
export interface ShellChoice {
  path: string;
  /** Undefined for a program conch has no integration for: fine for `-c` and scripts, which run it as it is. */
  kind: ShellKind | undefined;
  warnings: string[];
}

export interface ChooseOptions {
  /** `--shell PATH`. */
  flag?: string | undefined;
  /** `[shell] program` in config. */
  configured?: string | undefined;
  env: Record<string, string | undefined>;
  /** An interactive session needs a shell conch integrates with; `-c` and scripts take any program. */
  interactive: boolean;
  /** True for conch's own executable: a user may make conch their login shell, so $SHELL can name it. */
  isConch: (resolvedPath: string) => boolean;
}

const KINDS: Record<string, ShellKind> = { bash: 'bash', zsh: 'zsh', fish: 'fish', sh: 'sh', dash: 'sh', ash: 'sh', ksh: 'sh', mksh: 'sh', posh: 'sh', yash: 'sh' };

export function shellKind(path: string): ShellKind | undefined {
  return KINDS[basename(path).replace(/^-/, '')];
}

/**
 * `--shell`, then `[shell] program`, then $SHELL when it is bash, zsh or fish,
 * then bash if installed, else /bin/sh; never conch itself. Interactively, a
 * program conch cannot integrate with is one warning and the next choice: conch
 * never refuses to start.
 */
export function chooseShell(options: ChooseOptions): ShellChoice {
  const warnings: string[] = [];
  const path = options.env.PATH ?? '/usr/bin:/bin';
  // An explicit choice that cannot be used is worth a warning; $SHELL naming tcsh or conch itself is only a hint.
  const consider = (candidate: string | undefined, origin: string | undefined, accept: (kind: ShellKind | undefined) => boolean): ShellChoice | undefined => {
    if (!candidate) return undefined;
    const resolved = resolveProgram(candidate, path);
    if (!resolved) {
      if (origin) warnings.push(`${origin} ${candidate}: no such program`);
      return undefined;
    }
    if (options.isConch(resolved)) return undefined;
    const kind = shellKind(resolved) ?? shellKind(candidate);
    if (!accept(kind)) {
      if (origin) warnings.push(`${origin} ${candidate}: not a shell conch can run interactively (bash, zsh, fish or sh)`);
      return undefined;
    }
    return { path: candidate, kind, warnings };
  };
  const explicit = (kind: ShellKind | undefined) => !options.interactive || kind !== undefined;
  const chosen =
    consider(options.flag, '--shell', explicit) ??
    consider(options.configured, '[shell] program', explicit) ??
    consider(options.env.SHELL, undefined, (kind) => kind === 'bash' || kind === 'zsh' || kind === 'fish');
  if (chosen) return chosen;
  if (resolveProgram('bash', path)) return { path: 'bash', kind: 'bash', warnings };
  return { path: '/bin/sh', kind: 'sh', warnings };
}

/** The executable a name runs (a PATH lookup for a bare name), with symlinks resolved; undefined when there is none. */
export function resolveProgram(name: string, searchPath: string): string | undefined {
  const candidates = name.includes('/') ? [name] : searchPath.split(delimiter).filter(Boolean).map((dir) => join(dir, name));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return realpathSync(candidate);
    } catch {
      // Not here.
    }
  }
  return undefined;
}
