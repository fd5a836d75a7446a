/**
 * A cheap token estimate: about 4 characters per token for prose, fewer for
 * code and symbols (each run of punctuation tends to be its own token). Good
 * to within ~20% for BPE tokenizers on shell output, which is all a budget needs.
 */
export function estimateTokens(text: string): number {
  if (text === '') return 0;
  const symbols = text.match(/[^\w\s]/g)?.length ?? 0;
  return Math.ceil((text.length - symbols) / 4 + symbols * 0.5);
}
