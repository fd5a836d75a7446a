import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cpuPackage, NODE_LLAMA_CPP_VERSION, pickThreads } from '../../src/engine/index.ts';

describe('the engine conch installs', () => {
  it('is the node-llama-cpp release the code pins, locked with its CPU package for each supported platform', () => {
    const manifest = JSON.parse(readFileSync('engine/package.json', 'utf8')) as { dependencies: Record<string, string> };
    const lock = JSON.parse(readFileSync('engine/package-lock.json', 'utf8')) as { packages: Record<string, { version: string; integrity?: string }> };
    expect(manifest.dependencies).toEqual({ 'node-llama-cpp': NODE_LLAMA_CPP_VERSION });
    expect(lock.packages['node_modules/node-llama-cpp']!.version).toBe(NODE_LLAMA_CPP_VERSION);
    for (const [platform, arch] of [['linux', 'x64'], ['linux', 'arm64'], ['darwin', 'arm64'], ['darwin', 'x64'], ['win32', 'x64']] as const) {
      const entry = lock.packages[`node_modules/${cpuPackage(platform, arch)!}`];
      expect(entry, `${platform}-${arch}`).toMatchObject({ version: NODE_LLAMA_CPP_VERSION, integrity: expect.stringMatching(/^sha512-/) });
    }
    expect(cpuPackage('freebsd', 'x64')).toBeUndefined();
  });

  it('uses one thread on two cores, half the cores on bigger machines, at most 8', () => {
    expect([1, 2, 4, 8, 16, 64].map(pickThreads)).toEqual([1, 1, 2, 4, 8, 8]);
  });
});
