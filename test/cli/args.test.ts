import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.ts';

describe('conch’s command line, read as a shell reads its own', () => {
  it('takes bundled short options as IDEs and editors give them ($SHELL -ilc …)', () => {
    expect(parseArgs(['-lc', 'env'])).toEqual({ kind: 'command', command: 'env', args: [], login: true, flags: [] });
    expect(parseArgs(['-ilc', 'env', 'name', 'one'])).toEqual({ kind: 'command', command: 'env', args: ['name', 'one'], login: true, flags: ['-i'] });
    expect(parseArgs(['-ic', 'env'])).toEqual({ kind: 'command', command: 'env', args: [], login: false, flags: ['-i'] });
    expect(parseArgs(['-i', '-l', '-c', 'env'])).toEqual({ kind: 'command', command: 'env', args: [], login: true, flags: ['-i'] });
    expect(parseArgs(['-ec', 'false'])).toEqual({ kind: 'command', command: 'false', args: [], login: false, flags: ['-e'] });
    // -c is a flag: the command is the first word that is no option, as in sh.
    expect(parseArgs(['-c', '-x', 'echo hi'])).toEqual({ kind: 'command', command: 'echo hi', args: [], login: false, flags: ['-x'] });
  });

  it('passes the shell’s own options on, -o NAME and +x forms included', () => {
    expect(parseArgs(['-eu', '-o', 'pipefail', '+x', 'script.sh', 'a'])).toEqual({ kind: 'script', script: 'script.sh', args: ['a'], login: false, flags: ['-e', '-u', '-o', 'pipefail', '+x'] });
    expect(parseArgs(['-eo', 'pipefail', '-c', 'true'])).toEqual({ kind: 'command', command: 'true', args: [], login: false, flags: ['-e', '-o', 'pipefail'] });
  });

  it('reads commands from stdin with -s, its words the positional parameters', () => {
    expect(parseArgs(['-s', 'arg', 'two'])).toEqual({ kind: 'shell', login: false, flags: ['-s'], args: ['arg', 'two'] });
    expect(parseArgs([])).toEqual({ kind: 'shell', login: false, flags: [], args: [] });
    expect(parseArgs(['-'])).toEqual({ kind: 'shell', login: false, flags: [], args: [] });
  });

  it('keeps conch’s own options, and says what is wrong in one line', () => {
    expect(parseArgs(['--shell', '/bin/zsh', '--login', '-c', 'true'])).toEqual({ kind: 'command', command: 'true', args: [], shell: '/bin/zsh', login: true, flags: [] });
    expect(parseArgs(['--shell=/bin/zsh'])).toEqual({ kind: 'shell', shell: '/bin/zsh', login: false, flags: [], args: [] });
    expect(parseArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseArgs(['--version'])).toEqual({ kind: 'version' });
    expect(parseArgs(['-c'])).toEqual({ kind: 'usage-error', message: 'option -c needs a command' });
    expect(parseArgs(['-o'])).toEqual({ kind: 'usage-error', message: 'option -o needs a value' });
    expect(parseArgs(['--frobnicate'])).toEqual({ kind: 'usage-error', message: 'unknown option --frobnicate' });
    expect(parseArgs(['-e1'])).toEqual({ kind: 'usage-error', message: 'unknown option -e1' });
    expect(parseArgs(['-c', 'true'], '-conch')).toMatchObject({ kind: 'command', login: true });
  });
});
