import { describe, expect, it } from 'vitest';
import { needsMore } from '../../src/shell/complete.ts';
import { installed, SHELLS } from '../helpers/shell-session.ts';

// Unfinished in every POSIX-like shell: the shell would show its continuation prompt.
const OPEN = ['for i in 1 2', 'while true', 'if true; then', 'if true; then\necho x', 'echo "abc', "echo 'a", 'ls |', 'echo a &&', 'echo a || # a comment', 'f() {', '{ echo', '(echo', 'case x in', 'echo $(', 'echo `ls', 'cat <<EOF\nhello', "cat <<-'END'\n\tx", 'echo a \\', `if [ -n ${'d'.repeat(5000)} ]; then`];
// Whole commands, a syntax error included: the shell would take them as they are.
const WHOLE = ['echo ok', 'for i in 1; do :; done', 'if true; then echo; fi', 'if true; then\necho x\nfi', 'cat <<EOF\nhello\nEOF', "cat <<-'END'\n\tx\n\tEND", 'echo a \\\\', 'fi', 'echo )', 'echo "<<EOF"', "echo '<<EOF' # <<X", 'echo a # ends in &&', 'echo "&&"', 'cat <<< here', `echo ${'c'.repeat(5000)} | wc -c`];

describe.each(SHELLS.filter(({ kind }) => kind !== 'fish'))('the parser of $kind says whether a construct is whole', (program) => {
  it.skipIf(!installed(program.path))('open constructs, quotes, here-documents and a trailing backslash need more; whole commands and syntax errors do not', async () => {
    for (const text of OPEN) expect(await needsMore(program, text), text.slice(0, 40)).toBe(true);
    for (const text of WHOLE) expect(await needsMore(program, text), text.slice(0, 40)).toBe(false);
  });
});
