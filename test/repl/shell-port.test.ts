import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretMemory } from '../../src/context/index.ts';
import { sessionShell } from '../../src/repl/shell-port.ts';
import { closeSessions, startShell } from '../helpers/shell-session.ts';

afterEach(closeSessions);

async function setup() {
  const started = await startShell('bash', '/bin/bash', { env: { PAGER: 'less' } });
  return { ...started, port: sessionShell(started.session, started.terminal, new SecretMemory()) };
}

describe('sessionShell: the use cases run lines in the user session', () => {
  it("sets a step's env for that line only; cd and variables persist as typed", async () => {
    const { port, home } = await setup();
    const first = await port.run('mkdir -p sub && cd sub && step=1 && echo "pager=$PAGER git=$GIT_PAGER"', { env: { PAGER: 'cat', GIT_PAGER: 'cat' } });
    expect(first).toMatchObject({ kind: 'finished', record: { status: 0 } });
    expect(first.record.output).toContain('pager=cat git=cat');
    expect(port.cwd()).toBe(join(home, 'sub'));
    const second = await port.run('echo "pager=$PAGER git=[$GIT_PAGER] step=$step"');
    expect(second.record.output).toContain('pager=less git=[] step=1');
    expect(port.records().map((r) => r.line)).toEqual(['mkdir -p sub && cd sub && step=1 && echo "pager=$PAGER git=$GIT_PAGER"', 'echo "pager=$PAGER git=[$GIT_PAGER] step=$step"']);
  });

  it('a command killed by Ctrl-C (SIGINT) is interrupted; an ordinary failure is not', async () => {
    const { port } = await setup();
    expect(await port.run('sh -c \'kill -INT $$\'')).toMatchObject({ kind: 'interrupted', record: { status: 130 } });
    expect(await port.run('(exit 3)')).toMatchObject({ kind: 'finished', record: { status: 3 } });
  });

  it('an incomplete command runs nothing and says so', async () => {
    const { port } = await setup();
    const result = await port.run('if true; then echo never');
    expect(result).toMatchObject({ kind: 'finished', record: { status: 2 } });
    expect(result.record.output).toMatch(/incomplete/);
    expect(port.records()).toEqual([]);
  });
});
