import { gitBranch } from './git-branch.ts';

export interface PromptInfo {
  cwd: string;
  home: string | undefined;
  lastStatus: number;
  color: boolean;
  /** Shown before the cwd, e.g. the active model preset (issue 4). */
  tag?: string;
}

/** `~/src/conch (main) [1] $ `: cwd with ~, git branch, last status when non-zero. */
export function renderPrompt(info: PromptInfo): string {
  const paint = (code: string, text: string) => (info.color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const parts: string[] = [];
  if (info.tag) parts.push(paint('2', info.tag));
  parts.push(paint('1;36', abbreviateHome(info.cwd, info.home)));
  const branch = gitBranch(info.cwd);
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
