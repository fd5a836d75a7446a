import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopback, postSse, type ProxySettings, type SseEvent } from '../../src/sse/index.ts';
import { proxyFor, redactProxy } from '../../src/sse/proxy.ts';
import { sse, startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server.ts';
import { startLoopbackProxy, type LoopbackProxy } from '../fixtures/loopback-proxy.ts';
import { makeTestCertificates } from '../fixtures/test-certificates.ts';

let server: FakeModelServer;
let proxy: LoopbackProxy;
let port: number;
/** An https server whose certificate names api.conch-test.invalid, signed by a CA this process does not trust. */
let tlsServer: FakeModelServer;
let tlsProxy: LoopbackProxy;
let refusing: LoopbackProxy;
beforeAll(async () => {
  server = await startFakeModelServer();
  port = Number(new URL(server.baseUrl).port);
  proxy = await startLoopbackProxy({ host: '127.0.0.1', port });
  const { cert, key } = await makeTestCertificates('api.conch-test.invalid');
  tlsServer = await startFakeModelServer({ tls: { cert, key } });
  const tlsTarget = { host: '127.0.0.1', port: Number(new URL(tlsServer.baseUrl).port) };
  tlsProxy = await startLoopbackProxy(tlsTarget);
  refusing = await startLoopbackProxy(tlsTarget, { refuseWith: 407 });
});
afterAll(async () => {
  await refusing.close();
  await tlsProxy.close();
  await tlsServer.close();
  await proxy.close();
  await server.close();
});

const CLOUD = 'https://api.conch-test.invalid/v1/chat/completions';
const postTo = (url: string, settings: ProxySettings) =>
  postSse(url, '{}', {}, { onEvent: () => {} }, { proxy: settings, connectTimeoutMs: 5000 }).catch((e: unknown) => e);

async function post(url: string, settings: ProxySettings | undefined) {
  server.script({ chunks: [sse('hello', '[DONE]')] });
  const events: SseEvent[] = [];
  const before = server.requests.length;
  await postSse(url, '{}', {}, { onEvent: (event) => void events.push(event) }, { ...(settings ? { proxy: settings } : {}), connectTimeoutMs: 5000 });
  expect(server.requests.length - before).toBe(1);
  return events.map((event) => event.data);
}

describe('proxies', () => {
  it('sends a request for another host through HTTP_PROXY, by a CONNECT tunnel', async () => {
    const tunnels = proxy.tunnels.length;
    expect(await post('http://model.invalid/v1/chat/completions', { httpProxy: proxy.url })).toEqual(['hello', '[DONE]']);
    expect(proxy.tunnels.slice(tunnels)).toEqual(['model.invalid:80']);
    expect(server.requests.at(-1)!.headers.host).toBe('model.invalid');
  });

  it('uses HTTP_PROXY for https too when HTTPS_PROXY is not set, as undici does', async () => {
    // The tunnel reaches the https server: its certificate, from a CA this process does not trust, is what stops the request.
    const tunnels = tlsProxy.tunnels.length;
    expect(await postTo(CLOUD, { httpProxy: tlsProxy.url })).toMatchObject({ name: 'ConnectError', stage: 'certificate', proxy: tlsProxy.url });
    expect(tlsProxy.tunnels.slice(tunnels)).toEqual(['api.conch-test.invalid:443']);
    expect(tlsServer.requests).toEqual([]);
  });

  it('blames the proxy when it refuses the tunnel, with its status', async () => {
    const tunnels = refusing.tunnels.length;
    expect(await postTo(CLOUD, { httpsProxy: refusing.url })).toMatchObject({ name: 'ConnectError', stage: 'proxy', proxyStatus: 407, proxy: refusing.url });
    expect(refusing.tunnels.slice(tunnels)).toEqual(['api.conch-test.invalid:443']);
  });

  it('blames the proxy when nothing answers at its address, and keeps its credentials out of the error', async () => {
    const dead = `http://user:secret@127.0.0.1:${await closedPort()}`;
    const error = await postTo(CLOUD, { httpsProxy: dead });
    expect(error).toMatchObject({ name: 'ConnectError', stage: 'proxy', reason: 'ECONNREFUSED', proxy: dead.replace('user:secret@', '') });
    expect(String((error as Error).message)).not.toContain('secret');
  });

  it('says a connect timeout happened through the proxy when the proxy takes the connection and never answers', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const url = `http://user:secret@127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const error = await postSse(CLOUD, '{}', {}, { onEvent: () => {} }, { proxy: { httpsProxy: url }, connectTimeoutMs: 300 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'TimeoutError', kind: 'connect', proxy: url.replace('user:secret@', '') });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => silent.close(done));
    }
  });

  it('does not blame a proxy for a server reached directly', async () => {
    const error = await postTo(`http://0.0.0.0:${await closedPort()}/v1/chat/completions`, { httpProxy: 'http://127.0.0.1:9', noProxy: '0.0.0.0' });
    expect(error).toMatchObject({ name: 'ConnectError', stage: 'server', reason: 'ECONNREFUSED', proxy: undefined });
  });

  it('goes straight to a host listed in NO_PROXY', async () => {
    const tunnels = proxy.tunnels.length;
    // 0.0.0.0 is this machine, but not loopback by name: only NO_PROXY keeps it off the proxy.
    expect(await post(`http://0.0.0.0:${port}/v1/chat/completions`, { httpProxy: proxy.url, noProxy: 'example.org, 0.0.0.0' })).toEqual(['hello', '[DONE]']);
    expect(await post(`http://0.0.0.0:${port}/v1/chat/completions`, { httpProxy: proxy.url })).toEqual(['hello', '[DONE]']);
    expect(proxy.tunnels.slice(tunnels)).toEqual([`0.0.0.0:${port}`]);
  });

  it('never sends a loopback request through a proxy, whatever NO_PROXY says', async () => {
    const tunnels = proxy.tunnels.length;
    const settings = { httpProxy: proxy.url, httpsProxy: proxy.url, noProxy: 'example.org' };
    expect(await post(`http://127.0.0.1:${port}/v1/chat/completions`, settings)).toEqual(['hello', '[DONE]']);
    expect(await post(`http://localhost:${port}/v1/chat/completions`, settings)).toEqual(['hello', '[DONE]']);
    expect(proxy.tunnels.length).toBe(tunnels);
  });

  it('knows loopback by name and address, and nothing else', () => {
    for (const host of ['localhost', 'LOCALHOST', 'api.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '[::ffff:7f00:1]']) expect(isLoopback(host), host).toBe(true);
    for (const host of ['0.0.0.0', '10.0.0.1', 'localhost.example.com', '128.0.0.1', '[::2]', 'openrouter.ai']) expect(isLoopback(host), host).toBe(false);
  });

  it('picks the proxy for a URL as undici does: HTTPS_PROXY, else HTTP_PROXY, for https; HTTP_PROXY alone for http', () => {
    const both = { httpProxy: 'http://p1:1', httpsProxy: 'http://p2:2' };
    expect(proxyFor('https://openrouter.ai/api/v1', both)).toBe('http://p2:2');
    expect(proxyFor('http://openrouter.ai/api/v1', both)).toBe('http://p1:1');
    expect(proxyFor('https://openrouter.ai/api/v1', { httpProxy: 'http://p1:1' })).toBe('http://p1:1');
    expect(proxyFor('http://openrouter.ai/api/v1', { httpsProxy: 'http://p2:2' })).toBeUndefined();
    expect(proxyFor('https://localhost:8080/v1', both)).toBeUndefined();
    expect(proxyFor('https://openrouter.ai/api/v1', undefined)).toBeUndefined();
  });

  it('reads NO_PROXY as undici does: hosts and their subdomains, leading dots and stars, ports, and * for all', () => {
    const via = (url: string, noProxy: string) => proxyFor(url, { httpsProxy: 'http://p:1', noProxy }) === undefined;
    expect(via('https://openrouter.ai/x', 'example.org, openrouter.ai')).toBe(true);
    expect(via('https://api.openrouter.ai/x', 'openrouter.ai')).toBe(true);
    expect(via('https://api.openrouter.ai/x', '.openrouter.ai')).toBe(true);
    expect(via('https://api.openrouter.ai/x', '*.openrouter.ai')).toBe(true);
    expect(via('https://OpenRouter.AI/x', 'openrouter.ai')).toBe(true);
    expect(via('https://notopenrouter.ai/x', 'openrouter.ai')).toBe(false);
    expect(via('https://openrouter.ai/x', 'openrouter.ai:443')).toBe(true);
    expect(via('https://openrouter.ai:8443/x', 'openrouter.ai:443')).toBe(false);
    expect(via('https://openrouter.ai/x', '*')).toBe(true);
    expect(via('https://openrouter.ai/x', 'example.org openrouter.ai')).toBe(true);
    expect(via('https://openrouter.ai/x', '')).toBe(false);
  });

  it('prints a proxy URL without its user name and password', () => {
    expect(redactProxy('http://alice:s3cret@proxy.corp:8080')).toBe('http://proxy.corp:8080');
    expect(redactProxy('http://alice@proxy.corp:8080/')).toBe('http://proxy.corp:8080/');
    expect(redactProxy('proxy.corp:8080')).toBe('proxy.corp:8080');
    expect(redactProxy('alice:pw@proxy.corp:8080')).toBe('proxy.corp:8080');
  });
});

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}
