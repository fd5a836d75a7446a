import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The branch of the git repository containing `cwd`, read from HEAD without
 * spawning git, so the prompt never waits on a process. A detached HEAD gives
 * the short commit id; outside a repository, undefined.
 */
export function gitBranch(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const gitDir = findGitDir(dir);
    if (gitDir) return readHead(gitDir);
    if (dirname(dir) === dir) return undefined;
  }
}

function findGitDir(dir: string): string | undefined {
  const dotGit = join(dir, '.git');
  try {
    if (statSync(dotGit).isDirectory()) return dotGit;
    // Worktrees and submodules have a .git file pointing at the real directory.
    const match = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'));
    return match?.[1] ? resolve(dir, match[1].trim()) : undefined;
  } catch {
    return undefined;
  }
}

function readHead(gitDir: string): string | undefined {
  try {
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    const ref = /^ref:\s*refs\/heads\/(.+)$/.exec(head);
    if (ref?.[1]) return ref[1];
    return /^[0-9a-f]{7,}/.test(head) ? head.slice(0, 7) : undefined;
  } catch {
    return undefined;
  }
}
