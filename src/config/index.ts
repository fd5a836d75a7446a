export { loadConfig, type Config, type LoadOptions } from './load.ts';
export { ConfigError } from './errors.ts';
export { configPath, dataDir, stateDir, expandHome } from './paths.ts';
export { BUILTIN_PRESETS, DEFAULT_PRESET, type Preset } from './presets.ts';
export { resolvePreset, resolveOrProbe, nothingConfigured, UnknownPresetError, type PresetChoice, type ResolvedPreset } from './resolve.ts';
export { probeLocalServers, LOCAL_SERVERS, NoServerError, type ProbeResult } from './probe.ts';
export { SAMPLE_CONFIG } from './sample.ts';
export type { ShellConfig } from './shell-settings.ts';
export type { LogConfig } from './log-settings.ts';
