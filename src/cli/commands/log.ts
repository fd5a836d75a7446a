import { dataDir } from '../../config/index.ts';
import { replayAnswer } from '../../render/replay.ts';
import { cleanLine, cleanProse, showExactly } from '../../render/sanitize.ts';
import { createConversationLog } from '../../context/index.ts';
import { isConchError } from '../../errors.ts';
import type { StorageWarning } from '../../private-file.ts';
import type { CliIo } from '../io.ts';
import { loadShellSettings } from '../settings.ts';
import { parseOptions } from './parse-options.ts';

const USAGE = 'usage: conch log [--search TEXT] [--limit N] [ID] | conch log --clear';

const HELP = `${USAGE}

Lists the logged exchanges (questions, answers, context as sent; secrets redacted), newest first.

  --search TEXT  only the exchanges whose question or answer mentions TEXT
  --limit N      at most N of them (default 20)
  ID             one exchange, or a whole conversation, in full
  --clear        remove every entry
  -h, --help     show this help`;

/**
 * `conch log`: the logged exchanges, newest first (`--search` over questions
 * and answers); `conch log ID` shows one exchange, or a whole conversation, in
 * full; `conch log --clear` empties the log. Entries older than `[log]
 * keep_days` are not shown.
 */
export async function runLogCommand(args: string[], io: CliIo): Promise<number> {
  if (args.some((arg) => arg === '--help' || arg === '-h')) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  const settings = loadShellSettings(io.env, { interactive: false });
  for (const warning of settings.warnings) io.stderr.write(`conch: ${warning}\n`);
  const problems: StorageWarning[] = [];
  const log = createConversationLog({ dir: dataDir(io.env), keepDays: settings.config.log.keepDays, onWarning: (warning) => problems.push(warning) });
  const failed = () => {
    for (const problem of problems) io.stderr.write(`conch: ${problem.message}\n`);
    return problems.length > 0;
  };

  if (args.includes('--clear')) {
    if (args.length > 1) {
      io.stderr.write(`conch log: --clear takes no other argument\n${USAGE}\n`);
      return 2;
    }
    // Every entry goes, old ones (past keep_days) too, so every one is counted.
    let unreadable = false;
    const removed = createConversationLog({ dir: dataDir(io.env), onWarning: () => void (unreadable = true) }).list({ limit: Number.MAX_SAFE_INTEGER }).length;
    try {
      log.clear();
    } catch (error) {
      if (!isConchError(error)) throw error;
      io.stderr.write(`conch: ${error.message}\n`);
      return 1;
    }
    io.stdout.write(unreadable ? 'conversation log cleared\n' : removed === 0 ? 'the conversation log was already empty\n' : `removed ${removed} exchange${removed === 1 ? '' : 's'} from the conversation log\n`);
    return 0;
  }

  const { options, words, error } = parseOptions(args, ['search', 'limit']);
  const limit = Number(options.limit ?? 20);
  if (error || words.length > 1 || !Number.isInteger(limit) || limit <= 0) {
    io.stderr.write(`conch log: ${error ?? (words.length > 1 ? `unexpected argument ${words[1]}` : `--limit takes a whole number, got ${options.limit}`)}\n${USAGE}\n`);
    return 2;
  }
  const [id] = words;
  if (id) {
    const all = log.list({ limit: Number.MAX_SAFE_INTEGER });
    const exchange = all.find((entry) => entry.id.startsWith(id));
    const entries = exchange ? [exchange] : log.conversation(all.find((entry) => entry.conversationId.startsWith(id))?.conversationId ?? '');
    if (failed()) return 1;
    if (entries.length === 0) {
      io.stderr.write(`conch: no exchange or conversation ${id} in the log\n`);
      return 1;
    }
    for (const entry of entries) {
      io.stdout.write(`── ${showExactly(entry.time)} · ${showExactly(entry.preset)} · ${showExactly(entry.model)}${entry.interrupted ? ' · interrupted' : ''}\n? ${cleanProse(entry.question)}\n\n${replayAnswer(entry.answer)}\n\n`);
    }
    return 0;
  }
  const entries = log.list({ ...(options.search ? { search: options.search } : {}), limit });
  if (failed()) return 1;
  // Off, the log keeps nothing new: that, not an empty log, is what a person needs to hear (what is there is still listed).
  if (!settings.config.log.enabled) {
    io.stderr.write(`conch: the conversation log is off ([log] enabled = false in ${settings.config.file}); set enabled = true there to keep exchanges\n`);
    if (entries.length === 0) return 0;
  }
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
