// Transcript reducer throughput (Node): a 100,000-event single-session log with ~30% duplicates and
// local reordering (test/helpers/node/protocol-bench-log.ts), reduced
//   - "batched": in frames of 100 events (a history replay, a busy socket);
//   - "live":    one event per action (one socket frame each);
//   - "colliding": batched again, the same log with ids that differ only in the middle
//     (`evt_00000001_<one session uuid>`, bench/ids.mjs), the shape issue 13 names.
// Messages are read once at the end of each run (their cost per read is incremental; see
// transcript-store.ts collectMessages).
// Prints one JSON line: {batchedEventsPerSec: [...runs], liveEventsPerSec: [...runs], ...}.
// Run through bench/run.mjs (node --import tsx bench/node/reducer.bench.ts [runs]).
import {buildBenchLog} from '../../test/helpers/node/protocol-bench-log.js';
import {createTranscript, reduceTranscript} from '../../src/protocol/transcript.js';
import type {ServerEvent} from '../../src/protocol/wire.js';
import {idMaker} from '../ids.mjs';

const runs = Number(process.argv[2] ?? 7);
const size = Number(process.argv[3] ?? 100_000);
// Event ids as the wire gives them (flat strings from JSON.parse), not the generator's concatenations.
const events: ServerEvent[] = buildBenchLog(size, 42).events.map((event) => ({
  ...event,
  id: JSON.parse(JSON.stringify(event.id)) as string,
}));

/** The log with every event id and message id renamed to the colliding shape (a duplicate keeps its twin's id). */
function withCollidingIds(log: readonly ServerEvent[]): ServerEvent[] {
  const make = idMaker('colliding', 'bench') as {event: (n: number) => string; message: (n: number) => string};
  const renamed = new Map<string, string>();
  const rename = (id: string, of: (n: number) => string): string => {
    let name = renamed.get(id);
    if (name === undefined) renamed.set(id, (name = of(renamed.size + 1)));
    return JSON.parse(JSON.stringify(name)) as string;
  };
  return log.map((event) => {
    const copy = {...event, id: rename(event.id, make.event)} as ServerEvent & {messageId?: string};
    if (typeof copy.messageId === 'string') copy.messageId = rename(copy.messageId, make.message);
    return copy;
  });
}

const gc = (globalThis as {gc?: () => void}).gc;

/** Frames of `frame` events; the transcript's messages are read at the end (as after a replay). */
function batched(frame: number, log: readonly ServerEvent[] = events): {ms: number; cpuMs: number; messages: number} {
  gc?.(); // each run starts from a clean heap: no garbage of the previous run is collected on its clock
  const start = performance.now();
  const cpu = process.cpuUsage();
  let state = createTranscript({sessionId: 'bench'});
  for (let i = 0; i < log.length; i += frame) {
    state = reduceTranscript(state, {type: 'server', events: log.slice(i, i + frame), now: i});
  }
  const messages = state.messages.length;
  return {ms: performance.now() - start, cpuMs: cpuMs(cpu), messages};
}

/** CPU time of this process since `since` (all its threads: GC helpers count against us). */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** One event per action, as live socket frames arrive one by one. */
function live(): {ms: number; cpuMs: number; messages: number} {
  gc?.();
  const start = performance.now();
  const cpu = process.cpuUsage();
  let state = createTranscript({sessionId: 'bench'});
  for (let i = 0; i < events.length; i++) {
    state = reduceTranscript(state, {type: 'server', events: [events[i] as ServerEvent], now: i});
  }
  const messages = state.messages.length;
  return {ms: performance.now() - start, cpuMs: cpuMs(cpu), messages};
}

// Warm-up (JIT), then interleaved measured runs.
for (let i = 0; i < 3; i++) {
  batched(100);
  live();
}
const batchedRates: number[] = [];
const liveRates: number[] = [];
const batchedCpuRates: number[] = [];
const liveCpuRates: number[] = [];
let messages = 0;
for (let r = 0; r < runs; r++) {
  const b = batched(100);
  batchedRates.push(Math.round(events.length / (b.ms / 1000)));
  batchedCpuRates.push(Math.round(events.length / (b.cpuMs / 1000)));
  const l = live();
  liveRates.push(Math.round(events.length / (l.ms / 1000)));
  liveCpuRates.push(Math.round(events.length / (l.cpuMs / 1000)));
  messages = b.messages;
}
// Colliding ids only now: a second log alive during the runs above would change their heap.
const colliding = withCollidingIds(events);
batched(100, colliding);
const collidingRates: number[] = [];
const collidingCpuRates: number[] = [];
for (let r = 0; r < runs; r++) {
  const c = batched(100, colliding);
  collidingRates.push(Math.round(events.length / (c.ms / 1000)));
  collidingCpuRates.push(Math.round(events.length / (c.cpuMs / 1000)));
}
console.log(
  JSON.stringify({
    events: events.length,
    messages,
    batchedEventsPerSec: batchedRates,
    liveEventsPerSec: liveRates,
    // Per CPU-second: what the code costs, whatever else the machine runs meanwhile.
    batchedEventsPerCpuSec: batchedCpuRates,
    liveEventsPerCpuSec: liveCpuRates,
    collidingEventsPerSec: collidingRates,
    collidingEventsPerCpuSec: collidingCpuRates,
  })
);
