// The engine process: node-llama-cpp runs here, never in conch's own process,
// so a crash in native code ends this process only, its spinning threads run
// at low priority, and its logs go to a file instead of the terminal. Started
// by client.ts with the engine folder as its argument; talks over IPC.
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Llama, LlamaChat, LlamaContext, LlamaContextSequence, LlamaModel, NodeLlamaCpp } from './llama-api.ts';
import type { ChatRequest, FromWorker, ToWorker } from './protocol.ts';

lowerPriority();

const engineDir = process.argv[2] ?? '';
let llama: Promise<{ api: NodeLlamaCpp; llama: Llama }> | undefined;
let loaded: { key: string; model: LlamaModel; context: LlamaContext; sequence: LlamaContextSequence; chat: LlamaChat } | undefined;
const aborts = new Map<number, AbortController>();
let queue: Promise<void> = Promise.resolve();

const send = (message: FromWorker) => process.send?.(message);

process.on('message', (message: ToWorker) => {
  if (message.type === 'abort') {
    aborts.get(message.id)?.abort();
    return;
  }
  const controller = new AbortController();
  aborts.set(message.id, controller);
  // One answer at a time: the context has one sequence.
  queue = queue.then(() => answer(message, controller.signal)).finally(() => aborts.delete(message.id));
});
// conch went away (exit, crash): nothing is left to answer.
process.on('disconnect', () => process.exit(0));

async function answer(request: ChatRequest, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  let state;
  try {
    const started = performance.now();
    state = await load(request);
    if (state.loadMs !== undefined) send({ type: 'loaded', id: request.id, loadMs: state.loadMs, ...(state.startMs !== undefined ? { startMs: state.startMs } : {}) });
    const session = state.session;
    const meter = session.sequence.tokenMeter;
    const inputBefore = meter.usedInputTokens;
    const outputBefore = meter.usedOutputTokens;
    let firstTokenAt: number | undefined;
    // The sequence keeps the previous answer's tokens: only what differs from them is evaluated.
    const response = await session.chat.generateResponse(request.history, {
      signal,
      stopOnAbortSignal: true,
      ...(request.maxTokens !== undefined ? { maxTokens: request.maxTokens } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.functions && Object.keys(request.functions).length > 0 ? { functions: request.functions } : {}),
      // Text arrives token by token; a tool call only as its arguments (its name is generated before).
      onToken: () => (firstTokenAt ??= performance.now()),
      onFunctionCallParamsChunk: () => (firstTokenAt ??= performance.now()),
      onResponseChunk: (chunk) => {
        if (chunk.text === '') return;
        if (chunk.type === 'segment') {
          if (chunk.segmentType === 'thought') send({ type: 'reasoning', id: request.id, text: chunk.text });
        } else send({ type: 'delta', id: request.id, text: chunk.text });
      },
    });
    const finished = performance.now();
    const completionTokens = meter.usedOutputTokens - outputBefore;
    // Every generated token but the last is evaluated too, as the next one's input.
    const evaluated = meter.usedInputTokens - inputBefore - Math.max(0, completionTokens - 1);
    send({
      type: 'done',
      id: request.id,
      result: {
        content: response.response,
        toolCalls: (response.functionCalls ?? []).map((call) => ({ name: call.functionName, arguments: JSON.stringify(call.params ?? {}) })),
        stopReason: response.metadata.stopReason,
        promptTokens: Math.max(0, session.sequence.nextTokenIndex - completionTokens),
        completionTokens,
        evaluatedTokens: Math.max(0, evaluated),
        promptMs: (firstTokenAt ?? finished) - started - (state.loadMs ?? 0) - (state.startMs ?? 0),
        generationMs: firstTokenAt === undefined ? 0 : finished - firstTokenAt,
        rssBytes: process.memoryUsage().rss,
      },
    });
  } catch (error) {
    send({ type: 'error', id: request.id, kind: state ? 'generate' : 'load', message: errorText(error) });
  }
}

/** The model and context for a request: kept from the last one when the same, else loaded (the old one freed first). */
async function load(request: ChatRequest): Promise<{ session: NonNullable<typeof loaded>; loadMs?: number; startMs?: number }> {
  const key = `${request.modelPath}\0${request.contextSize}\0${request.threads}`;
  if (loaded?.key === key) return { session: loaded };
  let started = performance.now();
  let startMs: number | undefined;
  if (!llama) {
    llama = start();
    await llama;
    startMs = performance.now() - started;
    started = performance.now();
  }
  const { api, llama: instance } = await llama;
  if (loaded) {
    const old = loaded;
    loaded = undefined;
    old.chat.dispose();
    old.sequence.dispose();
    await old.context.dispose();
    await old.model.dispose();
  }
  const model = await instance.loadModel({ modelPath: request.modelPath, gpuLayers: 0 });
  try {
    const context = await model.createContext({ contextSize: request.contextSize, threads: request.threads, sequences: 1 });
    const sequence = context.getSequence();
    loaded = { key, model, context, sequence, chat: new api.LlamaChat({ contextSequence: sequence }) };
  } catch (error) {
    await model.dispose();
    throw error;
  }
  return { session: loaded, loadMs: performance.now() - started, ...(startMs !== undefined ? { startMs } : {}) };
}

async function start(): Promise<{ api: NodeLlamaCpp; llama: Llama }> {
  const entry = join(engineDir, 'node_modules', 'node-llama-cpp', 'dist', 'index.js');
  const api = (await import(pathToFileURL(entry).href)) as NodeLlamaCpp;
  const instance = await api.getLlama({
    gpu: false,
    // Only the prebuilt binary from the engine folder: never a build from source, never a download.
    build: 'never',
    skipDownload: true,
    usePrebuiltBinaries: true,
    progressLogs: false,
    logLevel: 'warn',
    // stderr is the engine log file (client.ts), never the terminal.
    logger: (level, message) => process.stderr.write(`[${level}] ${message.trimEnd()}\n`),
    // The context's `threads` is then the exact count.
    maxThreads: 0,
  });
  return { api, llama: instance };
}

/**
 * Nice 10 for every thread: llama.cpp's spinning workers then yield the CPU to
 * the terminal. On Linux a nice value is per thread, so the threads Node has
 * already started are set one by one; threads started later inherit it.
 */
function lowerPriority(): void {
  try {
    setPriority(0, 10);
    if (process.platform === 'linux') for (const task of readdirSync('/proc/self/task')) setPriority(Number(task), 10);
  } catch {
    // Not permitted here: run at normal priority.
  }
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 300);
}
