import { showExactly } from '../render/sanitize.ts';
import { gitBranch } from './git-branch.ts';

export interface PromptInfo {
  cwd: string;
  home: string | undefined;
  lastStatus: number;
  color: boolean;
  /** Shown before the cwd, e.g. the active model preset (issue 4). */
  tag?: string;
}

/**
 * `~/src/conch (main) [1] $ `: cwd with ~, git branch, last status when non-zero.
 * Directory and branch names are anyone's choice (a cloned repository, an
 * unpacked archive) and the prompt is redrawn on every key: they are shown
 * exactly, every control and invisible character visible, never sent raw.
 */
export function renderPrompt(info: PromptInfo): string {
  const paint = (code: string, text: string) => (info.color ? `\x1b[${code}m${showExactly(text)}\x1b[0m` : showExactly(text));
  const parts: string[] = [];
  if (info.tag) parts.push(paint('2', info.tag));
  parts.push(paint('1;36', abbreviateHome(info.cwd, info.home)));
  const branch = gitBranch(info.cwd, { home: info.home });
  if (branch) parts.push(paint('35', `(${branch})`));
  if (info.lastStatus !== 0) parts.push(paint('1;31', `[${info.lastStatus}]`));
  parts.push(paint('1', '$'));
  return `${parts.join(' ')} `;
}

export function abbreviateHome(cwd: string, home: string | undefined): string {
  if (!home || home === '/') return cwd;
  if (cwd === home) return '~';
  return cwd.startsWith(`${home}/`) ? `~${cwd.slice(home.length)}` : cwd;
}
