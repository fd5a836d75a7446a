import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatStream, listModels } from '../../src/broker/index.ts';
import { APP_URL, VERSION } from '../../src/version.ts';
import { chunk, sse, startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server.ts';
import { startLoopbackProxy, type LoopbackProxy } from '../fixtures/loopback-proxy.ts';

let server: FakeModelServer;
let proxy: LoopbackProxy;
beforeAll(async () => {
  server = await startFakeModelServer();
  proxy = await startLoopbackProxy({ host: '127.0.0.1', port: Number(new URL(server.baseUrl).port) });
});
afterAll(async () => {
  await proxy.close();
  await server.close();
});

const answer = { chunks: [sse(chunk({ content: 'ok' }, { finish_reason: 'stop' }), '[DONE]')] };
const messages = [{ role: 'user' as const, content: 'hi' }];

describe('what conch sends', () => {
  it('names itself in User-Agent, to the chat endpoint and the model list', async () => {
    server.script(answer);
    await chatStream({ name: 'local', baseUrl: server.baseUrl, model: 'm' }, messages);
    expect(server.requests.at(-1)!.headers['user-agent']).toBe(`conch/${VERSION}`);
    await listModels({ baseUrl: server.baseUrl });
    expect(server.requests.at(-1)!).toMatchObject({ method: 'GET', headers: { 'user-agent': `conch/${VERSION}` } });
  });

  it("sends OpenRouter's app attribution to OpenRouter only, through the proxy the environment names", async () => {
    server.script(answer);
    const viaProxy = { httpProxy: proxy.url };
    await chatStream({ name: 'cloud', baseUrl: 'http://openrouter.ai/api/v1', model: 'm', apiKey: 'sk-or-test', proxy: viaProxy }, messages);
    expect(proxy.tunnels.at(-1)).toBe('openrouter.ai:80');
    expect(server.requests.at(-1)!).toMatchObject({ url: '/api/v1/chat/completions', headers: { 'http-referer': APP_URL, 'x-title': 'conch', authorization: 'Bearer sk-or-test' } });
    await chatStream({ name: 'other', baseUrl: 'http://models.example.invalid/v1', model: 'm', proxy: viaProxy }, messages);
    expect(server.requests.at(-1)!.headers).not.toHaveProperty('x-title');
    expect(server.requests.at(-1)!.headers).not.toHaveProperty('http-referer');
  });
});
