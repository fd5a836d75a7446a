/**
 * A glob that takes every file of its directory: its last component is
 * wildcards and dots only (`*`, `./*`, `.*`, `*.*`, `build/*`, `.??*`), where
 * one that picks some has a literal character in it (`*.o`, `*~`, `build/*.log`).
 */
export function matchesEveryFile(pattern: string): boolean {
  const trimmed = pattern.replace(/\/+$/, '');
  const last = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return last.includes('*') && /^[*?.]+$/.test(last);
}
