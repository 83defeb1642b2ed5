// History replay on connect (§3.4): which stored events to send and how to cut them into batches.
// Pure; fault decisions come in through the `draw` function.
import type {WireEvent} from './types.js';

/**
 * Events with sequence > cursor, plus (overlap fault) the `overlap` events at or before it. With
 * cursor > 0 that leaves out SESSION_START (sequence 1): our default answer to Q5.
 * `startOnResume` (sessionStartOnResume variant) puts SESSION_START first in every resumed replay,
 * as the docs' "the first batch always contains SESSION_START" reads literally.
 */
export function selectReplay(history: readonly WireEvent[], cursor: number, overlap: number, startOnResume = false): WireEvent[] {
  const newer = history.filter((event) => (event.sequence ?? 0) > cursor);
  const older = history.filter((event) => (event.sequence ?? 0) <= cursor);
  const replay = overlap <= 0 || cursor <= 0 ? newer : [...older.slice(-overlap), ...newer];
  const start = history.find((event) => event.type === 'EVENT_TYPE_SESSION_START');
  if (!startOnResume || cursor <= 0 || !start || replay.includes(start)) return replay;
  return [start, ...replay];
}

/**
 * Batches of `size` (all in one when size is not positive). Nothing to replay still gives one empty
 * batch: the client learns that the replay is over (our answer to Q5; the noEmptyBatch variant
 * sends nothing instead, in Connection.sendReplay).
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
