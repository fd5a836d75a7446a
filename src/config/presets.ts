/** One way to reach a model, as configured. Keys are never stored here: only the NAME of the env var holding one. */
export interface Preset {
  name: string;
  baseUrl: string;
  model: string;
  apiKeyEnv?: string;
  /** The model's context window in tokens; sets how much shell history the model sees. */
  contextSize: number;
  maxTokens: number;
  temperature: number;
  /** What of the shell the model sees: output too, command lines only, or nothing. */
  context: 'full' | 'commands' | 'none';
  timeouts: { connectMs: number; idleMs: number; stallMs: number; overallMs: number };
  /** How the model is reached: an OpenAI-compatible server (the default), or in-process from a GGUF file (`model` is then a path, URL or hf: reference). */
  engine?: 'openai' | 'embedded';
  /** Embedded engine only: CPU threads (default: chosen from the cores, so the terminal stays responsive). */
  threads?: number;
}

/** Qwen2.5-Coder-1.5B-Instruct, Q4_K_M: about 1.1 GB. */
const LOCAL_MODEL = 'hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf';

const LOCAL_TIMEOUTS = { connectMs: 5_000, idleMs: 60_000, stallMs: 180_000, overallMs: 600_000 };

/**
 * The seed design's presets: a fast small-context llama.cpp server (`snappy`,
 * llama-server's default port), a long-context one (`32k`, a second
 * llama-server on 8081), OpenRouter (`cloud`), and the usual local servers.
 */
export const BUILTIN_PRESETS: Readonly<Record<string, Preset>> = {
  snappy: {
    name: 'snappy',
    baseUrl: 'http://127.0.0.1:8080/v1',
    model: 'local',
    contextSize: 4096,
    maxTokens: 512,
    temperature: 0.2,
    context: 'full',
    timeouts: LOCAL_TIMEOUTS,
  },
  '32k': {
    name: '32k',
    baseUrl: 'http://127.0.0.1:8081/v1',
    model: 'local',
    contextSize: 32768,
    maxTokens: 2048,
    temperature: 0.2,
    context: 'full',
    timeouts: LOCAL_TIMEOUTS,
  },
  cloud: {
    name: 'cloud',
    baseUrl: 'https://openrouter.ai/api/v1',
    model: 'openai/gpt-4o-mini',
    apiKeyEnv: 'OPENROUTER_API_KEY',
    contextSize: 128000,
    maxTokens: 2048,
    temperature: 0.2,
    context: 'full',
    timeouts: { connectMs: 10_000, idleMs: 60_000, stallMs: 180_000, overallMs: 600_000 },
  },
  ollama: {
    name: 'ollama',
    baseUrl: 'http://127.0.0.1:11434/v1',
    model: 'llama3.2',
    contextSize: 8192,
    maxTokens: 1024,
    temperature: 0.2,
    context: 'full',
    timeouts: LOCAL_TIMEOUTS,
  },
  lmstudio: {
    name: 'lmstudio',
    baseUrl: 'http://127.0.0.1:1234/v1',
    model: 'local-model',
    contextSize: 8192,
    maxTokens: 1024,
    temperature: 0.2,
    context: 'full',
    timeouts: LOCAL_TIMEOUTS,
  },
  // The built-in model: run by conch itself once `conch models pull` (or the
  // first question's offer) has fetched the file. 1.5B is the smallest Qwen
  // coder that still writes usable shell commands, and answers at reading speed
  // on a laptop CPU.
  local: {
    name: 'local',
    engine: 'embedded',
    baseUrl: 'embedded',
    model: LOCAL_MODEL,
    contextSize: 4096,
    maxTokens: 512,
    temperature: 0.2,
    context: 'full',
    timeouts: LOCAL_TIMEOUTS,
  },
};

/** The built-in preset run by the embedded engine. */
export const LOCAL_PRESET = 'local';

export const DEFAULT_PRESET = 'snappy';
