import { loadConfig, type Config } from '../../src/config/index.ts';

/** The config conch would load from `text` as its file (undefined: there is no file), with `env`. */
export function loadConfigText(text: string | undefined, env: Record<string, string>): Config {
  return loadConfig({
    env,
    readFile: () => {
      if (text === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return text;
    },
  }).config;
}
