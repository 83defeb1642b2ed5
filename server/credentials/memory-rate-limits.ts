import type {RateLimitStore, ReleaseSlot} from './rate-limit-store.js';
import type {BucketPolicy, BucketState} from './token-bucket.js';
import {msUntilFull, takeToken} from './token-bucket.js';

/**
 * Rate limits in this process's memory. Bounded: a bucket that has refilled is the same as no
 * bucket, so those go first, and past `maxBuckets` the least recently used goes.
 */
export class MemoryRateLimits implements RateLimitStore {
  readonly #buckets = new Map<string, {state: BucketState; fullAt: number}>();
  readonly #slots = new Map<string, number>();
  readonly #maxBuckets: number;

  constructor(maxBuckets = 100_000) {
    this.#maxBuckets = maxBuckets;
  }

  get bucketCount(): number {
    return this.#buckets.size;
  }

  async take(key: string, policy: BucketPolicy, now: number): Promise<{allowed: boolean; retryAfterMs: number}> {
    const decision = takeToken(this.#buckets.get(key)?.state, policy, now);
    this.#buckets.delete(key);
    this.#buckets.set(key, {state: decision.state, fullAt: now + msUntilFull(decision.state, policy)});
    this.#sweep(now);
    return {allowed: decision.allowed, retryAfterMs: decision.retryAfterMs};
  }

  // One process cannot crash without losing its slots too, so the lease is not needed here.
  async acquire(key: string, limit: number): Promise<ReleaseSlot | null> {
    const held = this.#slots.get(key) ?? 0;
    if (held >= limit) return null;
    this.#slots.set(key, held + 1);
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      const left = (this.#slots.get(key) ?? 1) - 1;
      if (left > 0) this.#slots.set(key, left);
      else this.#slots.delete(key);
    };
  }

  #sweep(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (bucket.fullAt > now && this.#buckets.size <= this.#maxBuckets) break;
      this.#buckets.delete(key);
    }
  }
}
