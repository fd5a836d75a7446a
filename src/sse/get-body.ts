import { startRequest, type PlainBody } from './post-sse.ts';
import type { ProxySettings } from './proxy.ts';
import { httpError, readText, type BodyDescriber } from './read-body.ts';

export interface GetOptions {
  signal?: AbortSignal;
  /** The whole request. @default 10000 */
  timeoutMs?: number;
  /** @default 4 MiB */
  maxSize?: number;
  proxy?: ProxySettings;
  describeErrorBody?: BodyDescriber;
}

/**
 * GETs a small document (a model list) and returns its body as text, for the
 * caller to parse. Resolves undefined when the caller aborted; rejects with
 * HttpError, ConnectError, StreamClosedError, TimeoutError or EventTooLargeError.
 */
export async function getBody(url: string, headers: Record<string, string>, options: GetOptions = {}): Promise<PlainBody | undefined> {
  const timeout = options.timeoutMs ?? 10_000;
  const request = startRequest(url, options.signal, { connect: timeout, overall: timeout, proxy: options.proxy });
  try {
    const response = await request.fetch({ method: 'GET', headers });
    if (!response) return undefined;
    if (!response.ok) throw await httpError(response, url, (body) => readText(body, { limit: 64 * 1024, overflow: 'cut' }), options.describeErrorBody);
    const text = response.body ? await readText(response.body, { limit: options.maxSize ?? 4 * 1024 * 1024, overflow: 'throw' }) : '';
    return { contentType: response.headers.get('content-type') ?? '', text };
  } catch (error) {
    request.settle(error);
    return undefined;
  } finally {
    request.dispose();
  }
}
