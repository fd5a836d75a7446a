// The embedded engine on the tiny generated GGUF: start and load, time to
// first token cold and warm, tokens/s with 1 and 2 threads (and how late
// conch's own event loop runs meanwhile), the engine's memory, Ctrl-C.
// `npx tsx bench/engine.ts` alone, or through `npm run bench`.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chatStream, type ChatMessage, type ModelEndpoint } from '../src/broker/index.ts';
import { engineDir } from '../src/config/index.ts';
import { engineInstalled, shutdownEngines } from '../src/engine/index.ts';
import { tinyModel } from '../test/fixtures/tiny-model.ts';
import { machine, median } from './lib/stats.ts';

export interface EngineBench {
  modelBytes: number;
  cold: { startMs: number; loadMs: number; ttftMs: number }[];
  warmTtftMs: number[];
  threads: { threads: number; tokensPerSecond: number[]; loopDelayP99Ms: number[] }[];
  rssBytes: number;
  abortMs: number[];
}

const question: ChatMessage[] = [
  { role: 'system', content: 'You answer questions from a terminal user. Be concise and direct. Put shell commands in fenced ```sh blocks.' },
  { role: 'user', content: 'how do I find the 10 largest files here?' },
];

export async function benchEngine(options: { coldRuns?: number; runs?: number; tokens?: number } = {}): Promise<EngineBench | undefined> {
  // The user's engine, else the one the tests install (node_modules/.cache/conch-engine).
  const dir = [engineDir(process.env), fileURLToPath(new URL('../node_modules/.cache/conch-engine', import.meta.url))].find(engineInstalled);
  if (!dir) return undefined;
  const folder = mkdtempSync(join(tmpdir(), 'conch-bench-engine-'));
  // CONCH_BENCH_MODEL: a real GGUF instead of the generated tiny one.
  const modelFile = process.env.CONCH_BENCH_MODEL ?? join(folder, 'tiny.gguf');
  if (!process.env.CONCH_BENCH_MODEL) writeFileSync(modelFile, tinyModel({ seed: 11 }));
  const modelBytes = statSync(modelFile).size;
  const endpoint = (threads: number, maxTokens: number): ModelEndpoint => ({
    name: 'tiny',
    baseUrl: 'embedded',
    model: 'tiny',
    temperature: 0,
    maxTokens,
    embedded: { source: modelFile, path: modelFile, engineDir: dir, logFile: join(folder, 'engine.log'), contextSize: process.env.CONCH_BENCH_MODEL ? 4096 : 1024, threads },
  });

  // Cold: a new engine process each time (spawn, llama.cpp start, model load, prompt, first token).
  const cold: EngineBench['cold'] = [];
  for (let i = 0; i < (options.coldRuns ?? 5); i++) {
    shutdownEngines();
    const result = await chatStream(endpoint(1, 8), question);
    cold.push({ startMs: result.serverTimings!.start_ms!, loadMs: result.serverTimings!.load_ms!, ttftMs: result.timings.ttftMs! });
  }

  // Warm: the same engine and model, a new question each time (the prompt differs from the cache at the end).
  const warmTtftMs: number[] = [];
  for (let i = 0; i < (options.runs ?? 9); i++) {
    const result = await chatStream(endpoint(1, 8), [...question.slice(0, 1), { role: 'user', content: `question ${i}: how do I find large files?` }]);
    warmTtftMs.push(result.timings.ttftMs!);
  }

  // Throughput, 1 and 2 threads interleaved; conch's event loop delay measured meanwhile.
  const threads: EngineBench['threads'] = [1, 2].map((n) => ({ threads: n, tokensPerSecond: [], loopDelayP99Ms: [] }));
  let rssBytes = 0;
  for (let i = 0; i < (options.runs ?? 5); i++) {
    for (const entry of threads) {
      await chatStream(endpoint(entry.threads, 2), question);
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const result = await chatStream(endpoint(entry.threads, options.tokens ?? 200), question);
      delay.disable();
      entry.tokensPerSecond.push(result.timings.tokensPerSecond!);
      entry.loopDelayP99Ms.push(delay.percentile(99) / 1e6);
      rssBytes = result.engine!.rssBytes;
    }
  }

  // Ctrl-C: from abort() to chatStream resolving, mid-answer.
  const abortMs: number[] = [];
  for (let i = 0; i < (options.runs ?? 9); i++) {
    const controller = new AbortController();
    let abortedAt = 0;
    let deltas = 0;
    await chatStream(endpoint(1, 100_000), question, { onDelta: () => {
      if (++deltas === 20) {
        abortedAt = performance.now();
        controller.abort();
      }
    } }, { signal: controller.signal });
    abortMs.push(performance.now() - abortedAt);
  }
  shutdownEngines();
  rmSync(folder, { recursive: true, force: true });
  return { modelBytes, cold, warmTtftMs, threads, rssBytes, abortMs };
}

export function reportEngine(result: EngineBench | undefined): string {
  if (!result) return 'embedded engine: not installed (run `conch models pull` or the tests once), skipped';
  const ms = (v: number) => `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`;
  const rows = [
    `embedded engine, ${process.env.CONCH_BENCH_MODEL ?? 'tiny generated GGUF (llama arch, 2 blocks x 64)'}, ${Math.round(result.modelBytes / 1000)} kB:`,
    `  cold (new engine process), median of ${result.cold.length}: node-llama-cpp import + llama.cpp start ${ms(median(result.cold.map((c) => c.startMs)))}, model load + chat template ${ms(median(result.cold.map((c) => c.loadMs)))}, first token ${ms(median(result.cold.map((c) => c.ttftMs)))} after the question`,
    `  warm first token, median of ${result.warmTtftMs.length}: ${ms(median(result.warmTtftMs))}`,
    ...result.threads.map((t) => `  ${t.threads} thread${t.threads > 1 ? 's' : ''}: ${Math.round(median(t.tokensPerSecond))} tokens/s (runs: ${t.tokensPerSecond.map(Math.round).join(', ')}); conch's event loop p99 delay ${ms(median(t.loopDelayP99Ms))}`),
    `  engine process RSS with the model loaded: ${Math.round(result.rssBytes / 1e6)} MB`,
    `  Ctrl-C to chatStream resolved, median of ${result.abortMs.length}: ${ms(median(result.abortMs))}`,
  ];
  return rows.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`machine: ${machine()}`);
  console.log(reportEngine(await benchEngine()));
}
