import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startupFiles } from '../../src/shell/startup-files.ts';

function home(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'conch-home-'));
  for (const file of files) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), '');
  }
  return dir;
}

describe('the start-up files a shell read', () => {
  it('names the user’s own files that exist, as each shell reads them', () => {
    const dir = home(['.bashrc', '.profile', '.bash_login', '.zshrc', '.config/fish/config.fish', '.config/fish/conf.d/b.fish', '.config/fish/conf.d/a.fish', 'env.sh']);
    const env = { HOME: dir };
    expect(startupFiles('bash', { login: false, env })).toEqual([join(dir, '.bashrc')]);
    // bash reads the first of its login files only.
    expect(startupFiles('bash', { login: true, env })).toEqual([join(dir, '.bash_login')]);
    expect(startupFiles('zsh', { login: false, env })).toEqual([join(dir, '.zshrc')]);
    expect(startupFiles('zsh', { login: false, env: { ...env, ZDOTDIR: join(dir, 'none') } })).not.toContain(join(dir, '.zshrc'));
    expect(startupFiles('fish', { login: false, env })).toEqual([join(dir, '.config/fish/config.fish'), join(dir, '.config/fish/conf.d/a.fish'), join(dir, '.config/fish/conf.d/b.fish')]);
    expect(startupFiles('sh', { login: false, env: { ...env, ENV: join(dir, 'env.sh') } })).toEqual([join(dir, 'env.sh')]);
  });
});
