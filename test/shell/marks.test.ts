import { describe, expect, it } from 'vitest';
import { createMarkScanner, type ShellEvent } from '../../src/shell/marks.ts';

const NONCE = '0123abcd';
const PID = 4242;
const mark = (body: string) => `\x1b]6973;${NONCE};${PID};${body}\x07`;

/** Every way to cut `bytes` in two. */
function* twoWayCuts(bytes: Buffer): Generator<Buffer[]> {
  for (let i = 0; i <= bytes.length; i++) yield [bytes.subarray(0, i), bytes.subarray(i)];
}

/** Scans the chunks and merges adjacent data, so results compare whatever the chunking. */
function scan(chunks: Buffer[]): (string | object)[] {
  const scanner = createMarkScanner(NONCE, PID);
  const events: ShellEvent[] = chunks.flatMap((chunk) => scanner.push(chunk));
  const out: (string | object)[] = [];
  for (const event of events) {
    const last = out.at(-1);
    if (event.kind === 'mark') out.push(event.mark);
    else if (typeof last === 'string') out[out.length - 1] = last + event.data.toString('latin1');
    else out.push(event.data.toString('latin1'));
  }
  return out;
}

describe('mark scanner', () => {
  it('splits output and marks in order, however the bytes are cut', () => {
    const stream = Buffer.from(`before${mark('C')}out\r\n${mark('D;1')}${mark('A;1')}${mark('B')}after`);
    for (const chunks of twoWayCuts(stream)) {
      expect(scan(chunks)).toEqual([
        'before',
        { kind: 'command' },
        'out\r\n',
        { kind: 'done', status: 1 },
        { kind: 'prompt', continuation: false, status: 1 },
        { kind: 'input' },
        'after',
      ]);
    }
  });

  it('reads fields holding any byte but NUL: BEL, semicolons, escapes, and newlines the terminal turned into CR LF', () => {
    const value = 'a;b\x07c\x1b]6973;x\r\r\nd';
    const stream = Buffer.from(`${mark(`S=DB_PASSWORD\0=${value}\0=API_KEY\0=k\0`)}${mark('P=/tmp/dir;with\x07odd=name\0')}`);
    for (const chunks of twoWayCuts(stream)) {
      expect(scan(chunks)).toEqual([
        { kind: 'secrets', values: [{ name: 'DB_PASSWORD', value: 'a;b\x07c\x1b]6973;x\r\nd' }, { name: 'API_KEY', value: 'k' }] },
        { kind: 'cwd', path: '/tmp/dir;with\x07odd=name' },
      ]);
    }
  });

  it('treats marks with another nonce or another pid as output: a command cannot forge the end of itself', () => {
    const forged = `\x1b]6973;ffffffff;${PID};D;0\x07\x1b]6973;${NONCE};1;D;0\x07\x1b]133;D;0\x07`;
    expect(scan([Buffer.from(`${forged}${mark('D;5')}`)])).toEqual([forged, { kind: 'done', status: 5 }]);
  });

  it('holds back only what could still become a mark, and gives it up once it cannot', () => {
    const scanner = createMarkScanner(NONCE, PID);
    expect(scanner.push(Buffer.from('text\x1b]69'))).toEqual([{ kind: 'data', data: Buffer.from('text') }]);
    expect(scanner.push(Buffer.from('99;not ours\x07'))).toEqual([{ kind: 'data', data: Buffer.from('\x1b]6999;not ours\x07') }]);
    // Full-screen programs draw escape sequences all the time: a CSI is never held.
    expect(scanner.push(Buffer.from('\x1b[2J'))).toEqual([{ kind: 'data', data: Buffer.from('\x1b[2J') }]);
  });

  it('reads the sh forms (cwd as an argument), continuation prompts, typeahead, and drops unknown kinds of its own', () => {
    const stream = Buffer.from(`${mark('P;/home/u')}${mark('A;k=s')}${mark('T=ls -l\r\n\0')}${mark('Q;whatever')}${mark('U;3.2.57(1)-release')}`);
    expect(scan([stream])).toEqual([
      { kind: 'cwd', path: '/home/u' },
      { kind: 'prompt', continuation: true },
      { kind: 'typeahead', data: Buffer.from('ls -l\n') },
      { kind: 'unsupported', version: '3.2.57(1)-release' },
    ]);
  });

  it('reads the names Tab completes: one a line, control characters and conch\'s own left out', () => {
    const listing = 'f_mine\r\n__conch_hook\r\nbad\x1bname\r\nf_mine\r\nother\r\n';
    expect(scan([Buffer.from(mark(`N=f\0=${listing}\0=v\0=HOME\nPATH\0=zz\0=ignored\0`))])).toEqual([
      { kind: 'names', names: { functions: ['f_mine', 'other'], variables: ['HOME', 'PATH'] } },
    ]);
  });

  it("reads sh's listings, names with values: the names only, never a line of a value", () => {
    const aliases = "ll='ls -l'\r\nm='a\r\nb=c'\r\n";
    const exported = "export HOME='/home/me'\r\nexport MULTI='one\r\nexport FAKE=x'\r\nexport EMPTY\r\n";
    expect(scan([Buffer.from(mark(`N=A\0=${aliases}\0=E\0=${exported}\0`))])).toEqual([
      { kind: 'names', names: { aliases: ['ll', 'm', 'b'], variables: ['HOME', 'MULTI', 'FAKE', 'EMPTY'] } },
    ]);
  });

  it('passes binary output through byte for byte', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const scanner = createMarkScanner(NONCE, PID);
    const events = [...twoWayCuts(bytes)].slice(0, 1).flatMap(([a, b]) => [...scanner.push(a!), ...scanner.push(b!)]);
    const out = Buffer.concat(events.map((event) => (event.kind === 'data' ? event.data : Buffer.alloc(0))));
    expect(out.equals(bytes)).toBe(true);
  });
});
