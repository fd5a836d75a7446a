import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ShellKind } from './types.ts';

/**
 * The start-up files the shell read, in order, as far as they exist: the
 * user's own (and, when there are none, the system's), so a shell that ended
 * while starting can be traced to the file that ended it.
 */
export function startupFiles(kind: ShellKind, options: { login: boolean; env: Record<string, string | undefined> }): string[] {
  const { login, env } = options;
  const home = env.HOME ?? '';
  const existing = (paths: string[]) => paths.filter((path) => path !== '' && existsSync(path));
  let user: string[];
  let system: string[];
  switch (kind) {
    case 'bash':
      // As integration/bash.sh reads them: a login shell's profile files, else ~/.bashrc.
      user = login ? existing([join(home, '.bash_profile'), join(home, '.bash_login'), join(home, '.profile')]).slice(0, 1) : existing([join(home, '.bashrc')]);
      system = existing(login ? ['/etc/profile'] : ['/etc/bash.bashrc']);
      break;
    case 'zsh': {
      const dir = env.ZDOTDIR || home;
      const names = login ? ['zshenv', 'zprofile', 'zshrc', 'zlogin'] : ['zshenv', 'zshrc'];
      user = existing(names.map((name) => join(dir, `.${name}`)));
      system = existing(names.map((name) => `/etc/zsh/${name}`));
      break;
    }
    case 'fish': {
      const dir = join(env.XDG_CONFIG_HOME || join(home, '.config'), 'fish');
      user = [...existing([join(dir, 'config.fish')]), ...fishSnippets(join(dir, 'conf.d'))];
      system = [...existing(['/etc/fish/config.fish']), ...fishSnippets('/etc/fish/conf.d')];
      break;
    }
    case 'sh':
      user = existing([...(login ? [join(home, '.profile')] : []), env.ENV ?? '']);
      system = existing(login ? ['/etc/profile'] : []);
      break;
  }
  return user.length > 0 ? user : system;
}

function fishSnippets(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.fish'))
      .sort()
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}
