import { closeSync, fchmodSync, fstatSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ConversationLogError } from './errors.ts';
import type { ChatMessage } from './messages.ts';
import { readLinesNewestFirst } from './lines-backwards.ts';
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
  /**
   * Appends one exchange, redacted again (nothing unredacted ever lands in the
   * file); `time` defaults to now. Throws ConversationLogError when the file
   * cannot be written (list and conversation, when it cannot be read).
   */
  append(entry: Omit<ExchangeEntry, 'time'> & { time?: string }): void;
  /** Newest first, at most `limit` (50); `search` matches question or answer, case-insensitively. */
  list(options?: { search?: string | undefined; limit?: number }): ExchangeEntry[];
  /** Every exchange of one conversation, oldest first (for :resume). */
  conversation(id: string): ExchangeEntry[];
}

/**
 * The log is JSON Lines in `<dir>/conversations.jsonl` (dir 0700, file 0600),
 * chosen over SQLite for several conch windows at once: each entry is one
 * write() on an O_APPEND descriptor, which the kernel places at the end whole,
 * so writers need no lock and never interleave. A line torn by a crash is
 * skipped when reading, never fatal; the entry appended after it, glued to
 * its end, is recovered.
 */
export function createConversationLog(options: { dir: string; now?: () => Date }): ConversationLog {
  const file = join(options.dir, 'conversations.jsonl');
  const now = options.now ?? (() => new Date());

  return {
    append(entry) {
      // `id` first: reading finds an entry glued to a torn line by its `{"id":`.
      const { id, ...rest } = entry;
      const safe: ExchangeEntry = {
        id,
        ...rest,
        time: entry.time ?? now().toISOString(),
        question: redact(entry.question).text,
        answer: redact(entry.answer).text,
        context: entry.context.map((message) => ({ role: message.role, content: redact(message.content).text })),
      };
      appendLine(file, options.dir, JSON.stringify(safe));
    },
    list({ search, limit = 50 } = {}) {
      const needle = search?.toLowerCase();
      const found: ExchangeEntry[] = [];
      for (const entry of entriesNewestFirst(file)) {
        if (found.length >= limit) break;
        if (!needle || entry.question.toLowerCase().includes(needle) || entry.answer.toLowerCase().includes(needle)) found.push(entry);
      }
      return found;
    },
    conversation(id) {
      const found: ExchangeEntry[] = [];
      for (const entry of entriesNewestFirst(file)) if (entry.conversationId === id) found.push(entry);
      return found.reverse();
    },
  };
}

function appendLine(file: string, dir: string, json: string): void {
  let fd: number | undefined;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    fd = openSync(file, 'a', 0o600);
    // A file made by hand may be readable by others; the log holds questions and command output.
    if ((fstatSync(fd).mode & 0o077) !== 0) fchmodSync(fd, 0o600);
    const bytes = Buffer.from(`${json}\n`);
    const written = writeSync(fd, bytes);
    if (written !== bytes.length) throw new ConversationLogError(file, `wrote ${written} of ${bytes.length} bytes to ${file}`);
  } catch (error) {
    if (error instanceof ConversationLogError) throw error;
    throw new ConversationLogError(file, `cannot write the conversation log ${file}: ${(error as Error).message}`, { cause: error });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function* entriesNewestFirst(file: string): Generator<ExchangeEntry> {
  try {
    for (const line of readLinesNewestFirst(file)) {
      const entry = parseEntry(line);
      if (entry) yield entry;
    }
  } catch (error) {
    throw new ConversationLogError(file, `cannot read the conversation log ${file}: ${(error as Error).message}`, { cause: error });
  }
}

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
