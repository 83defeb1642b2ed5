/** A token bucket: holds up to `capacity` tokens, refilled continuously at `refillPerMs`. */
export interface BucketPolicy {
  capacity: number;
  refillPerMs: number;
}

export interface BucketState {
  tokens: number;
  updatedAt: number;
}

export interface BucketDecision {
  state: BucketState;
  allowed: boolean;
  /** When refused: how long until one token is back. */
  retryAfterMs: number;
}

/** `perMinute` requests a minute, in bursts of up to as many. */
export function perMinute(count: number): BucketPolicy {
  return {capacity: count, refillPerMs: count / 60_000};
}

/** Takes one token at `now` if there is one. Pure: a missing state is a full bucket. */
export function takeToken(state: BucketState | undefined, policy: BucketPolicy, now: number): BucketDecision {
  const elapsed = state === undefined ? 0 : Math.max(0, now - state.updatedAt);
  const tokens = state === undefined ? policy.capacity : Math.min(policy.capacity, state.tokens + elapsed * policy.refillPerMs);
  if (tokens >= 1) return {state: {tokens: tokens - 1, updatedAt: now}, allowed: true, retryAfterMs: 0};
  return {state: {tokens, updatedAt: now}, allowed: false, retryAfterMs: Math.ceil((1 - tokens) / policy.refillPerMs)};
}

/** How long until a bucket in `state` is full again: after that, forgetting it changes nothing. */
export function msUntilFull(state: BucketState, policy: BucketPolicy): number {
  return Math.ceil((policy.capacity - state.tokens) / policy.refillPerMs);
}
