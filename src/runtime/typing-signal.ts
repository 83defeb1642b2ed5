// USER_TYPING on the wire: the one place that throttles it. STARTED at most every
// TYPING_THROTTLE_MS while typing goes on, STOPPED after TYPING_IDLE_MS without keystrokes, on send
// and when the chat ends; nothing while no socket can take it.
import {LazyTimers} from './lazy-timers.js';
import type {RuntimeEnv} from './runtime-env.js';

/** USER_TYPING STARTED at most this often while the user keeps typing. */
const TYPING_THROTTLE_MS = 3_000;
/** USER_TYPING STOPPED after this long without keystrokes (the SDKs use ~5 s). */
const TYPING_IDLE_MS = 5_000;

export class TypingSignal {
  #sentAt: number | null = null;
  readonly #timers: LazyTimers<'idle'>;

  /** `send` writes USER_TYPING with that state; false when no socket took it. */
  constructor(
    private readonly env: Pick<RuntimeEnv, 'now' | 'setTimeout' | 'clearTimeout'>,
    private readonly send: (state: 'TYPING_STATE_STARTED' | 'TYPING_STATE_STOPPED') => boolean,
  ) {
    this.#timers = new LazyTimers(env);
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** A keystroke in the composer. */
  typed(): void {
    const now = this.env.now();
    if (this.#sentAt === null || now - this.#sentAt >= TYPING_THROTTLE_MS) {
      if (this.send('TYPING_STATE_STARTED')) this.#sentAt = now;
    }
    this.#timers.start('idle', TYPING_IDLE_MS, () => this.stopped());
  }

  /** Typing stopped (pause, send, cleared draft, end): STOPPED once, if STARTED went out. */
  stopped(): void {
    this.#timers.cancel('idle');
    if (this.#sentAt === null) return;
    this.#sentAt = null;
    this.send('TYPING_STATE_STOPPED');
  }

  dispose(): void {
    this.#timers.clear();
  }
}
