import { redact } from './redact.ts';
import { systemPrompt, type SystemInfo } from './system-prompt.ts';
import { estimateTokens } from './tokens.ts';

/** A shell command record, as the executor produces it. */
export interface CommandRecordLike {
  line: string;
  cwd: string;
  startedAt: number;
  durationMs: number;
  status: number;
  signal?: string;
  output: string;
  outputTruncated: boolean;
  fullscreen: boolean;
}

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
}

export interface BuiltMessages {
  messages: ChatMessage[];
  redactions: number;
  includedRecords: number;
  estimatedTokens: number;
}

const EXPLAIN = 'My last command did not work. Explain briefly what went wrong and how to fix it; if a corrected command would help, give it.';
/** Tokens left unused for the chat template's own overhead. */
const MARGIN = 64;

/**
 * The request's messages: a system prompt with recent shell activity (newest
 * first, as much as the preset's budget allows, outputs trimmed to their tail
 * when needed), the conversation so far, then the question. Everything is
 * redacted here, so nothing later can forget to.
 */
export function buildMessages(input: {
  question: string;
  records: readonly CommandRecordLike[];
  conversation: readonly ChatMessage[];
  options: ContextOptions;
  explainLast?: boolean;
}): BuiltMessages {
  const { options } = input;
  let redactions = 0;
  const clean = (text: string) => {
    const result = redact(text, options.env);
    redactions += result.count;
    return result.text;
  };

  const last = input.records[input.records.length - 1];
  const question = clean(input.explainLast ? (input.question ? `${EXPLAIN}\n${input.question}` : EXPLAIN) : input.question);
  const conversation = input.conversation.map((message) => ({ ...message, content: clean(message.content) }));
  const base = systemPrompt(options.system);
  let budget = options.contextSize - options.maxTokens - MARGIN - estimateTokens(base) - estimateTokens(question) - conversation.reduce((sum, m) => sum + estimateTokens(m.content), 0);

  const blocks: string[] = [];
  let includedRecords = 0;
  if (options.mode !== 'none') {
    const newestFirst = [...input.records].reverse();
    for (const [index, record] of newestFirst.entries()) {
      // For `??` the failing command comes whole if at all possible; others share what is left.
      const block = formatRecord(record, options.mode, index === 0 && input.explainLast ? budget : Math.max(0, budget), clean);
      if (block === undefined) break;
      const cost = estimateTokens(block);
      if (cost > budget) break;
      blocks.push(block);
      budget -= cost;
      includedRecords++;
    }
  }
  const activity = blocks.length > 0 ? `\n\nRecent shell activity, newest first:\n\n${blocks.join('\n\n')}` : '';
  const lastNote = input.explainLast && last ? `\n\nThe command the user asks about is the newest one: \`${clean(last.line)}\` (exit status ${last.status}).` : '';
  const messages: ChatMessage[] = [{ role: 'system', content: base + activity + lastNote }, ...conversation, { role: 'user', content: question }];
  return { messages, redactions, includedRecords, estimatedTokens: messages.reduce((sum, m) => sum + estimateTokens(m.content), 0) };
}

/** One record as the model reads it; the output cut to its last lines to fit `budget`, or undefined if not even the command fits. */
function formatRecord(record: CommandRecordLike, mode: 'full' | 'commands', budget: number, clean: (text: string) => string): string | undefined {
  const status = record.signal ? `killed by ${record.signal}` : `exit ${record.status}`;
  const head = `$ ${clean(record.line)}\n(${status}, ${(record.durationMs / 1000).toFixed(1)} s, in ${record.cwd})`;
  if (estimateTokens(head) > budget) return undefined;
  if (mode === 'commands') return head;
  if (record.fullscreen) return `${head}\n[full-screen program; output not captured]`;
  if (record.output === '') return head;
  const output = clean(record.output);
  const whole = `${head}\n${output}`;
  if (estimateTokens(whole) <= budget) return record.outputTruncated ? `${head}\n[earlier output cut]\n${output}` : whole;
  const lines = output.split('\n');
  const kept: string[] = [];
  let cost = estimateTokens(head) + 8;
  for (let i = lines.length - 1; i >= 0; i--) {
    const lineCost = estimateTokens(lines[i]!) + 1;
    if (cost + lineCost > budget) break;
    kept.push(lines[i]!);
    cost += lineCost;
  }
  return `${head}\n[${lines.length - kept.length} earlier lines cut]\n${kept.reverse().join('\n')}`;
}
