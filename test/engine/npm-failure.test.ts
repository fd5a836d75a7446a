import { describe, expect, it } from 'vitest';
import { createNpmFailureReader } from '../../src/engine/npm-failure.ts';

const read = (output: string) => {
  const reader = createNpmFailureReader();
  for (const line of output.split('\n')) reader.line(line);
  return reader.failure;
};

describe("npm's failure report", () => {
  it('takes the cause past the fields of the report, skipping stacks and the log footer', () => {
    const eacces = [
      'npm error code EACCES',
      'npm error syscall mkdir',
      "npm error path /root/.npm/_cacache",
      'npm error errno -13',
      "npm error Error: EACCES: permission denied, mkdir '/root/.npm/_cacache'",
      'npm error     at async mkdir (node:internal/fs/promises:858:10)',
      'npm error',
      'npm error A complete log of this run can be found in: /root/.npm/_logs/x-debug-0.log',
    ].join('\n');
    expect(read(eacces)).toEqual({ cause: "Error: EACCES: permission denied, mkdir '/root/.npm/_cacache'", logFile: '/root/.npm/_logs/x-debug-0.log' });
    const offline = ['npm error code ENOTFOUND', 'npm error syscall getaddrinfo', 'npm error errno ENOTFOUND', 'npm error network request to https://registry.npmjs.org/x failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org'].join('\n');
    expect(read(offline).cause).toBe('network request to https://registry.npmjs.org/x failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org');
  });

  it("reads older npm's `npm ERR!` report, with the log's path on the line after", () => {
    const old = ['npm WARN deprecated x@1.0.0', 'npm ERR! code E404', 'npm ERR! 404 Not Found - GET https://registry.npmjs.org/nope - Not found', 'npm ERR! 404', 'npm ERR! A complete log of this run can be found in:', 'npm ERR!     /home/a/.npm/_logs/y-debug-0.log'].join('\n');
    expect(read(old)).toEqual({ cause: '404 Not Found - GET https://registry.npmjs.org/nope - Not found', logFile: '/home/a/.npm/_logs/y-debug-0.log' });
  });
});
