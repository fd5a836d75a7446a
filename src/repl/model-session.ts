import { randomUUID } from 'node:crypto';
import type { ChatMessage } from '../context/index.ts';
import { resolveOrProbe, resolvePreset, type Config, type ResolvedPreset } from '../config/index.ts';
import { createConversationLog, SecretMemory, type ConversationLog, type ExchangeEntry } from '../context/index.ts';
import type { StorageWarning } from '../private-file.ts';

/** The model side of an interactive session: active preset, conversation memory, log. */
export interface ModelSession {
  readonly config: Config;
  /** The active preset's name, as chosen; it may name no preset (a typo in CONCH_PRESET), which the first question reports. */
  readonly presetName: string;
  /** Exchanges since the last `:clear`, as messages (the system prompt is built fresh each time). */
  readonly conversation: ChatMessage[];
  readonly conversationId: string;
  readonly log: ConversationLog;
  /** Every secret value seen this session (memory only): what is sent and what is logged are redacted with it. */
  readonly secrets: SecretMemory;
  /** `:model NAME`; throws UnknownPresetError. */
  use(name: string): ResolvedPreset;
  /** The active preset, ready to call; probes for a local server when nothing is configured at all. Throws a ConchError when the preset cannot be used. */
  endpoint(signal?: AbortSignal): Promise<ResolvedPreset>;
  /** A preset as a question would call it (environment overrides applied), without probing; throws a ConchError. */
  preview(name: string): ResolvedPreset;
  clear(): void;
  /** A question and its answer join the conversation; what comes back names that exchange for `forget`. */
  remember(question: string, answer: string): Exchange;
  /** Takes an exchange back out of the conversation (`:retry` replaces it); false when it is no longer there (`:clear`, `:resume`). */
  forget(exchange: Exchange): boolean;
  /** `:resume ID`: continue an earlier conversation from the log; how many exchanges came back. */
  resume(id: string): number;
  record(entry: Omit<ExchangeEntry, 'id' | 'conversationId' | 'time'>): void;
  /** Presets found not to take tools this session (goal mode then uses fenced blocks). */
  readonly withoutTools: Set<string>;
}

/** One question and its answer in the conversation, as `remember` added them. */
export interface Exchange {
  readonly question: ChatMessage;
  readonly answer: ChatMessage;
}

/**
 * Nothing here may stop the shell from starting: the preset is resolved when
 * a question needs it, so an unknown CONCH_PRESET or a preset that fails its
 * checks is an error of that question, never of the login.
 */
export function createModelSession(options: {
  config: Config;
  env: Record<string, string | undefined>;
  dataDir: string;
  /** Told once when the conversation log cannot be written (and once when it cannot be read). */
  onStorageWarning?: (warning: StorageWarning) => void;
}): ModelSession {
  const { config, env } = options;
  let presetName = env.CONCH_PRESET ?? config.defaultPreset;
  let chosen = false;
  let probed: ResolvedPreset | undefined;
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
      return probed && !chosen ? probed.name : presetName;
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
      probed ??= await resolveOrProbe(config, {}, env, signal);
      return probed;
    },
    preview(name) {
      if (probed && !chosen && name === probed.name) return probed;
      return resolvePreset(config, { preset: name }, env);
    },
    clear() {
      conversation.length = 0;
      conversationId = randomUUID();
    },
    remember(question, answer) {
      const exchange: Exchange = { question: { role: 'user', content: question }, answer: { role: 'assistant', content: answer } };
      conversation.push(exchange.question, exchange.answer);
      return exchange;
    },
    forget(exchange) {
      const at = conversation.indexOf(exchange.question);
      if (at < 0 || conversation[at + 1] !== exchange.answer) return false;
      conversation.splice(at, 2);
      return true;
    },
    resume(id) {
      const entries = log.conversation(id);
      if (entries.length === 0) return 0;
      conversation.length = 0;
      for (const entry of entries) conversation.push({ role: 'user', content: questionAsSent(entry) }, { role: 'assistant', content: entry.answer });
      conversationId = id;
      return entries.length;
    },
    record(entry) {
      log.append({ ...entry, id: randomUUID(), conversationId, time: new Date().toISOString() });
    },
    withoutTools: new Set(),
  };
}

/**
 * An exchange's question as the conversation held it when it was asked: what
 * was sent (for `??`, the request with the command and its output; for piped
 * input, the input too), which is the last message of the logged context. A
 * goal's context ends with its steps instead: the goal is remembered without
 * its `?!`, as it was sent.
 */
function questionAsSent(entry: ExchangeEntry): string {
  if (entry.question.startsWith('?!')) return entry.question.slice(2).trim();
  const last = entry.context.at(-1);
  return last?.role === 'user' ? last.content : entry.question;
}
