export { startRepl, REPL_BUILTINS, type ReplOptions } from './repl.ts';
export { createTerminal, type Terminal, type TerminalStreams } from './terminal.ts';
export { routeLine, type Route } from './router.ts';
export { describeOutcome } from './report.ts';
export { createModelSession, type ModelSession } from './model-session.ts';
export { META_COMMANDS } from './meta.ts';
export { describeError } from './describe-error.ts';
export { noticeLine } from './notices.ts';
