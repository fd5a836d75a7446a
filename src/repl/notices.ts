import type { AskNotice } from '../app/index.ts';
import { renderFooter } from '../render/index.ts';
import { describeError } from './describe-error.ts';

/** The line a notice from the ask flow becomes, dim where it is an aside; shared by the shell and `conch ask`. */
export function noticeLine(notice: AskNotice, color: boolean): string {
  const dim = (text: string) => (color ? `\x1b[2m${text}\x1b[0m` : text);
  switch (notice.kind) {
    case 'redacted':
      return dim(`(${notice.count} value${notice.count === 1 ? '' : 's'} redacted before sending)`);
    case 'retrying':
      return dim(`retrying in ${(notice.delayMs / 1000).toFixed(1)} s: ${describeError(notice.error, notice.preset)}`);
    case 'footer':
      return renderFooter({ ...notice.stats, color });
  }
}
