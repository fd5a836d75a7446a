import { randomUUID } from 'node:crypto';
import type { ChatMessage } from '../context/index.ts';
import { resolveOrProbe, resolvePreset, type Config, type ResolvedPreset } from '../config/index.ts';
import { createConversationLog, SecretMemory, type ConversationLog, type ExchangeEntry } from '../context/index.ts';
import type { StorageWarning } from '../private-file.ts';

/** The model side of an interactive session: active preset, conversation memory, log. */
export interface ModelSession {
  readonly config: Config;
  readonly presetName: string;
  /** Exchanges since the last `:clear`, as messages (the system prompt is built fresh each time). */
  readonly conversation: ChatMessage[];
  readonly conversationId: string;
  readonly log: ConversationLog;
  /** Every secret value seen this session (memory only): what is sent and what is logged are redacted with it. */
  readonly secrets: SecretMemory;
  /** `:model NAME`; throws UnknownPresetError. */
  use(name: string): ResolvedPreset;
  /** The active preset, ready to call; probes for a local server when nothing is configured at all. */
  endpoint(signal?: AbortSignal): Promise<ResolvedPreset>;
  clear(): void;
  /** `:resume ID`: continue an earlier conversation from the log; how many exchanges came back. */
  resume(id: string): number;
  record(entry: Omit<ExchangeEntry, 'id' | 'conversationId' | 'time'>): void;
}

export function createModelSession(options: {
  config: Config;
  env: Record<string, string | undefined>;
  dataDir: string;
  /** Told once when the conversation log cannot be written (and once when it cannot be read). */
  onStorageWarning?: (warning: StorageWarning) => void;
}): ModelSession {
  const { config, env } = options;
  let presetName = resolvePreset(config, {}, env).name;
  let chosen = false;
  let resolved: ResolvedPreset | undefined;
  let conversationId: string = randomUUID();
  const conversation: ChatMessage[] = [];
  const secrets = new SecretMemory();
  const log = createConversationLog({
    dir: options.dataDir,
    enabled: config.log.enabled,
    keepDays: config.log.keepDays,
    secrets: () => ({ known: secrets }),
    ...(options.onStorageWarning ? { onWarning: options.onStorageWarning } : {}),
  });

  return {
    config,
    get presetName() {
      return resolved && !chosen ? resolved.name : presetName;
    },
    conversation,
    get conversationId() {
      return conversationId;
    },
    log,
    secrets,
    use(name) {
      const preset = resolvePreset(config, { preset: name }, env);
      presetName = preset.name;
      chosen = true;
      return preset;
    },
    async endpoint(signal) {
      if (chosen) return resolvePreset(config, { preset: presetName }, env);
      // Resolved once, on the first question: with nothing configured that is when the local servers are probed.
      resolved ??= await resolveOrProbe(config, {}, env, signal);
      return resolved;
    },
    clear() {
      conversation.length = 0;
      conversationId = randomUUID();
    },
    resume(id) {
      const entries = log.conversation(id);
      if (entries.length === 0) return 0;
      conversation.length = 0;
      for (const entry of entries) conversation.push({ role: 'user', content: entry.question }, { role: 'assistant', content: entry.answer });
      conversationId = id;
      return entries.length;
    },
    record(entry) {
      log.append({ ...entry, id: randomUUID(), conversationId, time: new Date().toISOString() });
    },
  };
}
