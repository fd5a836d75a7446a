import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';

/**
 * Runs `work` while `dir` cannot be written to. Root writes through file
 * modes, so as root the directory is made immutable instead (chattr +i,
 * which stops root too); either way it is writable again afterwards.
 */
export function readOnlyDir(dir: string, work: () => void): void {
  const root = process.getuid?.() === 0;
  if (root) {
    const result = spawnSync('chattr', ['+i', dir], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`chattr +i ${dir} failed (${result.stderr.trim() || result.error?.message}); a read-only directory cannot be made for root here`);
  } else chmodSync(dir, 0o500);
  try {
    work();
  } finally {
    if (root) spawnSync('chattr', ['-i', dir]);
    else chmodSync(dir, 0o700);
  }
}
