import { pursueGoal, type GoalNotice, type ShellPort } from '../app/index.ts';
import type { ResolvedPreset } from '../config/index.ts';
import { redact } from '../context/index.ts';
import type { LineEditor } from '../editor/index.ts';
import { createMarkdownRenderer } from '../render/index.ts';
import { cleanLine } from '../render/sanitize.ts';
import { afterWaiting, startWaiting, type WaitingIndicator } from '../render/waiting.ts';
import { markUnfinishedLine } from './after-command.ts';
import { messagesFor } from './ask-context.ts';
import { askKey, type KeyAnswer } from './confirm.ts';
import { proposalRisks, proposalWarning, riskWarning } from './proposal-risk.ts';
import { describeError } from './describe-error.ts';
import type { ModelSession } from './model-session.ts';
import { noticeLine } from './notices.ts';
import { renderPrompt } from './prompt.ts';
import type { Terminal } from './terminal.ts';

export interface GoalOptions {
  goal: string;
  terminal: Terminal;
  editor: LineEditor;
  shellPort: ShellPort;
  session: ModelSession;
  shell: string;
  home: string | undefined;
  color: boolean;
  say: (text: string) => void;
}

/**
 * `?! GOAL` in the shell: the goal loop with the terminal as its I/O. Each
 * step's reason is printed dim and its command waits in the prompt exactly as
 * a suggestion does (Enter runs it, edits are the person's, Ctrl-C stops the
 * goal); Ctrl-C during an answer stops it at once. The status it leaves.
 */
export async function pursueGoalInShell(options: GoalOptions): Promise<number> {
  const { terminal, session, shellPort, say, color } = options;
  const dim = (text: string) => (color ? `\x1b[2m${text}\x1b[0m` : text);
  // Model text, shown on one line: no control characters reach the terminal.
  const oneLine = (text: string) => cleanLine(text.replace(/\s+/g, ' ').trim());
  const toolsKey = (preset: ResolvedPreset) => `${preset.name} ${preset.baseUrl} ${preset.model}`;
  let sentGoal: string | undefined;
  // The current turn's waiting indicator: up from the request until the first text of the answer.
  let waiting: WaitingIndicator | undefined;

  const show = (notice: GoalNotice) => {
    switch (notice.kind) {
      case 'step':
        if (notice.reason) say(dim(`step ${notice.n}: ${oneLine(notice.reason)}`));
        // An auto-run command passed a strict character check, so it prints as it is.
        if (notice.auto) say(`${dim(`step ${notice.n} (auto_run) $`)} ${notice.command}`);
        return;
      case 'fallback':
        say(dim(notice.why === 'no-tools' ? '(this server takes no tools: steps come as fenced blocks from now on)' : '(the model answered in a fenced block: steps come that way from now on)'));
        return;
      case 'bad-call':
        say(dim(`(the model called ${oneLine(notice.name) || 'a tool'} without a command; it has been told)`));
        return;
      default:
        // A notice while the indicator is up (a retry) goes above it.
        if (waiting) waiting.print(noticeLine(notice, color));
        else say(noticeLine(notice, color));
    }
  };

  const outcome = await pursueGoal(
    {
      goal: options.goal,
      endpoint: (signal) => session.endpoint(signal),
      opening: (preset, share) => {
        const built = messagesFor({ question: options.goal, preset, shellPort, session, shell: options.shell, share });
        sentGoal = built.messages.at(-1)?.content;
        return built;
      },
      logQuestion: redact(`?! ${options.goal}`, shellPort.env()).text,
      maxSteps: session.config.agent.maxSteps,
      autoRun: session.config.agent.autoRun,
      tools: {
        supported: (preset) => !session.withoutTools.has(toolsKey(preset)),
        unsupported: (preset) => void session.withoutTools.add(toolsKey(preset)),
      },
    },
    {
      shell: shellPort,
      renderer: (preset) => {
        // After a step whose output ended mid-line, the indicator and the answer start on a line of their own.
        markUnfinishedLine(terminal);
        waiting = startWaiting({ write: (text) => terminal.write(text), label: `asking ${preset.name}`, color, cols: () => terminal.size().cols });
        const renderer = createMarkdownRenderer({ write: (text) => terminal.write(text), width: () => terminal.size().cols, color, showReasoning: session.config.showReasoning });
        return afterWaiting(renderer, waiting, { reasoningShown: session.config.showReasoning !== 'hidden' });
      },
      notify: show,
      async propose(step) {
        const prompt = renderPrompt({ cwd: shellPort.cwd(), home: options.home, lastStatus: 0, color, tag: `step ${step.n}` });
        const read = await options.editor.readLine(prompt, { initial: step.command, suggestions: [step.command], risk: proposalWarning });
        return read.kind === 'line' ? { kind: 'run', line: read.text } : { kind: 'stop' };
      },
      async confirm(question) {
        const answer = (key: KeyAnswer) => (key === 'interrupt' ? 'stop' : key);
        if (question.kind === 'continue') return answer(await askKey(terminal, `${question.steps} steps so far; continue?`));
        terminal.write(riskWarning(question.command, proposalRisks(question.command), { color, cols: terminal.size().cols }));
        return answer(await askKey(terminal, 'Run it anyway?'));
      },
      log: { append: (entry) => session.record(entry) },
      async interruptible(work) {
        const controller = new AbortController();
        // Raw mode: Ctrl-C arrives as a byte. Armed only while the model is asked; at a step, the editor and the command have the keys.
        const stop = terminal.onInput((data) => {
          if (data.includes(0x03)) controller.abort();
        });
        try {
          return await work(controller.signal);
        } finally {
          stop();
        }
      },
      clock: () => performance.now(),
    },
  );
  if (outcome.kind === 'failed') say(`conch: ${describeError(outcome.error, outcome.preset, outcome.models)}`);
  // The goal is remembered as one plain exchange: no tool call can dangle into the next question.
  if (sentGoal !== undefined && outcome.transcript) session.remember(sentGoal, outcome.transcript);
  return outcome.status;
}
