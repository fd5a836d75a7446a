import { describe, expect, it } from 'vitest';
import { isIncomplete } from '../../src/editor/incomplete.ts';

describe('isIncomplete', () => {
  it('continues an unclosed quote, a trailing backslash or a trailing operator', () => {
    for (const text of ['echo "abc', "echo 'it", 'ls \\', 'cat x |', 'make &&', 'false ||', 'echo "a\\"']) expect(isIncomplete(text), text).toBe(true);
  });

  it('runs complete lines, quotes inside other quotes and comments included', () => {
    for (const text of ['echo "a\'b"', "echo 'a\"b'", 'echo \\"', 'echo hi # it\'s fine', 'ls', 'echo "x\ny"', 'a || b', 'echo \\\\']) expect(isIncomplete(text), text).toBe(false);
  });
});
