import { join } from 'node:path';
import type { ShellProgram } from './types.ts';

export interface LaunchSpec {
  file: string;
  args: string[];
  env: Record<string, string>;
}

/**
 * How each shell starts with its editor on, the user's start-up files read as
 * in their terminal, and conch's integration added from the static scripts in
 * `dir`. The nonce travels in the environment (never in argv, which `ps` shows
 * to everyone); each script moves it into a shell variable and unsets it.
 */
export function launchSpec(program: ShellProgram, options: { dir: string; nonce: string; login: boolean; env: Record<string, string> }): LaunchSpec {
  const { dir, nonce, login } = options;
  const env: Record<string, string> = { ...options.env, CONCH_NONCE: nonce };
  // The PTY tells the shell its size; stale values would win over it.
  delete env.COLUMNS;
  delete env.LINES;
  const loginFlag = login ? ['-l'] : [];
  switch (program.kind) {
    case 'bash':
      // bash --login ignores --rcfile: the script reads the login files itself when asked.
      if (login) env.CONCH_LOGIN = '1';
      return { file: program.path, args: ['--rcfile', join(dir, 'bash.sh'), '-i'], env };
    case 'zsh':
      if (options.env.ZDOTDIR !== undefined) env.CONCH_USER_ZDOTDIR = options.env.ZDOTDIR;
      env.ZDOTDIR = join(dir, 'zsh');
      return { file: program.path, args: [...loginFlag, '-i'], env };
    case 'fish':
      return { file: program.path, args: [...loginFlag, '-i', '--init-command', `source ${fishQuote(join(dir, 'fish', 'conch.fish'))}`], env };
    case 'sh':
      if (options.env.ENV !== undefined) env.CONCH_USER_ENV = options.env.ENV;
      env.ENV = join(dir, 'sh.sh');
      return { file: program.path, args: [...loginFlag, '-i'], env };
  }
}

function fishQuote(word: string): string {
  return `'${word.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}
