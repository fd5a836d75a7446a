/**
 * The user's own shell, one long-lived interactive process per conch, in one
 * PTY. The integration scripts in ./integration (static files) make it report
 * prompts, commands, exit statuses and its cwd through marks that carry a
 * per-session nonce and its pid; the shell owns all state and job control.
 *
 * `startShellSession(options)` spawns it; `session.started` says whether it is
 * ready, needs the plain relay (`passthrough`), or is too old. A relayed shell
 * that reaches its first prompt late (a slow rc) ends the relay: conch takes over.
 *
 * `session.run(line, terminal?, { env?, signal? })` runs one command as if
 * typed at the prompt, its output shown on `terminal` (the session's own by
 * default), and resolves with
 *   - `{ kind: 'finished', record }`: the command ended; `record` is what the
 *     model sees (also appended to `session.records`);
 *   - `{ kind: 'interrupted', record }`: `signal` aborted it (Ctrl-C, then
 *     SIGTERM, then SIGKILL to its process group);
 *   - `{ kind: 'incomplete' }`: the shell wanted more lines; nothing ran;
 *   - `{ kind: 'exited', exit }`: the shell itself ended.
 * `env` holds variables for that command only (PAGER=cat GIT_PAGER=cat); the
 * command's `cd` and assignments still persist. Runs queue: one at a time.
 *
 * `session.submit(text, terminal, { readMore })` is the interactive form: the
 * shell decides when the text is complete and asks `readMore` for the next line.
 */
export type { ShellNames } from './marks.ts';
export { startShellSession, type ShellSession, type ShellSessionOptions, type StartResult, type RelayEnd, type SubmitOptions, type RunOptions } from './session.ts';
export { chooseShell, resolveProgram, type ChooseOptions, type ShellChoice } from './choose.ts';
export { readShellHistory } from './history-import.ts';
export { startupFiles } from './startup-files.ts';
export { preloadRenderer } from './capture.ts';
export type { CommandRecord, RunOutcome, SecretValue, ShellExit, ShellKind, ShellProgram, SubmitOutcome, Terminal } from './types.ts';
