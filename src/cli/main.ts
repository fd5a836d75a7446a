import { run } from './run.ts';

// One-shot commands (`conch ask`) stop on Ctrl-C through this signal; the
// interactive shell runs the terminal raw and handles its own keys.
const controller = new AbortController();
const onInterrupt = () => controller.abort();
process.once('SIGINT', onInterrupt);

process.exitCode = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: controller.signal,
});
process.off('SIGINT', onInterrupt);
// A TTY stdin keeps the event loop alive after the shell is done with it.
if (process.stdin.isTTY) process.stdin.destroy();
