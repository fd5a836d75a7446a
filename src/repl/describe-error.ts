import { BadChunkError, ProviderError, StreamCutError, UnexpectedBodyError, type ModelEndpoint } from '../broker/index.ts';
import { cleanLine } from '../render/sanitize.ts';
import { ConnectError, EventTooLargeError, HttpError, StreamClosedError, TimeoutError } from '../sse/index.ts';

type EndpointNames = Pick<ModelEndpoint, 'name' | 'baseUrl' | 'model' | 'apiKeyEnv'>;

/**
 * The one place a ConchError becomes a sentence a person can act on, for the
 * repl and the cli to print after `conch: `. `endpoint` names the server when
 * the error came from one; `models` is what it offers, when known (for a 404).
 * An error with no special wording says its own message, which is written as
 * a sentence where the fact was known.
 */
export function describeError(error: unknown, endpoint?: EndpointNames, models?: readonly string[]): string {
  // Server messages, URLs and model names come from outside: one clean line, whatever they hold.
  return cleanLine(sentence(error, endpoint, models));
}

function sentence(error: unknown, endpoint?: EndpointNames, models?: readonly string[]): string {
  const url = error instanceof ConnectError || error instanceof HttpError || error instanceof TimeoutError || error instanceof ProviderError ? error.url : undefined;
  const where = endpoint ? `${endpoint.name} (${endpoint.baseUrl})` : (url ?? 'the model server');
  if (error instanceof StreamCutError) {
    const why = error.cause instanceof TimeoutError || error.cause instanceof EventTooLargeError ? sentence(error.cause, endpoint) : undefined;
    if (error.partial === '') return why ?? `${where}: the connection closed before an answer arrived`;
    return `${why ?? `${where}: the connection closed mid-answer`}; the answer above is incomplete`;
  }
  if (error instanceof ConnectError) {
    const settings = 'check HTTPS_PROXY/HTTP_PROXY, or NO_PROXY for a host reached directly';
    if (error.stage === 'certificate') {
      return `cannot reach ${where}: its certificate is not trusted (${error.reason}); if your network or proxy re-signs HTTPS, point NODE_EXTRA_CA_CERTS at its CA certificate`;
    }
    if (error.stage === 'proxy' && error.proxyStatus !== undefined) {
      return `cannot reach ${where}: the proxy ${error.proxy} refused to open a tunnel (${error.proxyStatus}); ${settings}`;
    }
    if (error.stage === 'proxy') return `cannot reach ${where}: the proxy ${error.proxy} is not answering (${error.reason}); ${settings}`;
    if (error.proxy) return `cannot reach ${where} through the proxy ${error.proxy}: ${error.reason}`;
    return `cannot reach ${where}: ${error.reason}; is the server running? (conch models lists what answers)`;
  }
  if (error instanceof StreamClosedError) return `${where}: the connection closed before the response ended (${error.reason})`;
  if (error instanceof TimeoutError) {
    const what = { connect: 'no response', idle: 'no data', stall: 'only keepalives, no tokens', overall: 'the answer took too long' }[error.kind];
    if (error.proxy) return `${where}: no response within ${(error.ms / 1000).toFixed(1)} s through the proxy ${error.proxy}; check HTTPS_PROXY/HTTP_PROXY, or NO_PROXY for a host reached directly`;
    return `${where}: ${error.kind} timeout after ${(error.ms / 1000).toFixed(1)} s (${what})`;
  }
  if (error instanceof HttpError) {
    const message = error.serverMessage ? `: ${error.serverMessage}` : '';
    if (error.status === 401 || error.status === 403) {
      const key = endpoint?.apiKeyEnv ? `$${endpoint.apiKeyEnv}` : 'the API key (CONCH_API_KEY)';
      return `${where} refused the key (${error.status})${message}; check ${key}`;
    }
    if (error.status === 404) {
      // The server has the model, so it was the path that was not found: a base URL without its /v1, or with one too many.
      if (endpoint && models?.includes(endpoint.model)) {
        return `${where} answered 404 for ${pathOf(error.url)} although it offers '${endpoint.model}': is the base URL right? (it usually ends in /v1)`;
      }
      const offer = models && models.length > 0 ? `; it offers: ${models.slice(0, 12).join(', ')}${models.length > 12 ? ', …' : ''}` : '';
      return `model '${endpoint?.model ?? '?'}' not found at ${where}${message}${offer}`;
    }
    if (error.status === 429) {
      const when = error.retryAfterSeconds !== undefined ? `in ${error.retryAfterSeconds} s` : 'shortly';
      return `${where} is rate limiting (429)${message}; try again ${when}`;
    }
    return `${where} answered ${error.status}${message}`;
  }
  const cut = (partial: string) => (partial ? '; the answer above is incomplete' : '');
  if (error instanceof ProviderError) return `${where} reported an error: ${error.providerMessage}${cut(error.partial)}`;
  if (error instanceof BadChunkError) return `${where} sent something that is not an OpenAI-style chunk: ${error.excerpt}${cut(error.partial)}`;
  if (error instanceof UnexpectedBodyError) {
    return `${where} answered with ${error.contentType || 'a body of no declared type'}, not a chat completion (a proxy or login page?): ${error.excerpt}`;
  }
  if (error instanceof EventTooLargeError) return `${where} sent an event over ${error.limit} bytes; refusing it`;
  return error instanceof Error ? error.message : String(error);
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
