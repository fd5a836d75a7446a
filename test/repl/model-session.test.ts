import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, UnknownPresetError } from '../../src/config/index.ts';
import { createModelSession } from '../../src/repl/index.ts';

const config = () => loadConfig({ env: {}, readFile: () => '' }).config;
const dataDir = () => mkdtempSync(join(tmpdir(), 'conch-session-'));

describe('createModelSession', () => {
  it('never throws for an unknown CONCH_PRESET: the question that needs it gets the error', async () => {
    const session = createModelSession({ config: config(), env: { CONCH_PRESET: 'nope' }, dataDir: dataDir() });
    expect(session.presetName).toBe('nope');
    await expect(session.endpoint()).rejects.toBeInstanceOf(UnknownPresetError);
    expect(() => session.preview('nope')).toThrow(UnknownPresetError);
    // Switching to a real preset makes the session usable again.
    expect(session.use('32k').name).toBe('32k');
    await expect(session.endpoint()).resolves.toMatchObject({ name: '32k' });
  });

  it('previews presets as a question would call them: CONCH_BASE_URL and CONCH_MODEL override', () => {
    const session = createModelSession({ config: config(), env: { CONCH_BASE_URL: 'http://10.0.0.5:9000/v1', CONCH_MODEL: 'm' }, dataDir: dataDir() });
    expect(session.preview('snappy')).toMatchObject({ baseUrl: 'http://10.0.0.5:9000/v1', model: 'm' });
    expect(session.preview('cloud')).toMatchObject({ baseUrl: 'http://10.0.0.5:9000/v1' });
  });

  it('forgets an exchange it remembered wherever it is, and only while it is still there', () => {
    const session = createModelSession({ config: config(), env: {}, dataDir: dataDir() });
    const first = session.remember('first try', 'old answer');
    const goal = session.remember('a goal', 'its steps');
    expect(session.forget(first)).toBe(true);
    expect(session.conversation).toEqual([
      { role: 'user', content: 'a goal' },
      { role: 'assistant', content: 'its steps' },
    ]);
    expect(session.forget(first)).toBe(false);
    session.clear();
    expect(session.forget(goal)).toBe(false);
    // The same question asked twice: only the exchange named goes.
    const again = session.remember('q', 'a1');
    session.remember('q', 'a2');
    expect(session.forget(again)).toBe(true);
    expect(session.conversation.map((m) => m.content)).toEqual(['q', 'a2']);
  });

  it('resumes a goal as the goal it was sent as, whatever its steps left last in the context', () => {
    const dir = dataDir();
    const session = createModelSession({ config: config(), env: {}, dataDir: dir });
    const base = { preset: 'snappy', model: 'm', interrupted: false };
    session.record({ ...base, question: '?! tidy up', context: [{ role: 'system', content: 's' }, { role: 'user', content: 'tidy up' }, { role: 'user', content: '[result of call_1]\nexit status 0' }], answer: 'Steps: …' });
    session.record({ ...base, question: 'typed', context: [], answer: 'a' });
    const later = createModelSession({ config: config(), env: {}, dataDir: dir });
    expect(later.resume(session.conversationId)).toBe(2);
    expect(later.conversation.filter((m) => m.role === 'user').map((m) => m.content)).toEqual(['tidy up', 'typed']);
  });
});

