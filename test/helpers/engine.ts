import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelEndpoint } from '../../src/broker/index.ts';
import { engineDir } from '../../src/config/index.ts';
import { tinyModel, type TinyModelOptions } from '../fixtures/tiny-model.ts';

/** Where the test setup installed the engine (CONCH_ENGINE_DIR, set by vitest.config.ts). */
export const ENGINE_DIR = engineDir(process.env);

/** Writes a tiny model into a fresh temp dir and returns its path. */
export function writeTinyModel(options: TinyModelOptions = {}, name = 'tiny.gguf'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'conch-model-')), name);
  writeFileSync(path, tinyModel(options));
  return path;
}

/** An embedded endpoint on a model file: one thread, greedy, a context big enough for a system prompt. */
export function embeddedEndpoint(path: string, overrides: Partial<ModelEndpoint> = {}): ModelEndpoint {
  return {
    name: 'tiny',
    baseUrl: 'embedded',
    model: 'tiny',
    temperature: 0,
    maxTokens: 24,
    embedded: { source: path, path, engineDir: ENGINE_DIR, logFile: join(tmpdir(), 'engine.log'), contextSize: 1024, threads: 1 },
    ...overrides,
  };
}
