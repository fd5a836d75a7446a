import { exitOnClosedPipe } from './closed-pipe.ts';
import { run } from './run.ts';

exitOnClosedPipe([process.stdout, process.stderr], (status) => process.exit(status));

// One-shot commands (`conch ask`) stop on Ctrl-C through this signal; the
// interactive shell runs the terminal raw and handles its own keys.
const controller = new AbortController();
const onInterrupt = () => controller.abort();
process.once('SIGINT', onInterrupt);

const status = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: controller.signal,
  argv0: process.argv0,
});
// Everything is done once output is flushed: exit then, rather than wait for
// the last PTY's handles to wind down (or a TTY stdin, which never does).
await flushed(process.stdout);
await flushed(process.stderr);
process.exit(status);

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write('', () => resolve());
  });
}
