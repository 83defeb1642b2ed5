// Named one-shot timers that are cheap to restart. The session machine restarts its liveness timer
// on every socket frame and the runtime its typing expiry on every chunk: clearTimeout+setTimeout
// per frame would cost two timer operations per streamed chunk. Here a restart to a later deadline
// only moves the deadline; when the underlying timeout fires early it re-arms for the rest. A
// restart to an earlier deadline, or a cancel, clears it for real. Callbacks run at (or after) the
// latest deadline, exactly once, as with plain timeouts.
import type {RuntimeEnv} from './runtime-env.js';

interface Armed {
  handle: unknown;
  /** When the underlying timeout fires. */
  firesAt: number;
  /** When the callback is due (>= firesAt). */
  due: number;
  callback: () => void;
}

export class LazyTimers<K> {
  readonly #armed = new Map<K, Armed>();

  constructor(private readonly env: Pick<RuntimeEnv, 'now' | 'setTimeout' | 'clearTimeout'>) {}

  /** Number of timers waiting. */
  get size(): number {
    return this.#armed.size;
  }

  /** (Re)starts `key`: `callback` runs once, `delayMs` (at least 1) from now, unless restarted or cancelled. */
  start(key: K, delayMs: number, callback: () => void): void {
    const now = this.env.now();
    const due = now + Math.max(1, delayMs);
    const armed = this.#armed.get(key);
    if (armed !== undefined && armed.firesAt <= due) {
      armed.due = due;
      armed.callback = callback;
      return;
    }
    if (armed !== undefined) this.env.clearTimeout(armed.handle);
    const entry: Armed = {handle: null, firesAt: due, due, callback};
    entry.handle = this.env.setTimeout(() => this.#fire(key, entry), due - now);
    this.#armed.set(key, entry);
  }

  cancel(key: K): void {
    const armed = this.#armed.get(key);
    if (armed === undefined) return;
    this.env.clearTimeout(armed.handle);
    this.#armed.delete(key);
  }

  clear(): void {
    for (const armed of this.#armed.values()) this.env.clearTimeout(armed.handle);
    this.#armed.clear();
  }

  #fire(key: K, entry: Armed): void {
    if (this.#armed.get(key) !== entry) return;
    const now = this.env.now();
    if (now < entry.due) {
      entry.firesAt = entry.due;
      entry.handle = this.env.setTimeout(() => this.#fire(key, entry), entry.due - now);
      return;
    }
    this.#armed.delete(key);
    entry.callback();
  }
}
