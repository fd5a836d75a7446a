import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitBranch } from '../../src/repl/git-branch.ts';

/** A directory with a `.git` whose HEAD names `branch`. */
function repository(branch: string, at = mkdtempSync(join(tmpdir(), 'conch-git-'))): string {
  mkdirSync(join(at, '.git'), { recursive: true });
  writeFileSync(join(at, '.git/HEAD'), `ref: refs/heads/${branch}\n`);
  return at;
}

// A private mount namespace (as an unprivileged user too, where user namespaces are allowed) gives a real filesystem boundary.
const canMount = spawnSync('unshare', ['-rm', 'true']).status === 0;

describe('git branch lookup: git\'s own limits', () => {
  it('inside $HOME, never climbs above it (a planted .git above home is not the user\'s repository)', () => {
    const above = repository('planted');
    const home = join(above, 'home/ann');
    mkdirSync(join(home, 'src'), { recursive: true });
    expect(gitBranch(join(home, 'src'), { home })).toBeUndefined();
    expect(gitBranch(home, { home })).toBeUndefined();
    // $HOME itself may be a repository (dotfiles); outside $HOME the lookup climbs as git does.
    repository('dotfiles', home);
    expect(gitBranch(join(home, 'src'), { home })).toBe('dotfiles');
    expect(gitBranch(join(above, 'home'), { home })).toBe('planted');
  });

  it('ignores a repository owned by another user, as git does without safe.directory', () => {
    const repo = repository('main');
    const me = process.geteuid!();
    expect(gitBranch(repo, { uid: me })).toBe('main');
    expect(gitBranch(repo, { uid: me + 1 })).toBeUndefined();
    const worktree = mkdtempSync(join(tmpdir(), 'conch-wt-'));
    mkdirSync(join(repo, '.git/worktrees/wt'), { recursive: true });
    writeFileSync(join(repo, '.git/worktrees/wt/HEAD'), 'ref: refs/heads/wt-branch\n');
    writeFileSync(join(worktree, '.git'), `gitdir: ${join(repo, '.git/worktrees/wt')}\n`);
    expect(gitBranch(worktree, { uid: me })).toBe('wt-branch');
    expect(gitBranch(worktree, { uid: me + 1 })).toBeUndefined();
  });

  it('never reads a FIFO, a device or a large file as HEAD or as a .git file (the prompt would hang or stall)', () => {
    const fifo = mkdtempSync(join(tmpdir(), 'conch-git-'));
    mkdirSync(join(fifo, '.git'));
    execFileSync('mkfifo', [join(fifo, '.git/HEAD')]);
    expect(gitBranch(fifo)).toBeUndefined();

    const large = repository('x');
    writeFileSync(join(large, '.git/HEAD'), `ref: refs/heads/${'x'.repeat(1 << 20)}\n`);
    expect(gitBranch(large)).toBeUndefined();

    const device = mkdtempSync(join(tmpdir(), 'conch-git-'));
    writeFileSync(join(device, '.git'), 'gitdir: /dev\n');
    expect(gitBranch(device)).toBeUndefined();
    const zero = mkdtempSync(join(tmpdir(), 'conch-git-'));
    mkdirSync(join(zero, 'gitdir'));
    execFileSync('ln', ['-s', '/dev/zero', join(zero, 'gitdir/HEAD')]);
    writeFileSync(join(zero, '.git'), `gitdir: ${join(zero, 'gitdir')}\n`);
    expect(gitBranch(zero)).toBeUndefined();
  });

  it.skipIf(!canMount)('stops at a filesystem boundary', () => {
    const outer = repository('outer');
    mkdirSync(join(outer, 'mnt'));
    const script = 'const m = await import("./src/repl/git-branch.ts"); process.stdout.write(JSON.stringify([m.gitBranch(process.argv[1]) ?? null, m.gitBranch(process.argv[2]) ?? null]))';
    const output = execFileSync(
      'unshare',
      ['-rm', 'sh', '-c', 'mount -t tmpfs none "$1" && mkdir "$1/sub" && exec "$2" --import tsx -e "$3" "$1/sub" "$4"', 'sh', join(outer, 'mnt'), process.execPath, script, outer],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(output)).toEqual([null, 'outer']);
  });
});
