import type { Key } from './keys.ts';

/**
 * What a key does to a proposed command, shown unrun and not yet in the
 * buffer: Enter runs it; typing, Backspace or Escape drop it and start the
 * person's own line (with what was typed); Right, End, Tab, Ctrl-E, Ctrl-F, Home
 * or Ctrl-A take it into the buffer to edit; Alt-N and Alt-P cycle proposals;
 * Ctrl-O shows all of a proposal taller than the screen; Ctrl-C drops it. Any
 * other key drops it and acts on the empty line.
 */
export type ProposalOutcome =
  | { kind: 'run' }
  | { kind: 'take'; cursor: 'start' | 'end' }
  | { kind: 'drop' }
  | { kind: 'drop-and-act' }
  | { kind: 'cycle'; direction: 1 | -1 }
  | { kind: 'show-all' }
  | { kind: 'interrupt' }
  | { kind: 'clear-screen' };

export function proposalKey(key: Key): ProposalOutcome {
  if (key.meta) {
    if (key.name === 'n' || key.name === 'p') return { kind: 'cycle', direction: key.name === 'n' ? 1 : -1 };
    return { kind: 'drop-and-act' };
  }
  if (key.ctrl) {
    switch (key.name) {
      case 'a': return { kind: 'take', cursor: 'start' };
      case 'e':
      case 'f':
      case 'right': return { kind: 'take', cursor: 'end' };
      case 'o': return { kind: 'show-all' };
      case 'c': return { kind: 'interrupt' };
      case 'l': return { kind: 'clear-screen' };
    }
    return { kind: 'drop-and-act' };
  }
  switch (key.name) {
    case 'enter': return { kind: 'run' };
    case 'right':
    case 'end':
    case 'tab': return { kind: 'take', cursor: 'end' };
    case 'home': return { kind: 'take', cursor: 'start' };
    case 'backspace':
    case 'escape': return { kind: 'drop' };
  }
  return { kind: 'drop-and-act' };
}
