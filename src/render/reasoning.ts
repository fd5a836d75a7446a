import { createProseCleaner } from './sanitize.ts';
import type { Style } from './style.ts';

/**
 * A thinking model's reasoning, kept apart from the answer: dimmed under a
 * "thinking" header with a faint bar ('dim'), or only a "thinking…" note erased
 * when the answer starts ('hidden'). Once the answer has begun, later
 * reasoning is dropped: it would land inside the answer's lines.
 */
export interface ReasoningView {
  text(text: string): void;
  /** The answer starts (or ends): leave a blank line after the reasoning, or erase the note. */
  close(): void;
}

export function createReasoningView(write: (text: string) => void, style: Style, mode: 'dim' | 'hidden'): ReasoningView {
  let state: 'idle' | 'open' | 'closed' = 'idle';
  let atLineStart = true;
  let any = false;
  const bar = style.dim('┆ ');
  const cleaner = createProseCleaner();

  return {
    text(raw) {
      if (state === 'closed' || raw === '') return;
      if (mode === 'hidden') {
        if (state === 'idle') write(style.dim('thinking…'));
        state = 'open';
        return;
      }
      let out = state === 'idle' ? `${style.dim(style.italic('thinking'))}\r\n` : '';
      state = 'open';
      const lines = cleaner.push(raw).replace(/\t/g, '    ').split('\n');
      lines.forEach((line, index) => {
        // Blank lines before the first words are noise.
        if (index > 0 && any) {
          out += '\r\n';
          atLineStart = true;
        }
        if (line === '') return;
        out += (atLineStart ? bar : '') + style.dim(line);
        atLineStart = false;
        any = true;
      });
      if (out) write(out);
    },
    close() {
      if (state === 'open') write(mode === 'hidden' ? '\r\x1b[K' : `${atLineStart ? '' : '\r\n'}\r\n`);
      state = 'closed';
    },
  };
}
