import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConversationLog, type ExchangeEntry } from '../../src/context/index.ts';

const entry = (n: number, extra: Partial<ExchangeEntry> = {}): ExchangeEntry => ({
  id: `e${n}`,
  conversationId: n < 3 ? 'conv-a' : 'conv-b',
  time: new Date(2026, 10, 24, 12, n).toISOString(),
  preset: 'snappy',
  model: 'm',
  question: `question ${n}`,
  context: [{ role: 'user', content: `question ${n}` }],
  answer: `answer ${n}`,
  interrupted: false,
  ...extra,
});

describe('conversation log', () => {
  it('appends privately, lists newest first, searches, and finds a conversation', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'conch-log-')), 'data/conch');
    const log = createConversationLog({ dir });
    for (let n = 0; n < 5; n++) log.append(entry(n));
    expect(statSync(join(dir, 'conversations.jsonl')).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(log.list().map((e) => e.id)).toEqual(['e4', 'e3', 'e2', 'e1', 'e0']);
    expect(log.list({ search: 'ANSWER 3' }).map((e) => e.id)).toEqual(['e3']);
    expect(log.conversation('conv-a').map((e) => e.id)).toEqual(['e0', 'e1', 'e2']);
  });

  it('never writes a secret, even one the caller forgot to redact', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conch-log-'));
    createConversationLog({ dir }).append(entry(1, { question: 'use sk-proj-AbCdEf0123456789AbCdEf0123456789AbCd', answer: 'ghp_0123456789abcdefghijABCDEFGHIJ012345', context: [{ role: 'user', content: 'password=hunter2hunter2' }] }));
    const text = readFileSync(join(dir, 'conversations.jsonl'), 'utf8');
    for (const secret of ['sk-proj-AbCdEf', 'ghp_0123456789', 'hunter2hunter2']) expect(text).not.toContain(secret);
  });

  it('skips a torn or corrupt line instead of failing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conch-log-'));
    const log = createConversationLog({ dir });
    log.append(entry(1));
    appendFileSync(join(dir, 'conversations.jsonl'), '{"id":"torn","quest');
    appendFileSync(join(dir, 'conversations.jsonl'), '\nnot json at all\n');
    log.append(entry(2));
    expect(log.list().map((e) => e.id)).toEqual(['e2', 'e1']);
  });

  it('loses and interleaves nothing with several writers at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conch-log-'));
    const script = `
      import { createConversationLog } from ${JSON.stringify(new URL('../../src/context/index.ts', import.meta.url).pathname)};
      const log = createConversationLog({ dir: process.argv[1] });
      for (let i = 0; i < 200; i++) log.append({ id: process.argv[2] + '-' + i, conversationId: process.argv[2], time: new Date().toISOString(), preset: 'p', model: 'm', question: 'q'.repeat(i * 20), context: [], answer: 'a', interrupted: false });
    `;
    await Promise.all(
      ['w0', 'w1', 'w2', 'w3'].map((name) => new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dir, name], { stdio: 'inherit' });
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${name} exited ${code}`))));
      })),
    );
    const log = createConversationLog({ dir });
    for (const name of ['w0', 'w1', 'w2', 'w3']) expect(log.conversation(name)).toHaveLength(200);
    expect(readFileSync(join(dir, 'conversations.jsonl'), 'utf8').trim().split('\n')).toHaveLength(800);
  }, 60_000);
});
