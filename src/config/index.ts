export { loadConfig, type Config, type LoadOptions } from './load.ts';
export { ConfigError } from './errors.ts';
export { configPath, dataDir, stateDir, expandHome } from './paths.ts';
export type { ShellConfig } from './shell-settings.ts';
