const OPEN = '<think>';
const CLOSE = '</think>';

export interface ThinkSplitter {
  /** The next piece of the content stream, as it arrived. */
  push(text: string): void;
  /** The stream ended: what was held back goes out (an unclosed block as reasoning). */
  end(): void;
}

/**
 * Thinking models (Qwen3, DeepSeek-R1) served without a reasoning parser put
 * their reasoning in the content, as a leading `<think>…</think>` block. It
 * is taken out of the answer and handed on as reasoning, so the renderer dims
 * or hides it and a pipe gets the answer alone. Only a block at the start
 * counts (whitespace before it allowed): a tag later on is the answer's own
 * text. The tags may come split across deltas; at most a tag's length is held
 * back at a time, so the answer still streams and each byte is looked at once.
 */
export function createThinkSplitter(out: { content(text: string): void; reasoning(text: string): void }): ThinkSplitter {
  let state: 'start' | 'thinking' | 'after' | 'answer' = 'start';
  let held = '';
  let reasoned = false;

  const reason = (text: string) => {
    // The newline after <think> is the tag's, not the reasoning's.
    const shown = reasoned ? text : text.trimStart();
    if (shown === '') return;
    reasoned = true;
    out.reasoning(shown);
  };

  const push = (text: string): void => {
    switch (state) {
      case 'answer':
        if (text !== '') out.content(text);
        return;
      case 'start': {
        held += text;
        const lead = held.trimStart();
        if (lead.startsWith(OPEN)) {
          held = '';
          state = 'thinking';
          push(lead.slice(OPEN.length));
        } else if (lead !== '' && !OPEN.startsWith(lead)) {
          const all = held;
          held = '';
          state = 'answer';
          out.content(all);
        }
        return;
      }
      case 'thinking': {
        const seen = held + text;
        const close = seen.indexOf(CLOSE);
        if (close >= 0) {
          held = '';
          reason(seen.slice(0, close));
          state = 'after';
          push(seen.slice(close + CLOSE.length));
          return;
        }
        // Hold back only what may be the start of </think>.
        const keep = partialTag(seen);
        held = seen.slice(seen.length - keep);
        reason(seen.slice(0, seen.length - keep));
        return;
      }
      case 'after': {
        // The blank lines between the block and the answer belong to neither.
        const answer = text.trimStart();
        if (answer === '') return;
        state = 'answer';
        out.content(answer);
        return;
      }
    }
  };

  return {
    push,
    end() {
      const rest = held;
      held = '';
      if (state === 'thinking') reason(rest);
      else if (state === 'start' && rest !== '') out.content(rest);
      state = 'answer';
    },
  };
}

/** How many characters at the end of `text` are a proper start of </think>. */
function partialTag(text: string): number {
  for (let length = Math.min(CLOSE.length - 1, text.length); length > 0; length--) {
    if (text.endsWith(CLOSE.slice(0, length))) return length;
  }
  return 0;
}
