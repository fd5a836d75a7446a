import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/broker/index.ts';
import { UnknownPresetError } from '../../src/config/index.ts';
import { describeError, noticeLine } from '../../src/repl/index.ts';
import { ConnectError, HttpError, TimeoutError } from '../../src/sse/index.ts';

const endpoint = { name: 'fast', baseUrl: 'http://127.0.0.1:8080/v1', model: 'qwen', apiKeyEnv: 'MY_KEY' };

describe('describeError: one sentence at the edge', () => {
  it('names the server, and what to do', () => {
    expect(describeError(new ConnectError('http://127.0.0.1:8080/v1/chat/completions', 'ECONNREFUSED'), endpoint)).toBe(
      'cannot reach fast (http://127.0.0.1:8080/v1): ECONNREFUSED; is the server running? (conch models lists what answers)',
    );
    expect(describeError(new HttpError({ status: 401, url: 'u', serverMessage: 'bad key' }), endpoint)).toBe('fast (http://127.0.0.1:8080/v1) refused the key (401): bad key; check $MY_KEY');
    expect(describeError(new HttpError({ status: 404, url: 'u', serverMessage: '' }), endpoint, ['a', 'b'])).toBe("model 'qwen' not found at fast (http://127.0.0.1:8080/v1); it offers: a, b");
  });

  it('a connect timeout through a proxy names the proxy and what to check; without one, the server', () => {
    const url = 'https://openrouter.ai/api/v1/chat/completions';
    const cloud = { name: 'cloud', baseUrl: 'https://openrouter.ai/api/v1', model: 'm' };
    expect(describeError(new TimeoutError('connect', 10_000, url, 'http://proxy.corp:3128'), cloud)).toBe(
      'cloud (https://openrouter.ai/api/v1): no response within 10.0 s through the proxy http://proxy.corp:3128; check HTTPS_PROXY/HTTP_PROXY, or NO_PROXY for a host reached directly',
    );
    expect(describeError(new TimeoutError('connect', 10_000, url), cloud)).toBe('cloud (https://openrouter.ai/api/v1): connect timeout after 10.0 s (no response)');
  });

  it('a 404 from a server that offers the model is a wrong path, not a missing model', () => {
    const error = new HttpError({ status: 404, url: 'http://127.0.0.1:8080/v1/chat/completions', serverMessage: 'File Not Found' });
    expect(describeError(error, endpoint, ['other', 'qwen'])).toBe(
      "fast (http://127.0.0.1:8080/v1) answered 404 for /v1/chat/completions although it offers 'qwen': is the base URL right? (it usually ends in /v1)",
    );
    expect(describeError(error, endpoint, ['other'])).toBe("model 'qwen' not found at fast (http://127.0.0.1:8080/v1): File Not Found; it offers: other");
  });

  it('without an endpoint, the error says where; other ConchErrors say their own sentence', () => {
    expect(describeError(new ProviderError('http://h/v1/chat/completions', 'context too long'))).toBe('http://h/v1/chat/completions reported an error: context too long');
    expect(describeError(new UnknownPresetError('nope', ['snappy', 'cloud']))).toBe("unknown preset 'nope' (known: snappy, cloud)");
  });

  it('notices become lines; colour only when asked', () => {
    expect(noticeLine({ kind: 'redacted', count: 2 }, false)).toBe('(2 values redacted before sending)');
    expect(noticeLine({ kind: 'footer', stats: { preset: 'fast', model: 'qwen', totalMs: 1500, completionTokens: 9, steps: 2 } }, false)).toBe('fast · qwen · 2 steps · 9 tokens · 1.5 s');
  });
});
