import { describe, expect, it } from 'vitest';
import { ConfigError, EnvValueError, nothingConfigured, resolvePreset, SAMPLE_CONFIG } from '../../src/config/index.ts';
import { loadConfigText } from '../helpers/load-config-text.ts';

const env = { HOME: '/home/ann', XDG_CONFIG_HOME: '/cfg' };
const load = (text: string | undefined, extra: Record<string, string> = {}) => loadConfigText(text, { ...env, ...extra });

describe('config', () => {
  it('has the seed presets with no file at all, and the shell defaults', () => {
    const config = load(undefined);
    expect(config.fromFile).toBe(false);
    expect(Object.keys(config.presets)).toEqual(expect.arrayContaining(['snappy', '32k', 'cloud', 'ollama', 'lmstudio']));
    expect(config.presets.snappy!.contextSize).toBeLessThan(config.presets['32k']!.contextSize);
    expect(config.presets.cloud).toMatchObject({ baseUrl: 'https://openrouter.ai/api/v1', apiKeyEnv: 'OPENROUTER_API_KEY' });
    expect(config.shell).toEqual({ program: undefined, captureLines: 2000, captureBytes: 262144, historyFile: '/home/ann/.local/state/conch/history' });
  });

  it('reads the commented sample as valid, and as the defaults it shows', () => {
    const sample = load(SAMPLE_CONFIG);
    const none = load(undefined);
    expect(sample.fromFile).toBe(true);
    expect({ ...sample, fromFile: false }).toEqual(none);
  });

  it('reads [agent]: fifteen steps and nothing auto-run by default', () => {
    expect(load(undefined).agent).toEqual({ maxSteps: 15, autoRun: [] });
    expect(load('[agent]\nmax_steps = 4\nauto_run = ["git status", " ls "]').agent).toEqual({ maxSteps: 4, autoRun: ['git status', 'ls'] });
    expect(SAMPLE_CONFIG).toMatch(/^\[agent\]\n# .*\n# max_steps = 15\n[\s\S]*# auto_run = \[/m);
  });

  it('overrides a preset, adds one, and expands ~ in the history file', () => {
    const config = load(`default_preset = "work"
[presets.work]
base_url = "http://10.0.0.5:8000/v1"
model = "qwen"
api_key_env = "WORK_KEY"
context = "commands"
[presets.snappy]
max_tokens = 256
[shell]
program = "/bin/bash"
history_file = "~/h"
`);
    expect(config.presets.work).toMatchObject({ baseUrl: 'http://10.0.0.5:8000/v1', model: 'qwen', apiKeyEnv: 'WORK_KEY', context: 'commands', contextSize: 4096 });
    expect(config.presets.snappy).toMatchObject({ maxTokens: 256, contextSize: 4096 });
    expect(config.shell).toMatchObject({ program: '/bin/bash', historyFile: '/home/ann/h' });
  });

  it('reads [log]: the conversation log on by default, off or with a retention in days when asked', () => {
    expect(load(undefined).log).toEqual({ enabled: true, keepDays: undefined });
    expect(load('[log]\nenabled = false\nkeep_days = 30\n').log).toEqual({ enabled: false, keepDays: 30 });
    // The sample documents both keys; uncommented as written, it is still a valid file.
    expect(load(SAMPLE_CONFIG.replace('# enabled = true', 'enabled = true').replace('# keep_days = 90', 'keep_days = 90')).log).toEqual({ enabled: true, keepDays: 90 });
    const cases: [string, RegExp][] = [
      ['[log]\nenabled = "no"', /log\.enabled: expected true or false, got "no"/],
      ['[log]\nkeep_days = 0', /log\.keep_days: expected a whole number of days >= 1, got 0/],
      ['[log]\nkeep_days = 1.5', /log\.keep_days: expected a whole number/],
      ['[log]\nkeep = 3', /log\.keep: unknown key \(expected one of enabled, keep_days\)/],
      ['log = true', /log: expected a table/],
    ];
    for (const [text, message] of cases) expect(() => load(text), text).toThrow(message);
  });

  it('names the file, the key and what was expected for a bad value', () => {
    const cases: [string, RegExp][] = [
      ['[presets.snappy]\ncontext_size = "big"', /config\.toml: presets\.snappy\.context_size: expected a whole number of tokens >= 512, got "big"/],
      ['[presets.snappy]\ncontext_size = 10', /presets\.snappy\.context_size: expected a whole number of tokens >= 512, got 10/],
      ['[presets.snappy]\ntemperature = 9', /presets\.snappy\.temperature: expected a number from 0 to 2, got 9/],
      ['[presets.snappy]\ntemperature = -0.1', /presets\.snappy\.temperature: expected a number from 0 to 2, got -0\.1/],
      ['[presets.snappy]\nmax_tokens = 0', /presets\.snappy\.max_tokens: expected a whole number > 0, got 0/],
      ['[presets.snappy]\nmax_tokens = 4096', /presets\.snappy\.max_tokens: expected fewer tokens than context_size \(4096\), got 4096/],
      ['[presets.cloud]\ncontext_size = 1024\nmax_tokens = 2000', /presets\.cloud\.max_tokens: expected fewer tokens than context_size \(1024\), got 2000/],
      ['[presets.32k]\ncontext_size = 2048', /presets\.32k\.context_size: expected more tokens than max_tokens \(2048\), got 2048/],
      ['[presets.x]\nbase_url = "ftp://x"', /presets\.x\.base_url: expected an http/],
      ['[presets.x]\napi_key = "sk-123"', /presets\.x\.api_key: keys are not stored in config/],
      ['default_preset = "nope"', /default_preset: expected one of .*snappy/],
      ['[shell]\ncapture_lines = -1', /shell\.capture_lines: expected a whole number >= 0, got -1$/],
      ['[shell]\ncapture_bytes = 1.5', /shell\.capture_bytes: expected a whole number >= 0, got 1\.5$/],
      ['colour = true', /colour: unknown key/],
      ['show_reasoning = "loud"', /show_reasoning: expected "dim" or "hidden", got "loud"/],
      ['[presets.snappy]\nidle_timeout_ms = 2147483648', /presets\.snappy\.idle_timeout_ms: expected a whole number of milliseconds from 1 to 2147483647 \(about 24 days\), got 2147483648/],
      ['[presets.snappy]\nconnect_timeout_ms = 0', /connect_timeout_ms: expected a whole number of milliseconds from 1/],
      ['[agent]\nmax_steps = 0', /agent\.max_steps: expected a whole number > 0, got 0/],
      ['[agent]\nauto_run = "ls"', /agent\.auto_run: expected a list of command prefixes/],
      ['[agent]\nauto_run = ["ls", ""]', /agent\.auto_run: expected a list of command prefixes/],
      ['[agent]\nauto = true', /agent\.auto: unknown key \(expected one of max_steps, auto_run\)/],
      ['this is = = not toml', /config\.toml:1:6: not valid TOML/],
    ];
    for (const [text, message] of cases) {
      expect(() => load(text), text).toThrow(ConfigError);
      expect(() => load(text), text).toThrow(message);
    }
  });

  it('accepts the ends of every range', () => {
    const preset = load('[presets.snappy]\ntemperature = 2\ncontext_size = 512\nmax_tokens = 511\n[presets.cold]\ntemperature = 0\n').presets;
    expect(preset.snappy).toMatchObject({ temperature: 2, contextSize: 512, maxTokens: 511 });
    expect(preset.cold).toMatchObject({ temperature: 0 });
  });

  it('says where a file is not valid TOML: line and column', () => {
    const error = (() => {
      try {
        load('default_preset = "snappy"\nthis is = = not toml\n');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ line: 2, column: 6, message: '/cfg/conch/config.toml:2:6: not valid TOML: illegal character in key' });
  });

  it('still probes for a local server with the commented sample, or any file that names no server', () => {
    const probes = (text: string | undefined, extra: Record<string, string> = {}) => nothingConfigured(load(text), {}, { ...env, ...extra });
    expect(probes(undefined)).toBe(true);
    expect(probes(SAMPLE_CONFIG)).toBe(true);
    expect(probes('[presets.snappy]\ncontext = "commands"\n[shell]\nprogram = "/bin/bash"')).toBe(true);
    expect(probes('[presets.cloud]\nmodel = "x/y"')).toBe(true);
    expect(probes('default_preset = "snappy"')).toBe(false);
    expect(probes('[presets.snappy]\nbase_url = "http://10.0.0.5:8080/v1"')).toBe(false);
    expect(probes('[presets.snappy]\nmodel = "qwen"')).toBe(false);
    expect(probes(SAMPLE_CONFIG, { CONCH_BASE_URL: 'http://h/v1' })).toBe(false);
    expect(nothingConfigured(load(SAMPLE_CONFIG), { preset: 'ollama' }, env)).toBe(false);
  });

  it('validates CONCH_IDLE_TIMEOUT_MS with one clear error, and never lets it overflow the timer', () => {
    const config = load(undefined);
    const idle = (value: string) => resolvePreset(config, {}, { CONCH_IDLE_TIMEOUT_MS: value }).timeouts.idleMs;
    expect(idle('2147483647')).toBe(2147483647);
    expect(idle('')).toBe(config.presets.snappy!.timeouts.idleMs);
    for (const bad of ['2147483648', '100000000000', '0', '-5', '1.5', '30s', 'abc']) {
      expect(() => idle(bad), bad).toThrow(EnvValueError);
      expect(() => idle(bad), bad).toThrow(`CONCH_IDLE_TIMEOUT_MS: expected a whole number of milliseconds from 1 to 2147483647 (about 24 days), got "${bad}"`);
    }
  });

  it('reads the proxy from the environment, lower-case first; none when none is set', () => {
    const config = load(undefined);
    expect(resolvePreset(config, {}, {}).proxy).toBeUndefined();
    expect(resolvePreset(config, {}, { NO_PROXY: 'x' }).proxy).toBeUndefined();
    expect(resolvePreset(config, {}, { HTTPS_PROXY: 'http://p:3128', no_proxy: '.corp' }).proxy).toEqual({ httpsProxy: 'http://p:3128', noProxy: '.corp' });
    expect(resolvePreset(config, {}, { http_proxy: 'http://lower:1', HTTP_PROXY: 'http://upper:2', NO_PROXY: 'a', no_proxy: 'b' }).proxy).toEqual({ httpProxy: 'http://lower:1', noProxy: 'b' });
  });

  it('resolves flags over environment over file, and reads the key from the named variable', () => {
    const config = load(undefined);
    expect(resolvePreset(config, {}, { CONCH_PRESET: 'cloud', OPENROUTER_API_KEY: 'sk-or-1' })).toMatchObject({ name: 'cloud', apiKey: 'sk-or-1' });
    expect(resolvePreset(config, { preset: 'snappy' }, { CONCH_PRESET: 'cloud' }).name).toBe('snappy');
    expect(resolvePreset(config, { model: 'm2' }, { CONCH_MODEL: 'm1', CONCH_BASE_URL: 'http://h/v1' })).toMatchObject({ model: 'm2', baseUrl: 'http://h/v1' });
    expect(resolvePreset(config, { preset: 'cloud' }, { CONCH_API_KEY: 'k2', OPENROUTER_API_KEY: 'k1', CONCH_IDLE_TIMEOUT_MS: '1234' })).toMatchObject({ apiKey: 'k2', timeouts: { idleMs: 1234 } });
    expect(() => resolvePreset(config, { preset: 'nope' }, {})).toThrow(/unknown preset 'nope' \(known: snappy/);
  });
});
