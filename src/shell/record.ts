import { constants } from 'node:os';
import type { OutputCapture } from './capture.ts';
import type { ModeTracker } from './mode-tracker.ts';
import type { CommandRecord } from './types.ts';

export type RecordStart = Pick<CommandRecord, 'id' | 'line' | 'cwd' | 'startedAt'>;

const SIGNAL_NAMES = new Map(Object.entries(constants.signals).map(([name, number]) => [number, name]));

/** `SIGTERM` for 15. */
export function signalName(signal: number): string | undefined {
  return SIGNAL_NAMES.get(signal);
}

/**
 * The record of a finished command. A status above 128 is read as "killed by
 * signal N", as bash reads it: the shell's `$?` cannot tell `exit 143` from a
 * kill, and a command dying of a signal is by far the commoner case.
 */
export async function finishRecord(options: {
  start: RecordStart;
  status: number;
  modes: ModeTracker;
  capture: OutputCapture;
  screen: { cols: number; rows: number };
}): Promise<CommandRecord> {
  const { start, status, modes } = options;
  const fullscreen = modes.usedAlternateScreen;
  const { text, truncated } = fullscreen ? { text: '', truncated: false } : await options.capture.render(options.screen);
  const signal = status > 128 ? signalName(status - 128) : undefined;
  return {
    ...start,
    durationMs: Date.now() - start.startedAt,
    status,
    ...(signal ? { signal } : {}),
    output: text,
    outputTruncated: truncated,
    fullscreen,
  };
}
