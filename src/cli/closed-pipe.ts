/**
 * The status `conch … | head -1` leaves when head stops reading: 128 +
 * SIGPIPE (13), what a shell reports for cat, grep or git killed by the
 * closed pipe, so `set -o pipefail` and `$PIPESTATUS` see conch as they see
 * them. Node ignores SIGPIPE, so the write fails with EPIPE instead and conch
 * exits with that status itself.
 */
export const CLOSED_PIPE_STATUS = 141;

/**
 * A reader that went away (EPIPE on stdout or stderr) ends conch at once and
 * silently, for every subcommand: there is nobody left to tell, and a Unix
 * tool says nothing then. Any other write error is still a bug and surfaces.
 */
export function exitOnClosedPipe(streams: readonly NodeJS.WritableStream[], exit: (status: number) => void): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      exit(CLOSED_PIPE_STATUS);
    });
  }
}
