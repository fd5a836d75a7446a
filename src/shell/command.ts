import { rmSync } from 'node:fs';
import { createOutputCapture, type OutputCapture } from './capture.ts';
import { createModeTracker, type ModeTracker } from './mode-tracker.ts';
import { finishRecord } from './record.ts';
import type { CommandRecord, Terminal } from './types.ts';

/** One command the shell runs, typed over one or more lines, and what it showed. */
export interface Command {
  id: number;
  lines: string[];
  /** The line the record shows, when what was typed into the shell wraps it. */
  recordAs: string | undefined;
  cwd: string;
  startedAt: number;
  terminal: Terminal;
  capture: OutputCapture;
  modes: ModeTracker;
  /** The command mark came (or, for sh, which has none, the line was read). */
  ran: boolean;
  shown: boolean;
  alwaysRecord: boolean;
  cancelled: boolean;
  finished: boolean;
  record: Promise<CommandRecord> | undefined;
  /** A long line handed over through a file: removed once the command ends. */
  handoverDir: string | undefined;
}

export function beginCommand(input: {
  id: number;
  cwd: string;
  terminal: Terminal;
  capture: { maxLines: number; maxBytes: number };
  recordAs: string | undefined;
  alwaysRecord: boolean;
  handoverDir: string | undefined;
}): Command {
  return {
    id: input.id,
    lines: [],
    recordAs: input.recordAs,
    cwd: input.cwd,
    startedAt: Date.now(),
    terminal: input.terminal,
    capture: createOutputCapture(input.capture),
    modes: createModeTracker(),
    ran: false,
    shown: false,
    alwaysRecord: input.alwaysRecord,
    cancelled: false,
    finished: false,
    record: undefined,
    handoverDir: input.handoverDir,
  };
}

/** Output of the command: to its terminal, its capture, and the modes to undo later. */
export function showOutput(command: Command, data: Buffer): void {
  command.shown = true;
  command.modes.scan(data);
  command.capture.push(data);
  command.terminal.write(data);
}

/**
 * The command ended: modes it left on are undone, its hand-over file removed,
 * and, if it ran or showed anything, its record made (`keep` stores it).
 */
export function finishCommand(command: Command, status: number, keep: (record: CommandRecord) => void): void {
  if (command.finished) return;
  command.finished = true;
  command.terminal.write(command.modes.resetSequence());
  if (command.handoverDir) rmSync(command.handoverDir, { recursive: true, force: true });
  const worthRecording = !command.cancelled && (command.ran || command.shown || command.alwaysRecord) && command.lines.join('').trim() !== '';
  if (!worthRecording) return;
  const { cols, rows } = command.terminal.size();
  command.record = finishRecord({
    start: { id: command.id, line: command.recordAs ?? command.lines.join('\n'), cwd: command.cwd, startedAt: command.startedAt },
    status,
    modes: command.modes,
    capture: command.capture,
    screen: { cols, rows },
  }).then((record) => {
    keep(record);
    return record;
  });
}

/** The shell ended in the middle of a command: its terminal and files are still cleaned up. */
export function abandonCommand(command: Command): void {
  command.terminal.write(command.modes.resetSequence());
  if (command.handoverDir) rmSync(command.handoverDir, { recursive: true, force: true });
}
