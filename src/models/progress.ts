import type { DownloadProgress } from './download.ts';

export interface ProgressDisplay {
  update(progress: DownloadProgress): void;
  /** Clears the bar (a terminal) before the next line is written. */
  finish(): void;
}

/**
 * Download progress for a person: on a terminal one bar redrawn in place
 * (bytes, rate, time left), at most every 100 ms; elsewhere (a log, CI) a
 * plain line at each tenth of the file. `write` gets text with \r\n line ends,
 * which a raw-mode terminal needs too.
 */
export function createProgressDisplay(options: { write: (text: string) => void; tty: boolean; label: string; now?: () => number }): ProgressDisplay {
  const now = options.now ?? (() => performance.now());
  const started = now();
  let lastDraw = -Infinity;
  let lastTenth = -1;
  let drawn = false;
  let latest: DownloadProgress | undefined;

  return {
    update(progress) {
      latest = progress;
      const t = now();
      const fresh = progress.received - progress.resumedFrom;
      const rate = t > started ? (fresh * 1000) / (t - started) : 0;
      if (options.tty) {
        if (t - lastDraw < 100 && progress.received !== progress.total) return;
        lastDraw = t;
        drawn = true;
        options.write(`\r\x1b[K${barLine(options.label, progress, rate)}`);
        return;
      }
      if (progress.total === undefined || progress.total === 0) return;
      const tenth = Math.floor((progress.received / progress.total) * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      const resumed = progress.resumedFrom > 0 && tenth === Math.floor((progress.resumedFrom / progress.total) * 10) ? ` (resumed at ${formatBytes(progress.resumedFrom)})` : '';
      options.write(`${options.label}: ${tenth * 10}% of ${formatBytes(progress.total)}${resumed}\r\n`);
    },
    finish() {
      if (drawn && latest) options.write('\r\x1b[K');
      drawn = false;
    },
  };
}

function barLine(label: string, progress: DownloadProgress, rate: number): string {
  const { received, total } = progress;
  const speed = rate > 0 ? `  ${formatBytes(rate)}/s` : '';
  if (total === undefined || total === 0) return `${label}  ${formatBytes(received)}${speed}`;
  const fraction = Math.min(1, received / total);
  const width = 24;
  const filled = Math.round(fraction * width);
  const eta = rate > 0 && received < total ? `  ${formatDuration((total - received) / rate)} left` : '';
  return `${label}  [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${formatBytes(received)} / ${formatBytes(total)}${speed}${eta}`;
}

/** Decimal units, as model hubs show sizes: 1.1 GB, 85 MB, 512 kB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
