import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunk, sse, startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server.ts';

const CONCH = resolve('bin/conch.js');
let server: FakeModelServer;
beforeAll(async () => {
  server = await startFakeModelServer();
});
afterAll(() => server.close());

/**
 * `conch ARGS | head -1` in bash with pipefail, conch's stderr kept apart:
 * the pipeline's status is conch's. The output is far bigger than a pipe's
 * buffer, so conch is still writing when head has gone.
 */
function intoHead(args: string[], env: Record<string, string>) {
  const home = mkdtempSync(join(tmpdir(), 'conch-pipe-'));
  const errors = join(home, 'stderr');
  const line = `set -o pipefail; "$0" "${CONCH}" ${args.map((arg) => `'${arg}'`).join(' ')} 2>"${errors}" | head -1; status=$?; printf '%s\\n' "$status"; cat "${errors}"`;
  return new Promise<{ first: string; status: string; stderr: string }>((done) => {
    const child = spawn('bash', ['-c', line, process.execPath], { env: { PATH: process.env.PATH, HOME: home, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', () => {
      const [first = '', status = '', ...rest] = out.split('\n');
      done({ first, status, stderr: rest.join('\n') });
    });
  });
}

describe('a reader that stops early', () => {
  it('conch log | head -1: conch exits 141 as cat or git would, nothing on stderr', async () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-pipe-log-'));
    mkdirSync(join(home, '.local/share/conch'), { recursive: true });
    const entries = Array.from({ length: 4000 }, (_, n) =>
      JSON.stringify({ id: `${n}-id`, conversationId: 'c', time: '2026-11-24T12:00:00.000Z', preset: 'snappy', model: 'q', question: `question ${n} ${'x'.repeat(60)}`, context: [], answer: 'a', interrupted: false }),
    );
    writeFileSync(join(home, '.local/share/conch/conversations.jsonl'), `${entries.join('\n')}\n`, { mode: 0o600 });
    const result = await intoHead(['log', '--limit', '4000'], { HOME: home });
    expect(result.first).toMatch(/^3999-id/);
    expect(result).toMatchObject({ status: '141', stderr: '' });
  });

  it('conch ask | head -1 on a long answer: 141, nothing on stderr', async () => {
    const lines = Array.from({ length: 3000 }, (_, n) => chunk({ content: `line ${n} of a long answer ${'y'.repeat(80)}\n` }));
    server.script({ chunks: [sse(...lines, chunk({}, { finish_reason: 'stop' }), '[DONE]')] });
    const result = await intoHead(['ask', 'hi'], { CONCH_BASE_URL: server.baseUrl, CONCH_MODEL: 'fake-model' });
    expect(result.first).toMatch(/^line 0 of a long answer/);
    expect(result).toMatchObject({ status: '141', stderr: '' });
  });
});
