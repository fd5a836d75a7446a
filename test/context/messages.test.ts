import { describe, expect, it } from 'vitest';
import { buildMessages, type CommandRecordLike, type ContextOptions } from '../../src/context/index.ts';

const record = (n: number, extra: Partial<CommandRecordLike> = {}): CommandRecordLike => ({
  line: `cmd-${n}`,
  cwd: '/w',
  startedAt: 0,
  durationMs: 1200,
  status: 0,
  output: Array.from({ length: 30 }, (_, i) => `output ${n} line ${i}`).join('\n'),
  outputTruncated: false,
  fullscreen: false,
  ...extra,
});
const records = Array.from({ length: 40 }, (_, i) => record(i));
const options = (extra: Partial<ContextOptions> = {}): ContextOptions => ({
  mode: 'full',
  contextSize: 4096,
  maxTokens: 512,
  system: { os: 'linux 6', shell: '/bin/bash', cwd: '/w', date: new Date('2026-11-24T12:00:00Z') },
  env: {},
  ...extra,
});

describe('buildMessages', () => {
  it('puts OS, shell, cwd and date in the system prompt, then the conversation, then the question', () => {
    const { messages } = buildMessages({ question: 'why?', records: [], conversation: [{ role: 'user', content: 'q1' }, { role: 'assistant', content: 'a1' }], options: options() });
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[0]!.content).toMatch(/linux 6.*\/bin\/bash.*\/w.*2026-11-24/s);
    expect(messages[0]!.content).toMatch(/```sh/);
    expect(messages.at(-1)!.content).toBe('why?');
  });

  it('includes the newest records first, and more of them for a larger context', () => {
    const small = buildMessages({ question: 'q', records, conversation: [], options: options() });
    const large = buildMessages({ question: 'q', records, conversation: [], options: options({ contextSize: 32768, maxTokens: 2048 }) });
    expect(small.includedRecords).toBeGreaterThan(0);
    expect(large.includedRecords).toBeGreaterThan(small.includedRecords);
    const text = small.messages[0]!.content;
    expect(text.indexOf('cmd-39')).toBeLessThan(text.indexOf('cmd-38'));
    expect(small.estimatedTokens).toBeLessThanOrEqual(4096 - 512);
  });

  it('commands mode sends lines and statuses only; none sends no shell activity', () => {
    const commands = buildMessages({ question: 'q', records, conversation: [], options: options({ mode: 'commands' }) }).messages[0]!.content;
    expect(commands).toContain('$ cmd-39');
    expect(commands).not.toContain('output 39');
    const none = buildMessages({ question: 'q', records, conversation: [], options: options({ mode: 'none' }) });
    expect(none.includedRecords).toBe(0);
    expect(none.messages[0]!.content).not.toContain('cmd-39');
  });

  it('?? asks to explain the last command, with its line, status and output', () => {
    const failing = record(99, { line: 'make build', status: 2, output: 'make: *** No rule to make target' });
    const { messages } = buildMessages({ question: '', records: [...records.slice(0, 3), failing], conversation: [], options: options(), explainLast: true });
    expect(messages.at(-1)!.content).toMatch(/explain/i);
    expect(messages[0]!.content).toContain('`make build` (exit status 2)');
    expect(messages[0]!.content).toContain('No rule to make target');
  });

  it('cuts a long output to its tail and says so, and redacts everything it sends', () => {
    const long = record(1, { output: Array.from({ length: 5000 }, (_, i) => `row ${i}`).join('\n') });
    const secret = record(2, { line: 'export TOKEN=abcdef123456', output: 'sk-proj-AbCdEf0123456789AbCdEf0123456789AbCd' });
    const built = buildMessages({ question: 'q sk-proj-AbCdEf0123456789AbCdEf0123456789AbCd', records: [long, secret], conversation: [], options: options() });
    const text = built.messages.map((m) => m.content).join('\n');
    expect(text).toContain('row 4999');
    expect(text).toMatch(/\[\d+ earlier lines cut\]/);
    expect(text).not.toContain('abcdef123456');
    expect(text).not.toContain('sk-proj-');
    expect(built.redactions).toBeGreaterThanOrEqual(3);
  });
});
