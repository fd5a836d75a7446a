import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
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

function conch(args: string[], options: { input?: string; env?: Record<string, string>; home?: string } = {}) {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'conch-ask-'));
  return new Promise<{ status: number | null; stdout: string; stderr: string; home: string }>((done) => {
    const child = spawn(process.execPath, [CONCH, ...args], {
      env: { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.data'), CONCH_BASE_URL: server.baseUrl, CONCH_MODEL: 'fake-model', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(options.input ?? '');
    child.on('close', (status) => done({ status, stdout, stderr, home }));
  });
}

const answer = (text: string) => ({
  chunks: [sse(chunk({ role: 'assistant', content: null }), chunk({ reasoning_content: 'hmm' }), ...text.split(/(?<= )/).map((t) => chunk({ content: t })), chunk({}, { finish_reason: 'stop' }), '[DONE]')],
});

describe('conch ask', () => {
  it('prints exactly the answer text when stdout is a pipe: no reasoning, no decoration', async () => {
    server.script(answer('Use du -sh * | sort -h'));
    const result = await conch(['ask', 'how', 'big', 'are', 'these?']);
    expect(result).toMatchObject({ status: 0, stdout: 'Use du -sh * | sort -h\n', stderr: '' });
    const body = server.requests.at(-1)!.json as { messages: { role: string; content: string }[]; model: string };
    expect(body.model).toBe('fake-model');
    expect(body.messages.at(-1)).toEqual({ role: 'user', content: 'how big are these?' });
  });

  it('includes piped stdin as context', async () => {
    server.script(answer('feat: add parser'));
    const result = await conch(['ask', 'write a commit message'], { input: 'diff --git a/x b/x\n+new line\n' });
    expect(result.stdout).toBe('feat: add parser\n');
    const content = (server.requests.at(-1)!.json as { messages: { content: string }[] }).messages.at(-1)!.content;
    expect(content).toContain('write a commit message');
    expect(content).toContain('+new line');
  });

  it('fails with one line on stderr and status 1, no stack trace', async () => {
    server.script({ status: 401, headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"message":"No auth credentials found"}}'] });
    const result = await conch(['ask', '--preset', 'cloud', '--base-url', server.baseUrl, 'hi'], { env: { CONCH_BASE_URL: '' } });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^conch: cloud \(.*\) refused the key \(401\): No auth credentials found; check \$OPENROUTER_API_KEY\n$/);
  });

  it('a missing model lists what the server offers', async () => {
    server.script({ status: 404, headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"message":"model not found"}}'] });
    const result = await conch(['ask', '--model', 'nope', 'hi']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/model 'nope' not found .*it offers: fake-model, other-model\n$/);
  });

  it('a 404 for a model the server offers asks whether the base URL is right', async () => {
    server.script({ status: 404, headers: { 'content-type': 'text/plain' }, chunks: ['404 page not found'] });
    const result = await conch(['ask', '--model', 'other-model', 'hi']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`conch: snappy (${server.baseUrl}) answered 404 for /v1/chat/completions although it offers 'other-model': is the base URL right? (it usually ends in /v1)\n`);
  });

  it('rejects bad arguments with usage and status 2', async () => {
    const result = await conch(['ask', '--frob', 'x']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown option --frob\nusage: conch ask/);
  });

  it('exits 130 on Ctrl-C (SIGINT) mid-answer, and the server sees the connection close', async () => {
    server.script({ chunks: [sse(chunk({ content: 'partial ' }))], stall: true });
    const home = mkdtempSync(join(tmpdir(), 'conch-ask-'));
    const child = spawn(process.execPath, [CONCH, 'ask', 'hi'], { env: { PATH: process.env.PATH, HOME: home, CONCH_BASE_URL: server.baseUrl }, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.end();
    let interrupted = false;
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      // Once: a second Ctrl-C means "die now", as in most command-line tools.
      if (stdout.includes('partial') && child.signalCode === null && !interrupted) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    const status = await new Promise((r) => child.on('close', r));
    expect(status).toBe(130);
    await server.closed();
  });

  it('no question and nothing piped is a usage error (status 2); nothing is sent', async () => {
    const before = server.requests.length;
    const result = await conch(['ask'], { input: '' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^conch ask: no question given and nothing piped\nusage: conch ask/);
    expect(server.requests.length).toBe(before);
  });

  it('piped input alone is the question', async () => {
    server.script(answer('It lists files.'));
    const result = await conch(['ask'], { input: 'what does ls do?\n' });
    expect(result).toMatchObject({ status: 0, stdout: 'It lists files.\n' });
    const content = (server.requests.at(-1)!.json as { messages: { content: string }[] }).messages.at(-1)!.content;
    expect(content).toBe('what does ls do?');
  });

  it("fits piped input to the preset's token budget: head and tail kept, the cut marked", async () => {
    server.script(answer('ok'));
    const lines = Array.from({ length: 300_000 }, (_, i) => String(i + 1)).join('\n');
    const result = await conch(['ask', 'summarize'], { input: `${lines}\n`, env: { CONCH_PRESET: 'snappy' } });
    expect(result.status).toBe(0);
    const request = server.requests.at(-1)!;
    const content = (request.json as { messages: { content: string }[] }).messages.at(-1)!.content;
    // snappy: a 4096-token window with 512 for the answer; the estimate is at most 4 characters a token.
    expect(request.body.length).toBeLessThan(4096 * 4);
    expect(content).toMatch(/^summarize\n/);
    expect(content).toMatch(/\n1\n2\n3\n/);
    expect(content).toMatch(/\n299999\n300000\n/);
    const cut = /\[… (\d+) lines cut …\]/.exec(content);
    expect(Number(cut?.[1])).toBeGreaterThan(290_000);
    // One line on stderr says so, with what the model sees of it.
    const said = /^conch: piped input cut to fit snappy's context: kept the first (\d+) and last (\d+) lines of 300000\n$/.exec(result.stderr);
    expect(said).not.toBeNull();
    const [first, last] = [Number(said![1]), Number(said![2])];
    expect(content).toContain(`\n${first}\n[…`);
    expect(content).toContain(`…]\n${300_000 - last + 1}\n`);
    expect(first + last + Number(cut![1])).toBe(300_000);
  });

  it('one huge line (minified JSON) is cut by characters, and stderr says how many it kept', async () => {
    server.script(answer('ok'));
    const json = `{"data":"${'x'.repeat(60_000)}"}`;
    const result = await conch(['ask', 'what is this'], { input: json, env: { CONCH_PRESET: 'snappy' } });
    expect(result.status).toBe(0);
    const said = /^conch: piped input cut to fit snappy's context: kept the first (\d+) and last \1 characters of 60011\n$/.exec(result.stderr);
    expect(said).not.toBeNull();
    const content = (server.requests.at(-1)!.json as { messages: { content: string }[] }).messages.at(-1)!.content;
    expect(content).toContain(`{"data":"${'x'.repeat(Number(said![1]) - 9)}[… ${60_011 - 2 * Number(said![1])} characters cut …]`);
  });

  it('`yes | conch ask` returns: reading stops at its cap, the model is told the input went on, and stderr says what was kept', async () => {
    server.script(answer('It says y.'));
    const home = mkdtempSync(join(tmpdir(), 'conch-ask-'));
    const child = spawn('bash', ['-c', 'yes | "$0" "$1" ask summarize', process.execPath, CONCH], {
      env: { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.data'), CONCH_BASE_URL: server.baseUrl, CONCH_MODEL: 'fake-model' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const status = await new Promise((r) => child.on('close', r));
    expect({ status, stdout }).toEqual({ status: 0, stdout: 'It says y.\n' });
    expect(stderr).toMatch(/^conch: piped input cut at 64 MiB \(it went on; conch reads no more\) and to fit snappy's context: kept the first \d+ and last \d+ lines of the 33554432 read\n$/);
    const content = (server.requests.at(-1)!.json as { messages: { content: string }[] }).messages.at(-1)!.content;
    expect(content).toMatch(/^summarize\n\nInput \(piped to the command\):\n```\ny\ny\n/);
    expect(content).toMatch(/\ny\n\[… the input went on; conch stopped reading it here …\]\n```$/);
  });

  it('redacts the question and the piped input, says how many on stderr, and logs exactly what was sent', async () => {
    server.script(answer('done'));
    const home = mkdtempSync(join(tmpdir(), 'conch-ask-'));
    const key = 'sk-proj-AbCdEf0123456789AbCdEf0123456789AbCd';
    const token = 'tok-9f8e7d6c5b4a3210';
    const result = await conch(['ask', `why does ${key} fail`], { home, input: `DEPLOY_TOKEN=${token}\npassword=hunter2hunter2\n`, env: { DEPLOY_TOKEN: token } });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('done\n');
    expect(result.stderr).toBe('conch: 3 values redacted before sending\n');
    const body = server.requests.at(-1)!.body;
    for (const secret of [key, token, 'hunter2hunter2']) expect(body).not.toContain(secret);
    const log = readFileSync(join(home, '.data/conch/conversations.jsonl'), 'utf8');
    for (const secret of [key, token, 'hunter2hunter2']) expect(log).not.toContain(secret);
    const entry = JSON.parse(log.trim());
    expect(entry).toMatchObject({ answer: 'done', model: 'fake-model', interrupted: false });
    expect(entry.question).toContain('[REDACTED:');
    expect(entry.context).toEqual((server.requests.at(-1)!.json as { messages: unknown }).messages);
    expect(statSync(join(home, '.data/conch/conversations.jsonl')).mode & 0o777).toBe(0o600);
  });

  it('config --init writes a private sample that conch then reads; it never overwrites', async () => {
    const first = await conch(['config', '--init']);
    expect(first.status).toBe(0);
    const file = join(first.home, '.config/conch/config.toml');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain('api_key_env = "OPENROUTER_API_KEY"');
  });
});
