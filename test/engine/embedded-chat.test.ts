import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chatStream, type ChatMessage, type ModelEndpoint } from '../../src/broker/index.ts';
import { EngineCrashError, EngineError, engineFor, EngineMissingError, ModelNotPulledError, shutdownEngines } from '../../src/engine/index.ts';
import { embeddedEndpoint, ENGINE_DIR, writeTinyModel } from '../helpers/engine.ts';

const question: ChatMessage[] = [
  { role: 'system', content: 'You answer questions from a terminal user. Be concise and direct.' },
  { role: 'user', content: 'how do I list files?' },
];

afterAll(() => shutdownEngines());

function enginePid(endpoint: ModelEndpoint): number | undefined {
  return engineFor(endpoint.embedded!.engineDir, endpoint.embedded!.logFile).pid;
}

// A cold engine (a new process: node-llama-cpp's import, llama.cpp's start) takes seconds on a loaded 2-core machine.
describe('the embedded engine through chatStream', { timeout: 60_000 }, () => {
  it('streams a seeded model the same way twice, with usage, timings and memory, loading the model once', async () => {
    const endpoint = embeddedEndpoint(writeTinyModel({ seed: 7 }));
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const deltas: string[] = [];
      runs.push({ result: await chatStream(endpoint, question, { onDelta: (text) => deltas.push(text) }), deltas });
    }
    const [first, second] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(first.deltas.length).toBeGreaterThan(1);
    expect(first.deltas.join('')).toBe(first.result.content);
    expect(first.result.content).not.toBe('');
    expect(second.result.content).toBe(first.result.content);
    expect(first.result).toMatchObject({ aborted: false, finishReason: 'length', toolCalls: [], usage: { completionTokens: 24 } });
    expect(first.result.usage!.promptTokens).toBeGreaterThan(20);
    expect(first.result.timings.ttftMs).toBeGreaterThan(0);
    expect(first.result.timings.tokensPerSecond).toBeGreaterThan(0);
    expect(first.result.engine!.rssBytes).toBeGreaterThan(1024 * 1024);
    // Loaded by the first question, kept warm for the second.
    expect(first.result.engine!.loadMs).toBeGreaterThan(0);
    expect(second.result.engine!.loadMs).toBeUndefined();
    // The second prompt is the first's: evaluated from the cache, not again.
    expect(second.result.serverTimings!.prompt_n).toBeLessThan(first.result.serverTimings!.prompt_n!);
  });

  it('writes exactly what a scripted model says and stops at its end-of-turn token', async () => {
    const endpoint = embeddedEndpoint(writeTinyModel({ script: ['Hello', ',', '\u2581world', '!'] }), { maxTokens: 100 });
    const result = await chatStream(endpoint, question);
    expect(result.content).toBe('Hello, world!');
    expect(result.finishReason).toBe('stop');
    expect(result.usage!.completionTokens).toBe(5);
  });

  it('hands reasoning to onReasoning and the answer to onDelta when the template has thinking segments', async () => {
    const endpoint = embeddedEndpoint(writeTinyModel({ thinking: true, script: ['<think>', 'hmm,', '\u2581files', '</think>', 'Use', '\u2581ls'] }), { maxTokens: 40 });
    const reasoning: string[] = [];
    const deltas: string[] = [];
    const result = await chatStream(endpoint, question, { onReasoning: (text) => reasoning.push(text), onDelta: (text) => deltas.push(text) });
    expect(reasoning.join('')).toBe('hmm, files');
    expect(deltas.join('')).toBe('Use ls');
    expect(result).toMatchObject({ reasoning: 'hmm, files', content: 'Use ls', finishReason: 'stop' });
  });

  it('stops at once on abort with what arrived, and the next question finds the model loaded', async () => {
    const endpoint = embeddedEndpoint(writeTinyModel({ script: ['la', 'la\u2581', 'la!\n'], loop: true }), { maxTokens: 1_000_000 });
    const controller = new AbortController();
    let deltas = 0;
    const result = await chatStream(endpoint, question, { onDelta: () => ++deltas === 5 && controller.abort() }, { signal: controller.signal });
    expect(result.aborted).toBe(true);
    expect(result.content).toMatch(/^lala la!\nla/);
    const pid = enginePid(endpoint);
    const next = await chatStream({ ...endpoint, maxTokens: 6 }, question);
    expect(next).toMatchObject({ aborted: false, content: 'lala la!\nlala la!\n', finishReason: 'length' });
    expect(next.engine!.loadMs).toBeUndefined();
    expect(enginePid(endpoint)).toBe(pid);
  });

  it('runs every engine thread at low priority (Linux)', async () => {
    if (process.platform !== 'linux') return;
    const endpoint = embeddedEndpoint(writeTinyModel({ script: ['tick', 'tock\u2581'], loop: true }), { maxTokens: 1_000_000 });
    const controller = new AbortController();
    let niceness: number[] = [];
    await chatStream(
      endpoint,
      question,
      {
        onDelta: () => {
          if (niceness.length > 0) return;
          const pid = enginePid(endpoint)!;
          // Field 19 of /proc/PID/task/TID/stat, counted after the command name's closing parenthesis.
          niceness = readdirSync(`/proc/${pid}/task`).map((tid) => Number(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));
          controller.abort();
        },
      },
      { signal: controller.signal },
    );
    expect(niceness.length).toBeGreaterThan(1);
    expect(Math.min(...niceness)).toBeGreaterThanOrEqual(10);
  });

  it('reports a crash of the engine as one error, and the next question starts a new engine', async () => {
    const endpoint = embeddedEndpoint(writeTinyModel({ script: ['on', 'and\u2581'], loop: true }), { maxTokens: 1_000_000 });
    let killed = false;
    const answer = chatStream(endpoint, question, {
      onDelta: () => {
        if (killed) return;
        killed = true;
        process.kill(enginePid(endpoint)!, 'SIGKILL');
      },
    });
    await expect(answer).rejects.toThrow(EngineCrashError);
    await expect(answer).rejects.toThrow(/the embedded engine stopped \(signal SIGKILL\)/);
    const next = await chatStream({ ...endpoint, maxTokens: 2 }, question);
    expect(next.content).toBe('onand ');
  });

  it('says in one line how to get a missing engine, and to pull a missing model', async () => {
    const model = writeTinyModel();
    const empty = mkdtempSync(join(tmpdir(), 'no-engine-'));
    const noEngine = embeddedEndpoint(model);
    await expect(chatStream({ ...noEngine, embedded: { ...noEngine.embedded!, engineDir: empty } }, question)).rejects.toThrow(EngineMissingError);
    await expect(chatStream({ ...noEngine, embedded: { ...noEngine.embedded!, engineDir: empty } }, question)).rejects.toThrow(/not installed .*; run `conch models pull` to install it/);
    const gone = join(empty, 'gone.gguf');
    const notPulled = embeddedEndpoint(gone);
    await expect(chatStream({ ...notPulled, name: 'local', embedded: { ...notPulled.embedded!, url: 'https://example.invalid/gone.gguf' } }, question)).rejects.toThrow(ModelNotPulledError);
    await expect(chatStream({ ...notPulled, name: 'local', embedded: { ...notPulled.embedded!, url: 'https://example.invalid/gone.gguf' } }, question)).rejects.toThrow(
      /not downloaded yet; run `conch models pull local`/,
    );
    expect(ENGINE_DIR).not.toBe(empty);
  });

  it('names a file that is not a model, and keeps answering with a good one', async () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'bad-model-')), 'bad.gguf');
    writeFileSync(bad, Buffer.concat([Buffer.from('GGUF'), Buffer.alloc(60, 0xff)]));
    const answer = chatStream(embeddedEndpoint(bad), question);
    await expect(answer).rejects.toThrow(EngineError);
    await expect(answer).rejects.toThrow(new RegExp(`cannot load ${bad}`));
    const good = await chatStream(embeddedEndpoint(writeTinyModel({ script: ['fine'] })), question);
    expect(good.content).toBe('fine');
  });
});
