import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askQuestion, type AskIo, type AskNotice, type AskRequest, type ExchangeDraft } from '../../src/app/index.ts';
import { BUILTIN_PRESETS, UnknownPresetError, type ResolvedPreset } from '../../src/config/index.ts';
import { HttpError } from '../../src/sse/index.ts';
import { chunk, sse, startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server.ts';

let server: FakeModelServer;
beforeAll(async () => {
  server = await startFakeModelServer();
});
afterAll(() => server.close());

const preset = (): ResolvedPreset => ({ ...BUILTIN_PRESETS.snappy!, name: 'test', baseUrl: server.baseUrl, model: 'fake-model' });
const answer = (...deltas: string[]) => ({
  chunks: [sse(...deltas.map((d) => chunk({ content: d })), chunk({}, { finish_reason: 'stop' }), { choices: [], usage: { prompt_tokens: 3, completion_tokens: 7 } }, '[DONE]')],
});

function harness(options: { controller?: AbortController } = {}) {
  const events: string[] = [];
  const notices: AskNotice[] = [];
  const logged: ExchangeDraft[] = [];
  let text = '';
  const io: AskIo = {
    renderer: () => ({
      delta: (t) => {
        text += t;
        events.push('delta');
      },
      reasoning: () => {},
      end: () => events.push('end'),
      interrupted: () => events.push('interrupted'),
    }),
    notify: (notice) => {
      notices.push(notice);
      events.push(notice.kind);
    },
    log: {
      append: (entry) => {
        logged.push(entry);
        events.push('logged');
      },
    },
    signal: (options.controller ?? new AbortController()).signal,
  };
  return { io, events, notices, logged, text: () => text };
}

const request = (extra: Partial<AskRequest> = {}): AskRequest => ({
  endpoint: async () => preset(),
  build: () => ({ messages: [{ role: 'user', content: 'q [REDACTED:jwt]' }], redactions: 1 }),
  logQuestion: 'q [REDACTED:jwt]',
  ...extra,
});

describe('askQuestion: the one ask flow', () => {
  it('streams, logs, then reports the footer, and returns the proposed commands', async () => {
    server.script(answer('Try:\n\n```sh\nls -la\n```\n', 'or\n\n```sh\ndu -sh .\n```\n'));
    const h = harness();
    const outcome = await askQuestion(request(), h.io);
    expect(outcome).toMatchObject({ kind: 'answered', status: 0, commands: ['ls -la', 'du -sh .'] });
    expect(h.events.filter((e) => e !== 'delta')).toEqual(['redacted', 'end', 'logged', 'footer']);
    expect(h.text()).toContain('```sh\nls -la');
    expect(h.logged[0]).toMatchObject({ question: 'q [REDACTED:jwt]', model: 'fake-model', interrupted: false, usage: { completionTokens: 7 } });
    expect(h.logged[0]!.context).toEqual([{ role: 'user', content: 'q [REDACTED:jwt]' }]);
    expect(h.notices.at(-1)).toMatchObject({ kind: 'footer', stats: { preset: 'test', model: 'fake-model', completionTokens: 7 } });
  });

  it('Ctrl-C (the signal) stops the answer: interrupted, logged as such, the connection closed', async () => {
    server.script({ chunks: [sse(chunk({ content: 'partial' }))], stall: true });
    const controller = new AbortController();
    const h = harness({ controller });
    const pending = askQuestion(request(), { ...h.io, renderer: (preset) => ({ ...h.io.renderer(preset), delta: () => controller.abort() }) });
    const outcome = await pending;
    await server.closed();
    expect(outcome).toMatchObject({ kind: 'interrupted', status: 130 });
    expect(h.logged[0]).toMatchObject({ interrupted: true });
  });

  it('failures are typed outcomes: no prose, nothing logged; a 404 brings what the server offers', async () => {
    server.script({ status: 404, headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"message":"no such model"}}'] });
    const h = harness();
    const outcome = await askQuestion(request(), h.io);
    expect(outcome).toMatchObject({ kind: 'failed', status: 1, models: ['fake-model', 'other-model'] });
    expect(outcome.kind === 'failed' && outcome.error).toBeInstanceOf(HttpError);
    expect(h.logged).toEqual([]);

    const unknown = await askQuestion(request({ endpoint: async () => Promise.reject(new UnknownPresetError('nope', ['snappy'])) }), harness().io);
    expect(unknown).toMatchObject({ kind: 'failed', status: 1 });
    expect(unknown.kind === 'failed' && unknown.error).toBeInstanceOf(UnknownPresetError);
  });
});
