import { open } from 'node:fs/promises';
import type { ShellKind } from './types.ts';

// The tail of a big history file is what Up and Ctrl-R reach; reading more only costs start-up.
const MAX_BYTES = 4 * 1024 * 1024;

/**
 * The user's own shell history, oldest first, so moving into conch loses
 * nothing on Up and Ctrl-R. Read only (the shell keeps writing it); a missing
 * or unreadable file is simply no history.
 */
export async function readShellHistory(kind: ShellKind, path: string, maxEntries = 10_000): Promise<string[]> {
  let bytes: Buffer;
  try {
    bytes = await readTail(path, MAX_BYTES);
  } catch {
    return [];
  }
  const entries = kind === 'zsh' ? parseZsh(bytes) : kind === 'fish' ? parseFish(bytes.toString('utf8')) : parseBash(bytes.toString('utf8'));
  return entries.filter((entry) => entry.trim() !== '').slice(-maxEntries);
}

async function readTail(path: string, limit: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, limit);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    // A cut file starts mid-entry: from the next line on.
    return size > limit ? buffer.subarray(buffer.indexOf(0x0a) + 1) : buffer;
  } finally {
    await handle.close();
  }
}

/** One entry per line; with HISTTIMEFORMAT, `#<epoch>` lines separate entries, which may then span lines. */
export function parseBash(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (!lines.some((line) => /^#\d+$/.test(line))) return lines;
  const entries: string[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    if (/^#\d+$/.test(line)) {
      if (current) entries.push(current.join('\n'));
      current = [];
    } else if (current) current.push(line);
    else entries.push(line);
  }
  if (current) entries.push(current.join('\n'));
  return entries;
}

const META = 0x83;

/**
 * `: <start>:<elapsed>;command` with EXTENDED_HISTORY, else the command; a
 * command's inner newlines are written as backslash-newline. zsh "metafies"
 * bytes it treats specially: 0x83 then the byte xor 0x20.
 */
export function parseZsh(bytes: Buffer): string[] {
  const plain: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === META && i + 1 < bytes.length) plain.push(bytes[++i]! ^ 0x20);
    else plain.push(bytes[i]!);
  }
  const lines = Buffer.from(plain).toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const entries: string[] = [];
  let pending: string | undefined;
  for (const line of lines) {
    const text = pending === undefined ? line.replace(/^: \d+:\d+;/, '') : line;
    const joined = pending === undefined ? text : `${pending}\n${text}`;
    if (joined.endsWith('\\') && !joined.endsWith('\\\\')) pending = joined.slice(0, -1);
    else {
      entries.push(joined);
      pending = undefined;
    }
  }
  if (pending !== undefined) entries.push(pending);
  return entries;
}

/** fish's YAML-like file: `- cmd: <escaped>` then indented fields; `\\` and `\n` are the escapes. */
export function parseFish(text: string): string[] {
  const entries: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('- cmd: ')) continue;
    entries.push(line.slice('- cmd: '.length).replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\')));
  }
  return entries;
}
