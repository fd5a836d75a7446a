import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MarkdownRenderer } from '../../src/render/index.ts';
import { afterWaiting, startWaiting } from '../../src/render/waiting.ts';
import { foreignControls } from '../fixtures/hostile-text.ts';
import { screen } from './screen.ts';

beforeEach(() => {
  // Only the indicator's own clock: the terminal emulator that checks the screen keeps real timers.
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});
afterEach(() => {
  vi.useRealTimers();
});

function output() {
  let out = '';
  return { write: (text: string) => void (out += text), text: () => out };
}

describe('the waiting indicator', () => {
  it('is one dim line that turns at a modest rate, and erasing it leaves the line empty with the cursor at its start', async () => {
    const o = output();
    const waiting = startWaiting({ write: o.write, label: 'asking snappy', color: true, cols: () => 80 });
    expect(o.text()).toBe('\r\x1b[K\x1b[2m⠋ asking snappy…\x1b[22m');
    vi.advanceTimersByTime(124);
    expect(o.text()).not.toContain('⠙');
    vi.advanceTimersByTime(1);
    expect(o.text()).toContain('\r\x1b[K\x1b[2m⠙ asking snappy…\x1b[22m');
    vi.advanceTimersByTime(1000);
    // Eight frames a second, no faster: the first, the one at 125 ms, eight more.
    expect(o.text().split('\r\x1b[K\x1b[2m').slice(1)).toHaveLength(10);
    expect(await screen(o.text(), 80)).toBe('⠏ asking snappy…');
    waiting.stop();
    waiting.stop();
    const drawn = o.text();
    vi.advanceTimersByTime(1000);
    expect(o.text()).toBe(drawn);
    expect(await screen(`${drawn}answer`, 80)).toBe('answer');
  });

  it('without colour is a plain line that never moves', async () => {
    const o = output();
    const waiting = startWaiting({ write: o.write, label: 'asking snappy', color: false, cols: () => 80 });
    vi.advanceTimersByTime(5000);
    expect(o.text()).toBe('\r\x1b[Kasking snappy…');
    waiting.stop();
    expect(await screen(`${o.text()}answer`, 80)).toBe('answer');
  });

  it('never wraps onto a second line, and shows a hostile label exactly', async () => {
    const o = output();
    const waiting = startWaiting({ write: o.write, label: `asking ${'x'.repeat(50)}\x1b]0;EVIL\x07`, color: true, cols: () => 20 });
    expect(foreignControls(o.text())).toEqual([]);
    expect(await screen(o.text(), 20)).toBe(`⠋ asking ${'x'.repeat(10)}`);
    waiting.stop();
    expect(await screen(`${o.text()}answer`, 20)).toBe('answer');
  });

  it('prints a notice above itself and carries on below it', async () => {
    const o = output();
    const waiting = startWaiting({ write: o.write, label: 'asking snappy', color: false, cols: () => 80 });
    waiting.print('retrying in 1.0 s\nsecond line');
    expect(await screen(o.text(), 80)).toBe('retrying in 1.0 s\nsecond line\nasking snappy…');
    waiting.stop();
    waiting.print('footer');
    expect(await screen(`${o.text()}`, 80)).toBe('retrying in 1.0 s\nsecond line\nfooter');
  });
});

describe('an answer behind the indicator', () => {
  const recording = () => {
    const calls: string[] = [];
    const renderer: MarkdownRenderer = {
      delta: (text) => void calls.push(`delta ${text}`),
      reasoning: (text) => void calls.push(`reasoning ${text}`),
      end: () => void calls.push('end'),
      interrupted: () => void calls.push('interrupted'),
    };
    return { calls, renderer };
  };
  const indicator = (calls: string[]) => ({ print: () => {}, stop: () => void calls.push('stop') });

  it('erases it before the first text of the answer is drawn', () => {
    const { calls, renderer } = recording();
    const wrapped = afterWaiting(renderer, indicator(calls), { reasoningShown: true });
    wrapped.delta('');
    expect(calls).toEqual(['delta ']);
    wrapped.delta('Hello');
    expect(calls).toEqual(['delta ', 'stop', 'delta Hello']);
  });

  it('erases it at the first reasoning shown, but keeps it up while hidden reasoning arrives', () => {
    const shown = recording();
    afterWaiting(shown.renderer, indicator(shown.calls), { reasoningShown: true }).reasoning('Let me think');
    expect(shown.calls).toEqual(['stop', 'reasoning Let me think']);
    const hidden = recording();
    afterWaiting(hidden.renderer, indicator(hidden.calls), { reasoningShown: false }).reasoning('Let me think');
    expect(hidden.calls).toEqual(['reasoning Let me think']);
  });

  it('erases it on Ctrl-C and on an error (end) before anything else is written', () => {
    const a = recording();
    afterWaiting(a.renderer, indicator(a.calls), { reasoningShown: true }).interrupted();
    expect(a.calls).toEqual(['stop', 'interrupted']);
    const b = recording();
    afterWaiting(b.renderer, indicator(b.calls), { reasoningShown: true }).end();
    expect(b.calls).toEqual(['stop', 'end']);
  });
});
