import { hasLong, hasShort, type Command } from './command-words.ts';
import { matchesEveryFile } from './globs.ts';
import type { RiskReason } from './risk-reasons.ts';

export const BLOCK_DEVICE = /^\/dev\/(?:sd|hd|vd|xvd|nvme|mmcblk|disk|rdisk|md|dm-|loop|mapper\/)/;
/** Where a recursive change hits everything: the root, home, the current directory's all, system trees. */
const WIDE_PATH = /^(?:\/\*?|~\/?\*?|\$\{?HOME\}?\/?\*?|\*|\.\/?\*?|\.\.\/?|\/(?:etc|usr|bin|sbin|lib|lib64|boot|var|opt|home|root|sys|proc|dev|srv|Users|System|Library|Applications)(?:\/[^/]*)?\/?)$/;
/** Files whose overwriting breaks the system or the user's login. */
const VITAL_FILE = /^(?:\/(?:etc|boot|usr|bin|sbin|lib|lib64)\/|(?:~|\$\{?HOME\}?)\/(?:\.ssh\/|\.(?:bashrc|bash_profile|profile|zshrc|zprofile|zshenv|gitconfig)$))/;

/** Bash's own sockets: a redirection to or from one talks to another machine. */
const NETWORK_DEVICE = /^\/dev\/(?:tcp|udp)\//;

/**
 * A redirection's or tee's target: a network socket, a block device, a vital
 * file, or, when what is written is nothing (`empties`: `: > f`, `cp
 * /dev/null f`), a file emptied. Writing new content into an ordinary file
 * (`echo x > notes.txt`) is everyday use.
 */
export function writeRisk(target: string, how: { append: boolean; empties?: boolean }, add: (reason: RiskReason) => void): void {
  if (NETWORK_DEVICE.test(target)) add({ kind: 'network-redirect', operand: target });
  else if (BLOCK_DEVICE.test(target)) add({ kind: 'block-device-write', operand: target });
  else if (how.append) return;
  else if (VITAL_FILE.test(target)) add({ kind: 'vital-file-overwrite', operand: target });
  // `/dev/null`, `/dev/stderr`, `/dev/fd/3`: nothing is lost.
  else if (how.empties && target !== '' && !target.startsWith('/dev/')) add({ kind: 'truncate', operand: target });
}

/** A redirection's source: reading from a bash socket (`bash -i < /dev/tcp/…`, `exec 3<> /dev/tcp/…`) is a connection too. */
export function readRisk(source: string, add: (reason: RiskReason) => void): void {
  if (NETWORK_DEVICE.test(source)) add({ kind: 'network-redirect', operand: source });
}

/**
 * A stage that writes nothing, so that its `>` only empties the target:
 * `> f` and `X=1 > f` (no command), `: > f`, `true > f`, `echo -n > f`,
 * `printf '' > f`, `cat /dev/null > f`. (`command -v x > f` writes: no command runs, but output does.)
 */
export function writesNothing(words: readonly string[], command: Command | undefined): boolean {
  if (!command) return words.every((word) => /^[A-Za-z_]\w*=/.test(word));
  const { name, args, flags, operands } = command;
  if (name === ':' || name === 'true' || name === 'false') return true;
  if (name === 'echo') return args.every((arg) => /^-[neE]+$/.test(arg));
  if (name === 'printf') return args.length > 0 && args.every((arg) => arg === '');
  if (name === 'cat') return flags.length === 0 && operands.length > 0 && operands.every((operand) => operand === '/dev/null');
  return false;
}

/**
 * The machine's own destroyers: deleting, overwriting disks, formatting,
 * permissions, processes, power. `judge` hands back a command found inside
 * this one (`find -exec …`) to be judged in full.
 */
export function systemRisks(command: Command, add: (reason: RiskReason) => void, judge: (words: string[]) => void): void {
  const { name, args, flags, operands, asRoot } = command;
  const short = (letter: string) => hasShort(flags, letter);
  const long = (option: string) => hasLong(flags, option);
  const root = asRoot ? { asRoot } : {};
  if (/^mkfs(?:\.|$)/.test(name)) add({ kind: 'format', ...last(operands) });
  if (name === 'rm' || name === 'unlink') unseenDeleteRisks(command, add);
  switch (name) {
    case 'rm': {
      // Absolute paths and variables (empty ones turn `$DIR/` into `/`) are worth naming.
      const named = operands.filter((operand) => WIDE_PATH.test(operand) || matchesEveryFile(operand) || operand.startsWith('/') || operand.startsWith('$'));
      if (short('r') || short('R') || long('--recursive')) add({ kind: 'recursive-delete', ...(named.length > 0 ? { operand: named.join(' ') } : {}), ...root });
      else if (asRoot) add({ kind: 'delete-as-root', ...(operands.length > 0 ? { operand: operands.join(' ') } : {}) });
      else {
        // `rm *`, `rm ./*`, `rm .* *`: every file of a directory, on one Enter (`rm *.o` picks some). `-i` asks for each, unless a later `-f` says not to.
        const every = operands.filter(matchesEveryFile);
        const asks = (short('i') || short('I') || flags.some((flag) => /^--interactive(?:=(?:always|once))?$/.test(flag))) && !short('f') && !long('--force');
        if (every.length > 0 && !asks) add({ kind: 'glob-delete', operand: every.join(' ') });
      }
      break;
    }
    case 'dd': {
      const target = args.find((arg) => arg.startsWith('of='))?.slice(3);
      if (target !== undefined) add({ kind: BLOCK_DEVICE.test(target) ? 'disk-overwrite' : 'raw-write', operand: target });
      break;
    }
    case 'mke2fs': case 'mkswap': case 'mkdosfs': case 'newfs':
      add({ kind: 'format', ...last(operands) });
      break;
    case 'wipefs':
      if (!short('n') && !long('--no-act')) add({ kind: 'wipe-signatures' });
      break;
    case 'fdisk': case 'sfdisk': case 'gdisk': case 'sgdisk': case 'parted': case 'cfdisk':
      if (!short('l') && !long('--list') && !args.includes('print')) add({ kind: 'partition-table' });
      break;
    case 'blkdiscard':
      add({ kind: 'discard-blocks' });
      break;
    case 'shred':
      add({ kind: 'shred' });
      break;
    case 'zfs': case 'zpool':
      if (operands[0] === 'destroy') add({ kind: 'volume-destroy', ...last(operands.slice(1)) });
      break;
    case 'lvremove': case 'vgremove': case 'pvremove':
      add({ kind: 'volume-destroy', ...last(operands) });
      break;
    case 'cryptsetup':
      if (['luksFormat', 'erase', 'luksErase', 'reencrypt'].includes(operands[0] ?? '')) add({ kind: 'volume-destroy', ...last(operands.slice(1)) });
      break;
    case 'mdadm':
      if (long('--zero-superblock')) add({ kind: 'volume-destroy', ...last(operands) });
      break;
    case 'btrfs':
      if (operands[0] === 'subvolume' && operands[1] === 'delete') add({ kind: 'volume-destroy', ...last(operands.slice(2)) });
      break;
    case 'chmod': case 'chown': case 'chgrp': {
      const recursive = short('R') || long('--recursive');
      if (!recursive) break;
      const targets = operands.slice(1);
      const mode = name === 'chmod' ? (operands[0] ?? '') : '';
      // Octal modes whose last digit gives others write (2, 3, 6, 7); symbolic o+w, a+w, a=rwx.
      if (name === 'chmod' && (/^0?[0-7]{0,2}[0-7][2367]$/.test(mode) || /(?:^|,)[ugoa]*[oa][ugoa]*[+=][rwxXst]*w/.test(mode))) {
        add({ kind: 'world-writable', operand: targets.join(' ') });
        break;
      }
      const wide = targets.filter((operand) => WIDE_PATH.test(operand));
      if (wide.length > 0) add({ kind: 'recursive-permissions', operand: wide.join(' ') });
      break;
    }
    case 'tee':
      for (const target of operands) writeRisk(target, { append: short('a') || long('--append') }, add);
      break;
    case 'cp': {
      const target = operands.at(-1) ?? '';
      if (BLOCK_DEVICE.test(target)) add({ kind: 'block-device-write', operand: target });
      // `cp /dev/null f`: an emptied file.
      else if (operands.length === 2 && operands[0] === '/dev/null') writeRisk(target, { append: false, empties: true }, add);
      break;
    }
    case 'truncate':
      if (args.some((arg, i) => /^(?:-s|--size=)0$/.test(arg) || ((arg === '-s' || arg === '--size') && args[i + 1] === '0'))) add({ kind: 'truncate', ...last(operands.filter((o) => o !== '0')) });
      break;
    case 'find':
      findRisks(args, add, judge);
      break;
    case 'mv':
      if (operands.at(-1) === '/dev/null') add({ kind: 'move-to-null' });
      break;
    case 'rsync':
      if (flags.some((flag) => /^--(?:del|delete(?:-\w+)?|remove-source-files)$/.test(flag))) add({ kind: 'mirror-delete', ...last(operands) });
      break;
    case 'kill':
      if (killsEverything(args)) add({ kind: 'kill-all' });
      break;
    case 'shutdown': case 'reboot': case 'halt': case 'poweroff':
      add({ kind: 'shutdown' });
      break;
    case 'systemctl':
      if (['poweroff', 'reboot', 'halt', 'kexec'].includes(operands[0] ?? '')) add({ kind: 'shutdown' });
      break;
    case 'init': case 'telinit':
      if (operands[0] === '0' || operands[0] === '6') add({ kind: 'shutdown' });
      break;
    case 'crontab':
      if (short('r')) add({ kind: 'crontab-remove' });
      break;
    case 'userdel': case 'deluser':
      if (short('r') || long('--remove') || long('--remove-home') || long('--remove-all-files')) add({ kind: 'user-delete', ...last(operands) });
      break;
    case 'iptables': case 'ip6tables':
      if (short('F') || long('--flush')) add({ kind: 'firewall-flush' });
      break;
    case 'nft':
      if (operands[0] === 'flush' && operands[1] === 'ruleset') add({ kind: 'firewall-flush' });
      break;
    case 'ufw':
      if (operands[0] === 'reset') add({ kind: 'firewall-flush' });
      break;
  }
}

/**
 * `ls | xargs rm`, `rm $(cat list)`, `rm -rf "$(pwd)"/*`: what is deleted is
 * named by another command's output or input, so the line does not show it.
 */
function unseenDeleteRisks(command: Command, add: (reason: RiskReason) => void): void {
  const root = command.asRoot ? { asRoot: true } : {};
  if (command.fedBy) add({ kind: 'piped-delete', operand: command.fedBy, ...root });
  const computed = command.operands.filter((operand) => operand.includes('$(') || operand.includes('`'));
  if (computed.length > 0) add({ kind: 'computed-delete', operand: computed.join(' '), ...root });
}

function last(operands: readonly string[]): { operand?: string } {
  const target = operands.at(-1);
  return target === undefined ? {} : { operand: target };
}

/**
 * `find … -delete` and `find … -exec rm {} +` delete everything matched; any
 * other command find runs is judged as itself (`find / -exec chmod -R 777 {} +`).
 */
function findRisks(args: readonly string[], add: (reason: RiskReason) => void, judge: (words: string[]) => void): void {
  if (args.includes('-delete')) add({ kind: 'find-delete' });
  for (let i = 0; i < args.length; i++) {
    if (!['-exec', '-execdir', '-ok', '-okdir'].includes(args[i]!)) continue;
    let end = i + 1;
    while (end < args.length && args[end] !== ';' && args[end] !== '+') end++;
    const words = args.slice(i + 1, end);
    const program = words[0]?.slice(words[0].lastIndexOf('/') + 1);
    if (program === 'rm' || program === 'shred' || program === 'unlink') add({ kind: 'find-delete' });
    judge(words);
    i = end;
  }
}

/** `kill -9 -1`, `kill -s KILL -1`, `kill -- -1`: pid -1 is every process the user may signal. A first argument starting with `-` is the signal (`kill -1 1234` sends SIGHUP to 1234). */
function killsEverything(args: readonly string[]): boolean {
  let i = 0;
  if (args[i] === '-s' || args[i] === '-n') i += 2;
  else if (args[i]?.startsWith('-') && args[i] !== '--') i++;
  if (args[i] === '--') i++;
  return args.slice(i).includes('-1');
}
