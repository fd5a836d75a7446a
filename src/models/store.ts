import { rmSync, statSync } from 'node:fs';
import type { ResolvedPreset } from '../config/index.ts';

/** An embedded preset's model file, and how much of it is on disk. */
export interface ModelFile {
  preset: string;
  /** As configured: a path, a URL or an hf: reference. */
  source: string;
  path?: string;
  /** Where it is downloaded from; undefined for a file of the person's own. */
  url?: string;
  /** Why the source cannot be used. */
  problem?: string;
  /** Size when present. */
  bytes?: number;
  /** Size of an interrupted download, kept for resuming. */
  partialBytes?: number;
}

export function modelFileOf(preset: ResolvedPreset): ModelFile | undefined {
  const embedded = preset.embedded;
  if (!embedded) return undefined;
  const file: ModelFile = { preset: preset.name, source: embedded.source };
  if (embedded.problem !== undefined) return { ...file, problem: embedded.problem };
  if (embedded.path === undefined) return file;
  const bytes = sizeOf(embedded.path);
  const partialBytes = embedded.url ? sizeOf(`${embedded.path}.partial`) : undefined;
  return {
    ...file,
    path: embedded.path,
    ...(embedded.url ? { url: embedded.url } : {}),
    ...(bytes !== undefined ? { bytes } : {}),
    ...(partialBytes !== undefined ? { partialBytes } : {}),
  };
}

/** Deletes a downloaded model and any partial download of it; how many bytes that freed. */
export function removeModelFile(file: ModelFile & { path: string }): number {
  const freed = (file.bytes ?? 0) + (file.partialBytes ?? 0);
  rmSync(file.path, { force: true });
  rmSync(`${file.path}.partial`, { force: true });
  return freed;
}

function sizeOf(path: string): number | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}
