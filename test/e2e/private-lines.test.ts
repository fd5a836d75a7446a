import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chunk, sse, startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server.ts';
import { startConch, type TmuxSession } from '../helpers/tmux.ts';

let server: FakeModelServer;
let session: TmuxSession | undefined;
beforeAll(async () => {
  server = await startFakeModelServer();
});
afterAll(() => server.close());
afterEach(() => {
  session?.close();
  session = undefined;
});

const PROMPT = /\$ ?$/m;
const answer = (text: string) => ({
  chunks: [sse(chunk({ role: 'assistant', content: null }), chunk({ content: text }), chunk({}, { finish_reason: 'stop' }), '[DONE]')],
});
const requestBodies = () => server.requests.filter((r) => r.url.endsWith('/chat/completions')).map((r) => r.body);

async function run(s: TmuxSession, line: string, done: RegExp): Promise<void> {
  s.type(line);
  s.keys('Enter');
  await s.waitFor(done);
}

describe('a line typed with a leading space (tmux, fake server)', () => {
  it('never reaches the server or the conversation log, nor does its output, for ? and ??', async () => {
    server.script(answer('First answer.'), answer('Second answer.'));
    const home = mkdtempSync(join(tmpdir(), 'conch-e2e-private-'));
    mkdirSync(join(home, '.config/conch'), { recursive: true });
    writeFileSync(join(home, '.config/conch/config.toml'), `default_preset = "fast"\n[presets.fast]\nbase_url = "${server.baseUrl}"\nmodel = "fake-model"\n`);
    session = startConch({ home, cols: 160 });
    const s = session;
    await s.waitFor(PROMPT);
    await run(s, 'echo public-$((40+2))-before', /^public-42-before$/m);
    // The command and its output differ, so each is looked for on its own.
    await run(s, ' echo private-$((6*7))-note', /^private-42-note$/m);
    s.type('? what did I run');
    s.keys('Enter');
    await s.waitFor(/First answer\./);
    await s.waitFor(PROMPT);
    await run(s, ' echo private-again-$((1+1)) && false', /^private-again-2$/m);
    s.type('??');
    s.keys('Enter');
    await s.waitFor(/Second answer\./);
    await s.waitFor(PROMPT);

    const [asked, explained] = requestBodies();
    // The ordinary command before it is shared: the records did reach the server.
    expect(asked).toContain('echo public-$((40+2))-before');
    expect(asked).toContain('public-42-before');
    for (const body of [asked, explained]) {
      expect(body).not.toMatch(/private-\$\(\(6\*7\)\)-note|private-42-note|private-again/);
    }
    expect(explained).toMatch(/last command was typed with a leading space/);
    const log = readFileSync(join(home, '.local/share/conch/conversations.jsonl'), 'utf8');
    expect(log).toContain('what did I run');
    expect(log).not.toMatch(/private-\$\(\(6\*7\)\)-note|private-42-note|private-again/);
  });
});
