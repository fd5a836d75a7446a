import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createExecutor, type Executor } from '../../src/executor/index.ts';
import { executorShell } from '../../src/repl/shell-port.ts';
import { createFakeTerminal } from '../helpers/fake-terminal.ts';

const executors: Executor[] = [];
afterEach(() => {
  for (const executor of executors.splice(0)) executor.hangup();
});

function setup() {
  const home = realpathSync(mkdtempSync(join(tmpdir(), 'conch-port-')));
  const executor = createExecutor({ shell: '/bin/sh', cwd: home, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, PAGER: 'less' } });
  executors.push(executor);
  const terminal = createFakeTerminal();
  const said: string[] = [];
  return { home, terminal, said, port: executorShell(executor, terminal, (text) => said.push(text)) };
}

describe('executorShell: the use cases run lines in the user session', () => {
  it("sets a step's env for that line only; cd persists as typed", async () => {
    const { port, home } = setup();
    const first = await port.run('mkdir -p sub && cd sub && echo "pager=$PAGER git=$GIT_PAGER"', { env: { PAGER: 'cat', GIT_PAGER: 'cat' } });
    expect(first).toMatchObject({ kind: 'finished', record: { status: 0 } });
    expect(first.record.output).toContain('pager=cat git=cat');
    expect(port.cwd()).toBe(join(home, 'sub'));
    const second = await port.run('echo "pager=$PAGER git=[$GIT_PAGER]"');
    expect(second.record.output).toContain('pager=less git=[]');
    expect(port.env().PAGER).toBe('less');
    expect(port.records().map((r) => r.line)).toEqual(['mkdir -p sub && cd sub && echo "pager=$PAGER git=$GIT_PAGER"', 'echo "pager=$PAGER git=[$GIT_PAGER]"']);
  });

  it('a command killed by Ctrl-C (SIGINT) is interrupted', async () => {
    const { port } = setup();
    expect(await port.run('kill -INT $$')).toMatchObject({ kind: 'interrupted', record: { status: 130 } });
    expect(await port.run('exit 3')).toMatchObject({ kind: 'finished', record: { status: 3 } });
  });
});
