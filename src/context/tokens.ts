/**
 * A cheap, deliberately pessimistic token estimate for budgeting (no
 * tokenizer ships with conch, and the preset's model is not known here):
 * - letters, digits and whitespace: 4 characters a token, as BPE tokenizers
 *   average on English prose and shell output;
 * - ASCII punctuation: 2 a token, because code, paths and symbols split into
 *   short tokens;
 * - other characters: 1 token each for CJK and the like, 2 characters a
 *   token for accented Latin, Cyrillic, Greek.
 * Overestimating is the safe side: a budget that is a little too small loses
 * an old command record, one that is too large overflows the model's window.
 */
export function estimateTokens(text: string): number {
  let quarters = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) quarters += isWordOrSpace(code) ? 1 : 2;
    else if (code < 0x3000) quarters += 2;
    else quarters += 4;
  }
  return Math.ceil(quarters / 4);
}

function isWordOrSpace(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x20 || code === 0x0a || code === 0x09;
}
