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

function conch(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const home = mkdtempSync(join(tmpdir(), 'conch-ask-'));
  return new Promise<{ status: number | null; stdout: string; stderr: string; home: string }>((done) => {
    const child = spawn(process.execPath, [CONCH, ...args], {
      env: { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), CONCH_BASE_URL: server.baseUrl, CONCH_MODEL: 'fake-model', ...options.env },
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

  it('config --init writes a private sample that conch then reads; it never overwrites', async () => {
    const first = await conch(['config', '--init']);
    expect(first.status).toBe(0);
    const file = join(first.home, '.config/conch/config.toml');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain('api_key_env = "OPENROUTER_API_KEY"');
  });
});
