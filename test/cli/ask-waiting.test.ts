import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chunk, sse, startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server.ts';
import { startConch, type TmuxSession } from '../helpers/tmux.ts';
import { waitUntil } from '../helpers/wait.ts';

const CONCH = resolve('bin/conch.js');
const ANSWER = sse(chunk({ role: 'assistant', content: '' }), chunk({ content: 'the answer is 42' }), chunk({}, { finish_reason: 'stop' }), '[DONE]');
const INDICATOR = /asking \S+…/;

let server: FakeModelServer;
let session: TmuxSession | undefined;
beforeAll(async () => {
  server = await startFakeModelServer();
});
afterAll(() => server.close());
afterEach(() => session?.close());

/** The server holds its first chunk until the test releases it: a slow server, thinking. */
function slowServer(): { release: () => void; asked: () => Promise<void> } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const before = server.requests.length;
  server.script({ gate, chunks: [ANSWER] });
  return {
    release,
    asked: () => waitUntil(() => server.requests.length > before),
  };
}

function ask(redirect: string): TmuxSession {
  const line = `'${process.execPath}' '${CONCH}' ask what now ${redirect}; echo "[exit $?]"`;
  return startConch({ cols: 100, shellCommand: line, env: { CONCH_BASE_URL: server.baseUrl } });
}

describe('conch ask waiting for a slow server', () => {
  it('shows the waiting indicator at a terminal until the first token, then the answer in its place', async () => {
    const slow = slowServer();
    session = ask('');
    await slow.asked();
    expect(await session.waitFor(INDICATOR)).toMatch(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] asking \S+…$/m);
    slow.release();
    const screen = await session.waitFor(/\[exit \d+\]/);
    expect(screen).toContain('the answer is 42');
    expect(screen).toContain('[exit 0]');
    expect(screen).not.toMatch(INDICATOR);
  });

  it('shows it on stderr when stdout is a file, and the file holds the answer alone', async () => {
    const slow = slowServer();
    session = ask('> answer.txt');
    await slow.asked();
    await session.waitFor(INDICATOR);
    slow.release();
    const screen = await session.waitFor(/\[exit \d+\]/);
    expect(screen).toContain('[exit 0]');
    expect(screen).not.toMatch(INDICATOR);
    expect(readFileSync(join(session.home, 'answer.txt'), 'utf8')).toBe('the answer is 42\n');
  });

  it('never shows it when stderr is not a terminal', async () => {
    const slow = slowServer();
    session = ask('2> errors.txt');
    // The indicator would be drawn before the request goes out: once the server has it, it would be there.
    await slow.asked();
    slow.release();
    const screen = await session.waitFor(/\[exit \d+\]/);
    expect(screen).toContain('the answer is 42');
    expect(screen).toContain('[exit 0]');
    const errors = readFileSync(join(session.home, 'errors.txt'), 'utf8');
    expect(errors).not.toMatch(/asking|[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]|\r\x1b\[K/);
  });
});
