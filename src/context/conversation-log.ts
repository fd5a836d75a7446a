import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatMessage } from './messages.ts';
import { redact } from './redact.ts';

/** One question and its answer, as kept in the log. */
export interface ExchangeEntry {
  id: string;
  conversationId: string;
  /** ISO 8601. */
  time: string;
  preset: string;
  model: string;
  question: string;
  /** The messages as sent, after redaction. */
  context: ChatMessage[];
  answer: string;
  interrupted: boolean;
  usage?: { promptTokens?: number; completionTokens?: number };
  timings?: { ttftMs?: number; totalMs?: number; tokensPerSecond?: number };
}

export interface ConversationLog {
  /** Appends one exchange (redacted again: nothing unredacted ever lands in the file). */
  append(entry: ExchangeEntry): void;
  /** Newest first; `search` matches question or answer, case-insensitively. */
  list(options?: { search?: string | undefined; limit?: number }): ExchangeEntry[];
  /** Every exchange of one conversation, oldest first (for :resume). */
  conversation(id: string): ExchangeEntry[];
}

/**
 * The log is JSON Lines in `<dir>/conversations.jsonl` (mode 0600, dir 0700):
 * each entry is one write() on an O_APPEND descriptor, which the kernel appends
 * whole, so several conch windows never interleave; a torn or corrupt line
 * (a crash mid-write) is skipped when reading, never fatal.
 */
export function createConversationLog(options: { dir: string }): ConversationLog {
  const file = join(options.dir, 'conversations.jsonl');
  const readAll = (): ExchangeEntry[] => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return [];
    }
    const entries: ExchangeEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const entry = JSON.parse(line) as ExchangeEntry;
        if (typeof entry.id === 'string' && typeof entry.question === 'string') entries.push(entry);
      } catch {
        // A torn line from a crash: skip it.
      }
    }
    return entries;
  };

  return {
    append(entry) {
      const safe: ExchangeEntry = {
        ...entry,
        question: redact(entry.question).text,
        answer: redact(entry.answer).text,
        context: entry.context.map((message) => ({ ...message, content: redact(message.content).text })),
      };
      mkdirSync(options.dir, { recursive: true, mode: 0o700 });
      const fd = openSync(file, 'a', 0o600);
      try {
        writeSync(fd, `${JSON.stringify(safe)}\n`);
      } finally {
        closeSync(fd);
      }
    },
    list({ search, limit = 50 } = {}) {
      const needle = search?.toLowerCase();
      return readAll()
        .filter((entry) => !needle || entry.question.toLowerCase().includes(needle) || entry.answer.toLowerCase().includes(needle))
        .reverse()
        .slice(0, limit);
    },
    conversation(id) {
      return readAll().filter((entry) => entry.conversationId === id);
    },
  };
}
