import { ConchError } from '../errors.ts';
import { ENGINE_APPROX_BYTES } from './platform.ts';

/** node-llama-cpp is not installed (or is another version) in the engine folder. */
export class EngineMissingError extends ConchError {
  override name = 'EngineMissingError';
  readonly dir: string;

  constructor(dir: string) {
    super('ENGINE_MISSING', `the embedded engine is not installed (${dir}); run \`conch models pull\` to install it (about ${Math.round(ENGINE_APPROX_BYTES / 1e6)} MB from the npm registry)`);
    this.dir = dir;
  }
}

/** No prebuilt llama.cpp package exists for this platform, and conch never builds from source. */
export class EngineUnsupportedError extends ConchError {
  override name = 'EngineUnsupportedError';
  readonly platform: string;

  constructor(platform: string) {
    super('ENGINE_UNSUPPORTED', `the embedded engine has no prebuilt binaries for ${platform}; use a model server instead (llama.cpp, Ollama, LM Studio)`);
    this.platform = platform;
  }
}

/** `npm install` of the engine failed; `detail` is why, in npm's words where it gave them. */
export class EngineInstallError extends ConchError {
  override name = 'EngineInstallError';
  readonly detail: string;
  /** npm's debug log of the failed run, when it wrote one. */
  readonly logFile: string | undefined;

  constructor(detail: string, options?: { cause?: unknown; logFile?: string | undefined }) {
    super('ENGINE_INSTALL', `installing the embedded engine failed: ${detail}${options?.logFile ? `; npm's full log: ${options.logFile}` : ''}`, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.detail = detail;
    this.logFile = options?.logFile;
  }
}

/** The engine's process ended while answering (a crash in native code, or killed). */
export class EngineCrashError extends ConchError {
  override name = 'EngineCrashError';
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly logFile: string;

  constructor(exitCode: number | null, signal: string | null, logFile: string) {
    super('ENGINE_CRASH', `the embedded engine stopped (${signal ? `signal ${signal}` : `exit status ${exitCode}`}); the shell is fine, the next question starts it again (log: ${logFile})`);
    this.exitCode = exitCode;
    this.signal = signal;
    this.logFile = logFile;
  }
}

/** The preset's model file is not there yet. */
export class ModelNotPulledError extends ConchError {
  override name = 'ModelNotPulledError';
  readonly preset: string;
  readonly path: string;

  constructor(preset: string, path: string, downloadable: boolean) {
    super(
      'MODEL_NOT_PULLED',
      downloadable ? `the model for preset ${preset} is not downloaded yet; run \`conch models pull ${preset}\`` : `the model file for preset ${preset} does not exist: ${path}`,
    );
    this.preset = preset;
    this.path = path;
  }
}

/** The engine could not use the model or the request: a file that is not a model, a tool schema it cannot follow. */
export class EngineError extends ConchError {
  override name = 'EngineError';
  readonly kind: 'load' | 'generate';
  readonly detail: string;

  constructor(kind: 'load' | 'generate', detail: string, model: string) {
    super('ENGINE', kind === 'load' ? `cannot load ${model}: ${detail}` : `the embedded engine failed on ${model}: ${detail}`);
    this.kind = kind;
    this.detail = detail;
  }
}

/** The preset names a model the engine cannot use (an invalid CONCH_MODEL override, say). */
export class ModelUnusableError extends ConchError {
  override name = 'ModelUnusableError';
  readonly preset: string;

  constructor(preset: string, problem: string) {
    super('MODEL_UNUSABLE', `preset ${preset}: ${problem}`);
    this.preset = preset;
  }
}
