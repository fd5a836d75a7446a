import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, LOCAL_SERVERS, probeLocalServers, resolveOrProbe, ServerWithoutModelsError } from '../../src/config/index.ts';
import { startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server.ts';

let first: FakeModelServer;
let second: FakeModelServer;
beforeAll(async () => {
  first = await startFakeModelServer();
  second = await startFakeModelServer();
  second.models = ['second-model'];
});
afterAll(async () => {
  await first.close();
  await second.close();
});

async function closedUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}/v1`;
}

describe('local server probe', () => {
  it('returns the first candidate in preference order that answers /models, with its models', async () => {
    const dead = await closedUrl();
    const found = await probeLocalServers({ candidates: [{ name: 'dead', baseUrl: dead }, { name: 'b', baseUrl: second.baseUrl }, { name: 'a', baseUrl: first.baseUrl }] });
    expect(found).toEqual({ name: 'b', baseUrl: second.baseUrl, models: ['second-model'] });
  });

  it('gives up within its time limit when a server accepts the connection but never answers', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      // Without the time limit this would wait for ever (and the test time out).
      const found = await probeLocalServers({ candidates: [{ name: 'silent', baseUrl: `http://127.0.0.1:${port}/v1` }], timeoutMs: 300 });
      expect(found).toBeUndefined();
      expect(sockets).toHaveLength(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('a probed server is asked through its own preset, for a model it has', () => {
  // No config file, nothing pulled: only the probe can find a model.
  const home = mkdtempSync(join(tmpdir(), 'conch-probe-'));
  const env = { HOME: home, XDG_DATA_HOME: join(home, 'data') };
  const config = loadConfig({ env: { ...env, XDG_CONFIG_HOME: join(home, 'cfg') } }).config;
  const ollamaAt = (server: FakeModelServer) => [{ ...LOCAL_SERVERS.find((s) => s.name === 'Ollama')!, baseUrl: server.baseUrl }];

  it('Ollama is the ollama preset (its context size, its name for the prompt), with a model the server lists', async () => {
    first.models = ['qwen3:8b', 'gemma3:4b'];
    const chosen = await resolveOrProbe(config, {}, env, undefined, { candidates: ollamaAt(first) });
    expect(chosen).toMatchObject({ name: 'ollama', baseUrl: first.baseUrl, model: 'qwen3:8b', contextSize: 8192, maxTokens: 1024 });
  });

  it("keeps the preset's own model when the server offers it (Ollama lists llama3.2 as llama3.2:latest); a named model still wins", async () => {
    first.models = ['qwen3:8b', 'llama3.2:latest'];
    await expect(resolveOrProbe(config, {}, env, undefined, { candidates: ollamaAt(first) })).resolves.toMatchObject({ name: 'ollama', model: 'llama3.2' });
    await expect(resolveOrProbe(config, {}, { ...env, CONCH_MODEL: 'mine' }, undefined, { candidates: ollamaAt(first) })).resolves.toMatchObject({ name: 'ollama', model: 'mine' });
  });

  it('llama.cpp on :8080 is snappy, LM Studio is lmstudio', () => {
    expect(LOCAL_SERVERS.map((server) => [server.name, server.preset])).toEqual([
      ['llama.cpp', 'snappy'],
      ['Ollama', 'ollama'],
      ['LM Studio', 'lmstudio'],
    ]);
    for (const server of LOCAL_SERVERS) expect(config.presets[server.preset!]!.baseUrl).toBe(server.baseUrl);
  });

  it('a server with no models says how to get one, and one that has models is preferred to it', async () => {
    first.models = [];
    const failure = resolveOrProbe(config, {}, env, undefined, { candidates: ollamaAt(first) });
    await expect(failure).rejects.toThrow(ServerWithoutModelsError);
    await expect(failure).rejects.toThrow(`Ollama answers at ${first.baseUrl} but offers no models; pull one with \`ollama pull llama3.2\`, then ask again`);
    const preferred = await resolveOrProbe(config, {}, env, undefined, { candidates: [...ollamaAt(first), { name: 'b', baseUrl: second.baseUrl }] });
    expect(preferred).toMatchObject({ name: 'b', model: 'second-model' });
  });
});
