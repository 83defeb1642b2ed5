// History replay on connect (§3.4): which stored events to send and how to cut them into batches.
// Pure; fault decisions come in through the `draw` function.
import type {WireEvent} from './types.js';

/** Events with sequence > cursor, plus (overlap fault) the `overlap` events at or before it. */
export function selectReplay(history: readonly WireEvent[], cursor: number, overlap: number): WireEvent[] {
  const newer = history.filter((event) => (event.sequence ?? 0) > cursor);
  if (overlap <= 0 || cursor <= 0) return newer;
  const older = history.filter((event) => (event.sequence ?? 0) <= cursor);
  return [...older.slice(-overlap), ...newer];
}

/**
 * Batches of `size` (all in one when size is not positive). Nothing to replay still gives one empty
 * batch: the client learns that the replay is over (our answer to Q5).
 */
export function splitBatches<T>(items: readonly T[], size: number | undefined): T[][] {
  if (items.length === 0) return [[]];
  if (!size || size <= 0) return [[...items]];
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

/** Duplicate / swap-with-next faults on a list; `draw()` is uniform in [0, 1). */
export function perturb<T>(items: readonly T[], duplicateRate: number, reorderRate: number, draw: () => number): T[] {
  const result: T[] = [];
  for (const item of items) {
    result.push(item);
    if (duplicateRate > 0 && draw() < duplicateRate) result.push(item);
  }
  if (reorderRate > 0) {
    for (let i = 0; i + 1 < result.length; i++) {
      if (draw() < reorderRate) {
        const a = result[i] as T;
        result[i] = result[i + 1] as T;
        result[i + 1] = a;
        i++;
      }
    }
  }
  return result;
}
