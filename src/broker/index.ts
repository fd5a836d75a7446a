export { chatStream } from './chat-stream.ts';
export { listModels } from './list-models.ts';
export { answerSoFar, BadChunkError, ProviderError, StreamCutError, UnexpectedBodyError } from './errors.ts';
export type { ChatHandlers, ChatMessage, ChatOptions, ChatResult, ModelEndpoint, ToolCall, Usage } from './types.ts';
