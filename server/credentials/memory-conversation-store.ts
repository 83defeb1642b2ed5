import type {ConversationStore, StoredConversation} from './conversation-store.js';

export interface MemoryConversationStoreOptions {
  /** Clock, epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Upper bound on entries; the least recently used (read or written) is dropped first. Default 10 000. */
  maxEntries?: number;
}

interface Entry {
  value: StoredConversation;
  deadline: number;
}

/**
 * The default `ConversationStore`: a Map in this process's memory. Entries disappear at the
 * `ttlMs` given to `set`. Good for one process; conversations are lost on restart and not shared
 * between processes (a reload then simply starts a new conversation).
 *
 * Bounded: past `maxEntries` the least recently used entry goes, so a flood of new visitors evicts
 * idle conversations before the ones still being resumed.
 */
export class MemoryConversationStore implements ConversationStore {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;
  readonly #maxEntries: number;

  constructor(options: MemoryConversationStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#maxEntries = Math.max(1, options.maxEntries ?? 10_000);
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): StoredConversation | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    if (entry.deadline <= this.#now()) return undefined;
    // Re-inserted so Map order stays "least recently used first", which the cap relies on.
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: StoredConversation, ttlMs: number): void {
    // Delete first so Map order stays "least recently used first", which the sweep and the cap rely on.
    this.#entries.delete(key);
    if (!(ttlMs > 0)) return;
    this.#entries.set(key, {value, deadline: this.#now() + ttlMs});
    this.#sweep();
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /**
   * Drops expired entries from the least recently used end, then enforces the cap; amortised O(1),
   * no timers. An expired entry behind a live one waits for its read or its turn at the cap.
   */
  #sweep(): void {
    const now = this.#now();
    for (const [key, entry] of this.#entries) {
      if (entry.deadline > now) break;
      this.#entries.delete(key);
    }
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries) break;
      this.#entries.delete(key);
    }
  }
}
