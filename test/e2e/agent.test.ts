import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/broker/index.ts';
import { chunk, sse, type Script } from '../fixtures/fake-model-server.ts';
import { withModelServer } from '../helpers/model-conch.ts';

const model = withModelServer();
const PROMPT = /fast .*\$ ?$/m;
const conch = () => model.conch({ prompt: PROMPT });

const toolTurn = (id: string, command: string, reason: string): Script => ({
  chunks: [
    sse(
      chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id, type: 'function', function: { name: 'run_command', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: JSON.stringify({ command, reason }) } }] }),
      chunk({}, { finish_reason: 'tool_calls' }),
      '[DONE]',
    ),
  ],
});
const textTurn = (text: string): Script => ({ chunks: [sse(chunk({ content: text }), chunk({}, { finish_reason: 'stop' }), { choices: [], usage: { completion_tokens: 4 } }, '[DONE]')] });
const chats = () => model.server.requests.filter((r) => r.url.endsWith('/chat/completions')).map((r) => r.json as { messages: ChatMessage[]; tools?: unknown[] });

describe('?! GOAL in the shell (tmux, fake server)', () => {
  it('a two-step goal: each step waits in the prompt, and its file exists only after Enter', async () => {
    model.server.script(toolTurn('call_1', 'mkdir -p made', 'make the folder'), toolTurn('call_2', 'touch made/file.txt', 'add the file'), textTurn('Done: made/file.txt is there.'));
    const s = await conch();
    const before = chats().length;
    s.type('?! make a folder with a file in it');
    s.keys('Enter');
    await s.waitFor(/step 1: make the folder\n.*step 1 .*\$ mkdir -p made$/m);
    expect(existsSync(join(s.home, 'made'))).toBe(false);
    s.keys('Enter');
    await s.waitFor(/step 2: add the file\n.*step 2 .*\$ touch made\/file\.txt$/m);
    expect(existsSync(join(s.home, 'made'))).toBe(true);
    expect(existsSync(join(s.home, 'made/file.txt'))).toBe(false);
    s.keys('Enter');
    await s.waitFor(/Done: made\/file\.txt is there\./);
    await s.waitFor(/fast · fake-model · 2 steps/);
    await s.waitFor(PROMPT);
    expect(existsSync(join(s.home, 'made/file.txt'))).toBe(true);
    const requests = chats().slice(before);
    expect(requests).toHaveLength(3);
    expect(requests[0]!.tools).toHaveLength(1);
    const results = requests[2]!.messages.filter((m) => m.role === 'tool');
    expect(results.map((m) => m.tool_call_id)).toEqual(['call_1', 'call_2']);
    expect(results[1]!.content).toMatch(/^exit status 0/);
    // The whole goal is one logged exchange.
    const log = readFileSync(join(s.home, '.local/share/conch/conversations.jsonl'), 'utf8').trim().split('\n');
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0]!)).toMatchObject({ question: '?! make a folder with a file in it', answer: expect.stringMatching(/1\. `mkdir -p made`[\s\S]*2\. `touch made\/file\.txt`[\s\S]*Done/) });
  });

  it('each turn shows a waiting line until the model answers, on a line of its own after a step whose output ended mid-line', async () => {
    let first!: () => void;
    let second!: () => void;
    model.server.script(
      { ...toolTurn('call_w', 'printf no-newline-here', 'print something'), gate: new Promise<void>((resolve) => (first = resolve)) },
      { ...textTurn('All printed.'), gate: new Promise<void>((resolve) => (second = resolve)) },
    );
    const s = await conch();
    s.type('?! print something');
    s.keys('Enter');
    await s.waitFor(/\?! print something\n[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] asking fast…$/m);
    first();
    await s.waitFor(/\?! print something\nstep 1: print something\n.*step 1 .*\$ printf no-newline-here$/m);
    s.keys('Enter');
    await s.waitFor(/^no-newline-here.*\n[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] asking fast…$/m);
    second();
    const done = await s.waitFor(/fast · fake-model · 1 step/);
    expect(done).toMatch(/^no-newline-here.*\nAll printed\.$/m);
    expect(done).not.toContain('asking fast');
  });

  it('a risky step: Enter alone does not run it; declined, the model hears so and the goal goes on', async () => {
    model.server.script(toolTurn('call_r', 'rm -rf ~/precious', 'free some space'), textTurn('Understood, leaving it.'));
    const s = await conch();
    mkdirSync(join(s.home, 'precious'));
    s.type('?! free some space');
    s.keys('Enter');
    // Shown as risky as it is offered, before any Enter.
    await s.waitFor(/step 1 .*\$ rm -rf ~\/precious\nrisky: deletes files recursively$/m);
    s.keys('Enter');
    await s.waitFor(/risky: .*\n.*Run it anyway\? \[y\/N\] ?$/m);
    s.keys('Enter');
    await s.waitFor(/Understood, leaving it\./);
    await s.waitFor(PROMPT);
    expect(existsSync(join(s.home, 'precious'))).toBe(true);
    expect(chats().at(-1)!.messages.find((m) => m.tool_call_id === 'call_r')!.content).toBe('The user declined to run this command.');
  });

  it('Ctrl-C at a risky step\'s "Run it anyway?" ends the goal: shown as ^C, nothing runs, the model is not asked again', async () => {
    model.server.script(toolTurn('call_k', 'rm -rf d', 'clean up'), textTurn('asked again after Ctrl-C'));
    const s = await conch();
    mkdirSync(join(s.home, 'd'));
    s.type('?! x');
    s.keys('Enter');
    await s.waitFor(/step 1 .*\$ rm -rf d$/m);
    const before = chats().length;
    s.keys('Enter');
    await s.waitFor(/Run it anyway\? \[y\/N\] ?$/m);
    s.keys('C-c');
    await s.waitFor(/Run it anyway\? \[y\/N\] \^C$/m);
    await s.waitFor(/fast · fake-model · 1 step/);
    await s.waitFor(PROMPT);
    s.type('echo after-$((3+4))');
    s.keys('Enter');
    await s.waitFor(/^after-7$/m);
    expect(s.screen()).not.toContain('asked again after Ctrl-C');
    expect(chats().length).toBe(before);
    expect(existsSync(join(s.home, 'd'))).toBe(true);
    const log = readFileSync(join(s.home, '.local/share/conch/conversations.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(log.at(-1)!)).toMatchObject({ interrupted: true, answer: expect.stringMatching(/`rm -rf d`.*not run: goal stopped/) });
  });

  it('Ctrl-C at a step stops the goal: nothing runs, the prompt works, and the next question carries no dangling tool call', async () => {
    model.server.script(toolTurn('call_c', 'touch never-made', 'make a file'), textTurn('plain answer'));
    const s = await conch();
    s.type('?! make a file');
    s.keys('Enter');
    await s.waitFor(/step 1 .*\$ touch never-made$/m);
    s.keys('C-c');
    await s.waitFor(/fast · fake-model · 1 step/);
    await s.waitFor(PROMPT);
    s.type('echo still-$((2+3))');
    s.keys('Enter');
    await s.waitFor(/^still-5$/m);
    expect(existsSync(join(s.home, 'never-made'))).toBe(false);
    s.type('? what happened');
    s.keys('Enter');
    await s.waitFor(/plain answer/);
    const next = chats().at(-1)!.messages;
    expect(next.some((m) => m.role === 'tool' || m.tool_calls)).toBe(false);
    expect(JSON.stringify(next)).toContain('touch never-made');
  });

  it('Ctrl-C while the model answers mid-goal closes the connection; the prompt works', async () => {
    model.server.script(toolTurn('call_1', 'echo first-step', 'look'), { chunks: [sse(chunk({ content: 'Considering the output' }))], stall: true });
    const s = await conch();
    s.type('?! look around');
    s.keys('Enter');
    await s.waitFor(/step 1 .*\$ echo first-step$/m);
    s.keys('Enter');
    await s.waitFor(/Considering the output/);
    const closed = model.server.closed();
    s.keys('C-c');
    await closed;
    await s.waitFor(/interrupted/);
    await s.waitFor(PROMPT);
    s.type('echo back-$((1+1))');
    s.keys('Enter');
    await s.waitFor(/^back-2$/m);
  });
});
