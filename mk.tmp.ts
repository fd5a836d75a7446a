import { createMarkerScanner } from './src/executor/markers.ts';
const n = 'abcd1234';
const all = Buffer.from(`hello\x1b[31m\x1b]6973;${n};wait\x07mid\x1b]6973;zz;wait\x07\x1b]6973;${n};resumed\x07tail\x1b]697\x1b]6973;${n};done;7\x07`);
const run = (parts: Buffer[]) => { const s = createMarkerScanner(n); let out = ''; for (const p of parts) for (const e of s.push(p)) out += e.kind === 'data' ? e.data.toString('latin1') : `<${JSON.stringify(e.marker)}>`; return out + '|' + s.flush().toString('latin1'); };
const want = run([all]); let bad = 0;
for (let i = 0; i <= all.length; i++) for (let j = i; j <= all.length; j++) { const g = run([all.subarray(0,i), all.subarray(i,j), all.subarray(j)]); if (g !== want) { bad++; if (bad<4) console.log(i,j,JSON.stringify(g)); } }
console.log(JSON.stringify(want), bad);
