import type { ChatFunctions, ChatHistoryItem, FunctionCallItem } from '../engine/index.ts';
import { isRecord } from './decode.ts';
import type { ChatMessage } from './types.ts';

/**
 * OpenAI-style messages as node-llama-cpp's chat history: an assistant turn's
 * tool calls become function-call items, and the `tool` messages that answer
 * them (matched by id) their results. The history ends with the model's turn
 * to fill in: a new empty one, or the last one when it ends in tool results.
 */
export function toChatHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = [];
  const calls = new Map<string, FunctionCallItem>();
  for (const message of messages) {
    const text = message.content ?? '';
    switch (message.role) {
      case 'system':
        history.push({ type: 'system', text });
        break;
      case 'user':
        history.push({ type: 'user', text });
        break;
      case 'assistant': {
        const response: (string | FunctionCallItem)[] = text === '' ? [] : [text];
        for (const call of message.tool_calls ?? []) {
          const item: FunctionCallItem = { type: 'functionCall', name: call.function.name, params: parseArguments(call.function.arguments), result: '' };
          calls.set(call.id, item);
          response.push(item);
        }
        history.push({ type: 'model', response });
        break;
      }
      case 'tool': {
        const call = message.tool_call_id === undefined ? undefined : calls.get(message.tool_call_id);
        if (call) call.result = text;
        // A result for no known call still reaches the model, as the user's words.
        else history.push({ type: 'user', text: `Tool result:\n${text}` });
        break;
      }
    }
  }
  const last = history[history.length - 1];
  const continuesToolCalls = last?.type === 'model' && last.response.some((item) => typeof item !== 'string');
  if (!continuesToolCalls) history.push({ type: 'model', response: [] });
  return history;
}

/** OpenAI `tools` as node-llama-cpp functions (name -> description and JSON schema); anything else is left out. */
export function toFunctions(tools: readonly unknown[] | undefined): ChatFunctions | undefined {
  if (!tools || tools.length === 0) return undefined;
  const functions: ChatFunctions = {};
  for (const tool of tools) {
    if (!isRecord(tool) || tool.type !== 'function' || !isRecord(tool.function)) continue;
    const { name, description, parameters } = tool.function;
    if (typeof name !== 'string' || name === '') continue;
    functions[name] = {
      ...(typeof description === 'string' ? { description } : {}),
      ...(isRecord(parameters) && !isEmptyObjectSchema(parameters) ? { params: parameters } : {}),
    };
  }
  return Object.keys(functions).length > 0 ? functions : undefined;
}

function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `{"type":"object","properties":{}}`: a function without parameters, which node-llama-cpp wants as no schema at all. */
function isEmptyObjectSchema(schema: Record<string, unknown>): boolean {
  return schema.type === 'object' && (!isRecord(schema.properties) || Object.keys(schema.properties).length === 0);
}
