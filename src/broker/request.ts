import { APP_URL, VERSION } from '../version.ts';
import type { ChatMessage, ModelEndpoint } from './types.ts';

/** conch names itself to every server; OpenRouter also gets its app attribution headers. */
export function requestHeaders(endpoint: Pick<ModelEndpoint, 'baseUrl' | 'apiKey'>): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': `conch/${VERSION}` };
  if (isOpenRouter(endpoint.baseUrl)) {
    headers['http-referer'] = APP_URL;
    headers['x-title'] = 'conch';
  }
  if (endpoint.apiKey) headers.authorization = `Bearer ${endpoint.apiKey}`;
  return headers;
}

export function requestBody(endpoint: ModelEndpoint, messages: readonly ChatMessage[], tools: unknown[] | undefined, includeUsage: boolean): string {
  return JSON.stringify({
    model: endpoint.model,
    messages,
    stream: true,
    ...(includeUsage ? { stream_options: { include_usage: true } } : {}),
    ...(endpoint.temperature !== undefined ? { temperature: endpoint.temperature } : {}),
    ...(endpoint.maxTokens !== undefined ? { max_tokens: endpoint.maxTokens } : {}),
    ...(tools && tools.length > 0 ? { tools } : {}),
  });
}

/** `{base}/{path}` with exactly one slash between. */
export function endpointUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path}`;
}

function isOpenRouter(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname.toLowerCase();
    return host === 'openrouter.ai' || host.endsWith('.openrouter.ai');
  } catch {
    return false;
  }
}
