import { createModeTracker } from './src/executor/mode-tracker.ts';
const seqs = ['\x1b[?1049h', '\x1b[?25l', '\x1b[?1000;1006h', '\x1b[?2004h', '\x1b=', '\x1b[?1h', 'abc\x1b[31mred\x1b[0m', '\x1b[?1000l', '\x1b]0;title\x07', '\x1b[?1049l'];
const all = Buffer.from(seqs.join('xx'));
const ref = createModeTracker(); ref.scan(all);
const want = ref.resetSequence() + '|' + ref.usedAlternateScreen;
let bad = 0;
for (let i = 0; i <= all.length; i++) for (let j = i; j <= all.length; j++) {
  const t = createModeTracker(); t.scan(all.subarray(0, i)); t.scan(all.subarray(i, j)); t.scan(all.subarray(j));
  const got = t.resetSequence() + '|' + t.usedAlternateScreen;
  if (got !== want) { bad++; if (bad < 5) console.log(i, j, JSON.stringify(got)); }
}
console.log('want', JSON.stringify(want), 'bad', bad);
