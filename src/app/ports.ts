import type { CommandRecord } from '../shell/index.ts';
import type { ExchangeEntry, KnownSecret } from '../context/index.ts';

/**
 * What the use cases need from the user's shell session. The repl adapts
 * whichever session it runs (today's executor, or a persistent shell) to this.
 */
export interface ShellPort {
  /** Runs one line in the user's session, in the foreground, as if typed; `env` applies to that line only. */
  run(line: string, options?: { env?: Record<string, string>; signal?: AbortSignal }): Promise<StepResult>;
  /** The most recent command records, oldest first. */
  records(): readonly CommandRecord[];
  cwd(): string;
  env(): Record<string, string>;
  /** Secret values seen in the session so far (memory only), for redacting what a step printed. */
  secrets(): Iterable<KnownSecret>;
}

/** `interrupted`: the person stopped the command (Ctrl-C, Ctrl-Z); its record says how far it got. */
export interface StepResult {
  kind: 'finished' | 'interrupted';
  record: CommandRecord;
}

/** Where an answer goes as it streams: the markdown renderer on a terminal, the bare text in a pipe. */
export interface AnswerRenderer {
  delta(text: string): void;
  reasoning(text: string): void;
  end(): void;
  interrupted(): void;
}

/** One exchange for the conversation log; the log adds the ids and the time. */
export type ExchangeDraft = Omit<ExchangeEntry, 'id' | 'conversationId' | 'time'>;

/** The conversation log as the use cases write it. It never throws: a log that cannot be written tells its owner once, and the question goes on. */
export interface ExchangeLog {
  append(entry: ExchangeDraft): void;
}
