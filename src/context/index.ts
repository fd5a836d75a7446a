export { buildMessages, EXPLAIN_LAST, type BuiltMessages, type ChatMessage, type ContextOptions } from './messages.ts';
export type { CommandRecordLike } from './records.ts';
export { redact } from './redact.ts';
export { SecretMemory, secretEnvPairs, type KnownSecret, type SecretSource } from './known-secrets.ts';
export { isSecretName } from './secret-names.ts';
export { estimateTokens } from './tokens.ts';
export { assessRisk, type RiskAssessment } from './risk.ts';
export { systemPrompt, type SystemInfo } from './system-prompt.ts';
export { createConversationLog, type ConversationLog, type ConversationLogOptions, type ExchangeEntry } from './conversation-log.ts';
