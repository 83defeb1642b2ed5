// A real browser environment whose long waits are fast-forwarded, so fault runs that back off,
// retry and recycle finish in a fraction of the time. Short timers (the replay settle window, typing
// throttles) keep their real length, because they race real network traffic; anything longer runs
// shortened: keepMs + (delay - keepMs) / factor. The env's clock stays consistent with its timers:
// it is the real clock plus an offset that jumps forward whenever a shortened timer fires, so a
// timer never fires before its due time by the env's own clock.
import {browserEnv} from '../../../src/runtime/runtime-env.js';
import type {RuntimeEnv} from '../../../src/runtime/runtime-env.js';

export interface CompressionOptions {
  /** Delays up to this many ms run unchanged. */
  readonly keepMs: number;
  /** How much faster the part above keepMs runs. */
  readonly factor: number;
}

export function compressDelay(delayMs: number, {keepMs, factor}: CompressionOptions): number {
  return delayMs <= keepMs ? delayMs : keepMs + (delayMs - keepMs) / factor;
}

export function compressedEnv(options: CompressionOptions, base: RuntimeEnv = browserEnv()): RuntimeEnv {
  let skipped = 0;
  const now = (): number => base.now() + skipped;
  return {
    ...base,
    now,
    setTimeout: (callback, delayMs) => {
      const due = now() + Math.max(0, delayMs);
      return base.setTimeout(() => {
        const early = due - now();
        if (early > 0) skipped += early;
        callback();
      }, compressDelay(delayMs, options));
    },
  };
}
