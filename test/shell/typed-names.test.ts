import { describe, expect, it } from 'vitest';
import type { ShellNames } from '../../src/shell/index.ts';
import { namesAfterLine } from '../../src/shell/typed-names.ts';

const none: ShellNames = { functions: [], aliases: [], builtins: ['cd'], variables: [] };
const after = (...lines: string[]) => lines.reduce(namesAfterLine, none);

describe("sh's names, read from the lines typed", () => {
  it('functions, aliases and variables a line defines', () => {
    expect(after('f_mine() { :; }; g () { echo; }')).toMatchObject({ functions: ['f_mine', 'g'] });
    expect(after("alias ll='ls -l' la=\"ls -a\"; echo")).toMatchObject({ aliases: ['ll', 'la'] });
    expect(after('x=1 y=2; export VAR_MINE=1 OTHER; read -r answer')).toMatchObject({ variables: ['x', 'y', 'VAR_MINE', 'OTHER', 'answer'] });
    expect(after('f() { :; }').builtins).toEqual(['cd']);
  });

  it('and those it removes', () => {
    expect(after('f() { :; }', 'alias ll=ls', 'x=1', 'unset -f f; unalias ll; unset x')).toMatchObject({ functions: [], aliases: [], variables: [] });
  });

  it('not words that only look like it: arguments, quoted text', () => {
    expect(after('echo alias', 'ls -la')).toEqual(none);
  });
});
