import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { DownloadError, VerificationError } from './errors.ts';
import { readGgufHeader } from './gguf-header.ts';

export interface DownloadProgress {
  /** Bytes in the file so far, resumed ones included. */
  received: number;
  total: number | undefined;
  /** Bytes that were already there from an earlier, interrupted download. */
  resumedFrom: number;
}

export interface DownloadOptions {
  url: string;
  /** The final path; the download goes to `dest.partial` until it is complete and verified. */
  dest: string;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Reconnections after a cut connection that brought no new bytes. @default 3 */
  retries?: number;
}

export type DownloadOutcome = { kind: 'done'; bytes: number; sha256: string | undefined } | { kind: 'interrupted'; kept: number };

/** What Hugging Face says about an LFS file on its redirect: size and sha256. */
interface Promised {
  size?: number;
  sha256?: string;
}

/**
 * Downloads a model file: resumes a `.partial` left by an earlier try (HTTP
 * Range), reconnects when the connection is cut, and renames the file into
 * place only when complete and verified: the size and sha256 Hugging Face
 * promises (X-Linked-Size, X-Linked-ETag) where it does, and the GGUF header
 * always. A file that fails verification is deleted. The signal stops it,
 * keeping the partial file for the next try.
 */
export async function downloadModel(options: DownloadOptions): Promise<DownloadOutcome> {
  const { url, dest, signal } = options;
  const partial = `${dest}.partial`;
  mkdirSync(dirname(dest), { recursive: true, mode: 0o700 });
  const promised: Promised = {};
  const retries = options.retries ?? 3;
  let failures = 0;
  let transferTotal: number | undefined;
  for (;;) {
    const offset = sizeOf(partial);
    let response: Response;
    try {
      response = await request(url, offset, promised, signal);
    } catch (error) {
      if (signal?.aborted) return { kind: 'interrupted', kept: offset };
      if (error instanceof DownloadError || ++failures > retries) throw asDownloadError(url, error);
      await pause(failures, signal);
      continue;
    }
    if (response.status === 416 && offset > 0) {
      // Nothing left to send: the partial file is already whole.
      await response.body?.cancel();
      break;
    }
    if (response.status !== 200 && response.status !== 206) {
      await response.body?.cancel();
      throw new DownloadError(url, `the server answered ${response.status}`, response.status);
    }
    const range = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.headers.get('content-range') ?? '');
    // A 200 is the whole file: the server ignored the Range, so start again.
    const start = response.status === 206 && range ? Number(range[1]) : 0;
    if (start !== 0 && start !== offset) {
      await response.body?.cancel();
      throw new DownloadError(url, `the server resumed at byte ${start}, not ${offset}`);
    }
    const length = Number(response.headers.get('content-length') ?? NaN);
    transferTotal = range && range[2] !== '*' ? Number(range[2]) : Number.isFinite(length) ? start + length : undefined;
    const before = start;
    try {
      await receive(response, partial, start, { received: start, total: promised.size ?? transferTotal, resumedFrom: offset }, options.onProgress);
    } catch (error) {
      if (signal?.aborted) return { kind: 'interrupted', kept: sizeOf(partial) };
      // A cut connection: resume where it stopped; give up only when reconnecting brings nothing.
      if (sizeOf(partial) <= before && ++failures > retries) throw asDownloadError(url, error);
      if (sizeOf(partial) > before) failures = 0;
      await pause(failures, signal);
      continue;
    }
    if (transferTotal !== undefined && sizeOf(partial) < transferTotal) {
      if (++failures > retries) throw new DownloadError(url, 'the connection kept breaking before the end; run the same command again to resume');
      continue;
    }
    break;
  }
  const sha256 = await verify(url, partial, promised, transferTotal);
  renameSync(partial, dest);
  return { kind: 'done', bytes: sizeOf(dest), sha256 };
}

/** What a download would be, asked with a HEAD request: its size where the server says (X-Linked-Size, Content-Length). */
export async function describeDownload(url: string, signal?: AbortSignal): Promise<{ size?: number }> {
  const promised: Promised = {};
  const response = await request(url, 0, promised, signal, 'HEAD');
  const length = Number(response.headers.get('content-length') ?? NaN);
  const size = promised.size ?? (response.ok && Number.isFinite(length) ? length : undefined);
  return size !== undefined ? { size } : {};
}

/**
 * GET (or HEAD) with redirects followed by hand, so that the headers of every
 * hop are seen: Hugging Face puts X-Linked-Size and X-Linked-ETag on the
 * redirect to its CDN. A redirect may not leave https (loopback excepted).
 */
async function request(url: string, offset: number, promised: Promised, signal: AbortSignal | undefined, method = 'GET'): Promise<Response> {
  let current = url;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(current, {
      method,
      redirect: 'manual',
      headers: { 'user-agent': 'conch', ...(offset > 0 ? { range: `bytes=${offset}-` } : {}) },
      ...(signal ? { signal } : {}),
    });
    const size = Number(response.headers.get('x-linked-size') ?? NaN);
    if (Number.isInteger(size) && size > 0) promised.size = size;
    const etag = /[0-9a-f]{64}/i.exec(response.headers.get('x-linked-etag') ?? '');
    if (etag) promised.sha256 = etag[0].toLowerCase();
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return response;
    await response.body?.cancel();
    const next = new URL(location, current);
    if (next.protocol !== 'https:' && !(next.protocol === 'http:' && /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(next.hostname))) {
      throw new DownloadError(url, `refusing a redirect to ${next.protocol}//${next.host}`);
    }
    current = next.href;
  }
  throw new DownloadError(url, 'too many redirects');
}

/** Appends the body to the partial file. Whatever arrived is flushed to disk, also when the connection breaks or the signal fires. */
async function receive(response: Response, partial: string, start: number, progress: DownloadProgress, onProgress: DownloadOptions['onProgress']): Promise<void> {
  if (!response.body) throw new DownloadError(response.url, 'the server sent no body');
  const file = createWriteStream(partial, { flags: start === 0 ? 'w' : 'a', mode: 0o600 });
  const failed = new Promise<never>((_, reject) => file.once('error', reject));
  const reader = response.body.getReader();
  onProgress?.({ ...progress });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!file.write(value)) await Promise.race([once(file, 'drain'), failed]);
      progress.received += value.length;
      onProgress?.({ ...progress });
    }
  } finally {
    await Promise.race([new Promise<void>((resolve) => file.end(resolve)), failed]);
  }
}

/** Size, sha256 and GGUF header; a file that fails is deleted. Resolves with its sha256 when one was checked. */
async function verify(url: string, partial: string, promised: Promised, transferTotal: number | undefined): Promise<string | undefined> {
  const fail = (check: VerificationError['check'], expected: string, actual: string) => {
    rmSync(partial, { force: true });
    return new VerificationError(url, check, expected, actual);
  };
  const size = sizeOf(partial);
  const expectedSize = promised.size ?? transferTotal;
  if (expectedSize !== undefined && size !== expectedSize) throw fail('size', `${expectedSize} bytes`, `${size} bytes`);
  let sha256: string | undefined;
  if (promised.sha256) {
    sha256 = await hashFile(partial);
    if (sha256 !== promised.sha256) throw fail('sha256', promised.sha256, sha256);
  }
  const header = readGgufHeader(partial);
  if (!header.ok) throw fail('gguf', 'a GGUF file', header.found);
  return sha256;
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function pause(failures: number, signal: AbortSignal | undefined): Promise<void> {
  return sleep(250 * failures, undefined, signal ? { signal } : {}).catch(() => undefined);
}

function asDownloadError(url: string, error: unknown): DownloadError {
  if (error instanceof DownloadError) return error;
  const cause = error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.message) : String(error);
  return new DownloadError(url, `${cause}; run the same command again to resume`, undefined, { cause: error });
}
