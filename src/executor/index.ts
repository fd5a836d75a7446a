export { createExecutor, JobError, type Executor } from './executor.ts';
export type { CommandRecord, ExecutorOptions, Job, RunOutcome, ShellState, Terminal } from './types.ts';
