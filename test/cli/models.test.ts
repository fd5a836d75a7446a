import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server.ts';

let server: FakeModelServer;
beforeAll(async () => {
  server = await startFakeModelServer();
});
afterAll(() => server.close());

describe('conch models', () => {
  it('lists every preset with what its server offers, or why it is unreachable', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const dead = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const home = mkdtempSync(join(tmpdir(), 'conch-models-'));
    mkdirSync(join(home, '.config/conch'), { recursive: true });
    writeFileSync(
      join(home, '.config/conch/config.toml'),
      `default_preset = "here"\n[presets.here]\nbase_url = "${server.baseUrl}"\nmodel = "fake-model"\n[presets.gone]\nbase_url = "http://127.0.0.1:${dead}/v1"\n` +
        // Tests never reach past loopback: the cloud preset is pointed at the closed port too.
        `[presets.cloud]\nbase_url = "http://127.0.0.1:${dead}/v1"\n`,
    );
    const result = await new Promise<{ status: number | null; stdout: string }>((done) => {
      const child = spawn(process.execPath, [resolve('bin/conch.js'), 'models'], { env: { PATH: process.env.PATH, HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.on('close', (status) => done({ status, stdout }));
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\* here +fake-model +http:\/\/127\.0\.0\.1:\d+\/v1 +context 4096\n +offers: fake-model, other-model\n/m);
    expect(result.stdout).toMatch(/^ {2}gone .*\n +unreachable: cannot reach gone .*ECONNREFUSED/m);
    expect(result.stdout).toMatch(/^ {2}cloud +openai\/gpt-4o-mini +http:\/\/127\.0\.0\.1:\d+\/v1/m);
  });
});
