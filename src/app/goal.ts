import { chatStream, listModels, type ChatMessage, type ChatResult, type ToolCall } from '../broker/index.ts';
import type { ResolvedPreset } from '../config/index.ts';
import { assessRisk, type RiskReason } from '../context/index.ts';
import { isConchError, type ConchError } from '../errors.ts';
import { extractShellCommands } from '../render/index.ts';
import { hiddenCharacters } from '../render/sanitize.ts';
import { HttpError } from '../sse/index.ts';
import type { AskNotice } from './ask.ts';
import { mayAutoRun } from './auto-run.ts';
import { createGoalMessages, type StepReport } from './goal-messages.ts';
import { goalInstructions, lacksToolSupport, RUN_COMMAND_TOOL, stepOfCall, type GoalProtocol } from './goal-protocol.ts';
import { goalTranscript, loggedMessages, type StepRecord } from './goal-transcript.ts';
import type { BuiltRequest } from './one-shot.ts';
import type { AnswerRenderer, ExchangeLog, ShellPort } from './ports.ts';
import { notRun, ranReport } from './step-report.ts';

/** `?! GOAL`. */
export interface GoalRequest {
  goal: string;
  endpoint(signal: AbortSignal): Promise<ResolvedPreset>;
  /** The first request for that preset (system prompt with shell activity, conversation, the goal), redacted, within `share` of its window. */
  opening(preset: ResolvedPreset, share: number): BuiltRequest;
  /** The goal as the log keeps it, redacted. */
  logQuestion: string;
  maxSteps: number;
  autoRun: readonly string[];
  /** What this session knows of the preset: whether it takes tools; told when it turns out not to. */
  tools: { supported(preset: ResolvedPreset): boolean; unsupported(preset: ResolvedPreset): void };
}

export interface ProposedStep {
  n: number;
  command: string;
  reason?: string;
}

/** Enter (the line as it was run, maybe edited) or Ctrl-C (the goal stops). */
export type StepDecision = { kind: 'run'; line: string } | { kind: 'stop' };

/** `reasons`: the risk check's; a command may be risky for its hidden characters alone, which the edge words. */
export type GoalQuestion = { kind: 'risky'; n: number; command: string; reasons: RiskReason[] } | { kind: 'continue'; steps: number };

/** How a y/N question was answered; `stop` is Ctrl-C, which ends the goal as it does at a step. */
export type Confirmation = 'yes' | 'no' | 'stop';

export type GoalNotice =
  | AskNotice
  /** The server takes no tools (or the model ignored them): fenced blocks from now on. */
  | { kind: 'fallback'; why: 'no-tools' | 'ignored-tools' }
  /** A step about to wait in the prompt, or (auto) to run at once. */
  | { kind: 'step'; n: number; command: string; reason?: string; auto: boolean }
  /** A tool call with no command in it; the model is told. */
  | { kind: 'bad-call'; name: string };

export interface GoalIo {
  shell: ShellPort;
  /** A fresh renderer for each of the model's turns, made as the request goes out to `preset`. */
  renderer(preset: ResolvedPreset): AnswerRenderer;
  notify(notice: GoalNotice): void;
  /** Places the step's command in the prompt, unrun, and waits. */
  propose(step: ProposedStep): Promise<StepDecision>;
  /** A y/N question; only yes goes on, and Ctrl-C (`stop`) ends the goal. */
  confirm(question: GoalQuestion): Promise<Confirmation>;
  log: ExchangeLog;
  /** Runs a request with Ctrl-C armed: the signal aborts that request only (the connection closes). */
  interruptible<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Milliseconds, for the goal's total time. */
  clock(): number;
}

/**
 * `done`: the model answered without another step. `stopped`: the person
 * ended it (Ctrl-C at a step, in a command or in an answer, or no more steps).
 */
export type GoalOutcome =
  | { kind: 'done'; status: 0; steps: StepRecord[]; answer: string; transcript: string; messages: ChatMessage[] }
  | { kind: 'stopped'; status: number; how: 'at-step' | 'in-command' | 'in-answer' | 'step-limit'; steps: StepRecord[]; answer: string; transcript: string; messages: ChatMessage[] }
  | { kind: 'failed'; status: 1; error: ConchError; preset?: ResolvedPreset; models?: string[]; steps: StepRecord[]; transcript: string; messages: ChatMessage[] };

/** Steps run with these set: a pager waiting for keys would block the goal. */
const STEP_ENV = { PAGER: 'cat', GIT_PAGER: 'cat' };
/** The goal's opening keeps this share of the window; the steps get the rest. */
const OPENING_SHARE = 0.5;
const TEMPLATE_MARGIN = 64;

type Ending = Extract<GoalOutcome, { kind: 'stopped' }>['how'];

/**
 * Works toward a goal in steps, in the person's own shell. Each turn the
 * model proposes a command (a `run_command` call, or a fenced block where
 * the server takes no tools); the command waits in the prompt for Enter,
 * edits or Ctrl-C, a risky one asks y/N, and what it printed goes back,
 * redacted and budgeted. Every tool call gets exactly one result, whatever
 * ends the goal. The whole goal is logged as one exchange.
 */
export async function pursueGoal(request: GoalRequest, io: GoalIo): Promise<GoalOutcome> {
  const started = io.clock();
  const steps: StepRecord[] = [];
  let preset: ResolvedPreset | undefined;
  try {
    // Ctrl-C during the probe for a local server stops the goal; it is not a missing server.
    preset = await io.interruptible(async (signal) => {
      try {
        return await request.endpoint(signal);
      } catch (error) {
        if (signal.aborted) return undefined;
        throw error;
      }
    });
  } catch (error) {
    if (!isConchError(error)) throw error;
    return { kind: 'failed', status: 1, error, steps, transcript: '', messages: [] };
  }
  if (!preset) return { kind: 'stopped', status: 130, how: 'in-answer', steps, answer: '', transcript: '', messages: [] };
  const opening = request.opening(preset, OPENING_SHARE);
  const conversation = createGoalMessages(opening.messages, preset.contextSize - preset.maxTokens - TEMPLATE_MARGIN);
  let protocol: GoalProtocol = request.tools.supported(preset) ? 'tools' : 'fenced';
  let unreported = opening.redactions;
  let allowed = request.maxSteps;
  let completionTokens: number | undefined;
  let sent: ChatMessage[] = [];
  let answer = '';
  let madeUpIds = 0;

  const fallBack = (why: 'no-tools' | 'ignored-tools') => {
    protocol = 'fenced';
    request.tools.unsupported(preset);
    io.notify({ kind: 'fallback', why });
  };

  const finish = <T extends GoalOutcome>(outcome: T): T => {
    io.log.append({
      preset: preset.name,
      model: preset.model,
      question: request.logQuestion,
      context: loggedMessages([...sent.slice(0, 1), ...conversation.transcript().slice(1)]),
      answer: outcome.transcript,
      interrupted: outcome.kind === 'stopped',
      ...(completionTokens !== undefined ? { usage: { completionTokens } } : {}),
      timings: { totalMs: io.clock() - started },
    });
    io.notify({
      kind: 'footer',
      stats: { preset: preset.name, model: preset.model, steps: steps.length, totalMs: io.clock() - started, ...(completionTokens !== undefined ? { completionTokens } : {}) },
    });
    return outcome;
  };
  const stopped = (how: Ending, status = 130) =>
    finish({ kind: 'stopped', status, how, steps, answer, transcript: goalTranscript(steps, answer), messages: conversation.transcript() });

  /** One step: shown, confirmed (unless auto-run allows it), run; what the model is told, and whether the goal ends. */
  const step = async (command: string, reason: string | undefined): Promise<{ report: StepReport; ends?: Ending }> => {
    if (steps.length >= allowed) {
      const more = await io.confirm({ kind: 'continue', steps: steps.length });
      if (more === 'stop') return { report: notRun('stopped'), ends: 'at-step' };
      if (more === 'no') return { report: notRun('limit'), ends: 'step-limit' };
      allowed += request.maxSteps;
    }
    const n = steps.length + 1;
    const auto = mayAutoRun(command, request.autoRun);
    const record: StepRecord = { n, proposed: command, ...(reason ? { reason } : {}), outcome: 'stopped', ...(auto ? { auto } : {}) };
    steps.push(record);
    io.notify({ kind: 'step', n, command, ...(reason ? { reason } : {}), auto });
    let line = command;
    if (!auto) {
      const decision = await io.propose({ n, command, ...(reason ? { reason } : {}) });
      if (decision.kind === 'stop') return { report: notRun('stopped'), ends: 'at-step' };
      line = decision.line;
      const risk = assessRisk(line);
      // A character a person could not see as it is makes a step risky, as it does a proposal.
      const hidden = hiddenCharacters(line);
      const risky = risk.risky || hidden.control || hidden.invisible;
      const answer = line.trim() === '' ? 'no' : risky ? await io.confirm({ kind: 'risky', n, command: line, reasons: risk.reasons }) : 'yes';
      if (answer === 'stop') return { report: notRun('stopped'), ends: 'at-step' };
      if (answer === 'no') {
        record.outcome = 'declined';
        return { report: notRun('declined') };
      }
    }
    const result = await io.shell.run(line, { env: STEP_ENV });
    const interrupted = result.kind === 'interrupted';
    Object.assign(record, { ran: line, outcome: interrupted ? 'interrupted' : 'ran', status: result.record.status, durationMs: result.record.durationMs });
    const { report, redactions } = ranReport({ proposed: command, record: { ...result.record, line }, interrupted, env: io.shell.env(), known: io.shell.secrets() });
    unreported += redactions;
    return { report, ...(interrupted ? { ends: 'in-command' as const } : {}) };
  };

  for (;;) {
    sent = conversation.request(goalInstructions(protocol));
    if (unreported > 0) io.notify({ kind: 'redacted', count: unreported });
    unreported = 0;
    const renderer = io.renderer(preset);
    let result: ChatResult;
    try {
      result = await io.interruptible((signal) =>
        chatStream(
          preset,
          sent,
          {
            onDelta: (text) => renderer.delta(text),
            onReasoning: (text) => renderer.reasoning(text),
            onRetry: ({ delayMs, error }) => {
              if (isConchError(error)) io.notify({ kind: 'retrying', delayMs, error, preset });
            },
          },
          { signal, ...(protocol === 'tools' ? { tools: [RUN_COMMAND_TOOL] } : {}) },
        ),
      );
    } catch (error) {
      renderer.end();
      if (!isConchError(error)) throw error;
      if (protocol === 'tools' && lacksToolSupport(error)) {
        fallBack('no-tools');
        continue;
      }
      const models = error instanceof HttpError && error.status === 404 ? await listModels(preset, { timeoutMs: 2000 }).catch(() => []) : undefined;
      return finish({ kind: 'failed', status: 1, error, preset, ...(models ? { models } : {}), steps, transcript: goalTranscript(steps, answer), messages: conversation.transcript() });
    }
    if (result.usage?.completionTokens !== undefined) completionTokens = (completionTokens ?? 0) + result.usage.completionTokens;
    answer = result.content;
    if (result.aborted) {
      renderer.interrupted();
      return stopped('in-answer');
    }
    renderer.end();

    const calls = protocol === 'tools' ? withIds(result.toolCalls, () => `call_conch_${++madeUpIds}`) : [];
    if (calls.length === 0) {
      const block = extractShellCommands(result.content)[0];
      if (block === undefined) {
        conversation.assistant(result.content);
        return finish({ kind: 'done', status: 0, steps, answer, transcript: goalTranscript(steps, answer), messages: conversation.transcript() });
      }
      if (protocol === 'tools') fallBack('ignored-tools');
      conversation.assistant(result.content);
      const outcome = await step(block, undefined);
      conversation.report(outcome.report);
      if (outcome.ends) return stopped(outcome.ends, outcome.ends === 'step-limit' ? 1 : 130);
      continue;
    }

    conversation.assistant(result.content, calls);
    let ending: Ending | undefined;
    // Several calls in one turn run one at a time, each confirmed; once the goal ends, the rest are answered as not run.
    for (const call of calls) {
      if (ending) {
        conversation.report(notRun('ended'), call.id);
        continue;
      }
      const proposal = stepOfCall(call);
      if (!proposal) {
        io.notify({ kind: 'bad-call', name: call.function.name });
        conversation.report(notRun('badCall'), call.id);
        continue;
      }
      const outcome = await step(proposal.command, proposal.reason);
      conversation.report(outcome.report, call.id);
      ending = outcome.ends;
    }
    if (ending) return stopped(ending, ending === 'step-limit' ? 1 : 130);
  }
}

/** Servers that leave ids out still need them paired: one made up per call. */
function withIds(calls: readonly ToolCall[], makeId: () => string): ToolCall[] {
  return calls.filter(Boolean).map((call) => (call.id ? call : { ...call, id: makeId() }));
}

