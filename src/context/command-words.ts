/** A simple command with wrappers (`sudo`, `env`, `xargs`, `busybox` …) looked through. */
export interface Command {
  /** The program's base name: `/bin/rm` and `\rm` are `rm`. */
  name: string;
  /** The command word as written (after quote removal): `$(…)` when the name is computed. */
  word: string;
  args: string[];
  /** Arguments before `--` that start with `-`. */
  flags: string[];
  /** The other arguments. */
  operands: string[];
  /** Run through sudo, doas or pkexec. */
  asRoot: boolean;
  /** Given more arguments than the line shows, read from input or a file: `… | xargs rm`, `ls | parallel rm`. */
  fedBy?: 'xargs' | 'parallel';
}

/**
 * The command a stage's words really run: shell keywords (`{`, `then`, `do`
 * …), variable assignments and wrappers that run the rest of the line are
 * skipped. Undefined when nothing runs (`command -v rm` only asks).
 */
export function commandOf(words: readonly string[]): Command | undefined {
  let i = 0;
  let asRoot = false;
  let fedBy: Command['fedBy'];
  while (i < words.length) {
    const word = words[i]!;
    if (KEYWORDS.has(word) || /^[A-Za-z_]\w*=/.test(word)) {
      i++;
      continue;
    }
    const name = basename(word);
    const wrapper = WRAPPERS.get(name);
    if (!wrapper) break;
    if (name === 'command' && /^-[vV]$/.test(words[i + 1] ?? '')) return undefined;
    if (wrapper.asRoot) asRoot = true;
    if (name === 'xargs' || name === 'parallel') fedBy = name;
    i++;
    while (i < words.length && words[i]!.startsWith('-') && words[i] !== '-') {
      const option = words[i++]!;
      if (option === '--') break;
      if (wrapper.valued.includes(option)) i++;
    }
    // `timeout 10 rm …`, `chroot /mnt rm …`: operands that come before the command.
    i += wrapper.operands ?? 0;
  }
  if (i >= words.length) return undefined;
  let args = words.slice(i + 1);
  // `parallel rm ::: a b` runs `rm a`, `rm b`: the inputs after `:::` are on the line; after `::::`, in files.
  const inputs = fedBy === 'parallel' ? args.findIndex((arg) => PARALLEL_INPUT.test(arg)) : -1;
  if (inputs >= 0) {
    if (!args.slice(inputs).some((arg) => /^::::\+?$/.test(arg))) fedBy = undefined;
    args = [...args.slice(0, inputs).filter((arg) => !/^\{[^}]*\}$/.test(arg)), ...args.slice(inputs).filter((arg) => !PARALLEL_INPUT.test(arg))];
  }
  return { name: basename(words[i]!), word: words[i]!, args, ...splitArgs(args), asRoot, ...(fedBy ? { fedBy } : {}) };
}

const PARALLEL_INPUT = /^::::?\+?$/;

/** Flags (before `--`, starting with `-`) and operands (the rest). */
export function splitArgs(args: readonly string[]): { flags: string[]; operands: string[] } {
  const flags: string[] = [];
  const operands: string[] = [];
  let ended = false;
  for (const arg of args) {
    if (!ended && arg === '--') ended = true;
    else if (!ended && arg.startsWith('-') && arg !== '-') flags.push(arg);
    else operands.push(arg);
  }
  return { flags, operands };
}

/** A short flag letter, alone or bundled (`-rf` has `r`). */
export function hasShort(flags: readonly string[], letter: string): boolean {
  return flags.some((flag) => !flag.startsWith('--') && flag.includes(letter));
}

/** A long option, bare or with `=value`. */
export function hasLong(flags: readonly string[], option: string): boolean {
  return flags.some((flag) => flag === option || flag.startsWith(`${option}=`));
}

const KEYWORDS = new Set(['{', '}', '!', 'if', 'then', 'else', 'elif', 'do', 'while', 'until']);

interface Wrapper {
  /** Its options that take a value. */
  valued: readonly string[];
  /** Operands it takes before the command. */
  operands?: number;
  asRoot?: boolean;
}

/** Programs that run the rest of their arguments as a command. */
const WRAPPERS = new Map<string, Wrapper>([
  ['sudo', { valued: ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T', '--user', '--group', '--chdir', '--prompt', '--host'], asRoot: true }],
  ['doas', { valued: ['-u', '-C'], asRoot: true }],
  ['pkexec', { valued: ['--user'], asRoot: true }],
  ['run0', { valued: ['-u', '--user', '-D', '--chdir'], asRoot: true }],
  ['env', { valued: ['-u', '-C', '-S', '--unset', '--chdir', '--split-string'] }],
  ['nice', { valued: ['-n', '--adjustment'] }],
  ['ionice', { valued: ['-c', '-n', '-p', '--class', '--classdata'] }],
  ['timeout', { valued: ['-s', '-k', '--signal', '--kill-after'], operands: 1 }],
  ['stdbuf', { valued: ['-i', '-o', '-e'] }],
  ['parallel', { valued: ['-j', '-P', '-S', '-a', '-d', '-I', '-n', '-N', '-L', '-C', '-E', '--jobs', '--sshlogin', '--arg-file', '--delimiter', '--max-args', '--colsep', '--joblog', '--results', '--timeout', '--delay', '--retries', '--tmpdir', '--workdir', '--env', '--tag-string'] }],
  ['xargs', { valued: ['-I', '-n', '-P', '-L', '-d', '-E', '-s', '-a', '--max-args', '--max-procs', '--delimiter', '--arg-file', '--replace'] }],
  ['time', { valued: ['-f', '-o', '--format', '--output'] }],
  ['exec', { valued: ['-a'] }],
  ['nohup', { valued: [] }],
  ['command', { valued: [] }],
  ['builtin', { valued: [] }],
  // Multi-call binaries: the applet is the next word.
  ['busybox', { valued: [] }],
  ['toybox', { valued: [] }],
  ['setsid', { valued: [] }],
  ['chroot', { valued: ['--userspec', '--groups'], operands: 1 }],
  ['flock', { valued: ['-w', '--timeout', '-E', '--conflict-exit-code'], operands: 1 }],
  ['unshare', { valued: [] }],
  ['taskset', { valued: [], operands: 1 }],
  ['chrt', { valued: [], operands: 1 }],
  ['numactl', { valued: ['-C', '-N', '-m', '-i', '-p', '--physcpubind', '--cpunodebind', '--membind', '--interleave', '--preferred'] }],
  ['runuser', { valued: ['-u', '-g', '-G', '--user', '--group'] }],
  ['strace', { valued: ['-o', '-e', '-p', '-s', '-u', '-E'] }],
  ['ltrace', { valued: ['-o', '-e', '-p', '-s', '-u'] }],
  ['caffeinate', { valued: ['-t', '-w'] }],
  ['proxychains', { valued: ['-f'] }],
  ['proxychains4', { valued: ['-f'] }],
  ['torsocks', { valued: [] }],
  ['eatmydata', { valued: [] }],
  ['fakeroot', { valued: [] }],
  ['unbuffer', { valued: [] }],
  ['firejail', { valued: [] }],
]);

function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}
