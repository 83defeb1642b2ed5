// Where a reconnect resumes (protocol §3.1 `cursor`). Not simply the highest sequence seen: events
// can arrive out of order (§10.7), and when a drop cuts a reordered stream between two events, the
// lower one never arrived; a cursor above it would skip it forever. So the cursor is the highest
// sequence below which nothing is missing. A hole is a loss until a replay (which the server sends
// in sequence order, §3.4) runs past it without filling it: then it is a gap in the numbering
// (sequences need not be gap-free, §4.2) and no longer holds the cursor back. Pure.

export interface ResumePoint {
  /** Every sequence up to here was seen, or is known not to exist. */
  readonly floor: number;
  /** Sequences seen above a hole (floor + 1 is missing), ascending. */
  readonly above: readonly number[];
}

export const START_POINT: ResumePoint = Object.freeze({floor: 0, above: Object.freeze([]) as readonly number[]});

function absorb(floor: number, above: readonly number[]): ResumePoint {
  let next = floor;
  let index = 0;
  while (index < above.length && (above[index] as number) <= next + 1) next = Math.max(next, above[index++] as number);
  return {floor: next, above: index === 0 ? above : above.slice(index)};
}

/** A sequenced event arrived (any socket, replayed or live). */
export function noteSequence(point: ResumePoint, sequence: number): ResumePoint {
  if (!Number.isSafeInteger(sequence) || sequence <= point.floor) return point;
  if (sequence === point.floor + 1) return absorb(sequence, point.above);
  if (point.above.includes(sequence)) return point;
  const above = [...point.above, sequence].sort((a, b) => a - b);
  return {floor: point.floor, above};
}

/**
 * A replay batch ran in order through `top`: holes at or below it that it did not fill are gaps in
 * the server's numbering, not lost events.
 */
export function closeGapsThrough(point: ResumePoint, top: number): ResumePoint {
  if (!Number.isSafeInteger(top) || top <= point.floor) return point;
  return absorb(top, point.above.filter((sequence) => sequence > top));
}

/** The cursor to reconnect with (0 = replay everything). */
export function resumeCursor(point: ResumePoint): number {
  return point.floor;
}
