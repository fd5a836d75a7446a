import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConchError } from '../errors.ts';

/** The package lacks its integration scripts (a broken install). */
export class IntegrationMissingError extends ConchError {
  override name = 'IntegrationMissingError';
  readonly searched: string[];

  constructor(searched: string[]) {
    super('INTEGRATION_MISSING', `conch's shell integration scripts are missing (looked in ${searched.join(', ')}); reinstall conch`);
    this.searched = searched;
  }
}

let found: string | undefined;

/**
 * Where the static integration scripts are: next to this file when run from
 * source (src/shell/integration), and dist/integration in the bundle, whose code
 * may sit in dist/ or dist/chunks/.
 */
export function integrationDir(): string {
  if (found) return found;
  const candidates = ['./integration/', '../integration/'].map((relative) => fileURLToPath(new URL(relative, import.meta.url)));
  found = candidates.find((dir) => existsSync(`${dir}bash.sh`));
  if (!found) throw new IntegrationMissingError(candidates);
  return found;
}
