import { describe, expect, it } from 'vitest';
import { extractShellCommands, renderFooter } from '../../src/render/index.ts';

describe('extractShellCommands', () => {
  it('takes shell blocks in order and skips other languages', () => {
    const md = 'Try:\n```bash\nls -la\n```\n```python\nprint(1)\n```\nthen\n```zsh\ndu -sh *\n```\n```sh\n# a comment stays\nfind . -size +1G\n```\n';
    expect(extractShellCommands(md)).toEqual(['ls -la', 'du -sh *', '# a comment stays\nfind . -size +1G']);
  });

  it('keeps only the prompted lines of a console transcript, with their continuations', () => {
    const md = '```console\n$ du -sh *\n4.0K a\n$ tar czf out.tgz \\\n    dir\n```\n';
    expect(extractShellCommands(md)).toEqual(['du -sh *\ntar czf out.tgz \\\n    dir']);
  });

  it('strips $ prompts from a shell block where every line has one', () => {
    expect(extractShellCommands('```bash\n$ cd /tmp\n$ ls\n```\n')).toEqual(['cd /tmp\nls']);
    expect(extractShellCommands('```bash\necho "$ HOME"\n```\n')).toEqual(['echo "$ HOME"']);
  });

  it('takes an unmarked block only when it reads like a command', () => {
    const md = '```\ngit status\n```\n```\ntotal 8\ndrwxr-xr-x 2 me me 4096 .\n```\n```\n./build.sh --fast\n```\n```\n$ make\n```\n';
    expect(extractShellCommands(md)).toEqual(['git status', './build.sh --fast', 'make']);
  });

  it('finds blocks inside list items, and nothing in an answer without code', () => {
    expect(extractShellCommands('1. First:\n   ```sh\n   ls\n   ```\n2. Then more.\n')).toEqual(['ls']);
    expect(extractShellCommands('no code here, only `ls` inline')).toEqual([]);
  });
});

describe('renderFooter', () => {
  it('is one line with preset, model, tokens, speed and first-token time', () => {
    expect(renderFooter({ preset: 'snappy', model: 'qwen', completionTokens: 120, tokensPerSecond: 45.25, ttftMs: 180.4, totalMs: 2900, color: false })).toBe(
      'snappy · qwen · 120 tokens · 45.3 tok/s · first token 180 ms · 2.9 s',
    );
    expect(renderFooter({ preset: 'p', model: 'm', color: true })).toBe('\x1b[2mp · m\x1b[22m');
  });

  it('shows a model name exactly: it may come from a server', () => {
    expect(renderFooter({ preset: 'p', model: 'm\x1b]0;EVIL\x07\u202e', color: false })).toBe('p · m^[]0;EVIL^G<U+202E>');
  });
});
