import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createHistory, decodeEntry, encodeEntry } from '../../src/editor/history.ts';
import { FileAccessError, UnsafeFileError, type StorageWarning } from '../../src/private-file.ts';
import { readOnlyDir } from '../helpers/read-only-dir.ts';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'conch-hist-')), 'state/conch/history');

describe('history', () => {
  it('appends each line at once to a private file, and a new session loads it', async () => {
    const path = tempFile();
    const { history } = await createHistory({ path });
    history.add('make test');
    history.add('git commit -m "multi\nline"');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const { history: next } = await createHistory({ path });
    expect(next.entries()).toEqual(['make test', 'git commit -m "multi\nline"']);
  });

  it('skips lines starting with a space, blank lines and repeats of the last line', async () => {
    const { history } = await createHistory({ path: tempFile() });
    for (const line of ['ls', ' export TOKEN=secret', '', 'ls', 'pwd', 'ls']) history.add(line);
    expect(history.entries()).toEqual(['ls', 'pwd', 'ls']);
  });

  it('round-trips backslashes and newlines, and drops a torn last line', async () => {
    for (const line of ['a\\nb', 'x\ny', '\\', 'tab\there']) expect(decodeEntry(encodeEntry(line))).toBe(line);
    const path = tempFile();
    const { history } = await createHistory({ path });
    history.add('first');
    writeFileSync(path, `${readFileSync(path, 'utf8')}half-writ`);
    expect((await createHistory({ path })).history.entries()).toEqual(['first']);
  });

  it('ends a torn last line on load, so the next entry is not glued to it', async () => {
    const path = tempFile();
    (await createHistory({ path })).history.add('first');
    writeFileSync(path, `${readFileSync(path, 'utf8')}half-writ`);
    (await createHistory({ path })).history.add('second');
    expect((await createHistory({ path })).history.entries()).toEqual(['first', 'half-writ', 'second']);
  });

  it('records a multi-line entry as one line of the file and reads it back whole', async () => {
    const path = tempFile();
    const entry = 'echo "one\\ntwo\nthree" \\\n  --flag';
    (await createHistory({ path })).history.add(entry);
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(2);
    expect((await createHistory({ path })).history.entries()).toEqual([entry]);
  });

  it('loads only the newest maxEntries', async () => {
    const path = tempFile();
    const { history } = await createHistory({ path });
    for (let i = 0; i < 20; i++) history.add(`cmd ${i}`);
    expect((await createHistory({ path, maxEntries: 5 })).history.entries()).toEqual(['cmd 15', 'cmd 16', 'cmd 17', 'cmd 18', 'cmd 19']);
  });

  it('warns (typed) and keeps going in memory when the file cannot be read', async () => {
    // A directory at the path is refused; an unreadable file is a read error (root reads anything, so only when not root).
    const dir = mkdtempSync(join(tmpdir(), 'conch-hist-'));
    const result = await createHistory({ path: dir });
    expect(result.warning).toBeInstanceOf(UnsafeFileError);
    expect(result.warning).toMatchObject({ file: dir, found: 'not-a-file', purpose: 'history' });
    result.history.add('still works');
    expect(result.history.entries()).toEqual(['still works']);
    if (process.getuid?.() !== 0) {
      const path = tempFile();
      (await createHistory({ path })).history.add('x');
      chmodSync(path, 0);
      expect((await createHistory({ path })).warning).toMatchObject({ errno: 'EACCES', operation: 'read' });
    }
  });

  it('refuses a symlink at its path in one clear line, and never writes through it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conch-hist-'));
    const target = join(dir, 'target');
    writeFileSync(target, 'planted\n');
    chmodSync(target, 0o644);
    symlinkSync(target, join(dir, 'history'));
    const { history, warning } = await createHistory({ path: join(dir, 'history') });
    expect(warning).toBeInstanceOf(UnsafeFileError);
    expect(warning!.message).toBe(`refusing the history file ${join(dir, 'history')}: it is a symbolic link; the history is not saved this session`);
    expect(history.entries()).toEqual([]);
    history.add('echo secret');
    expect(readFileSync(target, 'utf8')).toBe('planted\n');
    expect(statSync(target).mode & 0o777).toBe(0o644);
    // A symlink planted after start-up is refused when writing, reported once.
    const path = tempFile();
    const warnings: StorageWarning[] = [];
    const late = await createHistory({ path, onWriteError: (w) => warnings.push(w) });
    late.history.add('first');
    rmSync(path);
    symlinkSync(target, path);
    late.history.add('second');
    late.history.add('third');
    expect(readFileSync(target, 'utf8')).toBe('planted\n');
    expect(warnings.map((w) => (w as UnsafeFileError).found)).toEqual(['symlink']);
  });

  it('creates its directory 0700, and tightens a file others could read to 0600 on start', async () => {
    const path = tempFile();
    (await createHistory({ path })).history.add('ls');
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
    chmodSync(path, 0o644);
    const { history } = await createHistory({ path });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(history.entries()).toEqual(['ls']);
  });

  it('reports a full disk once, keeps every entry in memory, and never throws', async () => {
    const warnings: StorageWarning[] = [];
    const mode = statSync('/dev/full').mode;
    // /dev/full: every write fails with ENOSPC, as on a full disk; a device is used as it is, never chmodded.
    const { history, warning } = await createHistory({ path: '/dev/full', onWriteError: (w) => warnings.push(w) });
    expect(warning).toBeUndefined();
    for (const line of ['make', 'make test', 'make install']) history.add(line);
    expect(history.entries()).toEqual(['make', 'make test', 'make install']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBeInstanceOf(FileAccessError);
    expect(warnings[0]).toMatchObject({ errno: 'ENOSPC', operation: 'write', purpose: 'history' });
    expect(statSync('/dev/full').mode).toBe(mode);
  });

  it('reports a read-only directory once', async () => {
    const path = tempFile();
    const warnings: StorageWarning[] = [];
    const { history } = await createHistory({ path, onWriteError: (w) => warnings.push(w) });
    readOnlyDir(dirname(dirname(dirname(path))), () => {
      history.add('one');
      history.add('two');
    });
    expect(history.entries()).toEqual(['one', 'two']);
    expect(warnings).toHaveLength(1);
    expect(['EACCES', 'EPERM', 'EROFS']).toContain((warnings[0] as FileAccessError).errno);
  });

  it('loses and interleaves nothing when several processes append at once', async () => {
    const path = tempFile();
    await createHistory({ path });
    const writers = 4;
    const perWriter = 2500;
    // Each writer loads, says ready, and waits for go: all of them then append at the same time.
    const script = `
      import { createHistory } from ${JSON.stringify(new URL('../../src/editor/history.ts', import.meta.url).pathname)};
      const { history } = await createHistory({ path: process.env.HISTORY_PATH });
      process.stdout.write('ready\\n');
      await new Promise((resolve) => process.stdin.once('data', resolve));
      for (let i = 0; i < ${perWriter}; i++) history.add('writer ' + process.env.WRITER + ' line ' + i + ' ' + 'x'.repeat(i % 300) + (i % 7 === 0 ? '\\nsecond line' : ''));
      process.exit(0);
    `;
    const children = Array.from({ length: writers }, (_, w) =>
            // Named in the environment, not argv (whose layout `--import` changes), and run in the temp dir so a mistake cannot write into the repository.
      spawn(process.execPath, ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href, '--input-type=module', '-e', script], {
        cwd: join(dirname(path), '../..'),
        env: { ...process.env, HISTORY_PATH: path, WRITER: String(w) },
        stdio: ['pipe', 'pipe', 'inherit'],
      }),
    );
    const exits = children.map(
      (child) => new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer exited ${code}`))))),
    );
    // A writer that dies before it is ready fails the test at once, not at the timeout.
    await Promise.race([Promise.all(children.map((child) => new Promise((resolve) => child.stdout.once('data', resolve)))), Promise.all(exits)]);
    for (const child of children) child.stdin.write('go\n');
    await Promise.all(exits);

    const { history } = await createHistory({ path, maxEntries: 100_000 });
    expect(history.entries()).toHaveLength(writers * perWriter);
    for (let w = 0; w < writers; w++) {
      const mine = history.entries().filter((line) => line.startsWith(`writer ${w} `));
      expect(mine).toEqual(
        Array.from({ length: perWriter }, (_, i) => `writer ${w} line ${i} ${'x'.repeat(i % 300)}${i % 7 === 0 ? '\nsecond line' : ''}`),
      );
    }
  }, 60_000);
});

describe('history imported from the shell', () => {
  it('comes before conch’s own entries and is never written to conch’s file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conch-hist-import-'));
    const path = join(dir, 'history');
    writeFileSync(path, 'mine\n');
    const { history } = await createHistory({ path });
    history.importOlder(['from-bash-1', 'from-bash-1', '', 'from-bash-2']);
    expect(history.entries()).toEqual(['from-bash-1', 'from-bash-2', 'mine']);
    history.add('new');
    expect(readFileSync(path, 'utf8')).toBe('mine\nnew\n');
  });
});
