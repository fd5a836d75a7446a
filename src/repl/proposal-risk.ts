import { assessRisk, describeRiskReason } from '../context/index.ts';
import { hiddenCharacters, showExactly } from '../render/sanitize.ts';
import { askKey, type KeyAnswer } from './confirm.ts';
import type { Terminal } from './terminal.ts';

/**
 * Why a proposed command deserves a second yes: the risk check's reasons (which
 * quote the command's own words, so they are shown exactly, never raw), and
 * characters a person could not have seen as they are.
 */
export function proposalRisks(command: string): string[] {
  const reasons = assessRisk(command).reasons.map((reason) => describeRiskReason(reason, showExactly));
  const hidden = hiddenCharacters(command);
  if (hidden.control) reasons.push('contains control characters (shown as ^X or \\u00XX)');
  if (hidden.invisible) reasons.push('contains invisible or direction-changing characters (shown as <U+XXXX>)');
  return reasons;
}

/** The one line a risky proposal shows under it while it is offered; undefined when it is not risky. */
export function proposalWarning(command: string): string | undefined {
  const reasons = proposalRisks(command);
  return reasons.length > 0 ? riskLine(reasons) : undefined;
}

function riskLine(reasons: readonly string[]): string {
  return `risky: ${reasons.join('; ')}`;
}

/**
 * The warning, on lines of its own after the command was drawn (every character
 * of it visible, so none of its bytes can move the cursor back over these
 * lines): the command's real first line when it has several (its head may have
 * scrolled away), then the reasons.
 */
export function riskWarning(command: string, reasons: readonly string[], options: { color: boolean; cols: number }): string {
  const lines = command.split('\n');
  const out: string[] = [];
  if (lines.length > 1) {
    const more = ` (+${lines.length - 1} more line${lines.length === 2 ? '' : 's'})`;
    const room = Math.max(10, options.cols - 'first line: '.length - more.length - 1);
    const first = showExactly(lines[0]!);
    out.push(`first line: ${first.length > room ? `${first.slice(0, room - 1)}…` : first}${more}`);
  }
  const risky = riskLine(reasons);
  out.push(options.color ? `\x1b[1;31m${risky}\x1b[0m` : risky);
  return `${out.join('\r\n')}\r\n`;
}

/** Before a proposed command runs: `yes` when it may (not risky, or a second yes); Ctrl-C (`interrupt`) drops it like no. */
export async function confirmProposal(terminal: Terminal, command: string, color: boolean): Promise<KeyAnswer> {
  const reasons = proposalRisks(command);
  if (reasons.length === 0) return 'yes';
  terminal.write(riskWarning(command, reasons, { color, cols: terminal.size().cols }));
  return askKey(terminal, 'Run it anyway?');
}
