import { existsSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pursueGoal, type Confirmation, type ExchangeDraft, type GoalIo, type GoalNotice, type GoalQuestion, type GoalRequest, type ProposedStep } from '../../src/app/index.ts';
import type { ChatMessage } from '../../src/broker/index.ts';
import { BUILTIN_PRESETS, NoServerError, type ResolvedPreset } from '../../src/config/index.ts';
import { estimateTokens, type KnownSecret } from '../../src/context/index.ts';
import { chunk, sse, startFakeModelServer, type FakeModelServer, type Script } from '../fixtures/fake-model-server.ts';
import { processShell } from '../helpers/process-shell.ts';

let server: FakeModelServer;
beforeAll(async () => {
  server = await startFakeModelServer();
});
afterAll(() => server.close());

const preset = (extra: Partial<ResolvedPreset> = {}): ResolvedPreset => ({ ...BUILTIN_PRESETS.snappy!, name: 'fast', baseUrl: server.baseUrl, model: 'fake-model', ...extra });

interface Call {
  id?: string;
  name?: string;
  args: object | string;
}

/** A turn of tool calls, each call's JSON arguments cut into 5-byte fragments, every event its own write. */
function toolTurn(calls: Call[], text = ''): Script {
  const events: object[] = [chunk({ role: 'assistant', content: null })];
  if (text) events.push(chunk({ content: text }));
  calls.forEach((call, index) => {
    const args = typeof call.args === 'string' ? call.args : JSON.stringify(call.args);
    events.push(chunk({ tool_calls: [{ index, ...(call.id !== undefined ? { id: call.id } : {}), type: 'function', function: { name: call.name ?? 'run_command', arguments: '' } }] }));
    for (let at = 0; at < args.length; at += 5) events.push(chunk({ tool_calls: [{ index, function: { arguments: args.slice(at, at + 5) } }] }));
  });
  events.push(chunk({}, { finish_reason: 'tool_calls' }), { choices: [], usage: { prompt_tokens: 50, completion_tokens: 10 } });
  return { chunks: [...events.map((event) => sse(event)), sse('[DONE]')] };
}
const textTurn = (text: string): Script => ({
  chunks: [sse(chunk({ role: 'assistant', content: null }), chunk({ content: text }), chunk({}, { finish_reason: 'stop' }), { choices: [], usage: { prompt_tokens: 50, completion_tokens: 5 } }, '[DONE]')],
});
const run = (command: string, reason = 'because', id?: string): Call => ({ ...(id ? { id } : {}), args: { command, reason } });

type Decision = 'enter' | 'stop' | { edit: string };

function harness(options: { decisions?: Decision[]; confirms?: Confirmation[]; maxSteps?: number; autoRun?: string[]; preset?: Partial<ResolvedPreset>; goal?: string; known?: KnownSecret[] } = {}) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'conch-goal-')));
  const shell = processShell(dir, { PAGER: 'less' }, options.known);
  const notices: GoalNotice[] = [];
  const proposals: ProposedStep[] = [];
  const questions: GoalQuestion[] = [];
  const logged: ExchangeDraft[] = [];
  const events: string[] = [];
  const withoutTools = new Set<string>();
  const decisions = [...(options.decisions ?? [])];
  const confirms = [...(options.confirms ?? [])];
  let text = '';
  let turn: AbortController | undefined;
  const goal = options.goal ?? 'make the folder out with a file in it';
  const request: GoalRequest = {
    goal,
    endpoint: async () => preset(options.preset),
    opening: () => ({ messages: [{ role: 'system', content: 'You are the assistant inside conch.' }, { role: 'user', content: goal }], redactions: 0 }),
    logQuestion: `?! ${goal}`,
    maxSteps: options.maxSteps ?? 15,
    autoRun: options.autoRun ?? [],
    tools: { supported: (p) => !withoutTools.has(p.name), unsupported: (p) => void withoutTools.add(p.name) },
  };
  const io: GoalIo = {
    shell,
    renderer: () => ({ delta: (t) => (text += t), reasoning: () => {}, end: () => {}, interrupted: () => events.push('interrupted') }),
    notify: (notice) => {
      notices.push(notice);
      events.push(notice.kind);
    },
    propose: async (step) => {
      proposals.push(step);
      events.push('propose');
      const decision = decisions.shift() ?? 'enter';
      if (decision === 'stop') return { kind: 'stop' };
      return { kind: 'run', line: decision === 'enter' ? step.command : decision.edit };
    },
    confirm: async (question) => {
      questions.push(question);
      return confirms.shift() ?? 'no';
    },
    log: {
      append: (entry) => {
        logged.push(entry);
        events.push('logged');
      },
    },
    interruptible: (work) => {
      turn = new AbortController();
      return work(turn.signal);
    },
    clock: () => performance.now(),
  };
  const before = server.requests.length;
  return {
    dir,
    shell,
    notices,
    proposals,
    questions,
    logged,
    events,
    withoutTools,
    text: () => text,
    abortTurn: () => turn?.abort(),
    go: () => pursueGoal(request, io),
    requests: () =>
      server.requests
        .slice(before)
        .filter((r) => r.url.endsWith('/chat/completions'))
        .map((r) => r.json as { messages: ChatMessage[]; tools?: { function: { name: string } }[] }),
  };
}

/** Every tool call answered by exactly one tool message, right after its turn: what servers require. */
function expectPaired(messages: readonly ChatMessage[]): void {
  for (let i = 0; i < messages.length; i++) {
    const calls = messages[i]!.tool_calls ?? [];
    if (calls.length === 0) continue;
    const answered: string[] = [];
    for (let j = i + 1; j < messages.length && messages[j]!.role === 'tool'; j++) answered.push(messages[j]!.tool_call_id!);
    expect(answered.sort()).toEqual(calls.map((call) => call.id).sort());
  }
  const ids = messages.filter((m) => m.role === 'tool').map((m) => m.tool_call_id);
  expect(new Set(ids).size).toBe(ids.length);
}

describe('pursueGoal: tool calls', () => {
  it('runs each step after Enter, with pagers off, and sends the results back as tool messages split across deltas', async () => {
    server.script(toolTurn([run('mkdir out', 'make the folder', 'call_1')], 'Let me start.'), toolTurn([run('touch out/file.txt && echo "made [$PAGER/$GIT_PAGER]"', 'add the file', 'call_2')]), textTurn('Done: out/file.txt exists.'));
    const h = harness();
    const outcome = await h.go();
    expect(outcome).toMatchObject({ kind: 'done', status: 0, answer: 'Done: out/file.txt exists.' });
    expect(existsSync(join(h.dir, 'out/file.txt'))).toBe(true);
    expect(h.proposals).toEqual([
      { n: 1, command: 'mkdir out', reason: 'make the folder' },
      { n: 2, command: 'touch out/file.txt && echo "made [$PAGER/$GIT_PAGER]"', reason: 'add the file' },
    ]);
    const requests = h.requests();
    expect(requests).toHaveLength(3);
    expect(requests[0]!.tools?.[0]?.function.name).toBe('run_command');
    const third = requests[2]!.messages;
    for (const request of requests) expectPaired(request.messages);
    expect(third.find((m) => m.tool_call_id === 'call_1')!.content).toMatch(/^exit status 0, \d+\.\d s, in .*; no output$/);
    expect(third.find((m) => m.tool_call_id === 'call_2')!.content).toMatch(/exit status 0[\s\S]*\nmade \[cat\/cat\]/);
    expect(third.find((m) => m.role === 'assistant' && m.tool_calls)!).toMatchObject({ content: 'Let me start.', tool_calls: [{ id: 'call_1', function: { arguments: '{"command":"mkdir out","reason":"make the folder"}' } }] });
    expect(third[0]!.content).toMatch(/Goal mode[\s\S]*run_command/);
    // One exchange, logged before the footer, with every step in it.
    expect(h.logged).toHaveLength(1);
    expect(h.events.slice(-2)).toEqual(['logged', 'footer']);
    expect(h.logged[0]).toMatchObject({ question: '?! make the folder out with a file in it', usage: { completionTokens: 25 }, interrupted: false });
    expect(h.logged[0]!.answer).toMatch(/1\. `mkdir out` — make the folder → exit 0[\s\S]*2\. `touch out\/file.txt[\s\S]*Done: out\/file.txt exists\./);
    expect(JSON.stringify(h.logged[0]!.context)).toContain('made [cat/cat]');
    expect(h.notices.at(-1)).toMatchObject({ kind: 'footer', stats: { steps: 2, completionTokens: 25 } });
  });

  it("redacts a step's output with the secret values the session has seen, also of variables unset since", async () => {
    server.script(toolTurn([run('echo "db=Zq8-old-db-pass"', 'show it', 'call_1')]), textTurn('Seen.'));
    const h = harness({ known: [{ name: 'DB_PASSWORD', value: 'Zq8-old-db-pass' }] });
    await h.go();
    const result = h.requests()[1]!.messages.find((m) => m.tool_call_id === 'call_1')!.content!;
    expect(result).toContain('db=[REDACTED:env:DB_PASSWORD]');
    // What the session saw never goes back (the model's own call quoting it is the model's text).
    expect(JSON.stringify(h.requests()[1]!.messages.filter((m) => m.role !== 'assistant'))).not.toContain('Zq8-old-db-pass');
  });

  it('runs several calls of one turn one at a time, each confirmed, each answered under its own id', async () => {
    server.script(toolTurn([run('echo one', 'first', 'a'), run('echo two', 'second', 'b'), { id: 'c', name: 'shell', args: { command: 'echo three' } }]), textTurn('ok'));
    const h = harness();
    await h.go();
    expect(h.proposals.map((p) => p.command)).toEqual(['echo one', 'echo two', 'echo three']);
    const messages = h.requests()[1]!.messages;
    expectPaired(messages);
    const tools = messages.filter((m) => m.role === 'tool');
    expect(tools.map((m) => [m.tool_call_id, /\n(\w+)$/.exec(m.content ?? '')?.[1]])).toEqual([
      ['a', 'one'],
      ['b', 'two'],
      ['c', 'three'],
    ]);
  });

  it('a declined risky step is not run and is reported as declined; the goal goes on', async () => {
    server.script(toolTurn([run('rm -rf ~', 'clean up', 'x')]), textTurn('Then I will stop here.'));
    const h = harness({ confirms: ['no'] });
    const outcome = await h.go();
    expect(h.questions).toEqual([{ kind: 'risky', n: 1, command: 'rm -rf ~', reasons: [{ kind: 'recursive-delete', operand: '~' }] }]);
    expect(h.shell.ran).toEqual([]);
    expect(h.requests()[1]!.messages.find((m) => m.role === 'tool')!.content).toBe('The user declined to run this command.');
    expect(outcome).toMatchObject({ kind: 'done', steps: [{ outcome: 'declined' }] });
  });

  it('a step holding control or invisible characters asks for the second yes too, as a proposal does', async () => {
    server.script(toolTurn([run('echo hi\x1b[2K\x1b[1Gok', 'r', 'h1'), run('echo \u202eexe', 'r', 'h2')]), textTurn('fine'));
    const h = harness({ confirms: ['no', 'no'] });
    await h.go();
    expect(h.questions.map((q) => q.kind === 'risky' && q.command)).toEqual(['echo hi\x1b[2K\x1b[1Gok', 'echo \u202eexe']);
    expect(h.shell.ran).toEqual([]);
  });

  it('an edited step runs as edited, and the model is told what ran', async () => {
    server.script(toolTurn([run('echo proposed', 'say it', 'e')]), textTurn('noted'));
    const h = harness({ decisions: [{ edit: 'echo edited-by-me' }] });
    await h.go();
    expect(h.shell.ran.map((r) => r.line)).toEqual(['echo edited-by-me']);
    const result = h.requests()[1]!.messages.find((m) => m.role === 'tool')!.content!;
    expect(result).toMatch(/^The user edited the command before running it; what ran: echo edited-by-me\nexit status 0/);
    expect(result).toMatch(/\nedited-by-me$/);
  });

  it('a call without a command string is answered as such, and made-up ids pair calls that came without one', async () => {
    server.script(toolTurn([{ args: '{"cmd": "ls"}' }, { args: 'not json' }, { args: { command: 'echo fine' } }]), textTurn('ok'));
    const h = harness();
    await h.go();
    const messages = h.requests()[1]!.messages;
    expectPaired(messages);
    const tools = messages.filter((m) => m.role === 'tool');
    expect(tools.map((m) => m.content?.split('\n')[0])).toEqual([expect.stringMatching(/needs JSON arguments/), expect.stringMatching(/needs JSON arguments/), expect.stringMatching(/^exit status 0/)]);
    expect(h.notices.filter((n) => n.kind === 'bad-call')).toHaveLength(2);
  });
});

describe('pursueGoal: servers without tools', () => {
  it('400 "tools param requires --jinja flag": falls back to fenced blocks, for the rest of the session', async () => {
    server.script(
      { status: 400, headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"code":400,"message":"tools param requires --jinja flag","type":"invalid_request_error"}}'] },
      textTurn('First the folder.\n\n```sh\nmkdir fenced\n```\n'),
      textTurn('It is there now.'),
    );
    const h = harness();
    const outcome = await h.go();
    expect(outcome).toMatchObject({ kind: 'done', answer: 'It is there now.' });
    expect(existsSync(join(h.dir, 'fenced'))).toBe(true);
    expect(h.notices).toContainEqual({ kind: 'fallback', why: 'no-tools' });
    const [first, second, third] = h.requests();
    expect(first!.tools).toBeDefined();
    expect(second!.tools).toBeUndefined();
    expect(second!.messages[0]!.content).toMatch(/exactly one fenced ```sh block/);
    expect(third!.messages.at(-2)).toEqual({ role: 'assistant', content: 'First the folder.\n\n```sh\nmkdir fenced\n```\n' });
    expect(third!.messages.at(-1)).toMatchObject({ role: 'user', content: expect.stringMatching(/^exit status 0/) });
    expect(h.withoutTools.has('fast')).toBe(true);
  });

  it('Ollama "does not support tools" falls back the same way', async () => {
    server.script({ status: 400, headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"message":"registry.ollama.ai/library/gemma:2b does not support tools","type":"api_error"}}'] }, textTurn('Nothing to do.'));
    const h = harness();
    expect(await h.go()).toMatchObject({ kind: 'done' });
    expect(h.notices).toContainEqual({ kind: 'fallback', why: 'no-tools' });
  });

  it('a model that ignores the tools and answers with a fenced block: that block is the step', async () => {
    server.script(textTurn('Run this:\n\n```sh\necho from-a-block\n```\n'), textTurn('Good.'));
    const h = harness();
    await h.go();
    expect(h.proposals).toEqual([{ n: 1, command: 'echo from-a-block' }]);
    expect(h.notices).toContainEqual({ kind: 'fallback', why: 'ignored-tools' });
    const second = h.requests()[1]!;
    expect(second.tools).toBeUndefined();
    expect(second.messages.at(-1)!.content).toMatch(/\nfrom-a-block$/);
  });
});

describe('pursueGoal: limits and endings', () => {
  it('after max_steps asks to continue; no stops with every call answered, yes grants max_steps more', async () => {
    server.script(toolTurn([run('echo a', 'r', '1')]), toolTurn([run('echo b', 'r', '2')]), toolTurn([run('echo c', 'r', '3'), run('echo d', 'r', '4')]));
    const stop = harness({ maxSteps: 2, confirms: ['no'] });
    const outcome = await stop.go();
    expect(outcome).toMatchObject({ kind: 'stopped', how: 'step-limit', status: 1 });
    expect(stop.questions).toEqual([{ kind: 'continue', steps: 2 }]);
    expect(stop.shell.ran.map((r) => r.line)).toEqual(['echo a', 'echo b']);
    expectPaired(outcome.messages);
    expect(outcome.messages.filter((m) => m.role === 'tool').map((m) => m.content?.split(/[,.]/)[0])).toEqual(['exit status 0', 'exit status 0', 'Not run: the step limit was reached and the user chose to stop', 'Not run: the goal ended before this step']);

    server.script(toolTurn([run('echo a', 'r', '1')]), toolTurn([run('echo b', 'r', '2')]), toolTurn([run('echo c', 'r', '3')]), textTurn('done'));
    const more = harness({ maxSteps: 2, confirms: ['yes'] });
    expect(await more.go()).toMatchObject({ kind: 'done' });
    expect(more.shell.ran.map((r) => r.line)).toEqual(['echo a', 'echo b', 'echo c']);
  });

  it('Ctrl-C at a step stops the goal: nothing runs, every call of that turn is answered', async () => {
    server.script(toolTurn([run('touch never', 'r', 'p'), run('touch never2', 'r', 'q')]));
    const h = harness({ decisions: ['stop'] });
    const outcome = await h.go();
    expect(outcome).toMatchObject({ kind: 'stopped', how: 'at-step', status: 130 });
    expect(h.shell.ran).toEqual([]);
    expect(h.proposals).toHaveLength(1);
    expectPaired(outcome.messages);
    expect(h.logged).toHaveLength(1);
    expect(h.logged[0]!.interrupted).toBe(true);
  });

  it('Ctrl-C at a risky step\'s "run it anyway?" stops the goal as Ctrl-C at the step does: nothing runs, no new request, every call answered', async () => {
    server.script(toolTurn([run('rm -rf d', 'clean up', 'r1'), run('echo after', 'r', 'r2')]), textTurn('should never be asked'));
    const h = harness({ confirms: ['stop'] });
    const outcome = await h.go();
    expect(outcome).toMatchObject({ kind: 'stopped', how: 'at-step', status: 130, steps: [{ n: 1, outcome: 'stopped' }] });
    expect(h.questions).toMatchObject([{ kind: 'risky', n: 1, command: 'rm -rf d' }]);
    expect(h.shell.ran).toEqual([]);
    expect(h.requests()).toHaveLength(1);
    expectPaired(outcome.messages);
    expect(outcome.messages.filter((m) => m.role === 'tool').map((m) => m.content)).toEqual([
      'Not run: the user stopped the goal (Ctrl-C) at this step.',
      'Not run: the goal ended before this step.',
    ]);
    expect(h.logged).toHaveLength(1);
    expect(h.logged[0]!.interrupted).toBe(true);
  });

  it('Ctrl-C at "continue?" after max_steps stops the goal as Ctrl-C at a step does', async () => {
    server.script(toolTurn([run('echo a', 'r', '1')]), toolTurn([run('echo b', 'r', '2'), run('echo c', 'r', '3')]), textTurn('never'));
    const h = harness({ maxSteps: 1, confirms: ['stop'] });
    const outcome = await h.go();
    expect(outcome).toMatchObject({ kind: 'stopped', how: 'at-step', status: 130 });
    expect(h.shell.ran.map((r) => r.line)).toEqual(['echo a']);
    expect(h.requests()).toHaveLength(2);
    expectPaired(outcome.messages);
    expect(outcome.messages.filter((m) => m.role === 'tool').map((m) => m.content?.split(/[,.]/)[0])).toEqual(['exit status 0', 'Not run: the user stopped the goal (Ctrl-C) at this step', 'Not run: the goal ended before this step']);
  });

  it('a command interrupted by Ctrl-C ends the goal', async () => {
    server.script(toolTurn([run('kill -INT $$', 'r', 'k'), run('echo later', 'r', 'l')]));
    const h = harness();
    const outcome = await h.go();
    expect(outcome).toMatchObject({ kind: 'stopped', how: 'in-command' });
    expect(h.shell.ran.map((r) => r.line)).toEqual(['kill -INT $$']);
    expectPaired(outcome.messages);
    expect(outcome.messages.find((m) => m.tool_call_id === 'k')!.content).toMatch(/^interrupted by the user \(SIGINT\)/);
  });

  it('Ctrl-C while the model answers stops the goal and closes the connection', async () => {
    server.script({ chunks: [sse(chunk({ content: 'Thinking' }))], stall: true });
    const h = harness();
    const pending = h.go();
    await expect.poll(() => h.text()).toBe('Thinking');
    const closed = server.closed();
    h.abortTurn();
    expect(await pending).toMatchObject({ kind: 'stopped', how: 'in-answer' });
    await closed;
  });

  it('auto_run runs a matching simple command at once; anything else still waits', async () => {
    server.script(toolTurn([run('echo auto', 'r', '1'), run('echo auto; touch x', 'r', '2'), run('echoes', 'r', '3')]), textTurn('ok'));
    const h = harness({ autoRun: ['echo'] });
    await h.go();
    expect(h.proposals.map((p) => p.command)).toEqual(['echo auto; touch x', 'echoes']);
    expect(h.notices.filter((n) => n.kind === 'step').map((n) => n.kind === 'step' && n.auto)).toEqual([true, false, false]);
  });
});

describe('pursueGoal: budget', () => {
  it('fifteen steps of output fit a 4k preset: every request within the window, older results shrunk first', async () => {
    const big = 'seq 1 5000';
    server.script(...Array.from({ length: 15 }, (_, i) => toolTurn([run(big, `step ${i + 1}`, `s${i + 1}`)])), textTurn('enough'));
    const h = harness({ preset: { contextSize: 4096, maxTokens: 512 } });
    expect(await h.go()).toMatchObject({ kind: 'done' });
    const window = 4096 - 512 - 64;
    for (const request of h.requests()) {
      const tokens = request.messages.reduce((sum, m) => sum + estimateTokens(m.content ?? '') + (m.tool_calls ? estimateTokens(JSON.stringify(m.tool_calls)) : 0) + 4, 0);
      expect(tokens).toBeLessThanOrEqual(window);
      expectPaired(request.messages);
    }
    const last = h.requests().at(-1)!.messages.filter((m) => m.role === 'tool').map((m) => m.content!);
    expect(last).toHaveLength(15);
    // The newest keeps most of both ends of its output; older ones shrink first (what ran and how it ended always stay).
    expect(last.at(-1)).toMatch(/\n1\n2\n[\s\S]*lines cut[\s\S]*\n5000$/);
    for (const [i, older] of last.slice(0, -1).entries()) {
      expect(older).toMatch(/^exit status 0, [^\n]*; output:\n/);
      expect(older.length).toBeLessThanOrEqual(last[i + 1]!.length);
    }
    expect(last[0]!.length * 5).toBeLessThan(last.at(-1)!.length);
  });
});

describe('pursueGoal: before the first request', () => {
  it('Ctrl-C while a local server is being probed stops the goal; it is no failure', async () => {
    const h = harness();
    const outcome = await pursueGoal(
      {
        goal: 'g',
        endpoint: (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new NoServerError()))),
        opening: () => ({ messages: [], redactions: 0 }),
        logQuestion: '?! g',
        maxSteps: 15,
        autoRun: [],
        tools: { supported: () => true, unsupported: () => {} },
      },
      {
        shell: h.shell,
        renderer: () => ({ delta: () => {}, reasoning: () => {}, end: () => {}, interrupted: () => {} }),
        notify: () => {},
        propose: async () => ({ kind: 'stop' }),
        confirm: async () => 'no',
        log: { append: () => expect.unreachable('nothing to log') },
        interruptible: (work) => {
          const controller = new AbortController();
          const pending = work(controller.signal);
          controller.abort();
          return pending;
        },
        clock: () => 0,
      },
    );
    expect(outcome).toMatchObject({ kind: 'stopped', how: 'in-answer', status: 130 });
  });
});
