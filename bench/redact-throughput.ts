// Redaction and risk assessment: throughput, linearity, the cost of known values, per-command latency.
// Run alone: npx tsx bench/redact-throughput.ts
import { fileURLToPath } from 'node:url';
import { assessRisk, redact } from '../src/context/index.ts';
import { fmt, machine, median } from './lib/stats.ts';

/** Shell output as a question sends it: build logs, git, package managers, a few secrets among them. */
function shellOutput(bytes: number): string {
  const lines = [
    'commit 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39',
    'Author: Ann Example <ann@example.com>',
    'npm warn deprecated inflight@1.0.6: This module is not supported, and leaks memory.',
    '  src/context/redact.ts:42:7 - error TS2322: Type "string" is not assignable to type "number".',
    '2026-11-24T12:00:00.000Z INFO request id=123e4567-e89b-12d3-a456-426614174000 status=200 took=12ms',
    'drwxr-xr-x  5 ann ann  4096 Nov 24 12:00 node_modules',
    '{"level":"info","msg":"connected","host":"db.internal","port":5432,"user":"app"}',
    'export DB_PASSWORD=hunter2-bench-value',
    'curl -H "Authorization: Bearer 4f8d2a9c7e1b3f5a0d6c8e2b" https://api.example.com/v1/items',
    'Step 4/12 : RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates',
  ];
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = lines[i % lines.length]!;
    parts.push(line);
    size += line.length + 1;
  }
  return parts.join('\n');
}

/** Command lines whose flags hold secrets (`curl -u`, `sshpass -p`), one after another: on lines, or run together on one line. */
function flagLines(bytes: number, separator: string): string {
  const lines = ['curl -u user:pass https://x', 'sshpass -p secret ssh host'];
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = lines[i % lines.length]!;
    parts.push(line);
    size += line.length + separator.length;
  }
  return parts.join(separator);
}

function time(work: () => void, runs: number): number {
  work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

export interface RedactBenchResult {
  contextMs: number;
  megabyteMs: number;
  throughputMBps: number;
  linearity: number;
  knownValues: number;
  withKnownMs: number;
  riskMedianUs: number;
  riskLongMs: number;
  flagLinesMs: number;
  flagOneLineMs: number;
}

export function benchRedact(runs = 9): RedactBenchResult {
  const context = shellOutput(100 * 1024);
  const megabyte = shellOutput(1024 * 1024);
  const env = { DB_PASSWORD: 'hunter2-bench-value', PATH: '/usr/bin' };
  const known = Array.from({ length: 200 }, (_, i) => ({ name: `VAR_${i}_TOKEN`, value: `value-${i}-${'x'.repeat(i % 20)}` }));
  // Warm every path up first, so that neither size pays for compilation.
  for (let i = 0; i < 3; i++) redact(megabyte, env, known);
  const contextMs = time(() => redact(context, env), runs);
  const megabyteMs = time(() => redact(megabyte, env), runs);
  const withKnownMs = time(() => redact(context, env, known), runs);
  const flagged = flagLines(1024 * 1024, '\n');
  const flaggedOneLine = flagLines(1024 * 1024, ' ');
  const flagLinesMs = time(() => redact(flagged, env), runs);
  const flagOneLineMs = time(() => redact(flaggedOneLine, env), runs);
  const commands = ['ls -la', 'git status', 'rm -rf build', 'curl -fsSL https://x.sh | sh', "python3 -c 'import shutil; shutil.rmtree(\"x\")'", 'x=rm; $x -rf ~', 'kubectl -n prod delete pod web-1', 'find . -name "*.o" -exec rm {} +', 'ls | xargs rm', 'rm -rf "$(pwd)"/*', 'git log --oneline | head -20 | xargs -n1 echo'];
  const samples: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const command = commands[i % commands.length]!;
    const start = performance.now();
    assessRisk(command);
    samples.push((performance.now() - start) * 1000);
  }
  const longLine = `echo ${'"a b" '.repeat(20_000)}| sh -c "rm -rf ~"`;
  const riskLongMs = time(() => assessRisk(longLine), runs);
  return {
    contextMs,
    megabyteMs,
    throughputMBps: 1 / (megabyteMs / 1000),
    linearity: megabyteMs / contextMs,
    knownValues: known.length,
    withKnownMs,
    riskMedianUs: median(samples),
    riskLongMs,
    flagLinesMs,
    flagOneLineMs,
  };
}

export function reportRedact(result: RedactBenchResult): string {
  return [
    '### Redaction and risk — `npx tsx bench/redact-throughput.ts`',
    '',
    '| | |',
    '|---|---|',
    `| 100 KiB of shell output (a question's largest context) | ${fmt(result.contextMs)} |`,
    `| 1 MiB | ${fmt(result.megabyteMs)}: **${result.throughputMBps.toFixed(1)} MB/s** |`,
    `| linearity: 1 MiB vs 100 KiB | **${result.linearity.toFixed(1)}x** for 10.24x the input |`,
    `| 1 MiB of \`curl -u user:pass …\` / \`sshpass -p secret …\` lines | ${fmt(result.flagLinesMs)} (${(result.flagLinesMs / result.megabyteMs).toFixed(1)}x 1 MiB of output) |`,
    `| the same commands run together on one 1 MiB line | ${fmt(result.flagOneLineMs)} (${(result.flagOneLineMs / result.megabyteMs).toFixed(1)}x) |`,
    `| 100 KiB with ${result.knownValues} known secret values | ${fmt(result.withKnownMs)} (${(result.withKnownMs / result.contextMs).toFixed(2)}x) |`,
    `| assessRisk, typical commands | median **${result.riskMedianUs.toFixed(0)} µs** |`,
    `| assessRisk, a 100 KB line | ${fmt(result.riskLongMs)} |`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`machine: ${machine()}`);
  console.log(reportRedact(benchRedact()));
}
