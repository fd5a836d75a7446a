import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopback, postSse, type ProxySettings, type SseEvent } from '../../src/sse/index.ts';
import { sse, startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server.ts';
import { startLoopbackProxy, type LoopbackProxy } from '../fixtures/loopback-proxy.ts';

let server: FakeModelServer;
let proxy: LoopbackProxy;
let port: number;
beforeAll(async () => {
  server = await startFakeModelServer();
  port = Number(new URL(server.baseUrl).port);
  proxy = await startLoopbackProxy({ host: '127.0.0.1', port });
});
afterAll(async () => {
  await proxy.close();
  await server.close();
});

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
    // The tunnel is opened (the TLS handshake with the plain-HTTP fake server then fails): it is the CONNECT that matters.
    const tunnels = proxy.tunnels.length;
    const error = await postSse('https://cloud.invalid/v1/chat/completions', '{}', {}, { onEvent: () => {} }, { proxy: { httpProxy: proxy.url }, connectTimeoutMs: 5000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ConnectError' });
    expect(proxy.tunnels.slice(tunnels)).toEqual(['cloud.invalid:443']);
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
});
