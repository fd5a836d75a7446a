import type { KnownSecret } from './known-secrets.ts';
import { formatRecord, isPrivateRecord, type CommandRecordLike } from './records.ts';
import { redact } from './redact.ts';
import { systemPrompt, type SystemInfo } from './system-prompt.ts';
import { estimateTokens } from './tokens.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ContextOptions {
  /** What of the shell the model sees: command lines and output, command lines only, or nothing. */
  mode: 'full' | 'commands' | 'none';
  /** The preset's context window in tokens. */
  contextSize: number;
  /** Tokens kept free for the answer. */
  maxTokens: number;
  system: SystemInfo;
  /** Values of variables named like secrets are redacted wherever they appear. */
  env: Record<string, string>;
  /** Secret values known beyond the environment (a SecretMemory: those of variables since unset, too), redacted wherever they appear. */
  known?: Iterable<KnownSecret>;
}

export interface BuiltMessages {
  messages: ChatMessage[];
  /** Secrets replaced in what is sent. */
  redactions: number;
  /** Command records included, the explained one among them. */
  includedRecords: number;
  estimatedTokens: number;
  /** Oldest conversation messages left out because the conversation alone overflowed the window. */
  droppedMessages: number;
}

export const EXPLAIN_LAST = 'Explain what went wrong with the last command and how to fix it.';

/**
 * The request's messages: the system prompt with recent shell activity, the
 * conversation so far, then the question. Everything is redacted here, so
 * nothing later can forget to.
 *
 * Budget: the window (`contextSize`) less the answer (`maxTokens`), a margin
 * for the chat template, the system prompt, the question and the conversation
 * is what command records may use, and at most half the window and
 * RECORDS_MAX of it: the rest stays for the conversation to grow, and a big
 * cloud window does not mean every question should cost 100k tokens. Records
 * go newest first (`records` is oldest first, as the executor keeps them),
 * each at most a third of that budget, so one huge output cannot crowd out
 * the commands before it. For `??` the last command comes first, in the
 * question itself, and may use the whole records budget. Private records
 * (typed with a leading space) are never sent; when the last command is one,
 * `??` says so rather than explain another.
 */
export function buildMessages(input: {
  question: string;
  records: readonly CommandRecordLike[];
  conversation: readonly ChatMessage[];
  options: ContextOptions;
  explainLast?: boolean;
}): BuiltMessages {
  const { options } = input;
  // Read once: a SecretMemory may be fed while this runs, and every part must be redacted alike.
  const known = [...(options.known ?? [])];
  const secrets = { env: options.env, known };
  let redactions = 0;
  const clean = (text: string) => {
    const result = redact(text, options.env, known);
    redactions += result.count;
    return result.text;
  };

  const system = clean(systemPrompt(options.system));
  let question = clean(input.explainLast ? [EXPLAIN_LAST, input.question].filter(Boolean).join('\n\n') : input.question);
  const window = options.contextSize - options.maxTokens - TEMPLATE_MARGIN;
  const fixed = estimateTokens(system) + estimateTokens(question) + ACTIVITY_HEADER_TOKENS;
  const conversation = fitConversation(input.conversation, window - fixed, secrets);
  redactions += conversation.redactions;
  let budget = Math.min(window - fixed - conversation.tokens, Math.floor(options.contextSize / 2), RECORDS_MAX);

  const newestFirst = [...input.records].reverse();
  const last = input.explainLast ? newestFirst.shift() : undefined;
  const explained = last && !isPrivateRecord(last) ? last : undefined;
  let includedRecords = 0;
  const blocks: string[] = [];
  if (options.mode === 'none') {
    if (input.explainLast) question += '\n\n(This preset shares no shell activity with you, so ask for the command and its output.)';
  } else {
    if (input.explainLast) {
      const block = explained && formatRecord(explained, options.mode, budget, secrets);
      const missing = last && !explained ? 'The last command was typed with a leading space, which keeps it private: it is not shared, so ask about it.' : 'No command has run in this shell yet.';
      question += block ? `\n\nThe last command:\n\n${block.text}` : `\n\n(${missing})`;
      if (block) {
        redactions += block.redactions;
        budget -= block.tokens;
        includedRecords++;
      }
    }
    const perRecord = Math.floor(budget / 3);
    for (const record of newestFirst) {
      if (budget < MIN_RECORD_TOKENS) break;
      if (isPrivateRecord(record)) continue;
      // One record too big even for its share (a huge pasted line) is skipped; older, smaller ones may still fit.
      const block = formatRecord(record, options.mode, Math.min(perRecord, budget), secrets);
      if (!block) continue;
      blocks.push(block.text);
      redactions += block.redactions;
      budget -= block.tokens + 1;
      includedRecords++;
    }
  }

  const heading = explained ? 'Earlier shell activity, newest first:' : 'Recent shell activity, newest first:';
  const activity = blocks.length > 0 ? `\n\n${heading}\n\n${blocks.join('\n\n')}` : '';
  const messages: ChatMessage[] = [{ role: 'system', content: system + activity }, ...conversation.messages, { role: 'user', content: question }];
  return {
    messages,
    redactions,
    includedRecords,
    estimatedTokens: messages.reduce((sum, m) => sum + estimateTokens(m.content), 0),
    droppedMessages: input.conversation.length - conversation.messages.length,
  };
}

type Secrets = { env: Record<string, string>; known: readonly KnownSecret[] };

/** Tokens left for the chat template's own wrapping of each message. */
const TEMPLATE_MARGIN = 64;
const ACTIVITY_HEADER_TOKENS = 12;
const RECORDS_MAX = 24_000;
/** Below this, not even a short command line with its status fits. */
const MIN_RECORD_TOKENS = 16;

/**
 * The newest part of the conversation that fits in `budget`, redacted: the
 * oldest messages go first, and a trimmed conversation starts with a
 * question, never with an answer whose question is gone.
 */
function fitConversation(conversation: readonly ChatMessage[], budget: number, secrets: Secrets): { messages: ChatMessage[]; tokens: number; redactions: number } {
  const cleaned = conversation.map((m) => ({ role: m.role, ...redact(m.content, secrets.env, secrets.known) }));
  const costs = cleaned.map((m) => estimateTokens(m.text));
  let tokens = costs.reduce((sum, cost) => sum + cost, 0);
  let first = 0;
  while (first < cleaned.length && (tokens > budget || (first > 0 && cleaned[first]!.role === 'assistant'))) {
    tokens -= costs[first]!;
    first++;
  }
  const kept = cleaned.slice(first);
  return {
    messages: kept.map((m) => ({ role: m.role, content: m.text })),
    tokens,
    redactions: kept.reduce((sum, m) => sum + m.count, 0),
  };
}
