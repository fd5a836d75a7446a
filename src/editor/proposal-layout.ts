import { layoutPrompt, type Layout } from './render.ts';

/** How a proposal looks: dim while proposed (or marked, without colour), plain once run. */
export type ProposalLook = 'dim' | 'marked' | 'plain';

/** Shown before a proposed command when there is no colour to dim it with. */
export const PROPOSED_MARKER = '[proposed] ';
const DIM = { open: '\x1b[2m', close: '\x1b[22m' };
/** Rows of a tall proposal shown: enough to read what it starts with, leaving the answer above in sight. */
const HEAD_ROWS = 10;

export interface ProposalLayout extends Layout {
  /** Taller than the screen: only its head is shown, then how many lines are not. */
  tall: boolean;
}

/**
 * A proposed command, every character visible, one line per line (each line
 * after the first behind the continuation prompt). One taller than the screen
 * would scroll its first lines out of sight: its head is shown instead, then
 * "+N lines" and the key that shows all of it (Enter runs it only after that).
 * The cursor sits at the start of the proposal, or, once run, at the end of
 * what is shown.
 */
export function layoutProposal(input: { prompt: string; continuation: string; text: string; cols: number; rows: number; look: ProposalLook; seen: boolean }): ProposalLayout {
  const prompt = input.look === 'marked' ? `${input.prompt}${PROPOSED_MARKER}` : input.prompt;
  const plain = input.look === 'plain';
  const full = layoutPrompt({
    prompt,
    continuation: input.continuation,
    text: input.text,
    cursor: plain ? input.text.length : 0,
    cols: input.cols,
    ...(input.look === 'dim' ? { textStyle: DIM } : {}),
  });
  // One row stays free for what follows (the risk warning, the next prompt).
  const room = Math.max(2, input.rows - 1);
  if (full.rows.length <= room) return { ...full, tall: false };

  const head = Math.min(room - 1, HEAD_ROWS);
  const shownLines = full.lineRows.filter((start, line) => (full.lineRows[line + 1] ?? full.rows.length) <= head).length;
  const hidden = full.lineRows.length - shownLines;
  const what = `… +${hidden} line${hidden === 1 ? '' : 's'}`;
  const wholeHint = plain ? what : input.seen ? `${what} (all shown above)` : `${what} · Ctrl-O shows all, then Enter runs it`;
  const hint = wholeHint.slice(0, Math.max(2, input.cols));
  const hintRow = input.look === 'dim' ? `${DIM.open}${hint}${DIM.close}` : hint;
  const rows = [...full.rows.slice(0, head), hintRow];
  const widths = [...full.widths.slice(0, head), hint.length];
  const atEnd = plain || full.cursorRow >= head;
  return {
    rows,
    widths,
    cursorRow: atEnd ? rows.length - 1 : full.cursorRow,
    cursorCol: atEnd ? hint.length : full.cursorCol,
    lineRows: full.lineRows.filter((row) => row < head),
    tall: true,
  };
}
