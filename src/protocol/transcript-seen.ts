// Id tables of a session: the event ids applied (dedup by id, protocol §3.4) and the message ids
// of its replies. A native Map from id to position: the history replay runs as cold code in a
// fresh page, where the engine's own string hash (computed in C++, cached on the string) beats
// hashing the characters in interpreted JavaScript by an order of magnitude.

export interface SeenIds {
  /** The ids, in the order applied. */
  readonly ids: string[];
  /** Each id's position in `ids`. */
  readonly at: Map<string, number>;
}

export function createSeen(): SeenIds {
  return {ids: [], at: new Map()};
}

export function seenNothing(seen: SeenIds): boolean {
  return seen.ids.length === 0;
}

/** Records an event id; false when it was applied before. */
export function firstSight(seen: SeenIds, id: string): boolean {
  if (seen.at.has(id)) return false;
  addId(seen, id);
  return true;
}

/** Position of `id` in `ids`, or -1. */
export function findId(seen: SeenIds, id: string): number {
  return seen.at.get(id) ?? -1;
}

/** Adds an id that is not in the table; returns its position in `ids`. */
export function addId(seen: SeenIds, id: string): number {
  const position = seen.ids.length;
  seen.ids.push(id);
  seen.at.set(id, position);
  return position;
}
