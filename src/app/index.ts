export { askQuestion, type AskIo, type AskNotice, type AskOutcome, type AskRequest } from './ask.ts';
export { oneShotRequest, type BuiltRequest } from './one-shot.ts';
export { fitExcerpt, fitText, cutMarker, type Excerpt } from './fit-text.ts';
export type { AnswerStats } from './stats.ts';
export type { AnswerRenderer, ExchangeDraft, ExchangeLog, ShellPort, StepResult } from './ports.ts';
export { pursueGoal, type GoalIo, type GoalNotice, type GoalOutcome, type GoalQuestion, type GoalRequest, type ProposedStep, type StepDecision } from './goal.ts';
export type { StepRecord } from './goal-transcript.ts';
export { mayAutoRun } from './auto-run.ts';
