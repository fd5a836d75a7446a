import { layoutPrompt, type Layout } from './render.ts';

/** How a proposal looks: dim while proposed (red when risky; marked instead, without colour), plain once run. */
export type ProposalLook = 'dim' | 'marked' | 'plain';

/** Shown before a proposed command when there is no colour to dim it with. */
export const PROPOSED_MARKER = '[proposed] ';
/** Shown instead before a risky one. */
export const RISKY_MARKER = '[risky] ';
const DIM = { open: '\x1b[2m', close: '\x1b[22m' };
const RED = { open: '\x1b[31m', close: '\x1b[39m' };
const WARNING = { open: '\x1b[1;31m', close: '\x1b[0m' };
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
 * A risky one is red (or marked risky) while proposed, its `warning` on rows
 * of its own below it: the command's characters are all visible, so none of
 * them can reach those rows. The cursor sits at the start of the proposal,
 * or, once run, at the end of what is shown.
 */
export function layoutProposal(input: { prompt: string; continuation: string; text: string; cols: number; rows: number; look: ProposalLook; seen: boolean; warning?: string }): ProposalLayout {
  const plain = input.look === 'plain';
  const warning = plain || input.warning === undefined ? undefined : input.warning;
  const prompt = input.look === 'marked' ? `${input.prompt}${warning === undefined ? PROPOSED_MARKER : RISKY_MARKER}` : input.prompt;
  const full = layoutPrompt({
    prompt,
    continuation: input.continuation,
    text: input.text,
    cursor: plain ? input.text.length : 0,
    cols: input.cols,
    ...(input.look === 'dim' ? { textStyle: warning === undefined ? DIM : RED } : {}),
  });
  const below = warning === undefined ? undefined : layoutWarning(warning, input.cols, input.rows, input.look === 'dim');
  const withWarning = (layout: ProposalLayout): ProposalLayout =>
    below ? { ...layout, rows: [...layout.rows, ...below.rows], widths: [...layout.widths, ...below.widths] } : layout;
  // One row stays free for what follows (the second yes, the next prompt).
  const room = Math.max(2, input.rows - 1 - (below?.rows.length ?? 0));
  if (full.rows.length <= room) return withWarning({ ...full, tall: false });

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
  return withWarning({
    rows,
    widths,
    cursorRow: atEnd ? rows.length - 1 : full.cursorRow,
    cursorCol: atEnd ? hint.length : full.cursorCol,
    lineRows: full.lineRows.filter((row) => row < head),
    tall: true,
  });
}

/** The warning's rows: a third of the screen at most (a redrawn area must fit on it), cut with … beyond that. */
function layoutWarning(warning: string, cols: number, rows: number, color: boolean): Layout {
  const most = Math.max(1, Math.floor(rows / 3));
  const chars = [...warning];
  const fits = Math.max(1, cols * most - 1);
  const text = chars.length > fits ? `${chars.slice(0, fits - 1).join('')}…` : warning;
  const layout = layoutPrompt({ prompt: '', continuation: '', text, cursor: 0, cols, ...(color ? { textStyle: WARNING } : {}) });
  return { ...layout, rows: layout.rows.slice(0, most), widths: layout.widths.slice(0, most) };
}
