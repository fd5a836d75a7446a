import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server.ts';
import { startConch, type StartOptions, type TmuxSession } from './tmux.ts';

export const PROMPT = /\$ ?$/m;

export interface ModelConchOptions extends StartOptions {
  /** Appended to the config file, after the `fast` preset. */
  config?: string;
  /** Files of the home, written before conch starts. */
  setup?: (home: string) => void;
  /** Called as soon as the pane exists, before conch draws anything (tmux options a test needs from the first byte). */
  onStart?: (session: TmuxSession) => void;
  /** What shows that conch is ready. @default PROMPT */
  prompt?: RegExp;
}

/**
 * For a file of end-to-end tests that ask a model: one fake model server for the file, and a conch in tmux
 * per test whose `fast` preset (the default) asks it, closed after each test. Call at the top of the file.
 */
export function withModelServer(): {
  readonly server: FakeModelServer;
  conch(options?: ModelConchOptions): Promise<TmuxSession>;
  requestBodies(): string[];
} {
  let server: FakeModelServer | undefined;
  let session: TmuxSession | undefined;
  beforeAll(async () => {
    server = await startFakeModelServer();
  });
  afterAll(() => server?.close());
  afterEach(() => {
    session?.close();
    session = undefined;
  });
  const running = (): FakeModelServer => {
    if (!server) throw new Error('the fake model server starts in beforeAll');
    return server;
  };
  return {
    get server() {
      return running();
    },
    async conch({ config = '', setup, onStart, prompt = PROMPT, ...start } = {}) {
      const home = start.home ?? mkdtempSync(join(tmpdir(), 'conch-e2e-'));
      mkdirSync(join(home, '.config/conch'), { recursive: true });
      writeFileSync(join(home, '.config/conch/config.toml'), `default_preset = "fast"\n[presets.fast]\nbase_url = "${running().baseUrl}"\nmodel = "fake-model"\n${config}`);
      setup?.(home);
      session = startConch({ ...start, home });
      onStart?.(session);
      await session.waitFor(prompt);
      return session;
    },
    /** The bodies of the chat requests the server got, in order. */
    requestBodies: () => running().requests.filter((r) => r.url.endsWith('/chat/completions')).map((r) => r.body),
  };
}

/** Runs a line and waits for the output that shows it ran. */
export async function runLine(s: TmuxSession, line: string, done: RegExp): Promise<void> {
  s.type(line);
  s.keys('Enter');
  await s.waitFor(done);
}
