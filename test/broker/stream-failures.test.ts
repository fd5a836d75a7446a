import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerSoFar, chatStream, ProviderError, StreamCutError, UnexpectedBodyError, type ModelEndpoint } from '../../src/broker/index.ts';
import { describeError as describeModelError } from '../../src/repl/index.ts';
import { HttpError } from '../../src/sse/index.ts';
import { chunk, sse, startFakeModelServer, type FakeModelServer, type Script } from '../fixtures/fake-model-server.ts';

let server: FakeModelServer;
beforeAll(async () => {
  server = await startFakeModelServer();
});
afterAll(() => server.close());

const endpoint: () => ModelEndpoint = () => ({ name: 'test', baseUrl: server.baseUrl, model: 'fake-model' });
const messages = [{ role: 'user' as const, content: 'hi' }];

/** Runs one answer: what reached onDelta, and the result or the error. */
async function run(...scripts: Script[]) {
  server.script(...scripts);
  const deltas: string[] = [];
  const retries: number[] = [];
  const outcome = await chatStream(endpoint(), messages, { onDelta: (t) => deltas.push(t), onRetry: ({ delayMs }) => retries.push(delayMs) }, { backoffMs: () => 10 }).then(
    (result) => ({ result, error: undefined }),
    (error: unknown) => ({ result: undefined, error }),
  );
  return { ...outcome, shown: deltas.join(''), retries };
}

describe('errors a server reports inside a 200 stream carry its own message and the text already shown', () => {
  it("llama-server (2025): a non-standard `error:` field, then data: [DONE]", async () => {
    const { error, shown } = await run({
      chunks: [
        sse(chunk({ role: 'assistant', content: null }), chunk({ content: 'Sure, ' })),
        'error: {"code":400,"message":"the request exceeds the available context size, try increasing it","type":"exceed_context_size_error","n_prompt_tokens":5012,"n_ctx":4096}\n\n',
        'data: [DONE]\n\n',
      ],
    });
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ providerMessage: 'the request exceeds the available context size, try increasing it', partial: 'Sure, ' });
    expect(shown).toBe('Sure, ');
    expect(describeModelError(error, endpoint())).toMatch(/reported an error: the request exceeds the available context size, try increasing it; the answer above is incomplete$/);
  });

  it('llama-server (after #16109): data: {"error":...}, then data: [DONE]', async () => {
    const { error } = await run({ chunks: [sse({ error: { code: 500, message: 'Compute error.', type: 'server_error' } }, '[DONE]')] });
    expect(error).toMatchObject({ name: 'ProviderError', providerMessage: 'Compute error.', partial: '' });
    expect(describeModelError(error, endpoint())).toMatch(/reported an error: Compute error\.$/);
  });

  it('Ollama: a bare JSON error line with no data: prefix', async () => {
    const { error } = await run({
      chunks: [sse(chunk({ role: 'assistant', content: 'The ' }), chunk({ role: 'assistant', content: 'answer' })), '{"error":{"message":"model runner has unexpectedly stopped, this may be due to resource limitations","type":"api_error","param":null,"code":null}}\n'],
    });
    expect(error).toMatchObject({ name: 'ProviderError', providerMessage: 'model runner has unexpectedly stopped, this may be due to resource limitations', partial: 'The answer' });
    expect(answerSoFar(error)).toBe('The answer');
  });

  it('a 200 stream of lines that are not server-sent events at all is named as such, with what it said', async () => {
    const { error } = await run({ headers: { 'content-type': 'text/plain' }, chunks: ['{"detail":"Model not loaded"}\n'] });
    expect(error).toBeInstanceOf(UnexpectedBodyError);
    expect(error).toMatchObject({ contentType: 'text/plain', excerpt: '{"detail":"Model not loaded"}' });
  });
});

describe('what arrives is used', () => {
  it("OpenAI: a refusal is printed as the answer's text", async () => {
    const { result, shown } = await run({
      chunks: [
        sse(chunk({ role: 'assistant', content: null, refusal: '' }), chunk({ refusal: "I'm sorry," }), chunk({ refusal: " I can't help with that." }), chunk({}, { finish_reason: 'stop' }), '[DONE]'),
      ],
    });
    expect(shown).toBe("I'm sorry, I can't help with that.");
    expect(result?.content).toBe("I'm sorry, I can't help with that.");
  });

  it('empty data: heartbeats are ignored', async () => {
    const { result, error } = await run({ chunks: ['data:\n\n', sse(chunk({ content: 'ok' })), 'data: \n\n', sse(chunk({}, { finish_reason: 'stop' }), '[DONE]')] });
    expect(error).toBeUndefined();
    expect(result?.content).toBe('ok');
  });

  it('a tool name repeated in every fragment is not joined to itself', async () => {
    const call = (args: string) => chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: args } }] });
    const { result } = await run({ chunks: [sse(call(''), call('{"city":'), call('"Oslo"}'), chunk({}, { finish_reason: 'tool_calls' }), '[DONE]')] });
    expect(result?.toolCalls).toEqual([{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }]);
  });

  it('a non-streamed JSON completion is the answer, not an error', async () => {
    const body = { id: 'chatcmpl-9', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'Use ls -la.' }, finish_reason: 'stop' }], usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 } };
    const { result, shown } = await run({ headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify(body)] });
    expect(shown).toBe('Use ls -la.');
    expect(result).toMatchObject({ content: 'Use ls -la.', finishReason: 'stop', usage: { completionTokens: 4 }, aborted: false });
  });

  it('a JSON error object in a 200 response is the server reporting an error', async () => {
    const { error } = await run({ headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"message":"Input does not fit in context length."}}'] });
    expect(error).toMatchObject({ name: 'ProviderError', providerMessage: 'Input does not fit in context length.' });
  });

  it('a 200 HTML page (a proxy, a portal) is named as such, with a plain-text excerpt', async () => {
    const { error } = await run({ headers: { 'content-type': 'text/html; charset=utf-8' }, chunks: ['<html><head><title>Login</title><style>b{}</style></head><body><h1>Sign in</h1> to use this network</body></html>'] });
    expect(error).toMatchObject({ name: 'UnexpectedBodyError', contentType: 'text/html; charset=utf-8', excerpt: 'Login Sign in to use this network' });
    expect(describeModelError(error, endpoint())).toMatch(/answered with text\/html; charset=utf-8, not a chat completion .*: Login Sign in/);
  });
});

describe('a stream cut short keeps what arrived and says the connection closed', () => {
  it('cut in the middle of an event: the half line is never read as a chunk', async () => {
    const { error, shown } = await run({ chunks: [sse(chunk({ content: 'Hello, ' })), 'data: {"choices":[{"index":0,"delta":{"content":"wor'] });
    expect(error).toBeInstanceOf(StreamCutError);
    expect(shown).toBe('Hello, ');
    expect((error as StreamCutError).partial).toBe('Hello, ');
    expect(describeModelError(error, endpoint())).toMatch(/: the connection closed mid-answer; the answer above is incomplete$/);
  });

  it('the connection broken mid-answer: not "cannot reach", and not retried', async () => {
    const before = server.requests.length;
    const { error, shown } = await run({ chunks: [sse(chunk({ content: 'Hello' })), 'data: {"cho'], cut: true });
    expect(error).toBeInstanceOf(StreamCutError);
    expect(shown).toBe('Hello');
    expect(server.requests.length - before).toBe(1);
    const sentence = describeModelError(error, endpoint());
    expect(sentence).toMatch(/the connection closed mid-answer; the answer above is incomplete$/);
    expect(sentence).not.toMatch(/cannot reach|is the server running/);
  });

  it('closed before anything arrived, it says so', async () => {
    const { error } = await run({ chunks: [': hi\n\n'] });
    expect(error).toBeInstanceOf(StreamCutError);
    expect(describeModelError(error, endpoint())).toMatch(/: the connection closed before an answer arrived$/);
  });
});

describe('429', () => {
  it('waits as long as Retry-After asks before retrying', async () => {
    const { result, retries } = await run(
      { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '1' }, chunks: ['{"error":{"message":"slow down"}}'] },
      { chunks: [sse(chunk({ content: 'ok' }, { finish_reason: 'stop' }), '[DONE]')] },
    );
    expect(result?.content).toBe('ok');
    expect(retries).toEqual([1000]);
  });

  it('does not wait when the server asks for longer than conch waits; the error says when to try again', async () => {
    const at = new Date(Date.now() + 120_000).toUTCString();
    const before = server.requests.length;
    const { error, retries } = await run({ status: 429, headers: { 'content-type': 'application/json', 'retry-after': at }, chunks: ['{"error":{"message":"Rate limit exceeded"}}'] });
    expect(error).toBeInstanceOf(HttpError);
    expect(retries).toEqual([]);
    expect(server.requests.length - before).toBe(1);
    expect(describeModelError(error, endpoint())).toMatch(/rate limiting \(429\): Rate limit exceeded; try again in 1(19|20) s$/);
  });
});
