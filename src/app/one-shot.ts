import type { ChatMessage } from '../broker/index.ts';
import type { Preset } from '../config/index.ts';
import { estimateTokens, redact } from '../context/index.ts';
import { fitExcerpt, type Excerpt, type Kept } from './fit-text.ts';

/** What one request sends, already redacted, and how many values that replaced. */
export interface BuiltRequest {
  messages: ChatMessage[];
  redactions: number;
  /** Piped input was cut to fit the preset's window: what of it was kept. */
  pipedCut?: Kept;
}

const SYSTEM = 'You answer questions from a terminal user. Be concise and direct. Put shell commands in fenced ```sh blocks.';
/** Tokens for the chat template's wrapping of each message and the fence around piped input. */
const TEMPLATE_MARGIN = 64;

/**
 * `conch ask`'s request: the question, and piped input fitted to what the
 * preset's window leaves once the answer, the system prompt and the question
 * are counted (head and tail kept). Both are redacted like everything the
 * shell sends, before the cut, so no cut leaves half a secret unrecognised.
 * Piped input alone is the question.
 */
export function oneShotRequest(input: { question: string; piped?: Excerpt | undefined; preset: Pick<Preset, 'contextSize' | 'maxTokens'>; env: Record<string, string> }): BuiltRequest {
  const question = redact(input.question, input.env);
  const system: ChatMessage = { role: 'system', content: SYSTEM };
  const piped = input.piped;
  if (!piped || (piped.head === '' && piped.tail === '')) return { messages: [system, { role: 'user', content: question.text }], redactions: question.count };

  const head = redact(piped.head, input.env);
  const tail = redact(piped.tail, input.env);
  const lead = question.text ? `${question.text}\n\nInput (piped to the command):\n\`\`\`\n` : '';
  const budget = input.preset.contextSize - input.preset.maxTokens - TEMPLATE_MARGIN - estimateTokens(SYSTEM) - estimateTokens(lead);
  const fitted = fitExcerpt({ head: head.text, tail: tail.text, cutLines: piped.cutLines }, budget);
  const body = question.text ? fitted.text.replace(/\n$/, '') : fitted.text.trim();
  // Only the secrets in the part that is sent count.
  const pipedRedactions = fitted.cut ? placeholders(fitted.text) : head.count + tail.count;
  return {
    messages: [system, { role: 'user', content: question.text ? `${lead}${body}\n\`\`\`` : body }],
    redactions: question.count + pipedRedactions,
    ...(fitted.kept ? { pipedCut: fitted.kept } : {}),
  };
}

function placeholders(text: string): number {
  return text.split('[REDACTED:').length - 1;
}
