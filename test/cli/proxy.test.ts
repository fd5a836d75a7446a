import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunk, sse, startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server.ts';
import { startLoopbackProxy, type LoopbackProxy } from '../fixtures/loopback-proxy.ts';
import { runConch } from '../helpers/run-conch.ts';

let server: FakeModelServer;
let proxy: LoopbackProxy;
let home: string;
beforeAll(async () => {
  server = await startFakeModelServer();
  proxy = await startLoopbackProxy({ host: '127.0.0.1', port: Number(new URL(server.baseUrl).port) });
  home = mkdtempSync(join(tmpdir(), 'conch-proxy-'));
});
afterAll(async () => {
  await proxy.close();
  await server.close();
});

function ask(baseUrl: string, env: Record<string, string>) {
  server.script({ chunks: [sse(chunk({ content: 'through' }), chunk({ content: ' fine' }, { finish_reason: 'stop' }), '[DONE]')] });
  return runConch(['ask', '--base-url', baseUrl, 'hi'], { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), ...env });
}

describe('conch ask behind a proxy', () => {
  it('reaches a remote server through the proxy the environment names (lower-case variables too)', async () => {
    for (const variable of ['HTTP_PROXY', 'http_proxy']) {
      const tunnels = proxy.tunnels.length;
      expect(await ask('http://models.example.invalid/v1', { [variable]: proxy.url })).toEqual({ status: 0, stdout: 'through fine\n', stderr: '' });
      expect(proxy.tunnels.slice(tunnels), variable).toEqual(['models.example.invalid:80']);
    }
  });

  it('reaches a local server directly even when the proxy is dead', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise((r) => dead.close(r));
    const result = await ask(server.baseUrl, { HTTP_PROXY: `http://127.0.0.1:${port}`, HTTPS_PROXY: `http://127.0.0.1:${port}` });
    expect(result).toEqual({ status: 0, stdout: 'through fine\n', stderr: '' });
  });
});
