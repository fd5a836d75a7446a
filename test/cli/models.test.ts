import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server.ts';

let server: FakeModelServer;
/** Stands in for the cloud host: tests never reach past loopback, and it records whether it was asked. */
let cloud: FakeModelServer;
let home: string;
beforeAll(async () => {
  server = await startFakeModelServer();
  cloud = await startFakeModelServer();
  cloud.models = ['openai/gpt-4o-mini'];
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const dead = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
  home = mkdtempSync(join(tmpdir(), 'conch-models-'));
  mkdirSync(join(home, '.config/conch'), { recursive: true });
  writeFileSync(
    join(home, '.config/conch/config.toml'),
    `default_preset = "here"\n[presets.here]\nbase_url = "${server.baseUrl}"\nmodel = "fake-model"\n[presets.gone]\nbase_url = "http://127.0.0.1:${dead}/v1"\n` +
      `[presets.cloud]\nbase_url = "${cloud.baseUrl}"\n`,
  );
});
afterAll(async () => {
  await server.close();
  await cloud.close();
});

function models(env: Record<string, string> = {}) {
  return new Promise<{ status: number | null; stdout: string }>((done) => {
    const child = spawn(process.execPath, [resolve('bin/conch.js'), 'models'], { env: { PATH: process.env.PATH, HOME: home, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('close', (status) => done({ status, stdout }));
  });
}

describe('conch models', () => {
  it('lists every preset with what its server offers, or why it is unreachable, without sending the user back to conch models', async () => {
    const result = await models();
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\* here +fake-model +http:\/\/127\.0\.0\.1:\d+\/v1 +context 4096\n +offers: fake-model, other-model\n/m);
    expect(result.stdout).toMatch(/^ {2}gone .*\n +unreachable: cannot connect \(ECONNREFUSED\)\n/m);
    // Every column starts where the one above it does, as in :model; what the server says goes under the model.
    const rows = result.stdout.split('\n').filter((line) => / context \d+$/.test(line));
    expect(rows.length).toBeGreaterThan(5);
    for (const column of [/ (?=\S+ +\S+ +context)/, / (?=\S+ +context)/, / (?=context)/]) expect(new Set(rows.map((row) => row.search(column))).size).toBe(1);
    const modelColumn = rows.find((row) => row.startsWith('* here'))!.indexOf('fake-model');
    expect(result.stdout).toContain(`\n${' '.repeat(modelColumn)}offers: fake-model, other-model\n`);
    // (conch models pull, for an embedded model not downloaded yet, is another command.)
    expect(result.stdout).not.toMatch(/conch models(?! pull)/);
  });

  it('does not contact a preset whose key is not set, and says which variable to set', async () => {
    const before = cloud.requests.length;
    const result = await models();
    expect(result.stdout).toMatch(/^ {2}cloud +openai\/gpt-4o-mini +http:\/\/127\.0\.0\.1:\d+\/v1 +context 128000\n +not checked: \$OPENROUTER_API_KEY is not set\n/m);
    expect(cloud.requests.length).toBe(before);

    const keyed = await models({ OPENROUTER_API_KEY: 'sk-or-test' });
    expect(keyed.stdout).toMatch(/^ {2}cloud .*\n +offers: openai\/gpt-4o-mini\n/m);
    expect(cloud.requests.at(-1)!.headers.authorization).toBe('Bearer sk-or-test');
  });
});
