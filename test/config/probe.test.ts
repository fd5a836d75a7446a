import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeLocalServers } from '../../src/config/index.ts';
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
