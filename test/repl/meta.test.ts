import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { createModelSession, type ModelSession } from '../../src/repl/index.ts';
import { runMeta } from '../../src/repl/meta.ts';
import { processShell } from '../helpers/process-shell.ts';

const config = () => loadConfig({ env: {}, readFile: () => '' }).config;

function meta(session: ModelSession, name: string, arg = '') {
  const lines: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'conch-meta-shell-'));
  const result = runMeta({ name, arg, session, shellPort: processShell(dir), shell: '/bin/sh', say: (line) => lines.push(line), color: false });
  return { ...result, lines };
}

const exchange = (question: string) => ({ preset: 'snappy', model: 'm', question, context: [{ role: 'user' as const, content: question }], answer: `answer to ${question}`, interrupted: false });

describe(':history and :resume', () => {
  it(':history shows on each row the short ID :resume takes, and :resume with it continues that conversation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conch-meta-'));
    const earlier = createModelSession({ config: config(), env: {}, dataDir: dir });
    earlier.record(exchange('how do I list ports'));
    earlier.record(exchange('and only tcp ones'));
    const other = createModelSession({ config: config(), env: {}, dataDir: dir });
    other.record(exchange('compress logs'));

    const session = createModelSession({ config: config(), env: {}, dataDir: dir });
    const history = meta(session, 'history');
    expect(history.status).toBe(0);
    const short = (id: string) => id.slice(0, 8);
    expect(history.lines).toEqual([
      expect.stringMatching(new RegExp(`^${short(earlier.conversationId)}  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  snappy +how do I list ports$`)),
      expect.stringMatching(new RegExp(`^${short(earlier.conversationId)}  .*  and only tcp ones$`)),
      expect.stringMatching(new RegExp(`^${short(other.conversationId)}  .*  compress logs$`)),
    ]);
    const searched = meta(session, 'history', 'TCP');
    expect(searched.lines).toHaveLength(1);

    const id = history.lines[0]!.split(' ')[0]!;
    expect(meta(session, 'resume', id)).toMatchObject({ status: 0, lines: [`resumed ${id}: 2 exchanges`] });
    expect(session.conversation.map((m) => m.content)).toEqual(['how do I list ports', 'answer to how do I list ports', 'and only tcp ones', 'answer to and only tcp ones']);
  });

  it(':resume with a prefix that names more than one conversation says so and changes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conch-meta-'));
    const sessions = Array.from({ length: 40 }, () => createModelSession({ config: config(), env: {}, dataDir: dir }));
    for (const [i, s] of sessions.entries()) s.record(exchange(`question ${i}`));
    // Forty random ids: some two share a first hex digit.
    const firsts = sessions.map((s) => s.conversationId[0]!);
    const shared = firsts.find((c, i) => firsts.indexOf(c) !== i)!;
    const count = firsts.filter((c) => c === shared).length;
    const session = createModelSession({ config: config(), env: {}, dataDir: dir });
    expect(meta(session, 'resume', shared)).toEqual({ status: 1, lines: [`conch: ${shared} names ${count} conversations; give more of its ID (:resume lists them)`] });
    expect(session.conversation).toEqual([]);
    expect(meta(session, 'resume', 'zzzz')).toEqual({ status: 1, lines: ['conch: no conversation zzzz'] });
  });
});
