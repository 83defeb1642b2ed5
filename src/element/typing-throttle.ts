// Turns keystrokes into few USER_TYPING signals: STARTED once when typing begins (refreshed at most
// every few seconds while it goes on), STOPPED after a pause, on send, or when the draft is cleared.
// The runtime throttles as well; the composer still should not spam it.

export interface TypingClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface TypingThrottleOptions {
  /** Silence after which STOPPED is sent. */
  readonly idleMs?: number;
  /** While typing continues, STARTED is repeated no more often than this. */
  readonly refreshMs?: number;
  readonly clock?: TypingClock;
}

const browserClock: TypingClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export class TypingThrottle {
  readonly #emit: (active: boolean) => void;
  readonly #idleMs: number;
  readonly #refreshMs: number;
  readonly #clock: TypingClock;
  #active = false;
  #startedAt = 0;
  #timer: unknown = null;

  constructor(emit: (active: boolean) => void, options: TypingThrottleOptions = {}) {
    this.#emit = emit;
    this.#idleMs = options.idleMs ?? 5_000;
    this.#refreshMs = options.refreshMs ?? 10_000;
    this.#clock = options.clock ?? browserClock;
  }

  get active(): boolean {
    return this.#active;
  }

  /** Call on every edit; `hasText` is whether the draft holds anything but whitespace. */
  input(hasText: boolean): void {
    if (!hasText) {
      this.stop();
      return;
    }
    const now = this.#clock.now();
    if (!this.#active || now - this.#startedAt >= this.#refreshMs) {
      this.#active = true;
      this.#startedAt = now;
      this.#emit(true);
    }
    this.#clearTimer();
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      this.stop();
    }, this.#idleMs);
  }

  /** Sends STOPPED if typing was signalled. */
  stop(): void {
    this.#clearTimer();
    if (!this.#active) return;
    this.#active = false;
    this.#emit(false);
  }

  /** Drops the pending timer without signalling (the session is going away). */
  dispose(): void {
    this.#clearTimer();
    this.#active = false;
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
