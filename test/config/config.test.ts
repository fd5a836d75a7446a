import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, resolvePreset, SAMPLE_CONFIG } from '../../src/config/index.ts';

const env = { HOME: '/home/ann', XDG_CONFIG_HOME: '/cfg' };
const load = (text: string | undefined, extra: Record<string, string> = {}) =>
  loadConfig({
    env: { ...env, ...extra },
    readFile: () => {
      if (text === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return text;
    },
  }).config;

describe('config', () => {
  it('has the seed presets with no file at all, and the shell defaults', () => {
    const config = load(undefined);
    expect(config.fromFile).toBe(false);
    expect(Object.keys(config.presets)).toEqual(expect.arrayContaining(['snappy', '32k', 'cloud', 'ollama', 'lmstudio']));
    expect(config.presets.snappy!.contextSize).toBeLessThan(config.presets['32k']!.contextSize);
    expect(config.presets.cloud).toMatchObject({ baseUrl: 'https://openrouter.ai/api/v1', apiKeyEnv: 'OPENROUTER_API_KEY' });
    expect(config.shell).toEqual({ program: undefined, captureLines: 2000, captureBytes: 262144, historyFile: '/home/ann/.local/state/conch/history' });
  });

  it('reads the commented sample as valid', () => {
    expect(load(SAMPLE_CONFIG).defaultPreset).toBe('snappy');
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

  it('names the file, the key and what was expected for a bad value', () => {
    const cases: [string, RegExp][] = [
      ['[presets.snappy]\ncontext_size = "big"', /config\.toml: presets\.snappy\.context_size: expected a whole number > 0, got "big"/],
      ['[presets.x]\nbase_url = "ftp://x"', /presets\.x\.base_url: expected an http/],
      ['[presets.x]\napi_key = "sk-123"', /presets\.x\.api_key: keys are not stored in config/],
      ['default_preset = "nope"', /default_preset: expected one of .*snappy/],
      ['[shell]\ncapture_lines = -1', /shell\.capture_lines: expected a whole number >= 0/],
      ['colour = true', /colour: unknown key/],
      ['show_reasoning = "loud"', /show_reasoning: expected "dim" or "hidden", got "loud"/],
      ['this is = = not toml', /config\.toml: not valid TOML/],
    ];
    for (const [text, message] of cases) {
      expect(() => load(text), text).toThrow(ConfigError);
      expect(() => load(text), text).toThrow(message);
    }
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
