import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFileServer, type FileServer } from '../fixtures/file-server.ts';
import { tinyModel } from '../fixtures/tiny-model.ts';
import { ENGINE_DIR } from '../helpers/engine.ts';

const HF_PATH = '/Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/resolve/main/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf';
const FILE = 'qwen2.5-coder-1.5b-instruct-q4_k_m.gguf';
const model = tinyModel({ script: ['Use', '\u2581ls', '.'] });
let server: FileServer;

beforeAll(async () => {
  server = await startFileServer();
});
afterAll(() => server.close());

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built conch with a fresh HOME (or the one given), Hugging Face served from loopback. */
function conch(args: string[], home: string, extra: Record<string, string> = {}, interruptWhen?: () => boolean): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [resolve('bin/conch.js'), ...args], {
      env: { PATH: process.env.PATH, HOME: home, HF_ENDPOINT: server.baseUrl, CONCH_ENGINE_DIR: ENGINE_DIR, ...extra },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const poll = interruptWhen
      ? setInterval(() => {
          if (interruptWhen()) {
            clearInterval(poll);
            child.kill('SIGINT');
          }
        }, 20)
      : undefined;
    child.on('close', (status) => {
      clearInterval(poll);
      done({ status, stdout, stderr });
    });
  });
}

const freshHome = () => mkdtempSync(join(tmpdir(), 'conch-home-'));
const modelPath = (home: string) => join(home, '.local/share/conch/models', FILE);
const gets = () => server.requests.filter((r) => r.method === 'GET').length;

describe('conch models pull, rm and the listing', () => {
  it('pulls local with plain progress lines, never twice, lists it with its size, and removes it', async () => {
    server.serve(HF_PATH, { body: model, huggingFace: true, chunk: { bytes: 32 * 1024, delayMs: 2 } });
    const home = freshHome();
    const pulled = await conch(['models', 'pull'], home);
    expect(pulled.stderr).toContain(`downloading ${server.baseUrl}${HF_PATH}\n  to ${modelPath(home)}\n`);
    expect(pulled.stderr).toMatch(/^qwen2\.5-coder-1\.5b-instruct-q4_k_m: 50% of \d+ kB$/m);
    expect(pulled.stderr).toMatch(/^qwen2\.5-coder-1\.5b-instruct-q4_k_m: 100% of \d+ kB$/m);
    expect(pulled.stdout).toMatch(new RegExp(`^local: pulled ${modelPath(home)} \\(\\d+ kB\\)\\n$`));
    expect(pulled.status).toBe(0);
    expect(readFileSync(modelPath(home)).equals(model)).toBe(true);

    const before = gets();
    const again = await conch(['models', 'pull', 'local'], home);
    expect(again).toMatchObject({ status: 0, stdout: expect.stringMatching(/^local: already present, .*\(\d+ kB\)\n$/) });
    expect(gets()).toBe(before);

    const listing = await conch(['models'], home, { XDG_CONFIG_HOME: join(home, 'no-config') });
    expect(listing.stdout).toMatch(new RegExp(`^ {2}local +qwen2\\.5-coder-1\\.5b-instruct-q4_k_m +embedded +context 4096\\n +present, \\d+ kB: ${modelPath(home)}\\n`, 'm'));
    expect(listing.stdout).toContain(`embedded engine: installed in ${ENGINE_DIR}\n`);

    const removed = await conch(['models', 'rm', 'local'], home);
    expect(removed).toMatchObject({ status: 0, stdout: `removed ${modelPath(home)} (${Math.round(model.length / 1000)} kB)\n` });
    expect(existsSync(modelPath(home))).toBe(false);
    expect((await conch(['models'], home)).stdout).toMatch(/^ {2}local .*\n +not downloaded \(conch models pull local\): hf:Qwen\//m);
    expect(await conch(['models', 'rm', 'local'], home)).toMatchObject({ status: 1, stderr: "conch: preset local's model is not downloaded; nothing to remove\n" });
  });

  it('exits 130 on Ctrl-C keeping the partial file, and the next pull resumes it', async () => {
    server.serve(HF_PATH, { body: model, huggingFace: true, stallAfter: 100_000 });
    const home = freshHome();
    const partial = `${modelPath(home)}.partial`;
    const interrupted = await conch(['models', 'pull'], home, {}, () => existsSync(partial) && statSync(partial).size === 100_000);
    expect(interrupted.status).toBe(130);
    expect(interrupted.stderr).toContain(`conch: interrupted; 100 kB kept in ${partial}; run \`conch models pull local\` again to resume\n`);
    expect(statSync(partial).size).toBe(100_000);

    server.serve(HF_PATH, { body: model, huggingFace: true });
    const resumed = await conch(['models', 'pull'], home);
    expect(resumed.status).toBe(0);
    expect(resumed.stderr).toContain('(resumed at 100 kB)');
    expect(server.requests.at(-1)).toMatchObject({ method: 'GET', range: 'bytes=100000-' });
    expect(readFileSync(modelPath(home)).equals(model)).toBe(true);
    expect(existsSync(partial)).toBe(false);
  });

  it('refuses in one line a preset that is not embedded, an unknown one, and a file of your own', async () => {
    const home = freshHome();
    expect(await conch(['models', 'pull', 'snappy'], home)).toMatchObject({
      status: 2,
      stderr: 'conch models pull: preset snappy is a server (http://127.0.0.1:8080/v1), not an embedded model; there is nothing to download\n',
    });
    expect(await conch(['models', 'pull', 'nope'], home)).toMatchObject({ status: 2, stderr: expect.stringMatching(/^conch models pull: unknown preset 'nope' \(known: .*local.*\)\n$/) });
    mkdirSync(join(home, '.config/conch'), { recursive: true });
    writeFileSync(join(home, '.config/conch/config.toml'), '[presets.mine]\nengine = "embedded"\nmodel = "~/models/mine.gguf"\n');
    expect(await conch(['models', 'pull', 'mine'], home)).toMatchObject({ status: 1, stderr: `conch: the model file for preset mine does not exist: ${home}/models/mine.gguf\n` });
    expect(await conch(['models', 'rm', 'mine'], home)).toMatchObject({ status: 2, stderr: expect.stringContaining('conch removes only what it downloaded') });
  });

  it("says why an engine install failed in npm's own words (a refused connection, a 404), and where npm's log is", async () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-home-'));
    // A registry that refuses, then one that has no such package; an empty npm cache, so npm must ask; no retries.
    const npm = (registry: string) => ({ CONCH_ENGINE_DIR: join(home, 'engine'), npm_config_registry: registry, npm_config_cache: join(home, 'npm-cache'), npm_config_fetch_retries: '0' });
    const failure = (cause: string) =>
      new RegExp(`\\nconch: installing the embedded engine failed: npm install exited with status 1: ${cause}; npm's full log: ${home}/npm-cache/_logs/\\S+-debug-0\\.log\\n$`);
    const refused = await conch(['models', 'pull'], home, npm('http://127.0.0.1:9/'));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(failure('FetchError: request to http://127\\.0\\.0\\.1:9/\\S+ failed, reason: connect ECONNREFUSED 127\\.0\\.0\\.1:9'));
    const missing = await conch(['models', 'pull'], home, npm(`${server.baseUrl}/registry/`));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(failure(`404 Not Found - GET ${server.baseUrl.replace(/\./g, '\\.')}/registry/\\S+`));
    expect(existsSync(join(home, 'engine'))).toBe(false);
  }, 60_000);
});
