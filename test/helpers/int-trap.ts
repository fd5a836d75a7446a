import type { TmuxSession } from './tmux.ts';

/**
 * With `trap : INT`, Ctrl-C at `> ` leaves bash and zsh inside the construct: conch must show `> `
 * again (not wait for a prompt that never comes), and the construct must still finish and run.
 */
export async function ctrlCAtContinuationWithIntTrap(s: TmuxSession): Promise<void> {
  s.type('trap : INT');
  s.keys('Enter');
  s.type('if true; then');
  s.keys('Enter');
  await s.waitFor(/^> ?$/m);
  s.keys('C-c');
  await s.waitFor(/^> \^C\n> ?$/m);
  s.type('echo inside-construct');
  s.keys('Enter');
  s.type('fi');
  s.keys('Enter');
  await s.waitFor(/^inside-construct$/m);
  s.type('echo after-construct');
  s.keys('Enter');
  await s.waitFor(/^after-construct$/m);
}
