import { describe, expect, it } from 'vitest';
import { routeLine } from '../../src/repl/router.ts';

const route = (line: string) => routeLine(line, { questionPrefix: '?' });

describe('routeLine', () => {
  it('treats blank lines as nothing to run', () => {
    expect(route('')).toEqual({ kind: 'empty' });
    expect(route('   \t')).toEqual({ kind: 'empty' });
  });

  it('recognises exit with an optional status, wrapped to 0..255 like a shell', () => {
    expect(route('exit')).toEqual({ kind: 'exit' });
    expect(route(' exit 3 ')).toEqual({ kind: 'exit', status: 3 });
    expect(route('exit 300')).toEqual({ kind: 'exit', status: 44 });
    expect(route('exit -1')).toEqual({ kind: 'exit', status: 255 });
    expect(route('exit abc')).toEqual({ kind: 'invalid', message: 'exit: abc: numeric argument required', status: 2 });
    expect(route('exit 1 2')).toMatchObject({ kind: 'invalid', status: 1 });
  });

  it('recognises job control builtins with %N or N', () => {
    expect(route('jobs')).toEqual({ kind: 'jobs' });
    expect(route('fg')).toEqual({ kind: 'fg' });
    expect(route('fg %2')).toEqual({ kind: 'fg', jobId: 2 });
    expect(route('bg 1')).toEqual({ kind: 'bg', jobId: 1 });
    expect(route('fg %x')).toMatchObject({ kind: 'invalid', message: 'fg: %x: no such job' });
  });

  it('recognises :meta commands but leaves the shell no-op `:` alone', () => {
    expect(route(':model cloud')).toEqual({ kind: 'meta', name: 'model', arg: 'cloud' });
    expect(route(':clear')).toEqual({ kind: 'meta', name: 'clear', arg: '' });
    expect(route(': comment here')).toEqual({ kind: 'shell', line: ': comment here' });
    expect(route(':')).toEqual({ kind: 'shell', line: ':' });
  });

  it('leaves compound lines that merely mention a builtin to the shell', () => {
    expect(route('cd build && exit')).toEqual({ kind: 'shell', line: 'cd build && exit' });
    expect(route('jobs -l')).toEqual({ kind: 'shell', line: 'jobs -l' });
    expect(route('exiting')).toEqual({ kind: 'shell', line: 'exiting' });
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
