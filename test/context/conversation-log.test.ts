import { spawn } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createConversationLog, SecretMemory, type ExchangeEntry } from '../../src/context/index.ts';
import { FileAccessError, UnsafeFileError, type StorageWarning } from '../../src/private-file.ts';
import { readOnlyDir } from '../helpers/read-only-dir.ts';
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
/** tsx by absolute URL: the children run in a temp dir, outside the project. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
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

  it('never throws when it cannot write: the first failure is reported once, typed', () => {
    const warnings: StorageWarning[] = [];
    // /dev/full takes the open and fails every write with ENOSPC, as a full disk does.
    const log = createConversationLog({ dir: tempDir(), file: '/dev/full', onWarning: (w) => warnings.push(w) });
    const mode = statSync('/dev/full').mode;
    log.append(entry(1));
    log.append(entry(2));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBeInstanceOf(FileAccessError);
    expect(warnings[0]).toMatchObject({ file: '/dev/full', errno: 'ENOSPC', operation: 'write', purpose: 'conversation log' });
    expect(warnings[0]!.message).toMatch(/^cannot write the conversation log file \/dev\/full \(no space left on the device, ENOSPC\)/);
    // A device is used as it is, never chmodded.
    expect(statSync('/dev/full').mode).toBe(mode);
  });

  it('reports a read-only directory once, and goes on', () => {
    const warnings: StorageWarning[] = [];
    const dir = tempDir();
    const log = createConversationLog({ dir: join(dir, 'conch'), onWarning: (w) => warnings.push(w) });
    readOnlyDir(dir, () => {
      log.append(entry(1));
      log.append(entry(2));
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBeInstanceOf(FileAccessError);
    expect(['EACCES', 'EPERM', 'EROFS']).toContain((warnings[0] as FileAccessError).errno);
  });

  it('refuses a symlink at its path with one typed warning, and neither writes nor chmods its target', () => {
    const dir = tempDir();
    const target = join(dir, 'elsewhere');
    writeFileSync(target, 'untouched\n', { mode: 0o644 });
    chmodSync(target, 0o644);
    symlinkSync(target, join(dir, 'conversations.jsonl'));
    const warnings: StorageWarning[] = [];
    const log = createConversationLog({ dir, onWarning: (w) => warnings.push(w) });
    log.append(entry(1));
    expect(log.list()).toEqual([]);
    expect(readFileSync(target, 'utf8')).toBe('untouched\n');
    expect(statSync(target).mode & 0o777).toBe(0o644);
    expect(warnings.map((w) => [w.constructor, (w as UnsafeFileError).found])).toEqual([
      [UnsafeFileError, 'symlink'],
      [UnsafeFileError, 'symlink'],
    ]);
    expect(warnings[0]!.message).toMatch(/^refusing the conversation log file .* it is a symbolic link/);
  });

  it('writes nothing when turned off, and still reads and clears what is there', () => {
    const dir = tempDir();
    createConversationLog({ dir }).append(entry(1));
    const off = createConversationLog({ dir, enabled: false });
    off.append(entry(2));
    expect(ids(off.list())).toEqual(['e1']);
    off.clear();
    expect(off.list()).toEqual([]);
    const fresh = tempDir();
    createConversationLog({ dir: fresh, enabled: false }).append(entry(3));
    expect(existsSync(join(fresh, 'conversations.jsonl'))).toBe(false);
  });

  it('clears every entry, keeping the file private', () => {
    const dir = tempDir();
    const log = createConversationLog({ dir });
    for (let n = 0; n < 3; n++) log.append(entry(n));
    log.clear();
    expect(log.list()).toEqual([]);
    expect(readFileSync(join(dir, 'conversations.jsonl'), 'utf8')).toBe('');
    expect(statSync(join(dir, 'conversations.jsonl')).mode & 0o777).toBe(0o600);
    log.append(entry(4));
    expect(ids(log.list())).toEqual(['e4']);
    // Clearing a log that was never written is nothing to do.
    expect(() => createConversationLog({ dir: join(tempDir(), 'none') }).clear()).not.toThrow();
  });

  it('keeps only keep_days of entries: older ones are hidden, then pruned from the file by the first append', () => {
    const dir = tempDir();
    const file = join(dir, 'conversations.jsonl');
    const day = 24 * 60 * 60 * 1000;
    const now = new Date('2026-11-24T12:00:00Z');
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * day).toISOString();
    const writer = createConversationLog({ dir });
    for (const [n, daysAgo] of [[1, 40], [2, 31], [3, 29], [4, 1]] as const) writer.append(entry(n, { time: at(daysAgo) }));
    const log = createConversationLog({ dir, keepDays: 30, now: () => now });
    expect(ids(log.list())).toEqual(['e4', 'e3']);
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(5);
    log.append(entry(5, { time: at(0) }));
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as ExchangeEntry).id)).toEqual(['e3', 'e4', 'e5']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('stores what was sent, never more: redacted with the same environment and known values', () => {
    const dir = tempDir();
    const memory = new SecretMemory();
    // Seen while set, then unset: only the memory still knows this value.
    memory.remember([{ name: 'OLD_TOKEN', value: 'was-set-then-unset-42' }]);
    const env = { DB_PASSWORD: 'correct-horse-77' };
    const log = createConversationLog({ dir, secrets: () => ({ env, known: memory }) });
    log.append(entry(1, { question: 'why does correct-horse-77 fail', answer: 'because was-set-then-unset-42', context: [{ role: 'user', content: 'correct-horse-77 was-set-then-unset-42' }] }));
    const text = readFileSync(join(dir, 'conversations.jsonl'), 'utf8');
    expect(text).not.toContain('correct-horse-77');
    expect(text).not.toContain('was-set-then-unset-42');
    expect(log.list()[0]!.question).toBe('why does [REDACTED:env:DB_PASSWORD] fail');
  });

  it('lists an entry written twice (an append that raced with a prune) once', () => {
    const dir = tempDir();
    const line = `${JSON.stringify(entry(1))}\n`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'conversations.jsonl'), line + line + JSON.stringify(entry(2)) + '\n' + line);
    expect(ids(createConversationLog({ dir }).list())).toEqual(['e1', 'e2']);
  });

  it('loses no entry appended while another window prunes', async () => {
    const dir = tempDir();
    const file = join(dir, 'conversations.jsonl');
    const writers = ['w0', 'w1', 'w2'];
    const perWriter = 300;
    const src = (path: string) => JSON.stringify(new URL(`../../src/context/${path}`, import.meta.url).pathname);
    // Every other entry is a year old, so the pruner always has something to drop and rewrites the file again and again.
    const writer = `
      import { createConversationLog } from ${src('index.ts')};
      const [dir, name] = process.argv.slice(-2);
      const log = createConversationLog({ dir });
      for (let i = 0; i < ${perWriter}; i++) {
        const time = i % 2 === 0 ? new Date().toISOString() : '2025-01-01T00:00:00.000Z';
        log.append({ id: name + '-' + i, conversationId: name, time, preset: 'p', model: 'm', question: 'q'.repeat(i % 50), context: [], answer: String(i), interrupted: false });
      }
    `;
    const pruner = `
      import { existsSync } from 'node:fs';
      import { pruneLines } from ${src('log-file.ts')};
      const [file, done] = process.argv.slice(-2);
      let rewrites = 0;
      while (!existsSync(done)) rewrites += pruneLines(file, (line) => !line.includes('2025-01-01')) > 0 ? 1 : 0;
      process.stdout.write(String(rewrites));
    `;
    const run = (script: string, args: string[]) =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', TSX, '--input-type=module', '-e', script, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (data: Buffer) => (out += data.toString()));
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exited ${code}`))));
      });
    const done = join(dir, 'done');
    const pruning = run(pruner, [file, done]);
    try {
      await Promise.all(writers.map((name) => run(writer, [dir, name])));
    } finally {
      writeFileSync(done, '');
    }
    const rewrites = Number(await pruning);
    // The race was really run: the file was replaced while the writers appended.
    expect(rewrites).toBeGreaterThan(2);
    const kept = createConversationLog({ dir }).list({ limit: 100_000 }).filter((e) => e.time !== '2025-01-01T00:00:00.000Z');
    for (const name of writers) {
      const mine = kept.filter((e) => e.conversationId === name).map((e) => Number(e.answer)).sort((a, b) => a - b);
      expect(mine, name).toEqual(Array.from({ length: perWriter / 2 }, (_, i) => i * 2));
    }
  }, 120_000);

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
