import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server.ts';
import { REPLAYS, SPLITTINGS } from '../fixtures/replays.ts';
import { runConch } from '../helpers/run-conch.ts';

let server: FakeModelServer;
let home: string;
beforeAll(async () => {
  server = await startFakeModelServer();
  home = mkdtempSync(join(tmpdir(), 'conch-replay-'));
});
afterAll(() => server.close());

/** `conch ask` (the built binary, stdout a pipe) against the fake server, which plays the stream scripted for `model`. */
function ask(model: string) {
  return runConch(['ask', '--model', model, 'how', 'big', 'are', 'these?'], { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), CONCH_BASE_URL: server.baseUrl });
}

describe.concurrent('conch ask replays real servers’ streams, at several byte splittings', () => {
  REPLAYS.forEach((replay, r) => {
    for (const [splitting, split] of Object.entries(SPLITTINGS)) {
      it(`${replay.name} (${splitting})`, async () => {
        const model = `replay-${r}-${splitting.replace(/\W+/g, '-')}`;
        server.scriptFor(model, {
          status: replay.status ?? 200,
          ...(replay.headers ? { headers: replay.headers } : {}),
          chunks: split(Buffer.from(replay.body)),
          // A pause between writes so that the client reads them as they were cut.
          delayMs: 1,
          ...(replay.cut ? { cut: true } : {}),
        });
        const result = await ask(model);
        if (replay.expect.status === 0) {
          expect(result).toEqual({ status: 0, stdout: replay.expect.stdout, stderr: '' });
          return;
        }
        expect(result.status).toBe(replay.expect.status);
        expect(result.stdout).toBe(replay.expect.stdout);
        expect(result.stderr).toMatch(/^conch: [^\n]+\n$/);
        for (const words of replay.expect.stderr) expect(result.stderr).toContain(words);
      });
    }
  });
});
