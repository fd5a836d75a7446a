import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { showExactly } from '../../src/render/sanitize.ts';
import { chunk, sse, startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server.ts';
import { EVERY_FORM, foreignControls } from '../fixtures/hostile-text.ts';

/**
 * Every hostile form at once, each on its own line after a numbered tag, so a
 * form that leaked, or took more than its own line with it, shows in the text.
 */
const CORPUS = EVERY_FORM.map((form, i) => `<${i}>${form.text}\n`).join('');
/** The corpus as prose on one line: every form gone, each line break a space. */
const CORPUS_AS_LINE = EVERY_FORM.map((_, i) => `<${i}>`).join(' ');

const CONCH = resolve('bin/conch.js');
let server: FakeModelServer;
beforeAll(async () => {
  server = await startFakeModelServer();
});
afterAll(() => server.close());

function conch(args: string[], home = mkdtempSync(join(tmpdir(), 'conch-hostile-'))) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, [CONCH, ...args], {
      env: { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local/share'), CONCH_BASE_URL: server.baseUrl, CONCH_MODEL: 'fake-model' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

describe('outside text at the command line\'s entry points: every hostile form', () => {
  it('a server\'s HTTP error body: one line, every sequence and invisible character removed', async () => {
    server.script({ status: 400, headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ error: { message: CORPUS } })] });
    const result = await conch(['ask', 'hi']);
    expect(result.status).toBe(1);
    expect(foreignControls(result.stderr)).toEqual([]);
    expect(result.stderr).toMatch(/^conch: [^\n]+ answered 400: /);
    expect(result.stderr.endsWith(`answered 400: ${CORPUS_AS_LINE}\n`)).toBe(true);
  });

  it('a server\'s in-band error event mid-answer', async () => {
    server.script({ chunks: [sse(chunk({ content: 'partial ' }), { error: { message: CORPUS } })] });
    const result = await conch(['ask', 'hi']);
    expect(result.status).toBe(1);
    expect(foreignControls(result.stderr)).toEqual([]);
    expect(result.stderr).toContain(`reported an error: ${CORPUS_AS_LINE}`);
    expect(result.stderr).toMatch(/the answer above is incomplete\n$/);
  });

  it('model names a server lists (conch models): shown exactly', async () => {
    const names = EVERY_FORM.map((form, i) => `m${i}${form.text}`);
    server.models = names;
    try {
      const result = await conch(['models']);
      expect(foreignControls(result.stdout)).toEqual([]);
      expect(result.stdout).toContain(`offers: ${names.map(showExactly).join(', ')}\n`);
    } finally {
      server.models = ['fake-model', 'other-model'];
    }
  });

  it('stored log entries (conch log, conch log ID): prose cleaned, names shown exactly', async () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-hostile-'));
    mkdirSync(join(home, '.local/share/conch'), { recursive: true });
    const entry = {
      id: 'aaaa1111-0000', conversationId: 'conv-1', time: '2026-11-24T12:00:00.000Z',
      preset: 'p\x1b]0;EVIL\x07', model: 'm\u009b2J\u202e', question: `question ${CORPUS}`, context: [], answer: CORPUS, interrupted: false,
    };
    writeFileSync(join(home, '.local/share/conch/conversations.jsonl'), `${JSON.stringify(entry)}\n`);

    const one = await conch(['log', 'aaaa'], home);
    expect(foreignControls(one.stdout)).toEqual([]);
    const answerLines = EVERY_FORM.map((_, i) => `<${i}>`).join('\n');
    expect(one.stdout).toBe(`── 2026-11-24T12:00:00.000Z · p^[]0;EVIL^G · m\\u009b2J<U+202E>\n? question ${answerLines}\n\n\n${answerLines}\n\n\n`);

    const list = await conch(['log'], home);
    expect(foreignControls(list.stdout)).toEqual([]);
    expect(list.stdout).toContain('p^[]0;EVIL^G');
    expect(list.stdout).toContain(`question ${CORPUS_AS_LINE.slice(0, 40)}`);
  });
});
