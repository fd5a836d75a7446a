import { describe, expect, it } from 'vitest';
import { lastArgument, quoteWord, shellWords, wordBefore } from '../../src/editor/words.ts';

describe('shell words', () => {
  it('splits on blanks and operators outside quotes, and removes quotes and backslashes', () => {
    expect(shellWords(`cat "my file" it\\'s|grep -e 'a b'>out`).map((w) => w.value)).toEqual(['cat', 'my file', "it's", 'grep', '-e', 'a b', 'out']);
    expect(shellWords('echo "a\\"b\\x"').map((w) => w.value)).toEqual(['echo', 'a"b\\x']);
  });

  it('finds the word before the cursor, with its open quote, or an empty one after a blank', () => {
    expect(wordBefore('cat "my fi', 10)).toEqual({ start: 4, end: 10, value: 'my fi', openQuote: '"' });
    expect(wordBefore('ls my\\ d', 8)).toMatchObject({ start: 3, value: 'my d' });
    expect(wordBefore('ls ', 3)).toEqual({ start: 3, end: 3, value: '' });
    expect(wordBefore('a&&b', 4)).toMatchObject({ start: 3, value: 'b' });
  });

  it('gives the last argument and quotes text back in the style the word began with', () => {
    expect(lastArgument('mv a "b c"')).toBe('b c');
    expect(lastArgument('   ')).toBeUndefined();
    expect(quoteWord('my $dir', undefined, false)).toBe('my\\ \\$dir');
    expect(quoteWord('~/a b', undefined, false)).toBe('~/a\\ b');
    expect(quoteWord('my "x"', '"', true)).toBe('"my \\"x\\""');
    expect(quoteWord("it's", "'", false)).toBe("'it'\\''s");
  });

  it('single-quotes a name with control characters: a backslash before a newline would join the lines', () => {
    expect(quoteWord('a\nrm -rf ~', undefined, true)).toBe("'a\nrm -rf ~'");
    expect(quoteWord("x\x1b]0;t\x07's", undefined, false)).toBe("'x\x1b]0;t\x07'\\''s");
    expect(quoteWord('~/a\nb', undefined, true)).toBe("~/'a\nb'");
  });
});
