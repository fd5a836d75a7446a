import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { showExactly } from '../../src/render/sanitize.ts';
import { abbreviateHome, renderPrompt } from '../../src/repl/prompt.ts';
import { gitBranch } from '../../src/repl/git-branch.ts';
import { EVERY_FORM, foreignControls } from '../fixtures/hostile-text.ts';

describe('prompt', () => {
  it('abbreviates the home directory to ~ only at a path boundary', () => {
    expect(abbreviateHome('/home/ann', '/home/ann')).toBe('~');
    expect(abbreviateHome('/home/ann/src', '/home/ann')).toBe('~/src');
    expect(abbreviateHome('/home/anna', '/home/ann')).toBe('/home/anna');
    expect(abbreviateHome('/', undefined)).toBe('/');
  });

  it('shows the last status only when it is not zero', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conch-prompt-'));
    expect(renderPrompt({ cwd: dir, home: undefined, lastStatus: 0, color: false })).toBe(`${dir} $ `);
    expect(renderPrompt({ cwd: dir, home: undefined, lastStatus: 127, color: false })).toBe(`${dir} [127] $ `);
  });

  it('colours only when asked (NO_COLOR)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conch-prompt-'));
    expect(renderPrompt({ cwd: dir, home: undefined, lastStatus: 1, color: true })).toMatch(/\x1b\[/);
    expect(renderPrompt({ cwd: dir, home: undefined, lastStatus: 1, color: false })).not.toMatch(/\x1b/);
  });

  it('reads the git branch from HEAD, in subdirectories, worktrees and detached heads', () => {
    const repo = mkdtempSync(join(tmpdir(), 'conch-git-'));
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'src/deep'), { recursive: true });
    writeFileSync(join(repo, '.git/HEAD'), 'ref: refs/heads/feature/x\n');
    expect(gitBranch(join(repo, 'src/deep'))).toBe('feature/x');
    expect(renderPrompt({ cwd: repo, home: undefined, lastStatus: 0, color: false })).toBe(`${repo} (feature/x) $ `);

    writeFileSync(join(repo, '.git/HEAD'), '0123456789abcdef0123456789abcdef01234567\n');
    expect(gitBranch(repo)).toBe('0123456');

    const worktree = mkdtempSync(join(tmpdir(), 'conch-wt-'));
    mkdirSync(join(repo, '.git/worktrees/wt'), { recursive: true });
    writeFileSync(join(repo, '.git/worktrees/wt/HEAD'), 'ref: refs/heads/wt-branch\n');
    writeFileSync(join(worktree, '.git'), `gitdir: ${join(repo, '.git/worktrees/wt')}\n`);
    expect(gitBranch(worktree)).toBe('wt-branch');

    expect(gitBranch(mkdtempSync(join(tmpdir(), 'conch-nogit-')))).toBeUndefined();
  });

  it.each(EVERY_FORM.filter((form) => !form.text.includes('/') && !form.text.includes('\0')))('shows a directory named with $name exactly, never raw', ({ text }) => {
    const dir = join(mkdtempSync(join(tmpdir(), 'conch-prompt-')), `a${text}b`);
    mkdirSync(dir);
    for (const color of [true, false]) {
      const prompt = renderPrompt({ cwd: dir, home: undefined, lastStatus: 0, color });
      expect(foreignControls(prompt)).toEqual([]);
      expect(prompt).toContain(showExactly(`a${text}b`));
    }
  });

  // A line break ends HEAD's line: no branch at all.
  it.each(EVERY_FORM.filter((form) => !/[\n\r]/.test(form.text)))('shows a git branch named with $name exactly, never raw', ({ text }) => {
    const repo = mkdtempSync(join(tmpdir(), 'conch-git-'));
    mkdirSync(join(repo, '.git'));
    writeFileSync(join(repo, '.git/HEAD'), `ref: refs/heads/x${text}y\n`);
    const prompt = renderPrompt({ cwd: repo, home: undefined, lastStatus: 0, color: true });
    expect(foreignControls(prompt)).toEqual([]);
    expect(prompt).toContain(`(${showExactly(`x${text}y`)})`);
  });
});
