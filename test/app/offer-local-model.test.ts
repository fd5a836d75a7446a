import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerLocalModel } from '../../src/app/index.ts';
import { loadConfig, localPreset } from '../../src/config/index.ts';
import { startFileServer, type FileServer } from '../fixtures/file-server.ts';
import { tinyModel } from '../fixtures/tiny-model.ts';
import { ENGINE_DIR } from '../helpers/engine.ts';

const HF_PATH = '/Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/resolve/main/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf';
const model = tinyModel({ seed: 5 });
let server: FileServer;
beforeAll(async () => {
  server = await startFileServer();
  server.serve(HF_PATH, { body: model, huggingFace: true });
});
afterAll(() => server.close());

/** The built-in local preset on a fresh data dir, downloading from the loopback server. */
function freshLocal(engineDir = ENGINE_DIR) {
  const env = { HOME: '/home/ann', XDG_CONFIG_HOME: '/nowhere', XDG_DATA_HOME: mkdtempSync(join(tmpdir(), 'conch-offer-')), HF_ENDPOINT: server.baseUrl, CONCH_ENGINE_DIR: engineDir };
  return localPreset(loadConfig({ env }).config, env)!.preset;
}

function io(answer: boolean) {
  const out: string[] = [];
  const questions: string[] = [];
  return {
    out,
    questions,
    io: {
      write: (text: string) => void out.push(text),
      tty: false,
      confirm: async (question: string) => {
        questions.push(question);
        return answer;
      },
    },
  };
}

const gets = () => server.requests.filter((r) => r.method === 'GET').length;

describe('offering the built-in model', () => {
  it('says what, from where, how big and where to, and downloads nothing on no', async () => {
    const local = freshLocal();
    const before = gets();
    const { io: offerIo, out, questions } = io(false);
    const outcome = await offerLocalModel({}, local, 'no server', offerIo);
    expect(outcome).toEqual({ kind: 'declined', message: expect.stringContaining('`conch models pull` fetches the built-in model any time') });
    const text = out.join('');
    expect(text).toContain(`  model   qwen2.5-coder-1.5b-instruct-q4_k_m, ${Math.round(model.length / 1000)} kB from ${new URL(server.baseUrl).host}\r\n`);
    expect(text).toContain(`          into ${local.embedded!.path!.replace(/\/[^/]+$/, '')} (\`conch models rm local\` removes it)\r\n`);
    // The engine is installed already, so it is not offered.
    expect(text).not.toContain('engine  node-llama-cpp');
    expect(questions).toEqual(['Download it and answer with it?']);
    expect(gets()).toBe(before);
    expect(existsSync(local.embedded!.path!)).toBe(false);
  });

  it('names the engine too when it is not installed', async () => {
    const { io: offerIo, out } = io(false);
    await offerLocalModel({}, freshLocal(mkdtempSync(join(tmpdir(), 'no-engine-'))), 'no server', offerIo);
    expect(out.join('')).toMatch(/ {2}engine {2}node-llama-cpp 3\.21\.1 \(llama\.cpp\), about \d+ MB from the npm registry\r\n {10}into .*no-engine-/);
  });

  it('asks once per session', async () => {
    const session = {};
    const first = io(false);
    await offerLocalModel(session, freshLocal(), 'no server', first.io);
    const second = io(true);
    expect(await offerLocalModel(session, freshLocal(), 'no server', second.io)).toEqual({ kind: 'already-offered', message: 'no server' });
    expect(second.questions).toEqual([]);
    expect(second.out).toEqual([]);
  });

  it('downloads on yes and hands back the preset to ask', async () => {
    const local = freshLocal();
    const { io: offerIo, out } = io(true);
    const outcome = await offerLocalModel({}, local, 'no server', offerIo);
    expect(outcome).toEqual({ kind: 'use', preset: local });
    expect(readFileSync(local.embedded!.path!).equals(model)).toBe(true);
    expect(out.join('')).toContain('qwen2.5-coder-1.5b-instruct-q4_k_m: 100% of');
  });
});
