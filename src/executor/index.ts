export { createExecutor, type Executor } from './executor.ts';
export { JobError } from './errors.ts';
export type { CommandRecord, ExecutorOptions, Job, RunOutcome, ShellState, Terminal } from './types.ts';
