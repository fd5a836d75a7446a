import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, NoServerError, resolveOrProbe, resolvePreset, SAMPLE_CONFIG } from '../../src/config/index.ts';
import { startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server.ts';
import { loadConfigText } from '../helpers/load-config-text.ts';

const env = { HOME: '/home/ann', XDG_CONFIG_HOME: '/cfg', XDG_DATA_HOME: '/data' };
const load = (text: string | undefined, extra: Record<string, string> = {}) => loadConfigText(text, { ...env, ...extra });

const QWEN = 'qwen2.5-coder-1.5b-instruct-q4_k_m';

describe('embedded presets', () => {
  it('has a built-in local preset on Qwen2.5-Coder-1.5B, stored under $XDG_DATA_HOME/conch/models', () => {
    const local = resolvePreset(load(undefined), { preset: 'local' }, env);
    expect(local).toMatchObject({ name: 'local', engine: 'embedded', model: QWEN, baseUrl: 'embedded', contextSize: 4096 });
    expect(local.embedded).toEqual({
      source: `hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/${QWEN}.gguf`,
      path: `/data/conch/models/${QWEN}.gguf`,
      url: `https://huggingface.co/Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/resolve/main/${QWEN}.gguf`,
      engineDir: '/data/conch/engine',
      logFile: '/home/ann/.local/state/conch/engine.log',
      contextSize: 4096,
    });
  });

  it('downloads hf: references from $HF_ENDPOINT, and finds the engine in $CONCH_ENGINE_DIR', () => {
    const local = resolvePreset(load(undefined), { preset: 'local' }, { ...env, HF_ENDPOINT: 'https://hf-mirror.example/', CONCH_ENGINE_DIR: '/opt/engine' });
    expect(local.embedded).toMatchObject({ url: `https://hf-mirror.example/Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/resolve/main/${QWEN}.gguf`, engineDir: '/opt/engine' });
  });

  it('reads engine, model (path, URL or hf:) and threads from a preset table', () => {
    const config = load(`[presets.tiny]
engine = "embedded"
model = "~/models/tiny.gguf"
threads = 2
context_size = 2048
[presets.near]
engine = "embedded"
model = "models/near.gguf"
[presets.web]
engine = "embedded"
model = "https://example.org/files/My%20Model.Q4.gguf"
[presets.loop]
engine = "embedded"
model = "http://127.0.0.1:9999/x.gguf"
[presets.local]
model = "hf:Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
`);
    const resolve = (name: string) => resolvePreset(config, { preset: name }, env);
    expect(resolve('tiny')).toMatchObject({ model: 'tiny', threads: 2, contextSize: 2048, embedded: { path: '/home/ann/models/tiny.gguf', threads: 2, contextSize: 2048 } });
    expect(resolve('tiny').embedded!.url).toBeUndefined();
    expect(resolve('near').embedded!.path).toBe('/cfg/conch/models/near.gguf');
    expect(resolve('web').embedded).toMatchObject({ url: 'https://example.org/files/My%20Model.Q4.gguf', path: '/data/conch/models/My_Model.Q4.gguf' });
    expect(resolve('loop').embedded!.url).toBe('http://127.0.0.1:9999/x.gguf');
    expect(resolve('local')).toMatchObject({ model: 'qwen2.5-coder-0.5b-instruct-q4_k_m', engine: 'embedded' });
  });

  it('names the file, the key and what was expected for a bad embedded preset', () => {
    const cases: [string, RegExp][] = [
      ['[presets.x]\nengine = "gpu"', /presets\.x\.engine: expected "openai" \(a server\) or "embedded"/],
      ['[presets.x]\nengine = "embedded"', /presets\.x\.model: an embedded preset needs model = a \.gguf path/],
      ['[presets.x]\nengine = "embedded"\nmodel = "http://example.org/x.gguf"', /presets\.x\.model: the URL must be https:\/\/ \(plain http:\/\/ only on a loopback host/],
      ['[presets.x]\nengine = "embedded"\nmodel = "https://example.org/x.bin"', /presets\.x\.model: expected a \.gguf file at the end of the URL/],
      ['[presets.x]\nengine = "embedded"\nmodel = "hf:owner/x.gguf"', /presets\.x\.model: expected hf:OWNER\/REPO\/FILE\.gguf/],
      ['[presets.local]\nthreads = 0', /presets\.local\.threads: expected a whole number > 0/],
      ['[presets.local]\nengine = "openai"', /presets\.local\.base_url: a preset on an OpenAI-compatible server needs base_url/],
      ['[presets.local]\nbogus = 1', /presets\.local\.bogus: unknown key \(expected one of .*engine, threads\)/],
    ];
    for (const [text, message] of cases) {
      expect(() => load(text), text).toThrow(ConfigError);
      expect(() => load(text), text).toThrow(message);
    }
  });

  it('documents the new keys in the sample, which stays valid', () => {
    expect(SAMPLE_CONFIG).toMatch(/^\[presets\.local\]$/m);
    expect(SAMPLE_CONFIG).toMatch(/^# engine = "embedded"/m);
    expect(SAMPLE_CONFIG).toMatch(/^# threads = /m);
    expect(load(SAMPLE_CONFIG).presets.local!.engine).toBe('embedded');
  });

  it('talks to a server when a base URL is given, and keeps its file when only CONCH_MODEL is', () => {
    const config = load(undefined);
    expect(resolvePreset(config, { preset: 'local' }, { ...env, CONCH_BASE_URL: 'http://127.0.0.1:8080/v1' })).toMatchObject({ engine: 'openai', baseUrl: 'http://127.0.0.1:8080/v1', model: QWEN });
    expect(resolvePreset(config, { preset: 'local' }, { ...env, CONCH_MODEL: 'llama3' }).model).toBe(QWEN);
    expect(resolvePreset(config, { preset: 'local', model: 'http://example.org/x.gguf' }, env).embedded!.problem).toMatch(/must be https:\/\//);
  });
});

describe('choosing local when nothing is configured', () => {
  let server: FakeModelServer;
  let data: string;
  beforeAll(async () => {
    server = await startFakeModelServer();
    data = mkdtempSync(join(tmpdir(), 'conch-data-'));
  });
  afterAll(() => server.close());
  const dead = [{ name: 'nothing', baseUrl: 'http://127.0.0.1:9/v1' }];

  it('says how to get a model when no server answers and local is not pulled', async () => {
    await expect(resolveOrProbe(load(undefined), {}, { ...env, XDG_DATA_HOME: data }, undefined, { candidates: dead })).rejects.toThrow(NoServerError);
    await expect(resolveOrProbe(load(undefined), {}, { ...env, XDG_DATA_HOME: data }, undefined, { candidates: dead })).rejects.toThrow(/or run `conch models pull` for the built-in model/);
  });

  it('uses the pulled local model when no server answers, and a server that answers still wins', async () => {
    mkdirSync(join(data, 'conch/models'), { recursive: true });
    writeFileSync(join(data, `conch/models/${QWEN}.gguf`), 'GGUF');
    const chosen = await resolveOrProbe(load(undefined), {}, { ...env, XDG_DATA_HOME: data }, undefined, { candidates: dead });
    expect(chosen).toMatchObject({ name: 'local', model: QWEN, embedded: { path: join(data, `conch/models/${QWEN}.gguf`) } });
    const served = await resolveOrProbe(load(undefined), {}, { ...env, XDG_DATA_HOME: data }, undefined, { candidates: [{ name: 'llama.cpp', baseUrl: server.baseUrl }] });
    expect(served).toMatchObject({ name: 'llama.cpp', baseUrl: server.baseUrl, model: 'fake-model' });
    expect(served.embedded).toBeUndefined();
  });

  it('never falls back when something is configured', async () => {
    await expect(resolveOrProbe(load('default_preset = "snappy"'), {}, { ...env, XDG_DATA_HOME: data }, undefined, { candidates: dead })).resolves.toMatchObject({ name: 'snappy' });
  });
});
