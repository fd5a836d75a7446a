/**
 * A yes/no question on a terminal in its normal (cooked) mode, as `conch ask`
 * runs: the answer is the line typed before Enter; only y or yes is yes, and
 * Ctrl-C (the signal) is no.
 */
export function confirmLine(io: { stdin: NodeJS.ReadableStream; write: (text: string) => void; signal?: AbortSignal }): (question: string) => Promise<boolean> {
  return (question) =>
    new Promise((resolve) => {
      io.write(`${question} [y/N] `);
      let typed = '';
      const finish = (yes: boolean) => {
        io.stdin.off('data', onData);
        io.signal?.removeEventListener('abort', onAbort);
        io.stdin.pause();
        resolve(yes);
      };
      const onData = (data: Buffer | string) => {
        typed += data.toString();
        const end = typed.indexOf('\n');
        if (end >= 0) finish(/^\s*y(es)?\s*$/i.test(typed.slice(0, end)));
      };
      const onAbort = () => {
        io.write('\n');
        finish(false);
      };
      if (io.signal?.aborted) return finish(false);
      io.signal?.addEventListener('abort', onAbort, { once: true });
      io.stdin.on('data', onData);
      io.stdin.resume();
    });
}
