// A real browser environment whose long waits are fast-forwarded, so fault runs that back off,
// retry and recycle finish in a fraction of the time. Short timers (the replay settle window, typing
// throttles) keep their real length, because they race real network traffic; anything longer runs
// shortened: keepMs + (delay - keepMs) / factor. Two product deadlines always keep their real
// length: the connect timeout (15 s for one credentials fetch, session create or handshake) and the
// probe timeout (5 s for a heartbeat's echo). They race real network work that a busy machine can
// slow; shortened to about a second they could fire on a healthy but slow connection and spend
// the retries a test budgets for its own faults. No test fault relies on them firing (a refused
// handshake fails at once; a silent socket is tested on a hand-driven clock), so keeping them
// costs a healthy run nothing. The env's clock stays consistent with its timers:
// it is the real clock plus an offset that jumps forward whenever a shortened timer fires, so a
// timer never fires before its due time by the env's own clock.
import {browserEnv} from '../../../src/runtime/runtime-env.js';
import type {RuntimeEnv} from '../../../src/runtime/runtime-env.js';
import {CONNECT_TIMEOUT_MS, PROBE_TIMEOUT_MS} from '../../../src/machine/policy.js';

/** Delays that run unchanged whatever the compression (see above). */
const REAL_LENGTH: ReadonlySet<number> = new Set([CONNECT_TIMEOUT_MS, PROBE_TIMEOUT_MS]);

export interface CompressionOptions {
  /** Delays up to this many ms run unchanged. */
  readonly keepMs: number;
  /** How much faster the part above keepMs runs. */
  readonly factor: number;
}

export function compressDelay(delayMs: number, {keepMs, factor}: CompressionOptions): number {
  return delayMs <= keepMs || REAL_LENGTH.has(delayMs) ? delayMs : keepMs + (delayMs - keepMs) / factor;
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
