/** What makes a command worth a second confirmation. */
export type RiskKind =
  | 'recursive-delete'
  | 'delete-as-root'
  | 'find-delete'
  | 'glob-delete'
  | 'piped-delete'
  | 'computed-delete'
  | 'move-to-null'
  | 'shred'
  | 'truncate'
  | 'vital-file-overwrite'
  | 'block-device-write'
  | 'disk-overwrite'
  | 'raw-write'
  | 'format'
  | 'wipe-signatures'
  | 'partition-table'
  | 'discard-blocks'
  | 'volume-destroy'
  | 'recursive-permissions'
  | 'world-writable'
  | 'mirror-delete'
  | 'kill-all'
  | 'shutdown'
  | 'crontab-remove'
  | 'user-delete'
  | 'firewall-flush'
  | 'fork-bomb'
  | 'remote-script'
  | 'obfuscated-code'
  | 'code-deletes-tree'
  | 'code-runs-shell'
  | 'code-deletes-files'
  | 'network-redirect'
  | 'network-send'
  | 'remote-shell'
  | 'force-push'
  | 'remote-branch-delete'
  | 'discard-changes'
  | 'git-clean'
  | 'branch-force-delete'
  | 'history-rewrite'
  | 'stash-clear'
  | 'stash-drop'
  | 'cluster-delete'
  | 'release-uninstall'
  | 'infrastructure-destroy'
  | 'cloud-delete'
  | 'container-prune'
  | 'database-drop'
  | 'too-nested';

/**
 * One reason, as data: what the command does, and the operand it does it to
 * (a path, a device, a resource, an interpreter) exactly as the command
 * wrote it. The operand comes from the command, so from a model: it is
 * shown only through `describeRiskReason`'s `show`, which the display sanitises.
 */
export interface RiskReason {
  kind: RiskKind;
  operand?: string;
  /** Through sudo, doas or pkexec. */
  asRoot?: boolean;
}

const PHRASES: Record<RiskKind, (operand: string | undefined) => string> = {
  'recursive-delete': (o) => `deletes files recursively${o ? `, including ${o}` : ''}`,
  'delete-as-root': (o) => `deletes files as root${o ? `: ${o}` : ''}`,
  'find-delete': () => 'deletes every file find matches',
  'glob-delete': (o) => `deletes every file in a directory${o ? `: ${o}` : ''}`,
  'piped-delete': (o) => `deletes files named in what ${o ?? 'xargs'} reads, which the line does not show`,
  'computed-delete': (o) => `deletes files named by a command's output, which the line does not show${o ? `: ${o}` : ''}`,
  'move-to-null': () => 'moves files to /dev/null, destroying them',
  shred: () => 'destroys file contents beyond recovery',
  truncate: (o) => `empties files${o ? `: ${o}` : ''}`,
  'vital-file-overwrite': (o) => `overwrites ${o ?? 'a system or login file'}`,
  'block-device-write': (o) => `writes straight to the block device ${o ?? ''}`.trimEnd(),
  'disk-overwrite': (o) => `overwrites the disk ${o ?? ''} with dd`.replace('  ', ' '),
  'raw-write': (o) => `writes raw data with dd${o ? ` to ${o}` : ''}`,
  format: (o) => `formats a disk or partition, erasing it${o ? `: ${o}` : ''}`,
  'wipe-signatures': () => 'erases filesystem signatures from a disk',
  'partition-table': () => 'changes a partition table',
  'discard-blocks': () => 'discards every block of a device',
  'volume-destroy': (o) => `destroys a volume or pool${o ? `: ${o}` : ''}`,
  'recursive-permissions': (o) => `changes ownership or permissions recursively${o ? ` on ${o}` : ''}`,
  'world-writable': (o) => `makes files writable by everyone, recursively${o ? `: ${o}` : ''}`,
  'mirror-delete': (o) => `deletes files at the destination that the source lacks${o ? `: ${o}` : ''}`,
  'kill-all': () => 'kills every process you can',
  shutdown: () => 'shuts down or reboots the machine',
  'crontab-remove': () => 'removes all your cron jobs',
  'user-delete': (o) => `deletes a user and their files${o ? `: ${o}` : ''}`,
  'firewall-flush': () => 'removes firewall rules (a remote machine may lock you out)',
  'fork-bomb': () => 'a fork bomb: it exhausts the machine',
  'remote-script': (o) => `runs a script downloaded from the internet without showing it${o ? ` (${o})` : ''}`,
  'obfuscated-code': () => 'runs code that is decoded on the fly, so it cannot be checked',
  'code-deletes-tree': (o) => `${o ?? 'an interpreter'} one-liner deletes a directory tree`,
  'code-runs-shell': (o) => `${o ?? 'an interpreter'} one-liner runs shell commands that cannot be checked`,
  'code-deletes-files': (o) => `${o ?? 'an interpreter'} one-liner deletes the files a directory listing or glob finds`,
  'network-redirect': (o) => `opens a raw network connection${o ? ` (${o})` : ''}: data can leave the machine`,
  'network-send': (o) => `sends ${o ?? 'files'} to another machine`,
  'remote-shell': () => 'gives a remote machine a shell on this one',
  'force-push': () => 'force-pushes: it rewrites the remote history',
  'remote-branch-delete': () => 'deletes a branch on the remote',
  'discard-changes': () => 'discards uncommitted changes',
  'git-clean': () => 'deletes untracked files (git clean)',
  'branch-force-delete': () => 'deletes a branch even if it is not merged',
  'history-rewrite': () => 'rewrites the repository history',
  'stash-clear': () => 'drops every stash',
  'stash-drop': (o) => `drops ${o ?? 'the latest stash'}: its changes are lost`,
  'cluster-delete': (o) => `deletes cluster resources${o ? `: ${o}` : ''}`,
  'release-uninstall': (o) => `uninstalls a Helm release${o ? `: ${o}` : ''}`,
  'infrastructure-destroy': () => 'destroys the infrastructure it manages',
  'cloud-delete': (o) => `deletes cloud resources${o ? `: ${o}` : ''}`,
  'container-prune': (o) => `deletes containers' data${o ? ` (${o})` : ''}`,
  'database-drop': (o) => `drops or empties a database${o ? `: ${o}` : ''}`,
  'too-nested': () => 'too deeply nested to check',
};

/**
 * The reason as a sentence fragment for a person ("deletes files
 * recursively as root, including /var/lib"). `show` renders the operand:
 * pass the terminal sanitiser, since the operand is the command's own text.
 */
export function describeRiskReason(reason: RiskReason, show: (operand: string) => string = (operand) => operand): string {
  const text = PHRASES[reason.kind](reason.operand === undefined ? undefined : show(reason.operand));
  if (!reason.asRoot) return text;
  return reason.kind === 'recursive-delete' ? text.replace('recursively', 'recursively as root') : `${text} (as root)`;
}
