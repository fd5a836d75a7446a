import { spawn } from 'node:child_process';
import { appendFileSync, chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConversationLogError, createConversationLog, type ExchangeEntry } from '../../src/context/index.ts';
import { readLinesNewestFirst } from '../../src/context/lines-backwards.ts';

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
const tempDir = () => mkdtempSync(join(tmpdir(), 'conch-log-'));
const ids = (entries: ExchangeEntry[]) => entries.map((e) => e.id);

describe('conversation log', () => {
  it('appends privately, lists newest first, searches, limits, and finds a conversation', () => {
    const dir = join(tempDir(), 'data/conch');
    const log = createConversationLog({ dir });
    expect(log.list()).toEqual([]);
    for (let n = 0; n < 5; n++) log.append(entry(n));
    expect(statSync(join(dir, 'conversations.jsonl')).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(ids(log.list())).toEqual(['e4', 'e3', 'e2', 'e1', 'e0']);
    expect(ids(log.list({ limit: 2 }))).toEqual(['e4', 'e3']);
    expect(ids(log.list({ search: 'ANSWER 3' }))).toEqual(['e3']);
    expect(ids(log.list({ search: 'question' , limit: 3 }))).toEqual(['e4', 'e3', 'e2']);
    expect(ids(log.conversation('conv-a'))).toEqual(['e0', 'e1', 'e2']);
    expect(log.conversation('conv-x')).toEqual([]);
    expect(log.list()[0]).toEqual(entry(4));
  });

  it('stamps the time from `now` when the entry has none', () => {
    const dir = tempDir();
    const log = createConversationLog({ dir, now: () => new Date('2026-11-24T08:00:00Z') });
    const { time: _, ...untimed } = entry(1);
    log.append(untimed);
    expect(log.list()[0]!.time).toBe('2026-11-24T08:00:00.000Z');
  });

  it('never writes a secret, even one the caller forgot to redact', () => {
    const dir = tempDir();
    createConversationLog({ dir }).append(
      entry(1, {
        question: 'use sk-proj-AbCdEf0123456789AbCdEf0123456789AbCd',
        answer: 'ghp_0123456789abcdefghijABCDEFGHIJ012345',
        context: [{ role: 'system', content: 'AKIAIOSFODNN7EXAMPLE' }, { role: 'user', content: 'password=hunter2hunter2' }],
      }),
    );
    const text = readFileSync(join(dir, 'conversations.jsonl'), 'utf8');
    for (const secret of ['sk-proj-AbCdEf', 'ghp_0123456789', 'AKIAIOSFODNN7', 'hunter2hunter2']) expect(text).not.toContain(secret);
    expect(text).toContain('[REDACTED:openai-key]');
  });

  it('tightens a log file others could read', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'conversations.jsonl'), '', { mode: 0o644 });
    chmodSync(join(dir, 'conversations.jsonl'), 0o644);
    createConversationLog({ dir }).append(entry(1));
    expect(statSync(join(dir, 'conversations.jsonl')).mode & 0o777).toBe(0o600);
  });

  it('skips torn, corrupt and foreign lines, and recovers an entry glued to a torn one', () => {
    const dir = tempDir();
    const file = join(dir, 'conversations.jsonl');
    const log = createConversationLog({ dir });
    log.append(entry(1));
    appendFileSync(file, 'not json at all\n{"id":"x","question":"no answer"}\nnull\n[1,2]\n\n');
    // A crash mid-write leaves a line without its newline; the next append lands on the same line.
    appendFileSync(file, '{"id":"torn","question":"half a');
    log.append(entry(2));
    log.append(entry(3));
    expect(ids(log.list())).toEqual(['e3', 'e2', 'e1']);
    expect(ids(log.list({ search: 'no answer' }))).toEqual([]);
  });

  it('throws a ConversationLogError when it cannot write', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), '');
    const log = createConversationLog({ dir: join(dir, 'file', 'conch') });
    expect(() => log.append(entry(1))).toThrow(ConversationLogError);
  });

  it('reads lines newest first across chunk boundaries, long lines and multibyte characters', () => {
    const file = join(tempDir(), 'lines');
    const lines = ['first', 'ä'.repeat(10), '', 'x'.repeat(50), 'ünïcödé line', 'y'.repeat(7), 'last'];
    writeFileSync(file, `${lines.join('\n')}\n`);
    for (const chunk of [1, 2, 3, 7, 64, 1 << 16]) expect([...readLinesNewestFirst(file, chunk)], `chunk ${chunk}`).toEqual(lines.filter(Boolean).reverse());
    writeFileSync(file, 'no newline at the end');
    expect([...readLinesNewestFirst(file, 4)]).toEqual(['no newline at the end']);
    expect([...readLinesNewestFirst(join(tempDir(), 'missing'))]).toEqual([]);
  });

  it('loses and interleaves nothing with several writers at once', async () => {
    const dir = tempDir();
    const writers = ['w0', 'w1', 'w2', 'w3'];
    const perWriter = 150;
    // Entries from tiny to well past PIPE_BUF and the reader's chunk size, so a non-atomic append would tear.
    const script = `
      import { createConversationLog } from ${JSON.stringify(new URL('../../src/context/index.ts', import.meta.url).pathname)};
      const [dir, name] = process.argv.slice(-2);
      const log = createConversationLog({ dir });
      for (let i = 0; i < ${perWriter}; i++) log.append({ id: name + '-' + i, conversationId: name, time: new Date().toISOString(), preset: 'p', model: 'm', question: name.repeat((i % 15) * 2500), context: [], answer: String(i), interrupted: false });
    `;
    await Promise.all(
      writers.map(
        (name) =>
          new Promise<void>((resolve, reject) => {
            const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dir, name], { stdio: ['ignore', 'inherit', 'inherit'] });
            child.on('error', reject);
            child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${name} exited ${code}`))));
          }),
      ),
    );
    const lines = readFileSync(join(dir, 'conversations.jsonl'), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(writers.length * perWriter);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const log = createConversationLog({ dir });
    for (const name of writers) {
      const entries = log.conversation(name);
      expect(entries.map((e) => e.answer)).toEqual(Array.from({ length: perWriter }, (_, i) => String(i)));
      for (const e of entries) expect(e.question).toBe(name.repeat((Number(e.answer) % 15) * 2500));
    }
  }, 60_000);
});
