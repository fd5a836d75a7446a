import { createExecutor } from './src/executor/index.ts';
import { createFakeTerminal } from './test/helpers/fake-terminal.ts';
const ex = createExecutor({ shell: process.argv[2] ?? '/bin/sh', cwd: '/tmp', env: { PATH: process.env.PATH!, HOME: '/tmp', TERM: 'xterm' }, interactive: process.argv[4] !== 'ni' });
const t = createFakeTerminal();
const o = await ex.run(process.argv[3] ?? 'echo hi', t);
console.log(JSON.stringify(o), JSON.stringify(t.text()));
ex.hangup();
