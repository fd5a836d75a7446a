import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { configPath, SAMPLE_CONFIG } from '../../config/index.ts';
import type { CliIo } from '../io.ts';

const USAGE = 'usage: conch config --init | conch config --path';

const HELP = `${USAGE}

  --init       write a commented sample config file (mode 0600; never over an existing one)
  --path       print where the config file is
  -h, --help   show this help`;

/** `conch config --init` writes the commented sample (mode 0600, never over an existing file); `--path` prints where. */
export async function runConfigCommand(args: string[], io: CliIo): Promise<number> {
  if (args.some((arg) => arg === '--help' || arg === '-h')) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  const file = configPath(io.env);
  if (args.length === 1 && args[0] === '--path') {
    io.stdout.write(`${file}\n`);
    return 0;
  }
  if (args.length !== 1 || args[0] !== '--init') {
    io.stderr.write(`conch config: ${args.length === 0 ? 'nothing to do' : `unexpected argument ${args[0]}`}\n${USAGE}\n`);
    return 2;
  }
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, SAMPLE_CONFIG);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr.write(code === 'EEXIST' ? `conch: ${file} already exists; not overwriting it\n` : `conch: cannot write ${file} (${code ?? String(error)})\n`);
    return 1;
  }
  io.stdout.write(`wrote ${file}\n`);
  return 0;
}
