import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, nothingConfigured } from '../../src/config/index.ts';

function conch(args: string[], home: string) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, [resolve('bin/conch.js'), ...args], { env: { PATH: process.env.PATH, HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

describe('conch config', () => {
  it('--init writes a private sample, never over an existing file, and the sample leaves local servers to the probe', async () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-config-'));
    const file = join(home, '.config/conch/config.toml');
    expect(await conch(['config', '--path'], home)).toEqual({ status: 0, stdout: `${file}\n`, stderr: '' });
    expect(await conch(['config', '--init'], home)).toEqual({ status: 0, stdout: `wrote ${file}\n`, stderr: '' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const sample = readFileSync(file, 'utf8');
    expect(sample).toContain('api_key_env = "OPENROUTER_API_KEY"');
    expect(nothingConfigured(loadConfig({ env: { HOME: home } }).config, {}, {})).toBe(true);

    writeFileSync(file, 'default_preset = "ollama"\n');
    expect(await conch(['config', '--init'], home)).toEqual({ status: 1, stdout: '', stderr: `conch: ${file} already exists; not overwriting it\n` });
    expect(readFileSync(file, 'utf8')).toBe('default_preset = "ollama"\n');
  });

  it('an invalid file is one line naming the file, line and column', async () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-config-'));
    expect((await conch(['config', '--init'], home)).status).toBe(0);
    const file = join(home, '.config/conch/config.toml');
    writeFileSync(file, '[shell]\nprogram = "/bin/bash\n');
    expect(await conch(['models'], home)).toEqual({ status: 1, stdout: '', stderr: `conch: ${file}:2:21: not valid TOML: control characters are not allowed in strings\n` });
  });
});
