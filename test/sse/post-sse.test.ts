import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError, postSse, StreamClosedError, type SseEvent, type SseRequestOptions } from '../../src/sse/index.ts';
import { retryAfterSeconds } from '../../src/sse/read-body.ts';
import { sse, startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server.ts';

let server: FakeModelServer;
beforeAll(async () => {
  server = await startFakeModelServer();
});
afterAll(() => server.close());

const url = () => `${server.baseUrl}/chat/completions`;

async function post(options: SseRequestOptions = {}) {
  const events: SseEvent[] = [];
  const result = await postSse(url(), '{}', {}, { onEvent: (event) => void events.push(event) }, options);
  return { result, events: events.map((event) => event.data) };
}

describe('postSse: what the response is', () => {
  it('hands a body that is not an event stream back whole, with its content type, instead of parsing it', async () => {
    const completion = '{"choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}]}\n';
    server.script({ headers: { 'content-type': 'application/json; charset=utf-8' }, chunks: [completion.slice(0, 20), completion.slice(20)], delayMs: 5 });
    expect(await post()).toEqual({ result: { aborted: false, stopped: false, body: { contentType: 'application/json; charset=utf-8', text: completion }, contentType: 'application/json; charset=utf-8' }, events: [] });
    server.script({ headers: { 'content-type': 'text/html' }, chunks: ['<html><body>Sign in to continue</body></html>'] });
    expect((await post()).result.body).toEqual({ contentType: 'text/html', text: '<html><body>Sign in to continue</body></html>' });
  });

  it('parses a body with no content type, or a mislabelled one, as a stream', async () => {
    for (const headers of [{}, { 'content-type': 'text/plain; charset=utf-8' }, { 'content-type': 'application/octet-stream' }] as Record<string, string>[]) {
      server.script({ headers, chunks: [sse('a', '[DONE]')] });
      expect((await post()).events, JSON.stringify(headers)).toEqual(['a', '[DONE]']);
    }
    server.script({ headers: { 'content-type': 'application/problem+json' }, chunks: ['{"title":"x"}'] });
    expect((await post()).result.body).toEqual({ contentType: 'application/problem+json', text: '{"title":"x"}' });
  });

  it('reports a connection broken mid-body as StreamClosedError, keeping the events already handed over', async () => {
    server.script({ chunks: [sse('one'), 'data: tw'], cut: true });
    const events: string[] = [];
    const error = await postSse(url(), '{}', {}, { onEvent: (event) => void events.push(event.data) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamClosedError);
    expect(events).toEqual(['one']);
  });
});

describe('postSse: errors and timers', () => {
  it('reads an error body under the idle timer: a body that stalls still gives the HttpError, with the status text', async () => {
    server.script({ status: 503, headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"mess'], stall: true });
    const error = await post({ idleTimeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 503, serverMessage: 'Service Unavailable' });
    await server.closed();
  });

  it('reads Retry-After as seconds or as an HTTP-date', async () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    expect(retryAfterSeconds('120', now)).toBe(120);
    expect(retryAfterSeconds('Wed, 21 Oct 2026 07:29:30 GMT', now)).toBe(90);
    expect(retryAfterSeconds('Wed, 21 Oct 2026 07:00:00 GMT', now)).toBe(0);
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
    expect(retryAfterSeconds(null, now)).toBeUndefined();
    const at = new Date(Date.now() + 600_000).toUTCString();
    server.script({ status: 429, headers: { 'content-type': 'text/plain', 'retry-after': at }, chunks: ['slow down'] });
    const error = (await post().catch((e: unknown) => e)) as HttpError;
    expect(error).toMatchObject({ status: 429, serverMessage: 'slow down' });
    // Whole seconds from a date with whole seconds: 599 or 600, depending on when the second turned.
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(598);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(600);
  });

  it('never turns a timer too long for Node into a 1 ms one', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      server.script({ chunks: [sse('a'), sse('b'), sse('[DONE]')], delayMs: 30 });
      const huge = 2 ** 31 + 5;
      const { events } = await post({ connectTimeoutMs: huge, idleTimeoutMs: huge, stallTimeoutMs: 2 ** 40, overallTimeoutMs: Number.MAX_SAFE_INTEGER });
      expect(events).toEqual(['a', 'b', '[DONE]']);
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.name === 'TimeoutOverflowWarning')).toEqual([]);
  });
});
