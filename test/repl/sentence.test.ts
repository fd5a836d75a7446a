import { describe, expect, it } from 'vitest';
import { readsLikeSentence } from '../../src/repl/after-command.ts';

describe('readsLikeSentence (offer the model after "command not found")', () => {
  it('accepts questions and requests in words', () => {
    for (const line of ['how do i list open ports', 'why is my disk full?', 'show me the biggest files, please']) expect(readsLikeSentence(line), line).toBe(true);
  });

  it('rejects typos of commands and anything with shell syntax', () => {
    for (const line of ['gti status', 'sl', 'foo --bar baz', 'make && ./run now', 'echo $HOME is here', 'cat a > b c', 'x=1 y=2 z']) expect(readsLikeSentence(line), line).toBe(false);
  });
});
