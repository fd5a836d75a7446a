import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readShellHistory } from '../../src/shell/index.ts';

function file(content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'conch-hist-')), 'history');
  writeFileSync(path, content);
  return path;
}

describe("the user's own shell history, read only", () => {
  it('bash: one entry per line, or timestamped entries spanning lines', async () => {
    expect(await readShellHistory('bash', file('ls -l\ngit status\n'))).toEqual(['ls -l', 'git status']);
    expect(await readShellHistory('bash', file('#1700000000\nfor i in 1 2\ndo echo $i\ndone\n#1700000001\nmake\n'))).toEqual(['for i in 1 2\ndo echo $i\ndone', 'make']);
  });

  it('zsh: extended history, backslash-continued lines and metafied bytes', async () => {
    // "é" is 0xc3 0xa9; zsh writes bytes from 0x83 as 0x83 then the byte xor 0x20: 0xa9 -> 0x83 0x89.
    const metafied = Buffer.concat([Buffer.from(': 1700000000:0;echo caf'), Buffer.from([0xc3, 0x83, 0x89]), Buffer.from('\n')]);
    const path = file(Buffer.concat([Buffer.from(': 1700000000:0;ls\n: 1700000001:2;echo one\\\ntwo\nplain\n'), metafied]));
    expect(await readShellHistory('zsh', path)).toEqual(['ls', 'echo one\ntwo', 'plain', 'echo café']);
  });

  it('fish: the cmd of each entry, unescaped', async () => {
    const path = file('- cmd: ls -la\n  when: 1700000000\n- cmd: echo a\\nb \\\\ c\n  when: 1700000001\n  paths:\n    - x\n');
    expect(await readShellHistory('fish', path)).toEqual(['ls -la', 'echo a\nb \\ c']);
  });

  it('a missing file is no history, and only the newest entries are kept', async () => {
    expect(await readShellHistory('bash', '/nonexistent/history')).toEqual([]);
    const many = Array.from({ length: 50 }, (_, i) => `cmd${i}`).join('\n');
    expect(await readShellHistory('bash', file(`${many}\n`), 3)).toEqual(['cmd47', 'cmd48', 'cmd49']);
  });
});
