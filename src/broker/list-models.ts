import { getJson } from '../sse/index.ts';
import { isRecord } from './decode.ts';
import type { ModelEndpoint } from './types.ts';

/** The model ids a server offers (GET /models), in its order. */
export async function listModels(endpoint: Pick<ModelEndpoint, 'baseUrl' | 'apiKey'>, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<string[]> {
  const url = `${endpoint.baseUrl.replace(/\/+$/, '')}/models`;
  const json = await getJson(url, endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}, options);
  // OpenAI shape {data: [{id}]}; Ollama's native /api/tags shape {models: [{name}]} as a fallback.
  const list = isRecord(json) ? (Array.isArray(json.data) ? json.data : Array.isArray(json.models) ? json.models : []) : [];
  return list
    .filter(isRecord)
    .map((model) => (typeof model.id === 'string' ? model.id : typeof model.name === 'string' ? model.name : ''))
    .filter(Boolean);
}
