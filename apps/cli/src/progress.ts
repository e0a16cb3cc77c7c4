import { SingleBar } from 'cli-progress';
import type { Io } from './io.js';

// A progress bar for long runs, drawn on standard error only when it is a terminal (the
// Io's `progress` stream): a report piped to a file or a CI log gets no control codes.

export interface Progress {
  /** Items done so far, of `total`. The first call starts the bar. */
  update(done: number, total: number): void;
  /** Removes the bar; safe to call when it never started. */
  stop(): void;
}

export function createProgress(io: Io, label: string): Progress {
  const stream = io.progress;
  if (stream === undefined || stream.isTTY !== true) return { update() {}, stop() {} };
  const bar = new SingleBar({
    stream,
    format: `${label} [{bar}] {percentage}% | {value}/{total} patients | {duration_formatted}`,
    barsize: 30,
    clearOnComplete: true,
    hideCursor: true,
    fps: 10,
  });
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
        return;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
