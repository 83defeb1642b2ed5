// Id tables of a session: the event ids applied (dedup by id, protocol §3.4) and the message ids
// of its replies. An open-addressing hash table of our own: a Set or Map of a whole session's ids
// costs several cache misses per lookup once it outgrows the cache (the key's hash in its header,
// the bucket, the chain entry, the other key); here a lookup reads a few of the id's characters and one
// slot of a flat Int32Array that holds the hashes (off the JS heap, so the collector never scans
// it). Ids are compared only when hashes match, which for a new id is almost never.

export interface SeenIds {
  /** The ids, in the order applied. */
  readonly ids: string[];
  /** Two ints per slot: the id's hash and 1 + its index in `ids` (0 = empty). */
  table: Int32Array;
  /** Slot count - 1 (a power of two minus one). */
  mask: number;
}

const INITIAL_SLOTS = 1024;
/** How many characters at each end of an id are hashed. */
const EDGE_CHARS = 8;

export function createSeen(): SeenIds {
  return {ids: [], table: new Int32Array(INITIAL_SLOTS * 2), mask: INITIAL_SLOTS - 1};
}

export function seenNothing(seen: SeenIds): boolean {
  return seen.ids.length === 0;
}

/**
 * FNV-1a over the length, the first and the last EDGE_CHARS code units: ids differ at an end
 * (counters, time-ordered or random UUID parts), and a few characters keep hashing cheap even in
 * the cold code of a page's first replay. Equal hashes are settled by comparing the ids, so ids
 * that differ only in the middle cost longer probes, never a wrong answer.
 */
function hashOf(id: string): number {
  const length = id.length;
  let hash = Math.imul(0x811c9dc5 ^ length, 0x01000193);
  const head = Math.min(EDGE_CHARS, length);
  for (let i = 0; i < head; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  for (let i = Math.max(head, length - EDGE_CHARS); i < length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash;
}

/** Records an event id; false when it was applied before. */
export function firstSight(seen: SeenIds, id: string): boolean {
  const hash = hashOf(id);
  const slot = probe(seen, id, hash);
  if (seen.table[slot * 2 + 1] !== 0) return false;
  insert(seen, id, hash, slot);
  return true;
}

/** Position of `id` in `ids`, or -1. */
export function findId(seen: SeenIds, id: string): number {
  const slot = probe(seen, id, hashOf(id));
  return (seen.table[slot * 2 + 1] as number) - 1;
}

/** Adds an id that is not in the table; returns its position in `ids`. */
export function addId(seen: SeenIds, id: string): number {
  const hash = hashOf(id);
  insert(seen, id, hash, probe(seen, id, hash));
  return seen.ids.length - 1;
}

/** The slot holding `id`, or the empty slot where it would go. */
function probe(seen: SeenIds, id: string, hash: number): number {
  const table = seen.table;
  const mask = seen.mask;
  let slot = hash & mask;
  for (let at = table[slot * 2 + 1] as number; at !== 0; at = table[slot * 2 + 1] as number) {
    if (table[slot * 2] === hash && seen.ids[at - 1] === id) return slot;
    slot = (slot + 1) & mask;
  }
  return slot;
}

function insert(seen: SeenIds, id: string, hash: number, slot: number): void {
  seen.ids.push(id);
  seen.table[slot * 2] = hash;
  seen.table[slot * 2 + 1] = seen.ids.length;
  // At most half full, so probes stay short.
  if (seen.ids.length * 2 > seen.mask) grow(seen);
}

function grow(seen: SeenIds): void {
  const old = seen.table;
  const mask = old.length - 1; // twice the slots
  const table = new Int32Array(old.length * 2);
  for (let i = 0; i < old.length; i += 2) {
    const at = old[i + 1] as number;
    if (at === 0) continue;
    const hash = old[i] as number;
    let slot = hash & mask;
    while (table[slot * 2 + 1] !== 0) slot = (slot + 1) & mask;
    table[slot * 2] = hash;
    table[slot * 2 + 1] = at;
  }
  seen.table = table;
  seen.mask = mask;
}
