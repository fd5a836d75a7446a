import { dataDir } from '../../config/index.ts';
import { cleanLine, cleanProse, showExactly } from '../../render/sanitize.ts';
import { createConversationLog } from '../../context/index.ts';
import type { CliIo } from '../io.ts';
import { parseOptions } from './parse-options.ts';

const USAGE = 'usage: conch log [--search TEXT] [--limit N] [ID]';

/**
 * `conch log`: the logged exchanges, newest first (`--search` over questions
 * and answers); `conch log ID` shows one exchange, or a whole conversation, in full.
 */
export async function runLogCommand(args: string[], io: CliIo): Promise<number> {
  const { options, words, error } = parseOptions(args, ['search', 'limit']);
  const limit = Number(options.limit ?? 20);
  if (error || words.length > 1 || !Number.isInteger(limit) || limit <= 0) {
    io.stderr.write(`conch log: ${error ?? (words.length > 1 ? `unexpected argument ${words[1]}` : `--limit takes a whole number, got ${options.limit}`)}\n${USAGE}\n`);
    return 2;
  }
  const log = createConversationLog({ dir: dataDir(io.env) });
  const [id] = words;
  if (id) {
    const all = log.list({ limit: Number.MAX_SAFE_INTEGER });
    const exchange = all.find((entry) => entry.id.startsWith(id));
    const entries = exchange ? [exchange] : log.conversation(all.find((entry) => entry.conversationId.startsWith(id))?.conversationId ?? '');
    if (entries.length === 0) {
      io.stderr.write(`conch: no exchange or conversation ${id} in the log\n`);
      return 1;
    }
    for (const entry of entries) {
      io.stdout.write(`── ${showExactly(entry.time)} · ${showExactly(entry.preset)} · ${showExactly(entry.model)}${entry.interrupted ? ' · interrupted' : ''}\n? ${cleanProse(entry.question)}\n\n${cleanProse(entry.answer)}\n\n`);
    }
    return 0;
  }
  const entries = log.list({ ...(options.search ? { search: options.search } : {}), limit });
  if (entries.length === 0) {
    io.stderr.write(options.search ? `conch: no exchange mentions "${options.search}"\n` : 'conch: the log is empty\n');
    return options.search ? 1 : 0;
  }
  for (const entry of entries) {
    const question = cleanLine(entry.question).replace(/\s+/g, ' ');
    io.stdout.write(`${showExactly(entry.id.slice(0, 8))}  ${showExactly(entry.time.slice(0, 16).replace('T', ' '))}  ${showExactly(entry.preset).padEnd(8)}  ${question.length > 70 ? `${question.slice(0, 69)}…` : question}\n`);
  }
  return 0;
}
