import { startRequest } from './post-sse.ts';
import { httpError } from './read-body.ts';

export interface JsonRequestOptions {
  signal?: AbortSignal;
  /** The whole request. @default 10000 */
  timeoutMs?: number;
}

/** GET a JSON document (a model list). Resolves undefined when the caller aborted. */
export function getJson(url: string, headers: Record<string, string>, options: JsonRequestOptions = {}): Promise<unknown> {
  return requestJson(url, { method: 'GET', headers: { accept: 'application/json', ...headers } }, options);
}

/** POST JSON, read JSON back: for calls that do not stream. */
export function postJson(url: string, body: unknown, headers: Record<string, string>, options: JsonRequestOptions = {}): Promise<unknown> {
  return requestJson(
    url,
    { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', accept: 'application/json', ...headers } },
    options,
  );
}

async function requestJson(url: string, init: RequestInit, options: JsonRequestOptions): Promise<unknown> {
  const timeout = options.timeoutMs ?? 10_000;
  const request = startRequest(url, options.signal, { connect: timeout, overall: timeout });
  try {
    const response = await request.fetch(init);
    if (!response) return undefined;
    if (!response.ok) throw await httpError(response, url);
    return await response.json();
  } catch (error) {
    request.settle(error);
    return undefined;
  } finally {
    request.dispose();
  }
}
