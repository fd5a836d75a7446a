import { askQuestion, withLocalModelOffer, type ShellPort } from '../app/index.ts';
import { redact } from '../context/index.ts';
import { createMarkdownRenderer } from '../render/index.ts';
import { afterWaiting, startWaiting, type WaitingIndicator } from '../render/waiting.ts';
import { messagesFor } from './ask-context.ts';
import { askYesNo } from './confirm.ts';
import { describeError } from './describe-error.ts';
import type { Exchange, ModelSession } from './model-session.ts';
import { noticeLine } from './notices.ts';
import type { Terminal } from './terminal.ts';

export interface QuestionOptions {
  text: string;
  /** `??`: explain what went wrong with the last command. */
  explainLast: boolean;
  terminal: Terminal;
  shellPort: ShellPort;
  session: ModelSession;
  shell: string;
  color: boolean;
  say: (text: string) => void;
}

export interface QuestionOutcome {
  status: number;
  /** Shell commands proposed in the answer, in order; the first goes into the next prompt, unrun. */
  commands: string[];
  /** The question and answer as the conversation now holds them (`:retry` takes them back out). */
  exchange?: Exchange;
}

/** `?`, `??` and `:retry` in the shell: the ask flow with the terminal as its I/O; Ctrl-C stops the answer at once. */
export async function askInShell(options: QuestionOptions): Promise<QuestionOutcome> {
  const { terminal, session, say } = options;
  // No command to explain: said here, in one line; the model would only be asked to guess.
  if (options.explainLast && options.shellPort.records().length === 0) {
    say('conch: nothing has run in this shell yet, so there is nothing to explain');
    return { status: 1, commands: [] };
  }
  const controller = new AbortController();
  // Up from the request until the first text of the answer.
  let waiting: WaitingIndicator | undefined;
  // Raw mode: Ctrl-C arrives as a byte, not a signal.
  const stopListening = terminal.onInput((data) => {
    if (data.includes(0x03)) controller.abort();
  });
  const typed = options.explainLast ? `??${options.text ? ` ${options.text}` : ''}` : options.text;
  try {
    const outcome = await askQuestion(
      {
        // Nothing configured, no server: the built-in model is offered (once per session).
        endpoint: withLocalModelOffer((signal) => session.endpoint(signal), session, { write: (text) => terminal.write(text), tty: true, confirm: (q) => askYesNo(terminal, q) }),
        build: (preset) => messagesFor({ question: options.text, explainLast: options.explainLast, preset, shellPort: options.shellPort, session, shell: options.shell }),
        logQuestion: redact(typed, options.shellPort.env()).text,
      },
      {
        renderer: (preset) => {
          waiting = startWaiting({ write: (text) => terminal.write(text), label: `asking ${preset.name}`, color: options.color, cols: () => terminal.size().cols });
          return afterWaiting(
            createMarkdownRenderer({ write: (text) => terminal.write(text), width: () => terminal.size().cols, color: options.color, showReasoning: session.config.showReasoning }),
            waiting,
            { reasoningShown: session.config.showReasoning !== 'hidden' },
          );
        },
        // A notice while the indicator is up (a retry) goes above it.
        notify: (notice) => (waiting ? waiting.print(noticeLine(notice, options.color)) : say(noticeLine(notice, options.color))),
        log: { append: (entry) => session.record(entry) },
        signal: controller.signal,
      },
    );
    if (outcome.kind === 'failed') {
      say(`conch: ${describeError(outcome.error, outcome.preset, outcome.models)}`);
      return { status: outcome.status, commands: [] };
    }
    const question = outcome.sent.at(-1)?.content ?? typed;
    const commands = outcome.kind === 'answered' ? outcome.commands : [];
    if (!outcome.preset) return { status: outcome.status, commands };
    const answer = outcome.kind === 'interrupted' ? `${outcome.answer}\n[interrupted]` : outcome.answer;
    return { status: outcome.status, commands, exchange: session.remember(question, answer) };
  } finally {
    stopListening();
  }
}
