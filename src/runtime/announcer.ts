// What is new for the reader: the one owner of the 'message' events (a message added, or a streamed
// one completed). It compares the transcript's messages before and after a change; a big history
// batch is announced in tasks of its own so thousands of DOM events never hold the first render.
import type {PolyChatMessage} from '../protocol/message.js';
import {LazyTimers} from './lazy-timers.js';
import type {RuntimeEnv} from './runtime-env.js';

/**
 * A history batch that adds at least this many messages announces them ANNOUNCE_DELAY_MS later,
 * ANNOUNCE_SLICE per task, instead of inside the frame's task. Order is kept: anything announced
 * later flushes them first.
 */
export const DEFERRED_ANNOUNCE_MIN = 50;
export const ANNOUNCE_DELAY_MS = 50;
export const ANNOUNCE_SLICE = 200;

export class Announcer {
  #deferred: PolyChatMessage[] = [];
  readonly #timers: LazyTimers<'announce'>;

  constructor(
    env: Pick<RuntimeEnv, 'now' | 'setTimeout' | 'clearTimeout'>,
    private readonly emit: (message: PolyChatMessage) => void,
  ) {
    this.#timers = new LazyTimers(env);
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Announces what `after` has that `before` had not (new, or completed since). */
  changed(before: readonly PolyChatMessage[], after: readonly PolyChatMessage[], batch: boolean): void {
    if (after === before) return;
    this.#announce(before.length === 0 ? after : news(before, after), batch);
  }

  dispose(): void {
    this.#timers.clear();
    this.#deferred = [];
  }

  #announce(found: readonly PolyChatMessage[], batch: boolean): void {
    if (batch && found.length >= DEFERRED_ANNOUNCE_MIN) {
      this.#deferred = this.#deferred.concat(found);
      this.#timers.start('announce', ANNOUNCE_DELAY_MS, () => this.#flush(ANNOUNCE_SLICE));
      return;
    }
    if (found.length > 0) this.#flush();
    for (const message of found) this.emit(message);
  }

  /** Emits the deferred announcements: all of them, or `limit` per task (the rest in the next). */
  #flush(limit = Infinity): void {
    this.#timers.cancel('announce');
    const waiting = this.#deferred;
    if (waiting.length === 0) return;
    const now = waiting.length > limit ? waiting.slice(0, limit) : waiting;
    this.#deferred = now === waiting ? [] : waiting.slice(limit);
    if (this.#deferred.length > 0) this.#timers.start('announce', 0, () => this.#flush(limit));
    for (const message of now) this.emit(message);
  }
}

/**
 * Messages of `after` that are new or newly complete. Usually `after` is `before` with a message
 * changed in place or appended: compare slot by slot (identity first, no allocation) and index
 * `before` by id only when the order shifted.
 */
function news(before: readonly PolyChatMessage[], after: readonly PolyChatMessage[]): PolyChatMessage[] {
  const found: PolyChatMessage[] = [];
  let previous: Map<string, PolyChatMessage> | null = null;
  for (let i = 0; i < after.length; i++) {
    const message = after[i] as PolyChatMessage;
    let old = before[i];
    if (old === message) continue;
    if (old === undefined || old.id !== message.id) {
      if (previous === null) {
        previous = new Map();
        for (const known of before) previous.set(known.id, known);
      }
      old = previous.get(message.id);
    }
    if (!old || (!old.complete && message.complete)) found.push(message);
  }
  return found;
}
