import type { Executor } from '../executor/index.ts';
import type { LineEditor } from '../editor/index.ts';
import { askYesNo } from './confirm.ts';
import { confirmProposal } from './proposal-risk.ts';
import { runMeta } from './meta.ts';
import type { ModelSession } from './model-session.ts';
import { renderPrompt } from './prompt.ts';
import { routeLine, type Route } from './router.ts';
import { formatJobs } from './report.ts';
import { readsLikeSentence, resumeInBackground, runForeground, showOutcome } from './foreground.ts';
import { executorShell } from './shell-port.ts';
import type { Terminal } from './terminal.ts';

export interface ReplOptions {
  terminal: Terminal;
  executor: Executor;
  editor: LineEditor;
  /** The model side: presets, conversation, log. */
  session: ModelSession;
  /** The shell that runs each line, for the model's system prompt. */
  shell: string;
  home: string | undefined;
  color: boolean;
  questionPrefix?: string;
  /** Problems found since the last prompt (a history or log file that cannot be written), each printed in one line. */
  takeWarnings?: () => readonly { message: string }[];
}

/** Builtins conch answers itself; the completer offers them too. */
export const REPL_BUILTINS = ['exit', 'jobs', 'fg', 'bg'] as const;

/**
 * The interactive loop: prompt, read a line, route it, show the result.
 * Resolves with the status conch should exit with.
 */
export async function startRepl(options: ReplOptions): Promise<number> {
  const { terminal, executor, editor } = options;
  const say = (text: string) => terminal.write(`${text.replace(/\n/g, '\r\n')}\r\n`);
  let lastStatus = 0;
  let warnedStoppedJobs = false;
  // Commands the last answer proposed; the next prompt starts with one of them, unrun.
  let suggestions: string[] = [];
  let lastQuestion: { text: string; explainLast: boolean } | undefined;
  const shellPort = executorShell(executor, terminal, say);

  const ask = async (text: string, explainLast: boolean) => {
    lastQuestion = { text, explainLast };
    // Loaded on the first question: the model client and the markdown renderer cost start-up time otherwise.
    const { askInShell } = await import('./question.ts');
    const outcome = await askInShell({ text, explainLast, terminal, shellPort, session: options.session, shell: options.shell, color: options.color, say });
    suggestions = outcome.commands;
    return outcome.status;
  };

  const leave = (status: number): number | undefined => {
    if (!warnedStoppedJobs && executor.jobs().some((job) => job.state === 'stopped')) {
      warnedStoppedJobs = true;
      say('There are stopped jobs.');
      return undefined;
    }
    return status;
  };

  // Jobs running in the background: when one is gone from the job list, it finished; say so before the next prompt, as bash does.
  const background = new Map<number, string>();
  const reportFinishedJobs = () => {
    const live = new Set(executor.jobs().map((job) => job.id));
    for (const [id, line] of background) {
      if (live.has(id)) continue;
      background.delete(id);
      say(`[${id}]+  Done                    ${line}`);
    }
  };

  for (;;) {
    reportFinishedJobs();
    for (const warning of options.takeWarnings?.() ?? []) say(`conch: ${warning.message}`);
    const prompt = renderPrompt({
      cwd: executor.state.cwd,
      home: options.home,
      lastStatus,
      color: options.color,
      tag: options.session.presetName,
    });
    const offered = suggestions;
    suggestions = [];
    const read = await editor.readLine(prompt, offered.length > 0 ? { initial: offered[0]!, suggestions: offered } : {});
    if (read.kind === 'eof') {
      terminal.write('\r\n');
      const status = leave(lastStatus);
      if (status !== undefined) return status;
      continue;
    }
    if (read.kind === 'interrupt') {
      lastStatus = 130;
      continue;
    }

    const route: Route = routeLine(read.text, { questionPrefix: options.questionPrefix ?? '?' });
    if (route.kind !== 'exit') warnedStoppedJobs = false;
    switch (route.kind) {
      case 'empty':
        break;
      case 'exit': {
        const status = leave(route.status ?? lastStatus);
        if (status !== undefined) return status;
        break;
      }
      case 'invalid':
        say(`conch: ${route.message}`);
        lastStatus = route.status;
        break;
      case 'question':
        if (!route.text && !route.explainLast) {
          say('conch: ask something after the ?, or use ?? to explain the last command');
          lastStatus = 2;
          break;
        }
        lastStatus = await ask(route.text, route.explainLast);
        break;
      case 'goal': {
        const { pursueGoalInShell } = await import('./goal.ts');
        lastStatus = await pursueGoalInShell({ goal: route.text, terminal, editor, shellPort, session: options.session, shell: options.shell, home: options.home, color: options.color, say });
        break;
      }
      case 'meta': {
        const result = runMeta({ name: route.name, arg: route.arg, session: options.session, shellPort, shell: options.shell, say, color: options.color });
        if (result.retry) {
          if (lastQuestion) lastStatus = await ask(lastQuestion.text, lastQuestion.explainLast);
          else {
            say('conch: no question to retry yet');
            lastStatus = 1;
          }
        } else lastStatus = result.status;
        break;
      }
      case 'jobs': {
        const listing = formatJobs(executor.jobs());
        if (listing) say(listing);
        lastStatus = 0;
        break;
      }
      case 'bg': {
        const job = resumeInBackground(executor, route.jobId, say);
        if (job) background.set(job.id, job.line);
        lastStatus = job ? 0 : 1;
        break;
      }
      case 'fg':
      case 'shell': {
        // What the model proposed runs only on Enter, and a risky command only after a second yes.
        if (route.kind === 'shell' && read.proposed && !(await confirmProposal(terminal, route.line, options.color))) {
          lastStatus = 1;
          break;
        }
        const outcome = await runForeground(executor, route, terminal, say);
        // A secret variable's value stays redacted after it is unset: remember the values seen after every command.
        options.session.secrets.rememberEnv(executor.state.env);
        if (outcome) lastStatus = showOutcome(outcome, terminal, say);
        else lastStatus = 1;
        // A line the shell could not find as a command but that reads like a sentence: offer the model, never send it unasked.
        if (route.kind === 'shell' && lastStatus === 127 && readsLikeSentence(route.line)) {
          if (await askYesNo(terminal, 'conch: that is not a command; ask the model instead?')) lastStatus = await ask(route.line, false);
        }
        break;
      }
    }
  }
}
