import { describe, expect, it } from 'vitest';
import { routeLine } from '../../src/repl/router.ts';

const route = (line: string) => routeLine(line, { questionPrefix: '?' });

describe('routeLine', () => {
  it('treats blank lines as nothing to run', () => {
    expect(route('')).toEqual({ kind: 'empty' });
    expect(route('   \t')).toEqual({ kind: 'empty' });
  });

  it('leaves exit and job control to the shell, which owns them', () => {
    for (const line of ['exit', 'exit 3', 'jobs', 'fg', 'fg %2', 'bg 1', 'kill %1', 'wait']) expect(route(line)).toEqual({ kind: 'shell', line });
  });

  it('recognises :meta commands but leaves the shell no-op `:` alone', () => {
    expect(route(':model cloud')).toEqual({ kind: 'meta', name: 'model', arg: 'cloud' });
    expect(route(':clear')).toEqual({ kind: 'meta', name: 'clear', arg: '' });
    expect(route(': comment here')).toEqual({ kind: 'shell', line: ': comment here' });
    expect(route(':')).toEqual({ kind: 'shell', line: ':' });
  });

  it('sends a line starting with the question prefix to the model', () => {
    expect(route('? how do I list ports')).toEqual({ kind: 'question', text: 'how do I list ports', explainLast: false });
    expect(route('??')).toEqual({ kind: 'question', text: '', explainLast: true });
    expect(route('?? why')).toEqual({ kind: 'question', text: '? why', explainLast: false });
    expect(routeLine('? not a question', { questionPrefix: '' })).toEqual({ kind: 'shell', line: '? not a question' });
  });

  it('sends ?! GOAL to goal mode, with or without a space; ?! alone is a usage error', () => {
    expect(route('?! make the tests pass')).toEqual({ kind: 'goal', text: 'make the tests pass' });
    expect(route('?!tidy  up ')).toEqual({ kind: 'goal', text: 'tidy  up' });
    expect(route('?!')).toEqual({ kind: 'invalid', message: 'give a goal after ?!, e.g. ?! find what fills the disk', status: 2 });
    expect(route('?! ')).toMatchObject({ kind: 'invalid', status: 2 });
    expect(route('? !important')).toEqual({ kind: 'question', text: '!important', explainLast: false });
    expect(routeLine('ai:! deploy', { questionPrefix: 'ai:' })).toEqual({ kind: 'goal', text: 'deploy' });
    expect(routeLine('?! not a goal', { questionPrefix: '' })).toEqual({ kind: 'shell', line: '?! not a goal' });
  });
});
