// A large single-session event log for reducer benchmarks: one long conversation (streamed and
// whole replies, echoes, transients, a handoff, the end) with ~30% duplicates and local reordering
// (windows of up to 16 events shuffled, like overlapping replay and live delivery).
import {createRng} from './protocol-prng.js';
import {generateLog} from './protocol-log.js';
import {decodeAll} from './protocol-wire.js';
import type {ServerEvent} from '../../../src/protocol/wire.js';

export interface BenchLog {
  /** Delivered order: duplicated and locally shuffled. */
  readonly events: readonly ServerEvent[];
  /** The delivered events once each, in server order. */
  readonly inOrder: readonly ServerEvent[];
}

export function buildBenchLog(size = 100_000, seed = 42): BenchLog {
  const rng = createRng(seed);
  // ~4.5 events per turn with this generator; 30% duplicates come on top. Trimmed to `size` below.
  const turns = Math.ceil(size / 1.3 / 4.4);
  const inOrder = decodeAll(generateLog(rng, {tag: 'bench', minTurns: turns, maxTurns: turns, handoff: true, end: true}).events);
  const delivered: ServerEvent[] = [];
  for (const event of inOrder) {
    delivered.push(event);
    if (rng.chance(0.3)) delivered.push(event);
  }
  for (let start = 0; start < delivered.length; start += 16) {
    const window = delivered.slice(start, start + 16);
    rng.shuffle(window);
    delivered.splice(start, window.length, ...window);
  }
  const events = delivered.slice(0, size);
  const kept = new Set(events);
  return {events, inOrder: inOrder.filter((event) => kept.has(event))};
}

/** A consolidated history of `messages` user/agent messages, as one replay batch would carry it. */
export function buildHistory(messages = 5000): readonly ServerEvent[] {
  const rng = createRng(messages);
  const log = generateLog(rng, {tag: 'hist', minTurns: Math.ceil(messages / 2), maxTurns: Math.ceil(messages / 2), handoff: false, end: false});
  return decodeAll(log.events).filter((event) => event.sequence !== null);
}
