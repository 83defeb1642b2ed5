// Exponential backoff with jitter (protocol §10): nominal 1, 2, 4, 8, 16, 30, 30 … seconds,
// each spread by ±20 % so that many clients dropped together do not return together.
import {GROW_FACTOR, JITTER_RATIO, MAX_DELAY_MS, MIN_DELAY_MS} from './policy.js';

/**
 * Delay before retry number `attempt` (1-based) in ms. `jitter` ∈ [0, 1): 0 → −20 %, 0.5 → the
 * nominal delay, → 1 → +20 %. The bounds are the protocol's, jitter included: never under 1 s,
 * never over 30 s (so the first retry spreads over 1–1.2 s and the capped ones over 24–30 s).
 */
export function backoffDelay(attempt: number, jitter: number): number {
  const step = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  const nominal = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * GROW_FACTOR ** (step - 1));
  const draw = Number.isFinite(jitter) ? Math.min(1, Math.max(0, jitter)) : 0.5;
  const spread = Math.round(nominal * (1 + JITTER_RATIO * (2 * draw - 1)));
  return Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, spread));
}
