/**
 * What the embedded engine needs to answer with a model file, resolved from a
 * preset with `engine = "embedded"` (config fills it in; the broker passes it on).
 */
export interface EmbeddedModel {
  /** The model as configured: a path, an https:// URL, or hf:owner/repo/file.gguf. */
  source: string;
  /** Where the file is, or will be once pulled; undefined when `problem` says why there is none. */
  path?: string;
  /** Where it is downloaded from (a URL or hf: reference); undefined for a local path. */
  url?: string;
  /** Why the source cannot be used, as one sentence (an invalid override such as CONCH_MODEL). */
  problem?: string;
  /** Where node-llama-cpp is installed ($XDG_DATA_HOME/conch/engine, or CONCH_ENGINE_DIR). */
  engineDir: string;
  /** The engine's own log (llama.cpp's messages never reach the terminal). */
  logFile: string;
  /** Context window in tokens. */
  contextSize: number;
  /** CPU threads; unset: chosen from the cores (see pickThreads). */
  threads?: number;
}
