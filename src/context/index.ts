export { buildMessages, type BuiltMessages, type ChatMessage, type CommandRecordLike, type ContextOptions } from './messages.ts';
export { redact } from './redact.ts';
export { estimateTokens } from './tokens.ts';
export { assessRisk, type RiskAssessment } from './risk.ts';
export { systemPrompt, type SystemInfo } from './system-prompt.ts';
export { createConversationLog, type ConversationLog, type ExchangeEntry } from './conversation-log.ts';
