import { join } from 'node:path';
import { asStorageError, type StorageWarning } from '../private-file.ts';
import type { ChatMessage } from './messages.ts';
import { readLinesNewestFirst } from './lines-backwards.ts';
import { appendLine, pruneLines, truncateLog } from './log-file.ts';
import { redact } from './redact.ts';
import type { SecretSource } from './known-secrets.ts';

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
  /**
   * Appends one exchange, redacted with the same secrets the request was
   * (nothing unredacted ever lands in the file); `time` defaults to now. Does
   * nothing when the log is turned off. Never throws: a failure goes to
   * `onWarning`, once per session.
   */
  append(entry: Omit<ExchangeEntry, 'time'> & { time?: string }): void;
  /** Newest first, at most `limit` (50); `search` matches question or answer, case-insensitively. */
  list(options?: { search?: string | undefined; limit?: number }): ExchangeEntry[];
  /** Every exchange of one conversation, oldest first (for :resume). */
  conversation(id: string): ExchangeEntry[];
  /** Removes every entry (`conch log --clear`); throws the typed StorageWarning when it cannot. */
  clear(): void;
}

export interface ConversationLogOptions {
  dir: string;
  /** The log file. @default `<dir>/conversations.jsonl` */
  file?: string;
  now?: () => Date;
  /** False: nothing is written (`[log] enabled = false`); what is already there can still be read and cleared. @default true */
  enabled?: boolean;
  /** Entries older than this many days are not shown, and are pruned from the file once a session. */
  keepDays?: number | undefined;
  /** The environment and the known secret values the request was redacted with, at the time of appending. */
  secrets?: () => SecretSource;
  /** Told once per session when the log cannot be written, and once when it cannot be read. */
  onWarning?: (warning: StorageWarning) => void;
}

/**
 * The log is JSON Lines in `<dir>/conversations.jsonl` (dir 0700, file 0600,
 * never through a symlink), chosen over SQLite for several conch windows at
 * once: see log-file.ts. A line torn by a crash is skipped when reading,
 * never fatal; the entry appended after it, glued to its end, is recovered.
 */
export function createConversationLog(options: ConversationLogOptions): ConversationLog {
  const file = options.file ?? join(options.dir, 'conversations.jsonl');
  const now = options.now ?? (() => new Date());
  const reported = new Set<'read' | 'write'>();
  const warn = (error: unknown, operation: 'read' | 'write') => {
    if (!reported.has(operation)) options.onWarning?.(asStorageError(error, file, 'conversation log', operation));
    reported.add(operation);
  };
  const cutoff = () => (options.keepDays === undefined ? -Infinity : now().getTime() - options.keepDays * DAY_MS);
  let pruned = false;

  const entries = function* (): Generator<ExchangeEntry> {
    const seen = new Set<string>();
    const oldest = cutoff();
    try {
      for (const line of readLinesNewestFirst(file)) {
        const entry = parseEntry(line);
        // An append that raced with a prune may be there twice.
        if (!entry || seen.has(entry.id) || (oldest > -Infinity && !(Date.parse(entry.time) >= oldest))) continue;
        seen.add(entry.id);
        yield entry;
      }
    } catch (error) {
      warn(error, 'read');
    }
  };

  return {
    append(entry) {
      if (options.enabled === false) return;
      const secrets = options.secrets?.() ?? {};
      const clean = (text: string) => redact(text, secrets.env, secrets.known).text;
      // `id` first: reading finds an entry glued to a torn line by its `{"id":`.
      const { id, ...rest } = entry;
      const safe: ExchangeEntry = {
        id,
        ...rest,
        time: entry.time ?? now().toISOString(),
        question: clean(entry.question),
        answer: clean(entry.answer),
        context: entry.context.map((message) => ({ role: message.role, content: clean(message.content) })),
      };
      try {
        if (!pruned && options.keepDays !== undefined) {
          pruned = true;
          const oldest = cutoff();
          pruneLines(file, (line) => {
            const kept = parseEntry(line);
            return kept !== undefined && Date.parse(kept.time) >= oldest;
          });
        }
        appendLine(file, `${JSON.stringify(safe)}\n`);
      } catch (error) {
        warn(error, 'write');
      }
    },
    list({ search, limit = 50 } = {}) {
      const needle = search?.toLowerCase();
      const found: ExchangeEntry[] = [];
      for (const entry of entries()) {
        if (found.length >= limit) break;
        if (!needle || entry.question.toLowerCase().includes(needle) || entry.answer.toLowerCase().includes(needle)) found.push(entry);
      }
      return found;
    },
    conversation(id) {
      const found: ExchangeEntry[] = [];
      for (const entry of entries()) if (entry.conversationId === id) found.push(entry);
      return found.reverse();
    },
    clear() {
      try {
        truncateLog(file);
      } catch (error) {
        throw asStorageError(error, file, 'conversation log', 'write');
      }
    },
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * An entry, or undefined for a torn, corrupt or foreign line. A line torn by
 * a crash has the next entry glued to it; inside JSON strings a quote is
 * escaped, so a bare `{"id":` can only be that entry's start.
 */
function parseEntry(line: string): ExchangeEntry | undefined {
  const value = parseJson(line) ?? parseJson(line.slice(Math.max(0, line.lastIndexOf('{"id":'))));
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = value as Record<string, unknown>;
  const strings = ['id', 'conversationId', 'time', 'preset', 'model', 'question', 'answer'].every((key) => typeof entry[key] === 'string');
  return strings && Array.isArray(entry.context) && typeof entry.interrupted === 'boolean' ? (value as ExchangeEntry) : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
