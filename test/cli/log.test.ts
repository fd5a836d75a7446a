import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CONCH = resolve('bin/conch.js');

function withLog(entries: object[], config = '') {
  const home = mkdtempSync(join(tmpdir(), 'conch-log-cli-'));
  mkdirSync(join(home, '.local/share/conch'), { recursive: true });
  writeFileSync(join(home, '.local/share/conch/conversations.jsonl'), entries.map((e) => `${JSON.stringify(e)}\n`).join(''), { mode: 0o600 });
  if (config) {
    mkdirSync(join(home, '.config/conch'), { recursive: true });
    writeFileSync(join(home, '.config/conch/config.toml'), config);
  }
  const conch = (args: string[]) => spawnSync(process.execPath, [CONCH, 'log', ...args], { env: { PATH: process.env.PATH, HOME: home }, encoding: 'utf8' });
  return Object.assign(conch, { file: join(home, '.local/share/conch/conversations.jsonl') });
}

const entry = (n: number, question: string, conversationId = 'conv-1') => ({
  id: `${n}aaaaaaa-0000`,
  conversationId,
  time: `2026-11-24T12:0${n}:00.000Z`,
  preset: 'snappy',
  model: 'qwen',
  question,
  context: [],
  answer: `answer to ${question}`,
  interrupted: false,
});

describe('conch log', () => {
  it('lists exchanges newest first, searches them, and shows one in full', () => {
    const conch = withLog([entry(1, 'how do I list ports'), entry(2, 'why did make fail'), entry(3, 'compress logs', 'conv-2')]);
    const listed = conch([]);
    expect(listed.status).toBe(0);
    expect(listed.stdout.trim().split('\n').map((line) => line.slice(0, 8))).toEqual(['3aaaaaaa', '2aaaaaaa', '1aaaaaaa']);
    const found = conch(['--search', 'MAKE']);
    expect(found.stdout).toContain('why did make fail');
    expect(found.stdout.trim().split('\n')).toHaveLength(1);
    const one = conch(['2aaa']);
    expect(one.stdout).toContain('? why did make fail\n\nanswer to why did make fail');
    const conversation = conch(['conv-1']);
    expect(conversation.stdout).toContain('how do I list ports');
    expect(conversation.stdout).toContain('why did make fail');
    expect(conversation.stdout).not.toContain('compress logs');
  });

  it('shows a stored answer\'s code exactly, control bytes visible, as the live answer showed it', () => {
    const conch = withLog([{ ...entry(1, 'clean up'), answer: 'Run\x1b]0;EVIL\x07 this:\n\n```sh\nrm -rf ~/x\x1b[2K\x1b[1Gls\n```\n1. `rm -rf ~/x\x1b[2K` → exit 0' }]);
    const shown = conch(['1aaa']);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain('? clean up\n\nRun this:\n\n```sh\nrm -rf ~/x^[[2K^[[1Gls\n```\n1. `rm -rf ~/x^[[2K` → exit 0\n');
    expect(shown.stdout).not.toContain('\x1b');
  });

  it('says so when nothing matches, and rejects bad arguments', () => {
    const conch = withLog([entry(1, 'x')]);
    expect(conch(['--search', 'nothing-like-this'])).toMatchObject({ status: 1, stderr: 'conch: no exchange mentions "nothing-like-this"\n' });
    expect(conch(['--limit', 'many']).status).toBe(2);
    expect(conch(['nope']).status).toBe(1);
  });

  it('--clear empties the log, and a list afterwards says it is empty', () => {
    const conch = withLog([entry(1, 'x'), entry(2, 'y')]);
    expect(conch(['--clear'])).toMatchObject({ status: 0, stdout: 'removed 2 exchanges from the conversation log\n' });
    expect(readFileSync(conch.file, 'utf8')).toBe('');
    expect(statSync(conch.file).mode & 0o777).toBe(0o600);
    expect(conch([])).toMatchObject({ status: 0, stderr: 'conch: the log is empty\n' });
    expect(conch(['--clear'])).toMatchObject({ status: 0, stdout: 'the conversation log was already empty\n' });
    expect(conch(['--clear', '--search', 'x']).status).toBe(2);
  });

  it('--clear counts every entry it removes, those past keep_days too', () => {
    const old = { ...entry(2, 'old question'), time: new Date(Date.now() - 40 * 86_400_000).toISOString() };
    const conch = withLog([old, { ...entry(1, 'recent'), time: new Date().toISOString() }], '[log]\nkeep_days = 30\n');
    expect(conch(['--clear'])).toMatchObject({ status: 0, stdout: 'removed 2 exchanges from the conversation log\n' });
  });

  it('with [log] enabled = false, says the log is off and how to turn it on, rather than that it is empty', () => {
    const off = withLog([], '[log]\nenabled = false\n');
    const said = off([]);
    expect(said).toMatchObject({ status: 0, stdout: '' });
    expect(said.stderr).toMatch(/^conch: the conversation log is off \(\[log\] enabled = false in \S+\/\.config\/conch\/config\.toml\); set enabled = true there to keep exchanges\n$/);
    // What was logged before it was turned off is still listed, after the same line.
    const earlier = withLog([entry(1, 'from before')], '[log]\nenabled = false\n')([]);
    expect(earlier.stdout).toContain('from before');
    expect(earlier.stderr).toMatch(/the conversation log is off/);
  });

  it('hides entries older than [log] keep_days', () => {
    const recent = { ...entry(1, 'recent question'), time: new Date(Date.now() - 2 * 86_400_000).toISOString() };
    const old = { ...entry(2, 'old question'), time: new Date(Date.now() - 40 * 86_400_000).toISOString() };
    const conch = withLog([old, recent], '[log]\nkeep_days = 30\n');
    const listed = conch([]);
    expect(listed.stdout).toContain('recent question');
    expect(listed.stdout).not.toContain('old question');
  });

  it('refuses a log that is a symlink in one line, and clears nothing through it', () => {
    const conch = withLog([entry(1, 'x')]);
    const target = `${conch.file}.real`;
    writeFileSync(target, 'someone else\n');
    rmSync(conch.file);
    symlinkSync(target, conch.file);
    const listed = conch([]);
    expect(listed.status).toBe(1);
    expect(listed.stderr).toMatch(/^conch: refusing the conversation log file .*conversations\.jsonl: it is a symbolic link.*\n$/);
    expect(conch(['--clear']).status).toBe(1);
    expect(readFileSync(target, 'utf8')).toBe('someone else\n');
  });
});
