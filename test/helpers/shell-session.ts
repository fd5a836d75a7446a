import { existsSync, mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startShellSession, type ShellKind, type ShellSession, type ShellSessionOptions, type SubmitOutcome } from '../../src/shell/index.ts';
import { createFakeTerminal, type FakeTerminal } from './fake-terminal.ts';

export const SHELLS: { kind: ShellKind; path: string }[] = [
  { kind: 'bash', path: '/bin/bash' },
  { kind: 'zsh', path: '/usr/bin/zsh' },
  { kind: 'fish', path: '/usr/bin/fish' },
  { kind: 'sh', path: '/bin/sh' },
];

export function installed(path: string): boolean {
  return existsSync(path);
}

export interface Started {
  session: ShellSession;
  terminal: FakeTerminal;
  home: string;
  /** Keys handed back for the next prompt. */
  typeahead: string[];
  /** Output that belonged to no command. */
  outside: () => string;
  submit: (text: string, more?: string[]) => Promise<SubmitOutcome>;
}

const sessions: ShellSession[] = [];

/** Closes every session a test started (call from afterEach). */
export function closeSessions(): void {
  for (const session of sessions.splice(0)) session.close();
}

/** The shell in a fresh, isolated home (its own rc files only if the test writes them), ready at its first prompt. */
export async function startShell(kind: ShellKind, path: string, options: Partial<ShellSessionOptions> & { home?: string; env?: Record<string, string> } = {}): Promise<Started> {
  const home = options.home ?? realpathSync(mkdtempSync(join(tmpdir(), 'conch-shell-')));
  mkdirSync(home, { recursive: true });
  // Else fish's first start generates completions in the background, writing into the home while the test removes it.
  if (kind === 'fish') mkdirSync(join(home, '.local/share/fish/generated_completions'), { recursive: true });
  const terminal = createFakeTerminal({ cols: 100, rows: 30 });
  const typeahead: string[] = [];
  let outside = '';
  const session = startShellSession({
    program: { kind, path },
    cwd: home,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      TERM: 'xterm-256color',
      LANG: 'C.UTF-8',
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_DATA_HOME: join(home, '.local/share'),
      ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
      ...options.env,
    },
    terminal,
    onTypeahead: (data) => typeahead.push(data.toString()),
    onOutsideOutput: (data) => {
      outside += data.toString();
      terminal.write(data);
    },
    ...options,
  });
  sessions.push(session);
  const started = await session.started;
  if (started.kind !== 'ready' && !options.startTimeoutMs) throw new Error(`${kind} did not start: ${JSON.stringify(started)}\n${terminal.text()}`);
  return {
    session,
    terminal,
    home,
    typeahead,
    outside: () => outside,
    submit: (text, more = []) => session.submit(text, terminal, { readMore: () => Promise.resolve(more.shift()) }),
  };
}

/** The records' outputs of a finished submission. */
export function outputs(outcome: SubmitOutcome): string[] {
  return outcome.records.map((record) => record.output);
}
