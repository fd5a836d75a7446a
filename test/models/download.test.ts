import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDownload, DownloadError, downloadModel, VerificationError, type DownloadProgress } from '../../src/models/index.ts';
import { startFileServer, type FileServer } from '../fixtures/file-server.ts';
import { tinyModel } from '../fixtures/tiny-model.ts';

const model = tinyModel({ seed: 3 });
const sha256 = createHash('sha256').update(model).digest('hex');
let server: FileServer;
let n = 0;

beforeAll(async () => {
  server = await startFileServer();
});
afterAll(() => server.close());

/** A fresh path served Hugging Face's way, and where to download it. */
function hfFile(options: Omit<Parameters<FileServer['serve']>[1], 'body' | 'huggingFace'> = {}, body = model) {
  const path = `/owner/repo-${++n}/resolve/main/tiny.gguf`;
  server.serve(path, { body, huggingFace: true, ...options });
  return { url: `${server.baseUrl}${path}`, dest: join(mkdtempSync(join(tmpdir(), 'conch-dl-')), 'tiny.gguf'), path };
}
const requestsFor = (path: string) => server.requests.filter((r) => r.url === `/cdn${path}`);

describe('downloading a model', () => {
  it('follows the Hugging Face redirect, checks size and sha256, reports progress, and renames into place', async () => {
    const { url, dest } = hfFile({ chunk: { bytes: 64 * 1024, delayMs: 1 } });
    const progress: DownloadProgress[] = [];
    const outcome = await downloadModel({ url, dest, onProgress: (p) => progress.push(p) });
    expect(outcome).toEqual({ kind: 'done', bytes: model.length, sha256 });
    expect(readFileSync(dest).equals(model)).toBe(true);
    expect(existsSync(`${dest}.partial`)).toBe(false);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.every((p, i) => p.total === model.length && (i === 0 || p.received >= progress[i - 1]!.received))).toBe(true);
    expect(progress.at(-1)!.received).toBe(model.length);
  });

  it('resumes with a Range request after the connection is cut', async () => {
    const { url, dest, path } = hfFile({ cutAfter: 100_000 });
    const outcome = await downloadModel({ url, dest });
    expect(outcome).toMatchObject({ kind: 'done', sha256 });
    expect(readFileSync(dest).equals(model)).toBe(true);
    const ranges = requestsFor(path).map((r) => r.range);
    expect(ranges).toEqual([undefined, expect.stringMatching(/^bytes=\d+-$/)]);
    // From what reached the disk before the cut (fetch drops what it had queued when the socket breaks).
    const resumedAt = Number(/\d+/.exec(ranges[1]!)![0]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(100_000);
  });

  it('continues a partial file an interrupted download left', async () => {
    const { url, dest, path } = hfFile();
    writeFileSync(`${dest}.partial`, model.subarray(0, 12_345));
    const progress: DownloadProgress[] = [];
    await downloadModel({ url, dest, onProgress: (p) => progress.push(p) });
    expect(readFileSync(dest).equals(model)).toBe(true);
    expect(requestsFor(path).map((r) => r.range)).toEqual(['bytes=12345-']);
    expect(progress[0]).toMatchObject({ received: 12_345, resumedFrom: 12_345 });
  });

  it('stops on abort and keeps the partial file for the next try', async () => {
    const { url, dest } = hfFile({ stallAfter: 50_000 });
    const controller = new AbortController();
    const outcome = await downloadModel({ url, dest, signal: controller.signal, onProgress: (p) => p.received >= 50_000 && controller.abort() });
    expect(outcome).toEqual({ kind: 'interrupted', kept: 50_000 });
    expect(readFileSync(`${dest}.partial`).equals(model.subarray(0, 50_000))).toBe(true);
    expect(existsSync(dest)).toBe(false);
  });

  it('deletes a file whose sha256 is not the promised one, leaving nothing behind', async () => {
    const { url, dest } = hfFile({ corruptByte: 200_000 });
    const download = downloadModel({ url, dest });
    await expect(download).rejects.toThrow(VerificationError);
    await expect(download).rejects.toMatchObject({ check: 'sha256', expected: sha256 });
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(`${dest}.partial`)).toBe(false);
  });

  it('deletes a file whose size is not the promised one', async () => {
    const { url, dest } = hfFile({ linkedSize: model.length + 1 });
    await expect(downloadModel({ url, dest })).rejects.toMatchObject({ check: 'size' });
    expect(existsSync(`${dest}.partial`)).toBe(false);
  });

  it('rejects a file that is not GGUF even where the server promises nothing', async () => {
    const path = '/plain/page.gguf';
    server.serve(path, { body: Buffer.from('<!doctype html><p>Sign in to download</p>') });
    const dest = join(mkdtempSync(join(tmpdir(), 'conch-dl-')), 'page.gguf');
    await expect(downloadModel({ url: `${server.baseUrl}${path}`, dest })).rejects.toThrow(/failed verification \(its header: expected a GGUF file, got "<!doctyp"\)/);
    expect(existsSync(`${dest}.partial`)).toBe(false);
  });

  it('reports a server error as one error with its status', async () => {
    const dest = join(mkdtempSync(join(tmpdir(), 'conch-dl-')), 'missing.gguf');
    const download = downloadModel({ url: `${server.baseUrl}/owner/none/resolve/main/missing.gguf`, dest });
    await expect(download).rejects.toThrow(DownloadError);
    await expect(download).rejects.toMatchObject({ status: 404 });
  });

  it('tells the size before downloading, from the redirect\'s X-Linked-Size', async () => {
    const { url } = hfFile();
    expect(await describeDownload(url)).toEqual({ size: model.length });
  });
});
