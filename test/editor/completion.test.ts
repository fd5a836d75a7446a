import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCompleter } from '../../src/editor/completion.ts';

function setup() {
  const root = mkdtempSync(join(tmpdir(), 'conch-comp-'));
  const bin = join(root, 'bin');
  mkdirSync(bin);
  for (const name of ['frobnicate', 'frobber']) {
    writeFileSync(join(bin, name), '#!/bin/sh\n');
    chmodSync(join(bin, name), 0o755);
  }
  writeFileSync(join(bin, 'frob-not-executable'), '');
  const cwd = join(root, 'work');
  mkdirSync(join(cwd, 'src/lib'), { recursive: true });
  mkdirSync(join(cwd, 'my docs'));
  writeFileSync(join(cwd, 'README.md'), '');
  writeFileSync(join(cwd, 'src/main.ts'), '');
  writeFileSync(join(cwd, '.hidden'), '');
  const complete = createCompleter({ cwd: () => cwd, env: () => ({ PATH: bin, HOME: cwd }), builtins: ['fg', 'exit'] });
  return { complete, cwd };
}

describe('completion', () => {
  it('completes the first word from executables on PATH and builtins', async () => {
    const { complete } = setup();
    expect(await complete('frob', 4)).toMatchObject({ from: 0, candidates: ['frobber', 'frobnicate'] });
    expect(await complete('frobn', 5)).toMatchObject({ candidates: ['frobnicate '] });
    expect((await complete('ex', 2)).candidates).toContain('exit');
    expect((await complete('ls | frobn', 10)).candidates).toEqual(['frobnicate ']);
  });

  it('completes paths: directories get a slash, unique files a space, spaces are escaped, dotfiles only when asked', async () => {
    const { complete } = setup();
    expect(await complete('cat RE', 6)).toMatchObject({ from: 4, candidates: ['README.md '] });
    expect(await complete('cd s', 4)).toMatchObject({ candidates: ['src/'] });
    expect(await complete('ls src/', 7)).toMatchObject({ from: 3, candidates: ['src/lib/', 'src/main.ts'], labels: ['lib/', 'main.ts'] });
    expect(await complete('cd my', 5)).toMatchObject({ candidates: ['my\\ docs/'] });
    expect((await complete('ls ', 3)).candidates).not.toContain('.hidden');
    expect((await complete('ls .h', 5)).candidates).toEqual(['.hidden ']);
    expect((await complete('ls ~/sr', 7)).candidates).toEqual(['~/src/']);
    expect((await complete('./src/ma', 8)).candidates).toEqual(['./src/main.ts ']);
  });

  it('completes inside an open quote, closing it after a unique file, and after operators', async () => {
    const { complete, cwd } = setup();
    writeFileSync(join(cwd, 'my docs', 'a b.txt'), '');
    expect(await complete('cd "my', 6)).toMatchObject({ from: 3, candidates: ['"my docs/'] });
    expect(await complete('cat "my docs/a', 14)).toMatchObject({ from: 4, candidates: ['"my docs/a b.txt" '] });
    expect(await complete("cat 'my docs/a", 14)).toMatchObject({ candidates: ["'my docs/a b.txt' "] });
    expect(await complete(String.raw`cat my\ docs/a`, 14)).toMatchObject({ from: 4, candidates: [String.raw`my\ docs/a\ b.txt `] });
    expect(await complete('cat x>RE', 8)).toMatchObject({ from: 6, candidates: ['README.md '] });
    expect(await complete('true && frobn', 13)).toMatchObject({ from: 8, candidates: ['frobnicate '] });
    expect(await complete('sudo frobn', 10)).toMatchObject({ candidates: ['frobnicate '] });
  });

  it('sees a new command once PATH changes, and lists PATH once per value', async () => {
    const root = mkdtempSync(join(tmpdir(), 'conch-comp-'));
    const [one, two] = [join(root, 'one'), join(root, 'two')];
    for (const dir of [one, two]) mkdirSync(dir);
    writeFileSync(join(one, 'zed-one'), '');
    chmodSync(join(one, 'zed-one'), 0o755);
    let PATH = one;
    const complete = createCompleter({ cwd: () => root, env: () => ({ PATH }), builtins: [] });
    expect((await complete('zed', 3)).candidates).toEqual(['zed-one ']);
    writeFileSync(join(two, 'zed-two'), '');
    chmodSync(join(two, 'zed-two'), 0o755);
    PATH = `${one}:${two}`;
    expect((await complete('zed', 3)).candidates).toEqual(['zed-one', 'zed-two']);
  });

  it('offers nothing for a directory that does not exist', async () => {
    const { complete } = setup();
    expect((await complete('ls nowhere/x', 12)).candidates).toEqual([]);
  });

  it("completes the shell's functions, aliases and builtins in command position, helper names only when asked", async () => {
    const { cwd } = setup();
    const names = { functions: ['frob_fn', '_frob_helper'], aliases: ['frob_al'], builtins: ['shopt'], variables: [] };
    const complete = createCompleter({ cwd: () => cwd, env: () => ({ PATH: '' }), builtins: [], shellNames: () => names });
    expect((await complete('frob_f', 6)).candidates).toEqual(['frob_fn ']);
    expect((await complete('ls; frob_a', 10)).candidates).toEqual(['frob_al ']);
    expect((await complete('shop', 4)).candidates).toEqual(['shopt ']);
    expect((await complete('_fr', 3)).candidates).toEqual(['_frob_helper ']);
    expect((await complete('frob', 4)).labels).toEqual(['frob_al', 'frob_fn']);
    // Only the command word: an argument is a path.
    expect((await complete('echo frob_f', 11)).candidates).toEqual([]);
  });

  it("completes $NAME and ${NAME from the shell's variables (and the environment), not inside single quotes", async () => {
    const { cwd } = setup();
    const names = { functions: [], aliases: [], builtins: [], variables: ['VAR_MINE', 'VAR_OTHER', 'weird name', '__fish_helper'] };
    const complete = createCompleter({ cwd: () => cwd, env: () => ({ PATH: '', ENV_ONLY: '1' }), builtins: [], shellNames: () => names });
    expect(await complete('echo $VAR_M', 11)).toMatchObject({ from: 6, candidates: ['VAR_MINE'] });
    expect(await complete('echo "${VAR_M', 13)).toMatchObject({ from: 8, candidates: ['VAR_MINE}'] });
    expect(await complete('echo $VAR', 9)).toMatchObject({ candidates: ['VAR_MINE', 'VAR_OTHER'], labels: ['$VAR_MINE', '$VAR_OTHER'] });
    expect((await complete('cd $HOME/x$ENV_', 15)).candidates).toEqual(['ENV_ONLY']);
    expect((await complete("echo '$VAR_M", 12)).candidates).toEqual([]);
    expect((await complete('echo \\$VAR_M', 12)).candidates).toEqual([]);
    expect((await complete('echo $weird', 11)).candidates).toEqual([]);
    expect((await complete('echo $', 6)).candidates).not.toContain('__fish_helper');
    expect((await complete('echo $__f', 9)).candidates).toEqual(['__fish_helper']);
  });
});
