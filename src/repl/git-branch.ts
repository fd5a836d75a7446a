import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface GitBranchOptions {
  /** $HOME: from inside it the lookup never climbs above it (git's GIT_CEILING_DIRECTORIES set to its parent). */
  home?: string | undefined;
  /** Whose repositories count (git's safe.directory rule). @default the effective user id */
  uid?: number | undefined;
}

/**
 * The branch of the git repository containing `cwd`, read from HEAD without
 * spawning git, so the prompt never waits on a process. A detached HEAD gives
 * the short commit id; outside a repository, undefined. The lookup is run on
 * every prompt, in directories anyone may have written to, so it follows git's
 * own limits: it stops at a filesystem boundary and, inside $HOME, at $HOME; it
 * ignores a repository owned by another user (a planted /tmp/.git); and it
 * reads at most two small regular files (a worktree's `.git` file, then HEAD).
 */
export function gitBranch(cwd: string, options: GitBranchOptions = {}): string | undefined {
  const uid = options.uid ?? process.geteuid?.();
  const start = resolve(cwd);
  const home = options.home ? resolve(options.home) : undefined;
  const ceiling = home && (start === home || start.startsWith(`${home}/`)) ? dirname(home) : undefined;
  let device: number | undefined;
  for (let dir = start; ; dir = dirname(dir)) {
    let stats: Stats;
    try {
      stats = statSync(dir);
    } catch {
      return undefined;
    }
    device ??= stats.dev;
    if (stats.dev !== device) return undefined;
    const repository = findRepository(dir, stats, uid);
    if (repository) return repository.trusted ? readBranch(repository.gitDir) : undefined;
    const parent = dirname(dir);
    if (parent === dir || parent === ceiling) return undefined;
  }
}

/** A `.git` directory, or a `.git` file naming one (worktrees, submodules); `trusted` when everything is the user's own. */
function findRepository(dir: string, dirStats: Stats, uid: number | undefined): { gitDir: string; trusted: boolean } | undefined {
  const dotGit = join(dir, '.git');
  let stats: Stats;
  try {
    stats = statSync(dotGit);
  } catch {
    return undefined;
  }
  const owners = [dirStats.uid, stats.uid];
  let gitDir = dotGit;
  if (stats.isFile()) {
    const match = /^gitdir:\s*(.+)$/m.exec(readSmallFile(dotGit) ?? '');
    if (!match?.[1]) return undefined;
    gitDir = resolve(dir, match[1].trim());
    try {
      owners.push(statSync(gitDir).uid);
    } catch {
      return undefined;
    }
  } else if (!stats.isDirectory()) return undefined;
  return { gitDir, trusted: uid === undefined || owners.every((owner) => owner === uid) };
}

function readBranch(gitDir: string): string | undefined {
  const head = readSmallFile(join(gitDir, 'HEAD'))?.trim();
  if (!head) return undefined;
  const ref = /^ref:\s*refs\/heads\/(.+)$/.exec(head);
  if (ref?.[1]) return ref[1];
  return /^[0-9a-f]{7,}/.test(head) ? head.slice(0, 7) : undefined;
}

/** HEAD is 41 bytes, a `.git` file a path: anything larger is not git's. */
const SMALL = 4096;

/** A regular file of at most SMALL bytes, read once; a FIFO or device is never read (opened non-blocking, then checked). */
function readSmallFile(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > SMALL) return undefined;
    const buffer = Buffer.alloc(SMALL);
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, SMALL, 0));
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
