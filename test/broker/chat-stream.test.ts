import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatStream, ProviderError, StreamCutError, type ModelEndpoint } from '../../src/broker/index.ts';
import { describeError as describeModelError } from '../../src/repl/index.ts';
import { ConnectError, TimeoutError } from '../../src/sse/index.ts';
import { chunk, sse, startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server.ts';

let server: FakeModelServer;
beforeAll(async () => {
  server = await startFakeModelServer();
});
afterAll(() => server.close());

const endpoint = (extra: Partial<ModelEndpoint> = {}): ModelEndpoint => ({ name: 'test', baseUrl: server.baseUrl, model: 'fake-model', ...extra });
const messages = [{ role: 'user' as const, content: 'hi' }];
const fast = { backoffMs: () => 10 };

async function collect(extra: Partial<ModelEndpoint> = {}, options = {}) {
  const deltas: string[] = [];
  const reasoning: string[] = [];
  const result = await chatStream(endpoint(extra), messages, { onDelta: (t) => deltas.push(t), onReasoning: (t) => reasoning.push(t) }, { ...fast, ...options });
  return { result, deltas, reasoning };
}

describe('chatStream: stream shapes real servers send', () => {
  it('llama.cpp: role-only first chunk with null content, reasoning_content, timings on the last chunk', async () => {
    server.script({
      chunks: [
        sse(chunk({ role: 'assistant', content: null })),
        sse(chunk({ reasoning_content: 'think' })),
        sse(chunk({ content: 'Hel' }), chunk({ content: 'lo' })),
        sse({ choices: [{ finish_reason: 'stop', index: 0, delta: {} }], usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 }, timings: { predicted_per_second: 42.5, prompt_n: 5 } }),
        sse('[DONE]'),
      ],
    });
    const { result, deltas, reasoning } = await collect();
    expect(deltas).toEqual(['Hel', 'lo']);
    expect(reasoning).toEqual(['think']);
    expect(result).toMatchObject({ content: 'Hello', reasoning: 'think', finishReason: 'stop', usage: { completionTokens: 2 }, serverTimings: { predicted_per_second: 42.5 }, aborted: false });
    expect(result.timings.ttftMs).toBeGreaterThanOrEqual(0);
    expect(result.timings.ttftMs).toBeLessThanOrEqual(result.timings.totalMs);
    const body = server.requests.at(-1)!.json as Record<string, unknown>;
    expect(body).toMatchObject({ model: 'fake-model', stream: true, stream_options: { include_usage: true }, messages });
  });

  it('OpenRouter: keepalive comments, reasoning field, usage; no space after data:', async () => {
    server.script({
      chunks: [': OPENROUTER PROCESSING\n\n', ': OPENROUTER PROCESSING\n\n', `data:${JSON.stringify(chunk({ reasoning: 'r' }))}\n\n`, sse(chunk({ content: 'ok' }, { finish_reason: 'stop' })), sse('[DONE]')],
    });
    const { result } = await collect();
    expect(result).toMatchObject({ content: 'ok', reasoning: 'r', finishReason: 'stop' });
  });

  it('OpenAI: usage chunk with empty choices, and tool calls assembled from fragments by index', async () => {
    server.script({
      chunks: [
        sse(chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'ls', arguments: '' } }] })),
        sse(chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'pwd', arguments: '{}' } }] })),
        sse(chunk({ tool_calls: [{ index: 0, function: { arguments: '{"pa' } }] })),
        sse(chunk({ tool_calls: [{ index: 0, function: { arguments: 'th":"/"}' } }] })),
        sse(chunk({}, { finish_reason: 'tool_calls' })),
        sse({ id: 'x', object: 'chat.completion.chunk', choices: [], usage: { prompt_tokens: 1, completion_tokens: 9, total_tokens: 10 } }),
        sse('[DONE]'),
      ],
    });
    const { result } = await collect({}, { tools: [{ type: 'function', function: { name: 'ls' } }] });
    expect(result.toolCalls).toEqual([
      { id: 'call_a', type: 'function', function: { name: 'ls', arguments: '{"path":"/"}' } },
      { id: 'call_b', type: 'function', function: { name: 'pwd', arguments: '{}' } },
    ]);
    expect(result).toMatchObject({ finishReason: 'tool_calls', usage: { completionTokens: 9 } });
    expect((server.requests.at(-1)!.json as { tools: unknown[] }).tools).toHaveLength(1);
  });

  it('Ollama: role in every chunk, CRLF line ends, multi-line data, multibyte split over chunks, EOF without a blank line', async () => {
    const emoji = Buffer.from(sse(chunk({ role: 'assistant', content: 'é😀' })).replace(/\n/g, '\r\n'));
    server.script({
      chunks: [emoji.subarray(0, 60), emoji.subarray(60, emoji.length - 7), emoji.subarray(emoji.length - 7), `data: {"choices":[{"index":0,\ndata: "delta":{"content":"!"},"finish_reason":"stop"}]}\n\n`, 'data: [DONE]'],
    });
    const { result } = await collect();
    expect(result.content).toBe('é😀!');
  });

  it('a <think> block at the start of the content (no reasoning parser) reaches onReasoning, whether streamed or whole', async () => {
    server.script({ chunks: [sse(...['<th', 'ink>\nwhy', ' not', '</thi', 'nk>\n\n', 'Yes', '.'].map((t) => chunk({ content: t })), chunk({}, { finish_reason: 'stop' }), '[DONE]')] });
    const streamed = await collect();
    expect(streamed).toMatchObject({ deltas: ['Yes', '.'], reasoning: ['why', ' not'], result: { content: 'Yes.', reasoning: 'why not' } });
    server.script({ headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: '<think>why not</think>Yes.' }, finish_reason: 'stop' }] })] });
    expect((await collect()).result).toMatchObject({ content: 'Yes.', reasoning: 'why not' });
  });

  it('gives no tokens per second for an answer that came all at once, or in a few tokens; one paced by the model has its rate', async () => {
    const tokens = (n: number) => Array.from({ length: n }, (_, i) => chunk({ content: `t${i} ` }));
    server.script({ chunks: [sse(...tokens(40), chunk({}, { finish_reason: 'stop' }), '[DONE]')] });
    expect((await collect()).result.timings.tokensPerSecond).toBeUndefined();
    server.script({ chunks: [...tokens(5).map((t) => sse(t)), sse(chunk({}, { finish_reason: 'stop' }), '[DONE]')], delayMs: 80 });
    expect((await collect()).result.timings.tokensPerSecond).toBeUndefined();
    server.script({ chunks: [...tokens(15).map((t) => sse(t)), sse(chunk({}, { finish_reason: 'stop' }), '[DONE]')], delayMs: 25 });
    const paced = (await collect()).result;
    // 14 tokens after the first, at least 25 ms apart: at most 40 a second.
    expect(paced.timings.tokensPerSecond).toBeGreaterThan(0);
    expect(paced.timings.tokensPerSecond).toBeLessThanOrEqual(40);
  });

  it('stops at [DONE] without waiting for the server to close', async () => {
    server.script({ chunks: [sse(chunk({ content: 'x' }, { finish_reason: 'stop' }), '[DONE]')], stall: true });
    const { result } = await collect({ timeouts: { idleMs: 60_000 } });
    expect(result.content).toBe('x');
    await server.closed();
  });
});

describe('chatStream: failures a person can act on', () => {
  it('an error object inside a 200 stream is a provider error, whatever the status', async () => {
    server.script({ chunks: [sse(chunk({ content: 'par' }), { error: { code: 'server_error', message: 'Provider disconnected unexpectedly' }, choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }] })] });
    await expect(collect()).rejects.toMatchObject({ name: 'ProviderError', providerMessage: 'Provider disconnected unexpectedly', partial: 'par' });
    server.script({ chunks: ['event: error\ndata: {"error":{"message":"Input does not fit in context length."}}\n\n'] });
    await expect(collect()).rejects.toThrow(/does not fit in context/);
    server.script({ chunks: [sse(chunk({ content: 'a' }, { finish_reason: 'error' }))] });
    await expect(collect()).rejects.toBeInstanceOf(ProviderError);
  });

  it('a stream ending with neither finish_reason nor [DONE] is reported as cut off', async () => {
    server.script({ chunks: [sse(chunk({ content: 'half an ans' }))] });
    const error = await collect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamCutError);
    expect((error as StreamCutError).partial).toBe('half an ans');
  });

  it('401 names the key variable; 404 lists the models; HTML bodies become a short excerpt', async () => {
    server.script({ status: 401, headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"message":"Invalid API key","code":401}}'] });
    const unauthorized = await collect({ apiKeyEnv: 'OPENROUTER_API_KEY', apiKey: 'sk-test' }).catch((e: unknown) => e);
    expect(unauthorized).toMatchObject({ name: 'HttpError', status: 401, serverMessage: 'Invalid API key' });
    expect(server.requests.at(-1)!.headers.authorization).toBe('Bearer sk-test');
    expect(describeModelError(unauthorized, endpoint({ apiKeyEnv: 'OPENROUTER_API_KEY' }))).toMatch(/refused the key \(401\): Invalid API key; check \$OPENROUTER_API_KEY/);

    server.script({ status: 404, headers: { 'content-type': 'text/html' }, chunks: ['<html><head><style>x{}</style></head><body><h1>Not Found</h1><p>model gone</p></body></html>'] });
    const notFound = await collect().catch((e: unknown) => e);
    expect(notFound).toMatchObject({ status: 404, serverMessage: 'Not Found model gone' });
    expect(describeModelError(notFound, endpoint(), ['other-model', 'third-model'])).toMatch(/model 'fake-model' not found .*; it offers: other-model, third-model/);
    expect(describeModelError(notFound, endpoint(), ['fake-model', 'other-model'])).toMatch(/answered 404 for \/v1\/chat\/completions although it offers 'fake-model': is the base URL right\?/);
  });

  it('an error body with raw control characters in its JSON strings still gives its message, cleaned when shown', async () => {
    server.script({ status: 500, headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"message":"model \x1b[31mexploded\x1b[0m\tloading","code":500}}'] });
    const failed = await collect({}, { retries: 0 }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ status: 500, serverMessage: 'model \x1b[31mexploded\x1b[0m\tloading' });
    expect(describeModelError(failed, endpoint())).toBe(`test (${server.baseUrl}) answered 500: model exploded loading`);
  });

  it('retries 429 and 5xx before the first token, then succeeds', async () => {
    server.script(
      { status: 429, headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"message":"slow down"}}'] },
      { status: 503, headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"message":"busy"}}'] },
      { chunks: [sse(chunk({ content: 'finally' }, { finish_reason: 'stop' }), '[DONE]')] },
    );
    const retries: number[] = [];
    const before = server.requests.length;
    const result = await chatStream(endpoint(), messages, { onRetry: ({ attempt }) => retries.push(attempt) }, fast);
    expect(result.content).toBe('finally');
    expect(retries).toEqual([1, 2]);
    expect(server.requests.length - before).toBe(3);
  });

  it('gives up after the retries with the last error; never retries a plain 500, nor anything after a token', async () => {
    server.script({ status: 503, headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"message":"Loading model"}}'] });
    let before = server.requests.length;
    await expect(collect()).rejects.toMatchObject({ status: 503, serverMessage: 'Loading model' });
    expect(server.requests.length - before).toBe(3);
    server.script({ status: 500, headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"code":500,"message":"Cannot use tools with stream","type":"server_error"}}'] });
    before = server.requests.length;
    await expect(collect()).rejects.toMatchObject({ status: 500, serverMessage: 'Cannot use tools with stream' });
    expect(server.requests.length - before).toBe(1);
    server.script({ chunks: [sse(chunk({ content: 'tok' }))] });
    before = server.requests.length;
    await expect(collect()).rejects.toBeInstanceOf(StreamCutError);
    expect(server.requests.length - before).toBe(1);
  });

  it('a refused connection is not retried (no server is listening), and names the URL', async () => {
    const gone = { name: 'gone', baseUrl: `http://127.0.0.1:${await closedPort()}/v1`, model: 'm' };
    const retries: number[] = [];
    const error = await chatStream(gone, messages, { onRetry: ({ attempt }) => retries.push(attempt) }, fast).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
    expect(retries).toEqual([]);
    expect(describeModelError(error, gone)).toContain(`cannot reach gone (${gone.baseUrl}): ECONNREFUSED`);
  });

  it('a stalled server hits the idle timeout; keepalive comments alone hit the longer stall timeout', async () => {
    server.script({ chunks: [': ready\n\n'], stall: true });
    await expect(collect({ timeouts: { idleMs: 200 } })).rejects.toMatchObject({ name: 'TimeoutError', kind: 'idle' });
    server.script({ chunks: [sse(chunk({ role: 'assistant', content: null }))], stall: true, keepalive: { text: ': OPENROUTER PROCESSING\n\n', everyMs: 50 } });
    const stalled = await collect({ timeouts: { idleMs: 200, stallMs: 600 } }).catch((e: unknown) => e);
    expect(stalled).toBeInstanceOf(TimeoutError);
    expect((stalled as TimeoutError).kind).toBe('stall');
    // Empty data: heartbeats keep a stalled generation no more alive than comments do.
    server.script({ chunks: [sse(chunk({ role: 'assistant', content: null }))], stall: true, keepalive: { text: 'data:\n\n', everyMs: 50 } });
    await expect(collect({ timeouts: { idleMs: 200, stallMs: 600 } })).rejects.toMatchObject({ name: 'TimeoutError', kind: 'stall' });
  });

  it('a timeout after text arrived is a cut answer that keeps the text, and says which timer', async () => {
    server.script({ chunks: [sse(chunk({ content: 'half' }))], stall: true });
    const error = (await collect({ timeouts: { idleMs: 200 } }).catch((e: unknown) => e)) as StreamCutError;
    expect(error).toBeInstanceOf(StreamCutError);
    expect(error.partial).toBe('half');
    expect(error.cause).toMatchObject({ name: 'TimeoutError', kind: 'idle' });
    expect(describeModelError(error, endpoint())).toMatch(/idle timeout after 0\.2 s \(no data\); the answer above is incomplete$/);
  });

  it('abort stops the stream, keeps the partial answer, and the server sees the connection close', async () => {
    server.script({ chunks: [sse(chunk({ content: 'partial' }))], stall: true });
    const controller = new AbortController();
    const pending = chatStream(endpoint(), messages, { onDelta: () => controller.abort() }, { ...fast, signal: controller.signal });
    const result = await pending;
    expect(result).toMatchObject({ aborted: true, content: 'partial' });
    await server.closed();
  });

  it('sends temperature and max_tokens from the preset, and leaves out stream_options when the server rejects it', async () => {
    server.script(
      { status: 400, headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"message":"Unrecognized request argument: stream_options"}}'] },
      { chunks: [sse(chunk({ content: 'ok' }, { finish_reason: 'stop' }), '[DONE]')] },
    );
    const result = await chatStream(endpoint({ temperature: 0.3, maxTokens: 77 }), messages, {}, { ...fast, retries: 0 });
    expect(result.content).toBe('ok');
    const last = server.requests.at(-1)!.json as Record<string, unknown>;
    expect(last).toMatchObject({ temperature: 0.3, max_tokens: 77 });
    expect(last.stream_options).toBeUndefined();
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as import('node:net').AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
