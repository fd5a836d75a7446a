import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chunk, sse, startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server.ts';
import { startConch, type TmuxSession } from '../helpers/tmux.ts';
import { waitUntil } from '../helpers/wait.ts';

let server: FakeModelServer;
let session: TmuxSession | undefined;
beforeAll(async () => {
  server = await startFakeModelServer();
});
afterAll(() => server.close());
afterEach(() => {
  session?.close();
  session = undefined;
});

const PROMPT = /\$ ?$/m;

/** conch in tmux, asking the fake server; `config` is appended to the config file, `env` to conch's environment. */
async function conch(options: { config?: string; env?: Record<string, string>; home?: string } = {}): Promise<TmuxSession> {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'conch-e2e-secrets-'));
  mkdirSync(join(home, '.config/conch'), { recursive: true });
  writeFileSync(join(home, '.config/conch/config.toml'), `default_preset = "fast"\n[presets.fast]\nbase_url = "${server.baseUrl}"\nmodel = "fake-model"\n${options.config ?? ''}`);
  // Wide enough that a warning naming a long temp path stays on one row.
  session = startConch({ home, env: { ...options.env }, cols: 240 });
  await session.waitFor(PROMPT);
  return session;
}

const answer = (text: string) => ({
  chunks: [sse(chunk({ role: 'assistant', content: null }), chunk({ content: text }), chunk({}, { finish_reason: 'stop' }), '[DONE]')],
});
const requestBodies = () => server.requests.filter((r) => r.url.endsWith('/chat/completions')).map((r) => r.body).join('\n');

/** Runs a line and waits for the output that shows it ran. */
async function run(s: TmuxSession, line: string, done: RegExp): Promise<void> {
  s.type(line);
  s.keys('Enter');
  await s.waitFor(done);
}

describe('secrets typed on the command line (tmux, fake server)', () => {
  it('never reach the server, nor the conversation log, when the user then asks', async () => {
    server.script(answer('Looks fine.'));
    const s = await conch();
    const password = 'Zq8vN2-db-pass-4711';
    const mysqlPassword = 'Mx7-mysql-secret-0815';
    const token = 'tk9-unset-later-31337';
    await run(s, `export DB_PASSWORD=${password}; echo "got $DB_PASSWORD"`, new RegExp(`^got ${password}$`, 'm'));
    // mysql is not installed here: the line is still recorded with its output, and the line holds the password.
    await run(s, `mysql -h 127.0.0.1 -u root -p${mysqlPassword} shop; echo mysql-done`, /^mysql-done$/m);
    await run(s, `export API_TOKEN=${token}`, PROMPT);
    await run(s, 'echo "token was $API_TOKEN"; unset API_TOKEN', new RegExp(`^token was ${token}$`, 'm'));
    await run(s, 'echo "now: [$API_TOKEN]"', /^now: \[\]$/m);
    s.type('? did these commands work');
    s.keys('Enter');
    await s.waitFor(/Looks fine\./);
    await s.waitFor(/values? redacted before sending/);

    const sent = requestBodies();
    expect(sent).toContain('mysql -h 127.0.0.1');
    expect(sent).toContain('[REDACTED:');
    for (const secret of [password, mysqlPassword, token]) expect(sent).not.toContain(secret);
    // The exchange is logged once the answer has ended, not when its text shows.
    const logFile = join(s.home, '.local/share/conch/conversations.jsonl');
    await waitUntil(() => existsSync(logFile) && readFileSync(logFile, 'utf8').includes('did these commands work'));
    const log = readFileSync(logFile, 'utf8');
    for (const secret of [password, mysqlPassword, token]) expect(log).not.toContain(secret);
  });
});

describe('private files (tmux)', () => {
  it('a log that cannot be written is reported once, and the question keeps its proposed command', async () => {
    server.script(answer('Try:\n\n```sh\necho proposal-$((40+2))\n```\n'));
    // The data directory sits under a character device: nothing can be created there (ENOTDIR).
    const s = await conch({ env: { XDG_DATA_HOME: '/dev/null/conch-data' } });
    s.type('? say something');
    s.keys('Enter');
    await s.waitFor(/\$ echo proposal-\$\(\(40\+2\)\)$/m);
    expect(s.screen()).toMatch(/^conch: cannot write the conversation log file \/dev\/null\/conch-data\/conch\/conversations\.jsonl \(.*\)/m);
    s.keys('Enter');
    await s.waitFor(/^proposal-42$/m);
    server.script(answer('Again.'));
    s.type('? and again');
    s.keys('Enter');
    await s.waitFor(/Again\./);
    await s.waitFor(PROMPT);
    expect(s.screen().match(/cannot write the conversation log/g)).toHaveLength(1);
  });

  it('a history file that is a symlink is refused in one line, and nothing is written through it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-e2e-secrets-'));
    const target = join(home, 'elsewhere');
    writeFileSync(target, 'planted\n');
    mkdirSync(join(home, '.local/state/conch'), { recursive: true });
    symlinkSync(target, join(home, '.local/state/conch/history'));
    const s = await conch({ home });
    expect(s.screen()).toMatch(/^conch: refusing the history file .*\/history: it is a symbolic link; the history is not saved this session/m);
    await run(s, 'echo typed-after', /^typed-after$/m);
    expect(readFileSync(target, 'utf8')).toBe('planted\n');
  });

  it('a full disk under the history is reported once, in one line', async () => {
    const s = await conch({ config: '[shell]\nhistory_file = "/dev/full"\n' });
    await run(s, 'echo one', /^one$/m);
    await run(s, 'echo two', /^two$/m);
    await s.waitFor(PROMPT);
    expect(s.screen().match(/^conch: cannot write the history file \/dev\/full \(no space left on the device, ENOSPC\)/gm)).toHaveLength(1);
    expect(existsSync('/dev/full')).toBe(true);
  });
});
