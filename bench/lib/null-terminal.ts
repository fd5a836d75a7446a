import { openSync, writeSync } from 'node:fs';
import type { Terminal } from '../../src/shell/index.ts';

/** A terminal whose output goes to /dev/null through a real write(2), as a fast terminal would take it. */
export function nullTerminal(): Terminal {
  const fd = openSync('/dev/null', 'w');
  return {
    write: (data) => void writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data),
    onInput: () => () => {},
    size: () => ({ cols: 120, rows: 40 }),
    onResize: () => () => {},
  };
}
