import { describe, expect, it } from 'vitest';
import { buildMessages, estimateTokens, EXPLAIN_LAST, SecretMemory, systemPrompt, type ChatMessage, type CommandRecordLike, type ContextOptions } from '../../src/context/index.ts';

const record = (n: number, extra: Partial<CommandRecordLike> = {}): CommandRecordLike => ({
  line: `cmd-${n}`,
  cwd: '/w',
  startedAt: n * 1000,
  durationMs: 1200,
  status: 0,
  output: Array.from({ length: 30 }, (_, i) => `output ${n} line ${i}`).join('\n'),
  outputTruncated: false,
  fullscreen: false,
  ...extra,
});
// Oldest first, as the executor keeps them.
const records = Array.from({ length: 40 }, (_, i) => record(i));
const snappy = (extra: Partial<ContextOptions> = {}): ContextOptions => ({
  mode: 'full',
  contextSize: 4096,
  maxTokens: 512,
  system: { os: 'linux 6', shell: '/bin/bash', cwd: '/w', date: new Date(2026, 10, 24, 12) },
  env: {},
  ...extra,
});
const large = (extra: Partial<ContextOptions> = {}) => snappy({ contextSize: 32768, maxTokens: 2048, ...extra });
const build = (options: ContextOptions, extra: { question?: string; records?: readonly CommandRecordLike[]; conversation?: ChatMessage[]; explainLast?: boolean } = {}) =>
  buildMessages({ question: 'q', records, conversation: [], options, ...extra });
const all = (messages: ChatMessage[]) => messages.map((m) => m.content).join('\n');

describe('systemPrompt', () => {
  it('names OS, shell, cwd, date and user, and asks for concise answers with one command per sh block', () => {
    const text = systemPrompt({ os: 'linux 6', shell: '/bin/zsh', cwd: '/srv/app', date: new Date(2026, 10, 24, 23, 30), user: 'ann' });
    expect(text).toMatch(/linux 6.*\/bin\/zsh.*\/srv\/app.*2026-11-24.*ann/s);
    expect(text).toMatch(/concise/i);
    expect(text).toContain('```sh');
    expect(text).toMatch(/one command in each/);
    expect(text).toMatch(/not sure, say so/);
  });
});

describe('buildMessages', () => {
  it('sends the system prompt with shell activity, then the conversation, then the question', () => {
    const { messages } = build(snappy(), { question: 'why?', conversation: [{ role: 'user', content: 'q1' }, { role: 'assistant', content: 'a1' }] });
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[0]!.content.startsWith(systemPrompt(snappy().system))).toBe(true);
    expect(messages[0]!.content).toContain('$ cmd-39\n(exit status 0, 1.2 s, in /w)\noutput 39 line 0');
    expect(messages.at(-1)!.content).toBe('why?');
  });

  it('includes the newest records first, more of them for 32k than for snappy, and stays within the window', () => {
    const small = build(snappy());
    const big = build(large());
    expect(small.includedRecords).toBeGreaterThan(0);
    expect(big.includedRecords).toBeGreaterThan(small.includedRecords);
    const text = small.messages[0]!.content;
    expect(text.indexOf('$ cmd-39\n')).toBeLessThan(text.indexOf('$ cmd-38\n'));
    // The newest are the ones kept.
    expect(text).toContain(`$ cmd-${40 - small.includedRecords}\n`);
    expect(text).not.toContain(`$ cmd-${39 - small.includedRecords}\n`);
    expect(small.estimatedTokens).toBeLessThanOrEqual(4096 - 512);
    expect(big.estimatedTokens).toBeLessThanOrEqual(32768 - 2048);
    expect(small.estimatedTokens).toBe(small.messages.reduce((sum, m) => sum + estimateTokens(m.content), 0));
  });

  it('gives the conversation precedence over records, and drops its oldest exchanges only when it alone overflows', () => {
    const exchange = (n: number, size: number): ChatMessage[] => [{ role: 'user', content: `question ${n} ${'x '.repeat(size)}` }, { role: 'assistant', content: `answer ${n}` }];
    const some = build(snappy(), { conversation: [...exchange(1, 2000), ...exchange(2, 2000)] });
    expect(some.droppedMessages).toBe(0);
    expect(some.includedRecords).toBeLessThan(build(snappy()).includedRecords);
    const many = Array.from({ length: 10 }, (_, n) => exchange(n, 1000)).flat();
    const built = build(snappy(), { conversation: many });
    expect(built.droppedMessages).toBeGreaterThan(0);
    expect(built.droppedMessages % 2).toBe(0);
    expect(built.messages[1]).toEqual(many[built.droppedMessages]);
    expect(built.messages[1]!.role).toBe('user');
    expect(built.messages.at(-2)!.content).toBe('answer 9');
    expect(built.estimatedTokens).toBeLessThanOrEqual(4096 - 512);
  });

  it("'commands' sends lines, statuses and cwd only; 'none' sends no shell activity", () => {
    const commands = build(snappy({ mode: 'commands' }));
    expect(commands.messages[0]!.content).toContain('$ cmd-39\n(exit status 0, 1.2 s, in /w)');
    expect(commands.messages[0]!.content).not.toContain('output 39');
    expect(commands.includedRecords).toBe(40);
    const none = build(snappy({ mode: 'none' }));
    expect(none.includedRecords).toBe(0);
    expect(all(none.messages)).not.toContain('cmd-');
  });

  it('cuts a long output to its tail and marks the cut; keeps the end of one huge line', () => {
    const long = record(1, { output: Array.from({ length: 5000 }, (_, i) => `row ${i}`).join('\n') });
    const text = build(snappy(), { records: [long] }).messages[0]!.content;
    expect(text).toContain('row 4999');
    expect(text).not.toContain('row 0\n');
    const cut = Number(/\[(\d+) earlier lines cut\]\nrow (\d+)/.exec(text)?.[1]);
    expect(text).toContain(`[${cut} earlier lines cut]\nrow ${cut}\n`);
    const minified = record(2, { output: `{"a":"${'x'.repeat(100_000)}END"}` });
    const one = build(snappy(), { records: [minified] }).messages[0]!.content;
    expect(one).toMatch(/\[the start of the output cut\]\n…x+END"\}$/);
  });

  it('keeps one huge output from crowding out the commands before it', () => {
    const huge = record(99, { output: 'y\n'.repeat(50_000) });
    const built = build(snappy(), { records: [record(1), record(2), huge] });
    expect(built.includedRecords).toBe(3);
  });

  it('marks output the executor did not keep, full-screen programs, and signals', () => {
    const text = build(large(), {
      records: [record(1, { outputTruncated: true }), record(2, { fullscreen: true, line: 'vim x' }), record(3, { signal: 'SIGINT', status: 130 })],
    }).messages[0]!.content;
    expect(text).toContain('$ cmd-1\n(exit status 0, 1.2 s, in /w)\n[earlier output was not kept]\noutput 1 line 0');
    expect(text).toContain('$ vim x\n(exit status 0, 1.2 s, in /w)\n[a full-screen program; its screen is not kept]');
    expect(text).toContain('(killed by SIGINT');
  });

  it('?? asks to explain the last command, with its line, status and output in the question itself', () => {
    const failing = record(99, { line: 'make build', status: 2, output: 'make: *** No rule to make target' });
    const built = build(snappy(), { question: '', records: [...records.slice(0, 3), failing], explainLast: true });
    const question = built.messages.at(-1)!.content;
    expect(question.startsWith(EXPLAIN_LAST)).toBe(true);
    expect(question).toContain('The last command:\n\n$ make build\n(exit status 2, 1.2 s, in /w)\nmake: *** No rule to make target');
    // Not repeated among the earlier activity, which still follows.
    expect(built.messages[0]!.content).not.toContain('make build');
    expect(built.messages[0]!.content).toContain('Earlier shell activity');
    expect(built.includedRecords).toBe(4);
    expect(build(snappy(), { question: 'it worked yesterday', records: [failing], explainLast: true }).messages.at(-1)!.content).toContain(`${EXPLAIN_LAST}\n\nit worked yesterday\n\nThe last command:`);
  });

  it('?? gives the failing output the room first', () => {
    const failing = record(99, { status: 1, output: Array.from({ length: 2000 }, (_, i) => `error ${i}`).join('\n') });
    const built = build(snappy(), { records: [...records, failing], explainLast: true });
    expect(built.messages.at(-1)!.content).toContain('error 1999');
    expect(built.messages.at(-1)!.content.length).toBeGreaterThan(build(snappy(), { records: [...records, failing] }).messages[0]!.content.indexOf('$ cmd-39'));
    expect(built.estimatedTokens).toBeLessThanOrEqual(4096 - 512);
  });

  it('?? says so when there is no command, or the preset shares none', () => {
    expect(build(snappy(), { records: [], explainLast: true }).messages.at(-1)!.content).toMatch(/No command has run/);
    const none = build(snappy({ mode: 'none' }), { records: [record(1, { line: 'make' })], explainLast: true });
    expect(none.messages.at(-1)!.content).toMatch(/shares no shell activity/);
    expect(all(none.messages)).not.toContain('make');
  });

  it('leaves out a line typed with a leading space, and its output, as the shells keep it out of history', () => {
    const secretive = record(50, { line: ' echo private-note-xyz', output: 'private-note-xyz' });
    const multiLine = record(51, { line: ' for i in 1; do\n  echo hidden-loop-xyz\ndone', output: 'hidden-loop-xyz' });
    const later = record(52, { line: 'ls', output: 'after.txt' });
    for (const mode of ['full', 'commands'] as const) {
      const built = build(snappy({ mode }), { records: [...records.slice(0, 3), secretive, multiLine, later] });
      expect(all(built.messages)).not.toMatch(/private-note-xyz|hidden-loop-xyz/);
      expect(all(built.messages)).toContain('$ ls\n');
      expect(all(built.messages)).toContain('$ cmd-2\n');
      expect(built.includedRecords).toBe(4);
    }
    // Only a space: a tab or an indented continuation line is not the shells' private mark.
    expect(all(build(snappy(), { records: [record(1, { line: '\techo tabbed-xyz' })] }).messages)).toContain('tabbed-xyz');
  });

  it('?? after a private line says the last command is private, and explains no other in its place', () => {
    const earlier = record(1, { line: 'make build', status: 2, output: 'make: *** No rule' });
    const secretive = record(2, { line: ' ./deploy --key private-note-xyz', status: 1, output: 'private-note-xyz rejected' });
    const built = build(snappy(), { question: '', records: [earlier, secretive], explainLast: true });
    expect(all(built.messages)).not.toContain('private-note-xyz');
    const question = built.messages.at(-1)!.content;
    expect(question).not.toContain('The last command:');
    expect(question).toMatch(/last command .*private/i);
    // What came before it is still there, as earlier activity, not as the command to explain.
    expect(built.messages[0]!.content).toContain('$ make build');
    expect(built.includedRecords).toBe(1);
  });

  it('redacts everything it sends and counts only what it sends', () => {
    const key = 'sk-proj-AbCdEf0123456789AbCdEf0123456789AbCd';
    const secret = record(2, { line: 'export MY_TOKEN=abcdef123456', output: key, cwd: `/home/${key}` });
    const built = build(snappy({ env: { MY_TOKEN: 'abcdef123456' } }), {
      question: `q ${key}`,
      records: [secret],
      conversation: [{ role: 'user', content: 'password=hunter2hunter2' }, { role: 'assistant', content: 'ok' }],
    });
    const text = all(built.messages);
    expect(text).not.toContain('abcdef123456');
    expect(text).not.toContain('sk-proj-');
    expect(text).not.toContain('hunter2');
    expect(text).toContain('[REDACTED:env:MY_TOKEN]');
    expect(built.redactions).toBe(5);
    // A secret in a record too old to be sent is not counted.
    const old = record(0, { output: key });
    expect(build(snappy({ mode: 'commands' }), { records: [old, ...records] }).redactions).toBe(0);
    const cutAway = record(1, { output: `${key}\n${'filler line\n'.repeat(3000)}AKIAIOSFODNN7EXAMPLE` });
    expect(build(snappy(), { records: [cutAway] }).redactions).toBe(1);
  });

  it('redacts known values too: those of variables since unset, in records, conversation and question', () => {
    const memory = new SecretMemory();
    memory.remember([{ name: 'DB_PASSWORD', value: 'Zq8-gone-from-env' }]);
    const built = build(snappy({ env: {}, known: memory }), {
      question: 'why did Zq8-gone-from-env fail',
      records: [record(1, { line: 'echo $DB_PASSWORD; unset DB_PASSWORD', output: 'Zq8-gone-from-env' })],
      conversation: [{ role: 'user', content: 'it was Zq8-gone-from-env' }, { role: 'assistant', content: 'ok' }],
    });
    expect(all(built.messages)).not.toContain('Zq8-gone-from-env');
    expect(all(built.messages)).toContain('[REDACTED:env:DB_PASSWORD]');
    expect(built.redactions).toBe(3);
  });
});
