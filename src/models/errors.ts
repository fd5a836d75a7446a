import { ConchError } from '../errors.ts';

/** The server refused the download, or the connection kept failing. */
export class DownloadError extends ConchError {
  override name = 'DownloadError';
  readonly url: string;
  readonly status: number | undefined;

  constructor(url: string, detail: string, status?: number, options?: { cause?: unknown }) {
    super('DOWNLOAD', `downloading ${url} failed: ${detail}`, options);
    this.url = url;
    this.status = status;
  }
}

/** The downloaded file is not what was promised; it has been deleted. */
export class VerificationError extends ConchError {
  override name = 'VerificationError';
  readonly check: 'size' | 'sha256' | 'gguf';
  readonly expected: string;
  readonly actual: string;

  constructor(url: string, check: 'size' | 'sha256' | 'gguf', expected: string, actual: string) {
    const what = { size: 'its size', sha256: 'its sha256', gguf: 'its header' }[check];
    super('VERIFICATION', `the file from ${url} failed verification (${what}: expected ${expected}, got ${actual}); it was deleted, nothing was kept`);
    this.check = check;
    this.expected = expected;
    this.actual = actual;
  }
}
