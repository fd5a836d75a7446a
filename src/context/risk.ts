import { commandOf, hasLong, hasShort, splitArgs, type Command } from './command-words.ts';
import { parsePipelines, TooDeepError, type Stage } from './shell-words.ts';

/** Why a command deserves a second confirmation before it runs. */
export interface RiskAssessment {
  risky: boolean;
  reasons: string[];
}

/**
 * Flags commands that destroy data or the system, with reasons a person
 * reads ("deletes files recursively, including ~"). The line is split the way
 * a shell would (quotes respected, substitutions looked into), so
 * `echo "rm -rf /"` is harmless while `ls; rm -rf ~` and `echo $(rm -rf ~)`
 * are not; `sh -c '…'`, `eval` and `xargs` are looked through. Anything the
 * rules do not know is not risky: this is a second look, not a sandbox.
 */
export function assessRisk(command: string): RiskAssessment {
  const reasons = new Set<string>();
  collect(command, reasons, 0);
  return { risky: reasons.size > 0, reasons: [...reasons] };
}

const BLOCK_DEVICE = /^\/dev\/(?:sd|hd|vd|xvd|nvme|mmcblk|disk|rdisk|md|dm-|loop|mapper\/)/;
/** Where a recursive change hits everything: the root, home, the current directory's all, system trees. */
const WIDE_PATH = /^(?:\/\*?|~\/?\*?|\$\{?HOME\}?\/?\*?|\*|\.\/?\*?|\.\.\/?|\/(?:etc|usr|bin|sbin|lib|lib64|boot|var|opt|home|root|sys|proc|dev|srv|Users|System|Library|Applications)(?:\/[^/]*)?\/?)$/;
/** Files whose overwriting breaks the system or the user's login. */
const VITAL_FILE = /^(?:\/(?:etc|boot|usr|bin|sbin|lib|lib64)\/|(?:~|\$\{?HOME\}?)\/(?:\.ssh\/|\.(?:bashrc|bash_profile|profile|zshrc|zprofile|zshenv|gitconfig)$))/;
const SHELL = /^(?:ba|z|da|k|c|tc|fi)?sh$/;
const INTERPRETER = /^(?:(?:ba|z|da|k|c|tc|fi)?sh|python[0-9.]*|perl|ruby|node|php)$/;
const FORK_BOMB = /([\w:.]{1,40})[ \t]*\([ \t]*\)[ \t]*\{[^}]{0,40}?\1[ \t]*\|[ \t]*\1[ \t]*&/;

function collect(line: string, reasons: Set<string>, depth: number): void {
  if (FORK_BOMB.test(line)) reasons.add('a fork bomb: it exhausts the machine');
  let pipelines: Stage[][];
  try {
    pipelines = parsePipelines(line);
  } catch (error) {
    if (!(error instanceof TooDeepError)) throw error;
    reasons.add('too deeply nested to check');
    return;
  }
  for (const pipeline of pipelines) {
    const commands = pipeline.map((stage) => commandOf(stage.words));
    pipeline.forEach((stage, index) => {
      for (const write of stage.writes) writeRisk(write.target, write.append, reasons);
      const command = commands[index];
      if (!command) return;
      commandRisks(command, reasons);
      // `curl … | sh`, `wget -O- … | tee x | sudo bash`: a download fed to an interpreter later in the pipe.
      const downloads = ['curl', 'wget', 'fetch'].includes(command.name);
      if (downloads && commands.slice(index + 1).some((later) => later && INTERPRETER.test(later.name))) {
        reasons.add('runs a script downloaded from the internet without showing it');
      }
      if (INTERPRETER.test(command.name) && command.args.some((arg) => /(?:\$\(|<\(|`)\s*(?:curl|wget)\b/.test(arg))) {
        reasons.add('runs a script downloaded from the internet without showing it');
      }
      // A script handed to another shell: judge the script too.
      const script = innerScript(command);
      if (script !== undefined && depth < 4) collect(script, reasons, depth + 1);
    });
  }
}

function writeRisk(target: string, append: boolean, reasons: Set<string>): void {
  if (BLOCK_DEVICE.test(target)) reasons.add(`writes straight to the block device ${target}`);
  else if (!append && VITAL_FILE.test(target)) reasons.add(`overwrites ${target}`);
}

const SHUTDOWN = 'shuts down or reboots the machine';
const FORMAT = 'formats a disk or partition, erasing it';

function commandRisks(command: Command, reasons: Set<string>): void {
  const { name, args, flags, operands, asRoot } = command;
  const short = (letter: string) => hasShort(flags, letter);
  const long = (option: string) => hasLong(flags, option);
  const add = (reason: string) => reasons.add(reason);
  if (/^mkfs(?:\.|$)/.test(name)) add(FORMAT);
  switch (name) {
    case 'rm': {
      // Absolute paths and variables (empty ones turn `$DIR/` into `/`) are worth naming.
      const named = operands.filter((operand) => WIDE_PATH.test(operand) || operand.startsWith('/') || operand.startsWith('$'));
      if (short('r') || short('R') || long('--recursive')) add(`deletes files recursively${asRoot ? ' as root' : ''}${named.length > 0 ? `, including ${named.join(' ')}` : ''}`);
      else if (asRoot) add('deletes files as root');
      break;
    }
    case 'dd': {
      const target = args.find((arg) => arg.startsWith('of='))?.slice(3);
      if (target !== undefined) add(BLOCK_DEVICE.test(target) ? `overwrites the disk ${target} with dd` : `writes raw data with dd to ${target}`);
      break;
    }
    case 'mke2fs': case 'mkswap': case 'mkdosfs': case 'newfs':
      add(FORMAT);
      break;
    case 'wipefs':
      if (!short('n') && !long('--no-act')) add('erases filesystem signatures from a disk');
      break;
    case 'fdisk': case 'sfdisk': case 'gdisk': case 'sgdisk': case 'parted': case 'cfdisk':
      if (!short('l') && !long('--list') && !args.includes('print')) add('changes a partition table');
      break;
    case 'blkdiscard':
      add('discards every block of a device');
      break;
    case 'shred':
      add('destroys file contents beyond recovery');
      break;
    case 'chmod': case 'chown': case 'chgrp': {
      const targets = operands.filter((operand) => WIDE_PATH.test(operand));
      if ((short('R') || long('--recursive')) && targets.length > 0) add(`changes ownership or permissions recursively on ${targets.join(' ')}`);
      break;
    }
    case 'tee':
      for (const target of operands) writeRisk(target, short('a') || long('--append'), reasons);
      break;
    case 'cp':
      if (BLOCK_DEVICE.test(operands.at(-1) ?? '')) add(`writes straight to the block device ${operands.at(-1)}`);
      break;
    case 'truncate':
      if (args.some((arg, i) => /^(?:-s|--size=)0$/.test(arg) || ((arg === '-s' || arg === '--size') && args[i + 1] === '0'))) add('empties files');
      break;
    case 'find':
      if (args.includes('-delete') || args.some((arg, i) => (arg === '-exec' || arg === '-execdir') && /^(?:rm|shred)$/.test(args[i + 1] ?? ''))) add('deletes every file find matches');
      break;
    case 'mv':
      if (operands.at(-1) === '/dev/null') add('moves files to /dev/null, destroying them');
      break;
    case 'kill':
      if (killsEverything(args)) add('kills every process you can');
      break;
    case 'shutdown': case 'reboot': case 'halt': case 'poweroff':
      add(SHUTDOWN);
      break;
    case 'systemctl':
      if (['poweroff', 'reboot', 'halt', 'kexec'].includes(operands[0] ?? '')) add(SHUTDOWN);
      break;
    case 'init': case 'telinit':
      if (operands[0] === '0' || operands[0] === '6') add(SHUTDOWN);
      break;
    case 'crontab':
      if (short('r')) add('removes all your cron jobs');
      break;
    case 'git':
      gitRisks(args, reasons);
      break;
  }
}

function gitRisks(args: readonly string[], reasons: Set<string>): void {
  // Global options come before the subcommand; -C and -c take a value.
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-')) i += args[i] === '-C' || args[i] === '-c' ? 2 : 1;
  const sub = args[i];
  const { flags, operands } = splitArgs(args.slice(i + 1));
  const short = (letter: string) => hasShort(flags, letter);
  const long = (option: string) => hasLong(flags, option);
  if (sub === 'push') {
    if (short('f') || long('--force') || long('--force-with-lease') || long('--mirror') || operands.some((o) => o.startsWith('+'))) reasons.add('force-pushes: it rewrites the remote history');
    else if (short('d') || long('--delete') || operands.some((o) => o.startsWith(':'))) reasons.add('deletes a branch on the remote');
  } else if (sub === 'reset' && long('--hard')) reasons.add('discards uncommitted changes (git reset --hard)');
  else if (sub === 'clean' && (short('f') || long('--force')) && !short('n') && !long('--dry-run')) reasons.add('deletes untracked files (git clean)');
  else if ((sub === 'checkout' || sub === 'restore') && (short('f') || long('--force') || operands.includes('.')) && !short('S') && !long('--staged')) reasons.add('discards uncommitted changes');
  else if (sub === 'branch' && short('D')) reasons.add('deletes a branch even if it is not merged');
}

/** `kill -9 -1`, `kill -s KILL -1`, `kill -- -1`: pid -1 is every process the user may signal. A first argument starting with `-` is the signal (`kill -1 1234` sends SIGHUP to 1234). */
function killsEverything(args: string[]): boolean {
  let i = 0;
  if (args[i] === '-s' || args[i] === '-n') i += 2;
  else if (args[i]?.startsWith('-') && args[i] !== '--') i++;
  if (args[i] === '--') i++;
  return args.slice(i).includes('-1');
}

/** The script given to `sh -c`, `bash -c`, `su -c`, `eval`: run by another shell, so judged too. */
function innerScript(command: Command): string | undefined {
  if (command.name === 'eval') return command.args.join(' ');
  if (!SHELL.test(command.name) && command.name !== 'su') return undefined;
  const flag = command.args.findIndex((arg) => /^-[a-z]*c[a-z]*$/.test(arg));
  return flag >= 0 ? command.args[flag + 1] : undefined;
}
