import type { ShellPort } from '../app/index.ts';
import { isConchError } from '../errors.ts';
import { cleanProse, showExactly } from '../render/sanitize.ts';
import { messagesFor } from './ask-context.ts';
import { describeError } from './describe-error.ts';
import type { ModelSession } from './model-session.ts';

/** Meta commands: a colon, then one of these words (Tab completes them). */
export const META_COMMANDS = [':model', ':clear', ':context', ':retry', ':history', ':resume', ':help'] as const;

export interface MetaOptions {
  name: string;
  arg: string;
  session: ModelSession;
  shellPort: ShellPort;
  shell: string;
  say: (text: string) => void;
  color: boolean;
}

/** Runs a meta command; `retry` asks the loop to send the last question again. */
export function runMeta(options: MetaOptions): { status: number; retry?: boolean } {
  const { name, arg, session, say } = options;
  const dim = (text: string) => (options.color ? `\x1b[2m${text}\x1b[0m` : text);
  switch (name) {
    case 'help':
      say(
        [
          '? QUESTION       ask the active model (it sees your recent commands and their output, secrets redacted)',
          '??               explain what went wrong with the last command',
          '?! GOAL          work toward a goal step by step: each command waits in the prompt for your Enter',
          ':model [NAME]    list presets, or switch to one',
          ':clear           forget the conversation',
          ':context         show exactly what the next question would send',
          ':retry           ask the last question again, replacing its answer',
          ':history [TEXT]  list (or search) earlier exchanges, each with its conversation ID',
          ':resume [ID]     list conversations, or continue one (the start of its ID will do)',
          'A proposed command waits in the prompt, unrun: Enter runs it, typing replaces it, Right/End/Tab edit it, Alt-N/Alt-P cycle others, Ctrl-O shows a tall one.',
        ].join('\n'),
      );
      return { status: 0 };
    case 'model': {
      if (!arg) {
        // As a question would call each one: CONCH_BASE_URL and CONCH_MODEL override every preset.
        const names = Object.keys(session.config.presets);
        if (!names.includes(session.presetName)) names.unshift(session.presetName);
        const rows = names.map((name) => {
          try {
            return { name, preset: session.preview(name) };
          } catch (error) {
            if (!isConchError(error)) throw error;
            return { name, problem: describeError(error) };
          }
        });
        const modelWidth = Math.max(...rows.map((row) => row.preset ? showExactly(row.preset.model).length : 0));
        for (const row of rows) {
          const mark = row.name === session.presetName ? '*' : ' ';
          const detail = row.preset ? `${showExactly(row.preset.model).padEnd(modelWidth)}  ${showExactly(row.preset.baseUrl)}  context ${row.preset.contextSize}` : row.problem;
          say(`${mark} ${row.name.padEnd(9)} ${detail}`);
        }
        return { status: 0 };
      }
      try {
        const preset = session.use(arg);
        say(dim(`now asking ${preset.name} (${showExactly(preset.model)} at ${showExactly(preset.baseUrl)})`));
        return { status: 0 };
      } catch (error) {
        if (!isConchError(error)) throw error;
        say(`conch: ${describeError(error)}`);
        return { status: 1 };
      }
    }
    case 'clear':
      session.clear();
      say(dim('conversation cleared'));
      return { status: 0 };
    case 'context':
      return showContext(options);
    case 'retry':
      return { status: 0, retry: true };
    case 'history': {
      const entries = session.log.list({ search: arg || undefined, limit: 20 });
      if (entries.length === 0) say(dim(arg ? `no exchange mentions "${arg}"` : 'no exchanges logged yet'));
      // Each row starts with its conversation's short ID: what :resume (and `conch log ID`) take.
      for (const entry of entries.reverse()) {
        say(`${shortId(entry.conversationId)}  ${dim(showExactly(entry.time.slice(0, 16).replace('T', ' ')))}  ${dim(showExactly(entry.preset).padEnd(8))}  ${oneLine(cleanProse(entry.question), 60)}`);
      }
      return { status: 0 };
    }
    case 'resume': {
      if (!arg) {
        const seen = new Set<string>();
        for (const entry of session.log.list({ limit: 200 })) {
          if (seen.has(entry.conversationId) || seen.size >= 10) continue;
          seen.add(entry.conversationId);
          say(`${shortId(entry.conversationId)}  ${dim(showExactly(entry.time.slice(0, 16).replace('T', ' ')))}  ${oneLine(cleanProse(entry.question), 60)}`);
        }
        if (seen.size === 0) say(dim('no conversations logged yet'));
        return { status: 0 };
      }
      const ids = new Set(session.log.list({ limit: 10_000 }).map((entry) => entry.conversationId).filter((id) => id.startsWith(arg)));
      if (ids.size > 1) {
        say(`conch: ${showExactly(arg)} names ${ids.size} conversations; give more of its ID (:resume lists them)`);
        return { status: 1 };
      }
      const [id] = ids;
      const count = id ? session.resume(id) : 0;
      say(count > 0 ? dim(`resumed ${shortId(id!)}: ${count} exchange${count === 1 ? '' : 's'}`) : `conch: no conversation ${showExactly(arg)}`);
      return { status: count > 0 ? 0 : 1 };
    }
    default:
      say(`conch: unknown meta command :${name} (try :help)`);
      return { status: 1 };
  }
}

function showContext(options: MetaOptions): { status: number } {
  const { session, shellPort, say } = options;
  const preset = session.config.presets[session.presetName] ?? Object.values(session.config.presets)[0]!;
  const built = messagesFor({ question: '(your next question)', preset, shellPort, session, shell: options.shell });
  for (const message of built.messages) {
    say(options.color ? `\x1b[1m── ${message.role} ──\x1b[0m` : `── ${message.role} ──`);
    say(message.content.split('\n').map(showExactly).join('\n'));
  }
  say(`(${built.includedRecords} command record${built.includedRecords === 1 ? '' : 's'}, ~${built.estimatedTokens} tokens, ${built.redactions} redaction${built.redactions === 1 ? '' : 's'}; preset ${preset.name}, context ${preset.contextSize})`);
  return { status: 0 };
}

/** The first 8 characters of an ID: unique among any log's conversations in practice, and what :resume and `conch log` take. */
function shortId(id: string): string {
  return showExactly(id.slice(0, 8));
}

function oneLine(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}
