import { bodyExcerpt, getBody } from '../sse/index.ts';
import { errorBodyMessage, isRecord, parseJson } from './decode.ts';
import { UnexpectedBodyError } from './errors.ts';
import { endpointUrl, requestHeaders } from './request.ts';
import type { ModelEndpoint } from './types.ts';

/** The model ids a server offers (GET /models), in its order; [] when the caller aborted. */
export async function listModels(
  endpoint: Pick<ModelEndpoint, 'baseUrl' | 'apiKey' | 'proxy'>,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<string[]> {
  const url = endpointUrl(endpoint.baseUrl, 'models');
  const body = await getBody(url, { ...requestHeaders(endpoint), accept: 'application/json' }, { ...options, ...(endpoint.proxy ? { proxy: endpoint.proxy } : {}), describeErrorBody: errorBodyMessage });
  if (!body) return [];
  const json = parseJson(body.text);
  if (!isRecord(json)) throw new UnexpectedBodyError(url, body.contentType, bodyExcerpt(body.text));
  // OpenAI shape {data: [{id}]}; Ollama's native /api/tags shape {models: [{name}]} as a fallback.
  const list = Array.isArray(json.data) ? json.data : Array.isArray(json.models) ? json.models : [];
  return list
    .filter(isRecord)
    .map((model) => (typeof model.id === 'string' ? model.id : typeof model.name === 'string' ? model.name : ''))
    .filter(Boolean);
}
