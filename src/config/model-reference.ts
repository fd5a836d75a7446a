import { isAbsolute, join, resolve } from 'node:path';
import { ConchError } from '../errors.ts';
import { dataDir, expandHome } from './paths.ts';

type Env = Record<string, string | undefined>;

/** Where an embedded preset's model comes from. */
export type ModelReference =
  | { kind: 'path'; path: string }
  /** A file to download; `fileName` is its name under the models folder. */
  | { kind: 'url'; url: string; fileName: string };

/** A `model =` value an embedded preset cannot use; `reason` is one sentence. */
export class ModelReferenceError extends ConchError {
  override name = 'ModelReferenceError';
  readonly reference: string;
  readonly reason: string;

  constructor(reference: string, reason: string) {
    super('MODEL_REFERENCE', `model ${JSON.stringify(reference)}: ${reason}`);
    this.reference = reference;
    this.reason = reason;
  }
}

const HF_DEFAULT = 'https://huggingface.co';

/**
 * Reads an embedded preset's `model`: `hf:owner/repo/file.gguf` (from
 * $HF_ENDPOINT, default huggingface.co), an https:// URL, a plain http:// URL
 * only on a loopback host, or a path (`~` expanded, relative to `baseDir`).
 */
export function parseModelReference(reference: string, env: Env, baseDir: string): ModelReference {
  if (reference.startsWith('hf:')) {
    const parts = reference.slice(3).split('/');
    if (parts.length < 3 || parts.some((part) => part === '' || part === '.' || part === '..')) {
      throw new ModelReferenceError(reference, 'expected hf:OWNER/REPO/FILE.gguf');
    }
    const endpoint = (env.HF_ENDPOINT || HF_DEFAULT).replace(/\/+$/, '');
    checkUrl(reference, endpoint, 'HF_ENDPOINT');
    const [owner, repo, ...file] = parts as [string, string, ...string[]];
    const url = `${endpoint}/${[owner, repo].map(encodeURIComponent).join('/')}/resolve/main/${file.map(encodeURIComponent).join('/')}`;
    return { kind: 'url', url, fileName: fileNameOf(reference, file[file.length - 1]!) };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(reference)) {
    const url = checkUrl(reference, reference, 'the URL');
    const last = decodeURIComponent(url.pathname.split('/').pop() ?? '');
    return { kind: 'url', url: url.href, fileName: fileNameOf(reference, last) };
  }
  const expanded = expandHome(reference, env);
  return { kind: 'path', path: isAbsolute(expanded) ? expanded : resolve(baseDir, expanded) };
}

/** `$XDG_DATA_HOME/conch/models`: downloaded model files, one per name. */
export function modelsDir(env: Env): string {
  return join(dataDir(env), 'models');
}

/** `$CONCH_ENGINE_DIR`, default `$XDG_DATA_HOME/conch/engine`: node-llama-cpp, installed on demand. */
export function engineDir(env: Env): string {
  return env.CONCH_ENGINE_DIR || join(dataDir(env), 'engine');
}

/** Where the referenced file is, or goes once downloaded. */
export function modelPath(reference: ModelReference, env: Env): string {
  return reference.kind === 'path' ? reference.path : join(modelsDir(env), reference.fileName);
}

function checkUrl(reference: string, text: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ModelReferenceError(reference, `${what} is not a valid URL`);
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return url;
  throw new ModelReferenceError(reference, `${what} must be https:// (plain http:// only on a loopback host such as 127.0.0.1)`);
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The name a download is stored under: the URL's last segment, which must be a .gguf file. */
function fileNameOf(reference: string, name: string): string {
  if (!/\.gguf$/i.test(name)) throw new ModelReferenceError(reference, 'expected a .gguf file at the end of the URL');
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '');
  if (safe === '' || /^\.?gguf$/i.test(safe)) throw new ModelReferenceError(reference, 'expected a file name before .gguf');
  return safe;
}
