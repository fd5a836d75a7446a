import { hasLong, hasShort, splitArgs } from './command-words.ts';
import type { RiskReason } from './risk-reasons.ts';

/** git subcommands that lose work: force-pushes, hard resets, cleans, forced branch deletions, history rewrites. */
export function gitRisks(args: readonly string[], add: (reason: RiskReason) => void): void {
  // Global options come before the subcommand; -C and -c take a value.
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-')) i += args[i] === '-C' || args[i] === '-c' ? 2 : 1;
  const sub = args[i];
  const { flags, operands } = splitArgs(args.slice(i + 1));
  const short = (letter: string) => hasShort(flags, letter);
  const long = (option: string) => hasLong(flags, option);
  if (sub === 'push') {
    if (short('f') || long('--force') || long('--force-with-lease') || long('--mirror') || operands.some((o) => o.startsWith('+'))) add({ kind: 'force-push' });
    else if (short('d') || long('--delete') || operands.some((o) => o.startsWith(':'))) add({ kind: 'remote-branch-delete' });
  } else if (sub === 'reset' && long('--hard')) add({ kind: 'discard-changes', operand: 'git reset --hard' });
  else if (sub === 'clean' && (short('f') || long('--force')) && !short('n') && !long('--dry-run')) add({ kind: 'git-clean' });
  else if ((sub === 'checkout' || sub === 'restore') && (short('f') || long('--force') || operands.includes('.')) && !short('S') && !long('--staged')) add({ kind: 'discard-changes' });
  else if (sub === 'branch' && short('D')) add({ kind: 'branch-force-delete' });
  else if (sub === 'filter-branch' || sub === 'filter-repo') add({ kind: 'history-rewrite' });
  else if (sub === 'stash' && operands[0] === 'clear') add({ kind: 'stash-clear' });
  else if (sub === 'stash' && operands[0] === 'drop') add({ kind: 'stash-drop', ...(operands[1] === undefined ? {} : { operand: operands[1] }) });
}
