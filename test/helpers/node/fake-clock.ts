// A controllable clock for `env.now/setTimeout/clearTimeout`: time moves only on advance(), so
// tests are exact and instant. Methods are bound, so they can be handed out one by one.

interface PendingTimer {
  id: number;
  dueAt: number;
  fn: () => void;
}

/** Guards against a timer that keeps re-arming itself with no delay (a hung test instead of a failure). */
const MAX_FIRINGS_PER_ADVANCE = 10_000;

export class FakeClock {
  private current: number;
  private nextId = 1;
  private timers: PendingTimer[] = [];

  constructor(startMs = 0) {
    this.current = startMs;
  }

  readonly now = (): number => this.current;

  /** Like the global one; a negative or non-finite delay counts as 0. Returns a handle > 0. */
  readonly setTimeout = (fn: () => void, ms = 0): number => {
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    const id = this.nextId++;
    this.timers.push({id, dueAt: this.current + delay, fn});
    return id;
  };

  /** Unknown or already-fired handles are ignored, as with the global one. */
  readonly clearTimeout = (id: unknown): void => {
    this.timers = this.timers.filter((timer) => timer.id !== id);
  };

  /** Timers not yet fired or cleared. */
  get pendingCount(): number {
    return this.timers.length;
  }

  /** Milliseconds until the next timer is due, or undefined when none is pending. */
  nextDueIn(): number | undefined {
    const next = this.earliest();
    return next === undefined ? undefined : next.dueAt - this.current;
  }

  /**
   * Moves time forward by `ms`, firing due timers in due order (ties: scheduling order), each
   * with `now()` at its due time. Timers scheduled while advancing fire too if due in the window.
   */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`FakeClock.advance: ${ms} is not a non-negative number`);
    const target = this.current + ms;
    for (let fired = 0; ; fired++) {
      const next = this.earliest();
      if (next === undefined || next.dueAt > target) break;
      if (fired >= MAX_FIRINGS_PER_ADVANCE) throw new Error('FakeClock.advance: too many timers (a zero-delay loop?)');
      this.timers = this.timers.filter((timer) => timer !== next);
      this.current = Math.max(this.current, next.dueAt);
      next.fn();
    }
    this.current = target;
  }

  private earliest(): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const timer of this.timers) if (best === undefined || timer.dueAt < best.dueAt) best = timer;
    return best;
  }
}
