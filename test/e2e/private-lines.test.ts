import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerScript } from '../fixtures/fake-model-server.ts';
import { PROMPT, runLine, withModelServer } from '../helpers/model-conch.ts';

const model = withModelServer();

describe('a line typed with a leading space (tmux, fake server)', () => {
  it('never reaches the server or the conversation log, nor does its output, for ? and ??', async () => {
    model.server.script(answerScript('First answer.'), answerScript('Second answer.'));
    const s = await model.conch({ cols: 160 });
    await runLine(s, 'echo public-$((40+2))-before', /^public-42-before$/m);
    // The command and its output differ, so each is looked for on its own.
    await runLine(s, ' echo private-$((6*7))-note', /^private-42-note$/m);
    s.type('? what did I run');
    s.keys('Enter');
    await s.waitFor(/First answer\./);
    await s.waitFor(PROMPT);
    await runLine(s, ' echo private-again-$((1+1)) && false', /^private-again-2$/m);
    s.type('??');
    s.keys('Enter');
    await s.waitFor(/Second answer\./);
    await s.waitFor(PROMPT);

    const [asked, explained] = model.requestBodies();
    // The ordinary command before it is shared: the records did reach the server.
    expect(asked).toContain('echo public-$((40+2))-before');
    expect(asked).toContain('public-42-before');
    for (const body of [asked, explained]) {
      expect(body).not.toMatch(/private-\$\(\(6\*7\)\)-note|private-42-note|private-again/);
    }
    expect(explained).toMatch(/last command was typed with a leading space/);
    const log = readFileSync(join(s.home, '.local/share/conch/conversations.jsonl'), 'utf8');
    expect(log).toContain('what did I run');
    expect(log).not.toMatch(/private-\$\(\(6\*7\)\)-note|private-42-note|private-again/);
  });
});
