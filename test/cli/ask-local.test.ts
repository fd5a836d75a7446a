import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFileServer, type FileServer } from '../fixtures/file-server.ts';
import { tinyModel } from '../fixtures/tiny-model.ts';
import { cpuPackage } from '../../src/engine/index.ts';
import { ENGINE_DIR } from '../helpers/engine.ts';

const HF_PATH = '/Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/resolve/main/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf';
const FILE = 'qwen2.5-coder-1.5b-instruct-q4_k_m.gguf';
const model = tinyModel({ script: ['Use', '\u2581ls', '\u2581-la', '.'] });
let server: FileServer;
beforeAll(async () => {
  server = await startFileServer();
  server.serve(HF_PATH, { body: model, huggingFace: true });
});
afterAll(() => server.close());

function conch(args: string[], home: string, env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [resolve('bin/conch.js'), ...args], { env: { PATH: process.env.PATH, HOME: home, HF_ENDPOINT: server.baseUrl, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** A home with the built-in model already pulled. */
function homeWithModel(): string {
  const home = mkdtempSync(join(tmpdir(), 'conch-home-'));
  mkdirSync(join(home, '.local/share/conch/models'), { recursive: true });
  writeFileSync(join(home, '.local/share/conch/models', FILE), model);
  return home;
}

describe('conch ask on the built-in model', () => {
  it('answers with the pulled local model when nothing is configured and no server answers', async () => {
    const result = await conch(['ask', 'how do I list files'], homeWithModel(), { CONCH_ENGINE_DIR: ENGINE_DIR });
    expect(result).toMatchObject({ status: 0, stdout: 'Use ls -la.\n' });
  });

  it('without a terminal to ask on, says how to get a model instead of offering one', async () => {
    const result = await conch(['ask', 'how do I list files'], mkdtempSync(join(tmpdir(), 'conch-home-')), { CONCH_ENGINE_DIR: ENGINE_DIR });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^conch: no model server configured and none found .*or run `conch models pull` for the built-in model\n$/);
  });

  it('says in one line how to get a missing engine', async () => {
    const result = await conch(['ask', 'hi'], homeWithModel(), { CONCH_ENGINE_DIR: mkdtempSync(join(tmpdir(), 'no-engine-')) });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^conch: the embedded engine is not installed \(.*no-engine-\w+\); run `conch models pull` to install it \(about \d+ MB from the npm registry\)\n$/);
  });

  it('conch models pull installs the engine from the lock without building anything, and it answers', async () => {
    const engine = join(mkdtempSync(join(tmpdir(), 'conch-engine-')), 'engine');
    const home = mkdtempSync(join(tmpdir(), 'conch-home-'));
    const pulled = await conch(['models', 'pull'], home, { CONCH_ENGINE_DIR: engine });
    expect(pulled.stderr).toMatch(/^installing the embedded engine \(node-llama-cpp 3\.21\.1, about \d+ MB from the npm registry\) into .*\n^installed the embedded engine in \d+ s\n/m);
    expect(pulled.status).toBe(0);
    // Only the CPU package, no GPU variants, and no llama.cpp source or build.
    expect(readdirSync(join(engine, 'node_modules/@node-llama-cpp'))).toEqual([cpuPackage()!.split('/')[1]]);
    expect(existsSync(join(engine, 'node_modules/node-llama-cpp/llama/localBuilds'))).toBe(false);
    expect(readFileSync(join(engine, 'package-lock.json'), 'utf8')).toBe(readFileSync('engine/package-lock.json', 'utf8'));
    const answer = await conch(['ask', 'how do I list files'], home, { CONCH_ENGINE_DIR: engine });
    expect(answer).toMatchObject({ status: 0, stdout: 'Use ls -la.\n' });
  }, 300_000);
});
