import { runLine } from '../app/run-line.ts';
import type { History, LineEditor } from '../editor/index.ts';
import type { ShellSession } from '../shell/index.ts';
import { eraseTypedAheadEcho, markUnfinishedLine, readsLikeSentence } from './after-command.ts';
import { askYesNo } from './confirm.ts';
import { confirmProposal, proposalWarning } from './proposal-risk.ts';
import { runMeta } from './meta.ts';
import type { Exchange, ModelSession } from './model-session.ts';
import { renderPrompt } from './prompt.ts';
import { routeLine, type Route } from './router.ts';
import { sessionShell } from './shell-port.ts';
import type { ReplTerminal } from './terminal.ts';

export interface ReplOptions {
  terminal: ReplTerminal;
  /** The user's shell, running since start-up: every shell line goes to it. */
  shellSession: ShellSession;
  editor: LineEditor;
  /** The editor's history: a construct typed over several lines is kept as one entry. */
  history: History;
  /** The model side: presets, conversation, log. */
  session: ModelSession;
  /** The shell's path, for the model's system prompt. */
  shell: string;
  home: string | undefined;
  color: boolean;
  questionPrefix?: string;
  /** Problems found since the last prompt (a history or log file that cannot be written), each printed in one line. */
  takeWarnings?: () => readonly { message: string }[];
}

/**
 * The interactive loop: prompt, read a line, route it, show the result.
 * Resolves with the status conch should exit with: the shell's own, once it ends.
 */
export async function startRepl(options: ReplOptions): Promise<number> {
  const { terminal, shellSession, editor, history } = options;
  const say = (text: string) => terminal.write(`${text.replace(/\n/g, '\r\n')}\r\n`);
  let lastStatus = shellSession.lastStatus;
  // Commands the last answer proposed; the next prompt starts with one of them, unrun.
  let suggestions: string[] = [];
  // The last question, and the exchange it left in the conversation: `:retry` replaces that exchange.
  let lastQuestion: { text: string; explainLast: boolean; exchange?: Exchange } | undefined;
  const shellPort = sessionShell(shellSession, terminal, options.session.secrets);
  // The shell ending ends conch, also while the prompt waits for keys.
  const ended = new AbortController();
  void shellSession.exited.then(() => ended.abort());
  const exitStatus = async () => (await shellSession.exited).status;

  const ask = async (text: string, explainLast: boolean) => {
    // Loaded on the first question: the model client and the markdown renderer cost start-up time otherwise.
    const { askInShell } = await import('./question.ts');
    const outcome = await askInShell({ text, explainLast, terminal, shellPort, session: options.session, shell: options.shell, color: options.color, say });
    lastQuestion = { text, explainLast, ...(outcome.exchange ? { exchange: outcome.exchange } : {}) };
    suggestions = outcome.commands;
    return outcome.status;
  };
  /** `:retry`: the old question and answer leave the conversation, then the question is asked again (the log keeps both). */
  const retry = async (question: NonNullable<typeof lastQuestion>) => {
    if (question.exchange) options.session.forget(question.exchange);
    return ask(question.text, question.explainLast);
  };

  const readContinuation = async (): Promise<string | undefined> => {
    const read = await editor.readLine('> ', { addToHistory: false, signal: ended.signal });
    return read.kind === 'line' ? read.text : undefined;
  };

  /** A line for the shell; undefined once the shell has ended. */
  const runShellLine = async (line: string): Promise<number | undefined> => {
    // Keys handed back after an earlier run (a goal's step) belong to no echo at the end of this one.
    terminal.takeTypedAhead();
    const outcome = await runLine({ shell: shellSession, text: line, terminal, readContinuation });
    if (outcome.kind === 'shell-exited') return undefined;
    eraseTypedAheadEcho(terminal);
    history.add(outcome.text);
    // A secret variable's value stays redacted after it is unset: the shell reports every value it has seen.
    options.session.secrets.rememberNamed(shellSession.secretValues());
    // fish marks a missing final newline itself.
    if (outcome.kind === 'ran' && outcome.records.length > 0 && shellSession.program.kind !== 'fish') markUnfinishedLine(terminal);
    return outcome.status;
  };

  for (;;) {
    if (ended.signal.aborted) return exitStatus();
    for (const warning of options.takeWarnings?.() ?? []) say(`conch: ${warning.message}`);
    const prompt = renderPrompt({
      cwd: shellSession.cwd,
      home: options.home,
      lastStatus,
      color: options.color,
      tag: options.session.presetName,
    });
    const offered = suggestions;
    suggestions = [];
    const read = await editor.readLine(prompt, { ...(offered.length > 0 ? { initial: offered[0]!, suggestions: offered, risk: proposalWarning } : {}), addToHistory: false, signal: ended.signal });
    if (ended.signal.aborted) return exitStatus();
    if (read.kind === 'eof') {
      // The shell decides: it exits (its EXIT traps run), or says why not (IGNOREEOF, stopped jobs).
      await shellSession.endOfInput();
      lastStatus = shellSession.lastStatus;
      continue;
    }
    if (read.kind === 'interrupt') {
      await shellSession.interrupt();
      lastStatus = 130;
      continue;
    }

    const route: Route = routeLine(read.text, { questionPrefix: options.questionPrefix ?? '?' });
    switch (route.kind) {
      case 'empty': {
        // As Enter in a terminal: the shell reports finished jobs before its next prompt.
        const status = await runShellLine('');
        if (status === undefined) return exitStatus();
        break;
      }
      case 'invalid':
        history.add(read.text);
        say(`conch: ${route.message}`);
        lastStatus = route.status;
        break;
      case 'question':
        history.add(read.text);
        if (!route.text && !route.explainLast) {
          say('conch: ask something after the ?, or use ?? to explain the last command');
          lastStatus = 2;
          break;
        }
        lastStatus = await ask(route.text, route.explainLast);
        break;
      case 'goal': {
        history.add(read.text);
        const { pursueGoalInShell } = await import('./goal.ts');
        lastStatus = await pursueGoalInShell({ goal: route.text, terminal, editor, shellPort, session: options.session, shell: options.shell, home: options.home, color: options.color, say });
        options.session.secrets.rememberNamed(shellSession.secretValues());
        if (ended.signal.aborted) return exitStatus();
        break;
      }
      case 'meta': {
        history.add(read.text);
        const result = runMeta({ name: route.name, arg: route.arg, session: options.session, shellPort, shell: options.shell, say, color: options.color });
        if (result.retry) {
          if (lastQuestion) lastStatus = await retry(lastQuestion);
          else {
            say('conch: no question to retry yet');
            lastStatus = 1;
          }
        } else lastStatus = result.status;
        break;
      }
      case 'shell': {
        // What the model proposed runs only on Enter, and a risky command only after a second yes.
        const confirmed = read.proposed ? await confirmProposal(terminal, route.line, options.color) : 'yes';
        if (confirmed !== 'yes') {
          lastStatus = confirmed === 'interrupt' ? 130 : 1;
          break;
        }
        const status = await runShellLine(route.line);
        if (status === undefined) return exitStatus();
        lastStatus = status;
        // A line the shell could not find as a command but that reads like a sentence: offer the model, never send it unasked.
        if (lastStatus === 127 && readsLikeSentence(route.line)) {
          if (await askYesNo(terminal, 'conch: that is not a command; ask the model instead?')) lastStatus = await ask(route.line, false);
        }
        break;
      }
    }
  }
}
