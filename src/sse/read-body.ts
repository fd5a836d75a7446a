import { HttpError } from './errors.ts';

/** Reads at most `limit` bytes of a body as text; the rest is cancelled. */
export async function readLimited(response: Response, limit = 64 * 1024): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, limit));
}

/** A non-2xx response as an HttpError carrying the server's own message. */
export async function httpError(response: Response, url: string): Promise<HttpError> {
  const body = await readLimited(response).catch(() => '');
  const retryAfter = Number(response.headers.get('retry-after'));
  return new HttpError({
    status: response.status,
    url,
    serverMessage: serverMessage(body) || response.statusText,
    ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterSeconds: retryAfter } : {}),
  });
}

/** `error.message` from the JSON shapes servers use, else a short plain-text excerpt (HTML tags removed). */
export function serverMessage(body: string): string {
  try {
    const json: unknown = JSON.parse(body);
    const found = findMessage(json);
    if (found) return found;
  } catch {
    // Not JSON: fall through to an excerpt.
  }
  const text = body
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function findMessage(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const record = json as Record<string, unknown>;
  const error = record.error;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null) {
    const message = (error as Record<string, unknown>).message;
    if (typeof message === 'string') return message;
  }
  if (typeof record.message === 'string') return record.message;
  if (typeof record.detail === 'string') return record.detail;
  return undefined;
}
