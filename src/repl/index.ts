export { startRepl, type ReplOptions } from './repl.ts';
export { createTerminal, type ReplTerminal, type Terminal, type TerminalStreams } from './terminal.ts';
export { routeLine, type Route } from './router.ts';
export { createModelSession, type ModelSession } from './model-session.ts';
export { META_COMMANDS } from './meta.ts';
export { describeError } from './describe-error.ts';
export { noticeLine } from './notices.ts';
