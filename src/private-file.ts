import { closeSync, constants, fchmodSync, fstatSync, mkdirSync, openSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { ConchError } from './errors.ts';

/**
 * Files conch keeps for the user alone (the history, the conversation log):
 * never reached through a symbolic link (one planted at the path would
 * redirect the writes, or the chmod, to a file of the planter's choosing),
 * created 0600 in directories created 0700, and tightened to 0600 when found
 * looser.
 */

/** What a private file is for, as a person would name it in a sentence. */
export type PrivateFilePurpose = 'history' | 'conversation log';

/** The path is a symbolic link or not a regular file: conch refuses to use it. */
export class UnsafeFileError extends ConchError {
  override name = 'UnsafeFileError';
  readonly file: string;
  readonly purpose: PrivateFilePurpose;
  readonly found: 'symlink' | 'not-a-file';

  constructor(file: string, purpose: PrivateFilePurpose, found: 'symlink' | 'not-a-file') {
    super(
      'UNSAFE_FILE',
      `refusing the ${purpose} file ${file}: it is ${found === 'symlink' ? 'a symbolic link' : 'not a regular file'}; the ${purpose} is not saved this session`,
    );
    this.file = file;
    this.purpose = purpose;
    this.found = found;
  }
}

/** Reading or writing a private file failed (a full or read-only disk, permissions); the session goes on without it. */
export class FileAccessError extends ConchError {
  override name = 'FileAccessError';
  readonly file: string;
  readonly purpose: PrivateFilePurpose;
  readonly operation: 'read' | 'write';
  /** The system's error code: ENOSPC, EROFS, EACCES, … */
  readonly errno: string;

  constructor(file: string, purpose: PrivateFilePurpose, operation: 'read' | 'write', errno: string, options?: { cause?: unknown }) {
    super(
      'FILE_ACCESS',
      operation === 'write'
        ? `cannot write the ${purpose} file ${file} (${describeErrno(errno)}); it is not saved until conch restarts`
        : `cannot read the ${purpose} file ${file} (${describeErrno(errno)}); the ${purpose} is not saved this session`,
      options,
    );
    this.file = file;
    this.purpose = purpose;
    this.operation = operation;
    this.errno = errno;
  }
}

/** A failure to keep something on disk: what the history and the log report, once per session. */
export type StorageWarning = UnsafeFileError | FileAccessError;

const ERRNO_WORDS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EIO: 'input/output error',
};

function describeErrno(errno: string): string {
  const words = ERRNO_WORDS[errno];
  return words ? `${words}, ${errno}` : errno;
}

// O_NOFOLLOW refuses a symlink as the last component; O_NONBLOCK keeps a FIFO planted at the path from hanging the open.
const APPEND = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;
/** For reading and truncating an existing file: never creates one. */
export const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
export const WRITE_EXISTING_FLAGS = constants.O_WRONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** Opens a file that may not exist yet (READ_FLAGS or WRITE_EXISTING_FLAGS): undefined when it does not. */
export function openExisting(file: string, flags: number): number | undefined {
  try {
    return openSync(file, flags);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Opens a private file for appending, creating it (0600) and its directories
 * (0700) as needed. Throws UnsafeFileError for a symlink or a non-file,
 * FileAccessError for anything else the system refuses.
 */
export function openPrivateAppend(file: string, purpose: PrivateFilePurpose): number {
  let fd: number | undefined;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    fd = openSync(file, APPEND, 0o600);
    checkOpened(fd, fstatSync(fd), file, purpose);
    return fd;
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    throw asStorageError(error, file, purpose, 'write');
  }
}

/**
 * What an open descriptor must be: a regular file, readable by its owner
 * only (a looser mode, from a file made by hand or an old conch, is
 * tightened), or a character device such as /dev/null, which a person may
 * name to keep nothing, and whose mode is the system's, never changed. A
 * directory, FIFO, socket or block device is refused.
 */
export function checkOpened(fd: number, stats: Stats, file: string, purpose: PrivateFilePurpose): void {
  if (stats.isCharacterDevice()) return;
  if (!stats.isFile()) throw new UnsafeFileError(file, purpose, 'not-a-file');
  if ((stats.mode & 0o077) !== 0) fchmodSync(fd, 0o600);
}

/** A system error from opening or writing a private file, as the typed error a person can act on. */
export function asStorageError(error: unknown, file: string, purpose: PrivateFilePurpose, operation: 'read' | 'write'): StorageWarning {
  if (error instanceof UnsafeFileError || error instanceof FileAccessError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  // Linux and macOS say ELOOP for O_NOFOLLOW on a symlink, FreeBSD EMLINK.
  if (code === 'ELOOP' || code === 'EMLINK') return new UnsafeFileError(file, purpose, 'symlink');
  return new FileAccessError(file, purpose, operation, code, { cause: error });
}
