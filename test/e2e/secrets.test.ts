import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerScript } from '../fixtures/fake-model-server.ts';
import { PROMPT, runLine, withModelServer } from '../helpers/model-conch.ts';
import { waitUntil } from '../helpers/wait.ts';

const model = withModelServer();
const requestBodies = () => model.requestBodies().join('\n');

/** conch in tmux, asking the fake server; wide enough that a warning naming a long temp path stays on one row. */
const conch = (options: { config?: string; env?: Record<string, string>; home?: string } = {}) => model.conch({ ...options, cols: 240 });

describe('secrets typed on the command line (tmux, fake server)', () => {
  it('never reach the server, nor the conversation log, when the user then asks', async () => {
    model.server.script(answerScript('Looks fine.'));
    const s = await conch();
    const password = 'Zq8vN2-db-pass-4711';
    const mysqlPassword = 'Mx7-mysql-secret-0815';
    const token = 'tk9-unset-later-31337';
    await runLine(s, `export DB_PASSWORD=${password}; echo "got $DB_PASSWORD"`, new RegExp(`^got ${password}$`, 'm'));
    // mysql is not installed here: the line is still recorded with its output, and the line holds the password.
    await runLine(s, `mysql -h 127.0.0.1 -u root -p${mysqlPassword} shop; echo mysql-done`, /^mysql-done$/m);
    await runLine(s, `export API_TOKEN=${token}`, PROMPT);
    await runLine(s, 'echo "token was $API_TOKEN"; unset API_TOKEN', new RegExp(`^token was ${token}$`, 'm'));
    await runLine(s, 'echo "now: [$API_TOKEN]"', /^now: \[\]$/m);
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
    model.server.script(answerScript('Try:\n\n```sh\necho proposal-$((40+2))\n```\n'));
    // The data directory sits under a character device: nothing can be created there (ENOTDIR).
    const s = await conch({ env: { XDG_DATA_HOME: '/dev/null/conch-data' } });
    s.type('? say something');
    s.keys('Enter');
    await s.waitFor(/\$ echo proposal-\$\(\(40\+2\)\)$/m);
    expect(s.screen()).toMatch(/^conch: cannot write the conversation log file \/dev\/null\/conch-data\/conch\/conversations\.jsonl \(.*\)/m);
    s.keys('Enter');
    await s.waitFor(/^proposal-42$/m);
    model.server.script(answerScript('Again.'));
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
    await runLine(s, 'echo typed-after', /^typed-after$/m);
    expect(readFileSync(target, 'utf8')).toBe('planted\n');
  });

  it('a full disk under the history is reported once, in one line', async () => {
    const s = await conch({ config: '[shell]\nhistory_file = "/dev/full"\n' });
    await runLine(s, 'echo one', /^one$/m);
    await runLine(s, 'echo two', /^two$/m);
    await s.waitFor(PROMPT);
    expect(s.screen().match(/^conch: cannot write the history file \/dev\/full \(no space left on the device, ENOSPC\)/gm)).toHaveLength(1);
    expect(existsSync('/dev/full')).toBe(true);
  });
});
