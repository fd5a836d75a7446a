/** A simple command with wrappers (`sudo`, `env`, `xargs` …) looked through. */
export interface Command {
  /** The program's base name: `/bin/rm` and `\rm` are `rm`. */
  name: string;
  args: string[];
  /** Arguments before `--` that start with `-`. */
  flags: string[];
  /** The other arguments. */
  operands: string[];
  /** Run through sudo or doas. */
  asRoot: boolean;
}

/**
 * The command a stage's words really run: shell keywords (`{`, `then`, `do`
 * …), variable assignments and wrappers that run the rest of the line are
 * skipped. Undefined when nothing runs (`command -v rm` only asks).
 */
export function commandOf(words: readonly string[]): Command | undefined {
  let i = 0;
  let asRoot = false;
  while (i < words.length) {
    const word = words[i]!;
    if (KEYWORDS.has(word) || /^[A-Za-z_]\w*=/.test(word)) {
      i++;
      continue;
    }
    const wrapper = basename(word);
    const valued = WRAPPERS[wrapper];
    if (!valued) break;
    if (wrapper === 'command' && /^-[vV]$/.test(words[i + 1] ?? '')) return undefined;
    if (wrapper === 'sudo' || wrapper === 'doas') asRoot = true;
    i++;
    while (i < words.length && words[i]!.startsWith('-') && words[i] !== '-') {
      const option = words[i++]!;
      if (option === '--') break;
      if (valued.includes(option)) i++;
    }
    // `timeout 10 rm …`: the duration comes before the command.
    if (wrapper === 'timeout') i++;
  }
  if (i >= words.length) return undefined;
  const args = words.slice(i + 1);
  return { name: basename(words[i]!), args, ...splitArgs(args), asRoot };
}

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

/** Programs that run the rest of their arguments as a command, with those of their options that take a value. */
const WRAPPERS: Record<string, readonly string[]> = {
  sudo: ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T', '--user', '--group', '--chdir', '--prompt', '--host'],
  doas: ['-u', '-C'],
  env: ['-u', '-C', '-S', '--unset', '--chdir', '--split-string'],
  nice: ['-n', '--adjustment'],
  ionice: ['-c', '-n', '-p', '--class', '--classdata'],
  timeout: ['-s', '-k', '--signal', '--kill-after'],
  stdbuf: ['-i', '-o', '-e'],
  xargs: ['-I', '-n', '-P', '-L', '-d', '-E', '-s', '-a', '--max-args', '--max-procs', '--delimiter', '--arg-file', '--replace'],
  time: ['-f', '-o', '--format', '--output'],
  exec: ['-a'],
  nohup: [],
  command: [],
  builtin: [],
};

function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}
