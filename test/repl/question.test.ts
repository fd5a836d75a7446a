import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { createModelSession } from '../../src/repl/index.ts';
import { askInShell } from '../../src/repl/question.ts';
import { chunk, sse, startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server.ts';
import { createFakeTerminal } from '../helpers/fake-terminal.ts';
import { processShell } from '../helpers/process-shell.ts';

let server: FakeModelServer;
beforeAll(async () => {
  server = await startFakeModelServer();
});
afterAll(() => server.close());

const chats = () => server.requests.filter((r) => r.url.endsWith('/chat/completions'));
const answer = (text: string) => ({ chunks: [sse(chunk({ content: text }), chunk({}, { finish_reason: 'stop' }), '[DONE]')] });

/** `?` and `??` as the shell asks them: a model session on the fake server, a terminal that records what it is shown, a real shell for the records. */
function asker(options: { color?: boolean } = {}) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'conch-question-')));
  const env = { CONCH_BASE_URL: server.baseUrl, CONCH_MODEL: 'fake-model', CONCH_PRESET: 'snappy' };
  const session = createModelSession({ config: loadConfig({ env, readFile: () => '' }).config, env, dataDir: dir });
  const terminal = createFakeTerminal({ cols: 80, rows: 24 });
  const shellPort = processShell(dir);
  const lines: string[] = [];
  const ask = (text: string, explainLast = false) =>
    askInShell({ text, explainLast, terminal, shellPort, session, shell: '/bin/sh', color: options.color ?? true, say: (line) => lines.push(line) });
  return { dir, session, terminal, shellPort, lines, ask };
}

describe('?? in the shell', () => {
  it('with nothing run yet, says so in one line with status 1 and sends nothing', async () => {
    const a = asker();
    const before = chats().length;
    const outcome = await a.ask('', true);
    expect(outcome).toEqual({ status: 1, commands: [] });
    expect(a.lines).toEqual(['conch: nothing has run in this shell yet, so there is nothing to explain']);
    expect(chats().length).toBe(before);
    expect(a.session.conversation).toEqual([]);
  });

  it('once a command ran, asks about it', async () => {
    const a = asker();
    await a.shellPort.run('ls /no/such/dir-q');
    server.script(answer('It is not there.'));
    const before = chats().length;
    expect(await a.ask('', true)).toMatchObject({ status: 0 });
    expect(chats().length).toBe(before + 1);
    expect(chats().at(-1)!.body).toContain('ls /no/such/dir-q');
  });
});

describe('a resumed ??', () => {
  it('comes back as the question that was sent (the command and its output), not the bare ??', async () => {
    const a = asker();
    await a.shellPort.run('ls /no/such/dir-r');
    server.script(answer('That folder does not exist.'));
    await a.ask('', true);
    const sent = (chats().at(-1)!.json as { messages: { role: string; content: string }[] }).messages.at(-1)!;
    expect(sent.content).toContain('ls /no/such/dir-r');

    const env = { CONCH_BASE_URL: server.baseUrl, CONCH_MODEL: 'fake-model' };
    const later = createModelSession({ config: loadConfig({ env, readFile: () => '' }).config, env, dataDir: a.dir });
    expect(later.resume(a.session.conversationId)).toBe(1);
    expect(later.conversation).toEqual([
      { role: 'user', content: sent.content },
      { role: 'assistant', content: 'That folder does not exist.' },
    ]);
  });
});
