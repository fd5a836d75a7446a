import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFileServer, type FileServer } from '../fixtures/file-server.ts';
import { tinyModel } from '../fixtures/tiny-model.ts';
import { ENGINE_DIR } from '../helpers/engine.ts';
import { startConch, type TmuxSession } from '../helpers/tmux.ts';

const HF_PATH = '/Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/resolve/main/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf';
const PROMPT = /\$ ?$/m;
let server: FileServer;
let session: TmuxSession | undefined;
beforeAll(async () => {
  server = await startFileServer();
  // Stands in for Qwen2.5-Coder: a tiny model whose answer is scripted.
  server.serve(HF_PATH, { body: tinyModel({ script: ['Use', '\u2581ls', '\u2581-la', '.'] }), huggingFace: true, chunk: { bytes: 32 * 1024, delayMs: 5 } });
});
afterAll(() => server.close());
afterEach(() => {
  session?.close();
  session = undefined;
});

/** conch as on a fresh machine: no config, no server; Hugging Face served from loopback, the engine from the test setup. */
async function freshConch(): Promise<TmuxSession> {
  session = startConch({ env: { HF_ENDPOINT: server.baseUrl, CONCH_ENGINE_DIR: ENGINE_DIR } });
  await session.waitFor(PROMPT);
  return session;
}

const count = (text: string, pattern: RegExp) => text.match(new RegExp(pattern, 'g'))?.length ?? 0;

describe('the built-in model on a fresh machine (tmux)', () => {
  it('the first ? offers it; y downloads it and answers with it, memory in the footer; later questions just use it', async () => {
    const s = await freshConch();
    s.type('? how do I list files');
    s.keys('Enter');
    const offer = await s.waitFor(/Download it and answer with it\? \[y\/N\] ?$/m, 15_000);
    expect(offer).toMatch(/^ {2}model {3}qwen2\.5-coder-1\.5b-instruct-q4_k_m, \d+ kB from 127\.0\.0\.1:\d+\n {10}into ~\/\.local\/share\/conch\/models /m);
    s.keys('y');
    await s.waitFor(/Use ls -la\./, 30_000);
    await s.waitFor(/local · qwen2\.5-coder-1\.5b-instruct-q4_k_m · 5 tokens · .*first token \d+ ms · \d+ MB m/, 30_000);
    await s.waitFor(/^local .*\$ ?$/m);
    s.type('? and hidden ones');
    s.keys('Enter');
    const screen = await s.waitFor(/(Use ls -la\.[^]*){2}/, 30_000);
    expect(count(screen, /Download it and answer/)).toBe(1);
  });

  it('n downloads nothing, says how to get it later, and is not asked again in the session', async () => {
    const s = await freshConch();
    const before = server.requests.filter((r) => r.method === 'GET').length;
    s.type('? how do I list files');
    s.keys('Enter');
    await s.waitFor(/\[y\/N\] ?$/m, 15_000);
    s.keys('n');
    await s.waitFor(/conch: not downloading; `conch models pull` fetches the built-in model any time/);
    s.type('? again');
    s.keys('Enter');
    const screen = await s.waitFor(/conch: no model server configured and none found/, 15_000);
    expect(count(screen, /\[y\/N\]/)).toBe(1);
    expect(server.requests.filter((r) => r.method === 'GET').length).toBe(before);
  });

  it('conch models pull on a terminal draws a progress bar in place, then says what it pulled', async () => {
    server.serve('/someone/slow-GGUF/resolve/main/slow.gguf', { body: tinyModel({ seed: 2 }), huggingFace: true, chunk: { bytes: 8 * 1024, delayMs: 60 } });
    session = startConch({
      cols: 250,
      env: { HF_ENDPOINT: server.baseUrl, CONCH_ENGINE_DIR: ENGINE_DIR },
      shellCommand: `mkdir -p "$XDG_CONFIG_HOME/conch" && printf '[presets.slow]\\nengine = "embedded"\\nmodel = "hf:someone/slow-GGUF/slow.gguf"\\n' > "$XDG_CONFIG_HOME/conch/config.toml" && ${process.execPath} ${resolve('bin/conch.js')} models pull slow`,
    });
    const bar = await session.waitFor(/^slow {2}\[#*-+\] +\d+% {2}\d+ kB \/ \d+ kB {2}\d+ kB\/s {2}\d+s left$/m, 15_000);
    expect(bar.match(/\[#*-+\]/g)).toHaveLength(1);
    const done = await session.waitFor(/^slow: pulled .*\/\.local\/share\/conch\/models\/slow\.gguf \(\d+ kB\)$/m, 20_000);
    expect(done).not.toMatch(/\[#*-*\]/);
  });
});

