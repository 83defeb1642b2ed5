// Ordering of the transcript. Every item has a position (segment, pos, sub):
// - an event with a sequence s sits at (segment, s, 0);
// - a transient event (sequence null) or a client notice sits at (segment, A, n) where A is the
//   session's highest sequence when it arrived and n an arrival counter: after everything it
//   followed, before anything newer, and never moved by late history;
// - an unconfirmed local message sits at (segment, +Infinity, n): the end, in send order.
// Ties (never expected) fall back to the id, so the order is total and deterministic.

/** A place in one segment; also the "latest wins" clock of state fields. */
export interface Key {
  readonly pos: number;
  readonly sub: number;
}

export interface Positioned {
  readonly id: string;
  seg: number;
  pos: number;
  sub: number;
}

export function compareKeys(a: Key, b: Key): number {
  if (a.pos !== b.pos) return a.pos < b.pos ? -1 : 1;
  if (a.sub !== b.sub) return a.sub < b.sub ? -1 : 1;
  return 0;
}

/** a is strictly later than b (null = never seen, so anything is later). */
export function isLater(a: Key, b: Key | null): boolean {
  return b === null || compareKeys(a, b) > 0;
}

export function comparePositions(a: Positioned, b: Positioned): number {
  if (a.seg !== b.seg) return a.seg < b.seg ? -1 : 1;
  if (a.pos !== b.pos) return a.pos < b.pos ? -1 : 1;
  if (a.sub !== b.sub) return a.sub < b.sub ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * First index whose item sorts after `item`. Late items usually land a few places from the end
 * (local reordering), so the search gallops back from the end before bisecting: O(log distance),
 * touching only the recent, cached end of a long transcript.
 */
function upperBound<T extends Positioned>(list: readonly T[], item: Positioned): number {
  let hi = list.length;
  let step = 1;
  let lo = hi - step;
  while (lo > 0 && comparePositions(list[lo] as T, item) > 0) {
    hi = lo;
    step *= 2;
    lo = hi - step;
  }
  if (lo < 0) lo = 0;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (comparePositions(list[mid] as T, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts in order and returns the index; appending (the common case: history arrives in order) is O(1). */
export function insertSorted<T extends Positioned>(list: T[], item: T): number {
  const last = list[list.length - 1];
  if (last === undefined || comparePositions(last, item) <= 0) {
    list.push(item);
    return list.length - 1;
  }
  const index = upperBound(list, item);
  // Shifted by hand: a late item lands a few places from the end, and splice would allocate the
  // array of removed items on every call.
  list.push(item);
  for (let i = list.length - 1; i > index; i--) list[i] = list[i - 1] as T;
  list[index] = item;
  return index;
}

/** Index of this very item (by its current position), or -1. */
export function indexOfSorted<T extends Positioned>(list: readonly T[], item: T): number {
  const last = list.length - 1;
  if (list[last] === item) return last;
  const index = upperBound(list, item) - 1;
  return index >= 0 && list[index] === item ? index : list.indexOf(item);
}

/** Removes this very item; returns the index it had, or -1. */
export function removeSorted<T extends Positioned>(list: T[], item: T): number {
  const index = indexOfSorted(list, item);
  if (index >= 0) list.splice(index, 1);
  return index;
}
