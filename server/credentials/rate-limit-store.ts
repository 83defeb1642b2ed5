import type {BucketPolicy} from './token-bucket.js';

/** Gives back a slot taken with `acquire`. Never throws. */
export type ReleaseSlot = () => Promise<void>;

/**
 * Where the handler's rate limits keep their counts. In memory they are per process; a store
 * shared by the instances (Redis) makes them hold across all of them.
 */
export interface RateLimitStore {
  /** Takes one token from bucket `key` (a full bucket when unknown). */
  take(key: string, policy: BucketPolicy, now: number): Promise<{allowed: boolean; retryAfterMs: number}>;
  /**
   * Takes one of `limit` slots named `key` for at most `leaseMs` (a crashed holder's slot comes back
   * then); null when all are taken.
   */
  acquire(key: string, limit: number, leaseMs: number, now: number): Promise<ReleaseSlot | null>;
}
