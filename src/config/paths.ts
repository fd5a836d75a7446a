import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Record<string, string | undefined>;

/** `$XDG_CONFIG_HOME/conch/config.toml`, default `~/.config/conch/config.toml`. */
export function configPath(env: Env): string {
  return join(env.XDG_CONFIG_HOME || join(home(env), '.config'), 'conch', 'config.toml');
}

/** `$XDG_STATE_HOME/conch`, default `~/.local/state/conch`: history. */
export function stateDir(env: Env): string {
  return join(env.XDG_STATE_HOME || join(home(env), '.local', 'state'), 'conch');
}

/** `$XDG_DATA_HOME/conch`, default `~/.local/share/conch`: the conversation log. */
export function dataDir(env: Env): string {
  return join(env.XDG_DATA_HOME || join(home(env), '.local', 'share'), 'conch');
}

export function expandHome(path: string, env: Env): string {
  return path === '~' || path.startsWith('~/') ? home(env) + path.slice(1) : path;
}

function home(env: Env): string {
  return env.HOME || homedir();
}
