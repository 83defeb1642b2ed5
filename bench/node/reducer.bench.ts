// Transcript reducer throughput (Node): a 100,000-event single-session log with ~30% duplicates and
// local reordering (test/helpers/node/protocol-bench-log.ts), reduced
//   - "batched": in frames of 100 events (a history replay, a busy socket);
//   - "live":    one event per action (one socket frame each).
// Messages are read once at the end of each run (their cost per read is incremental; see
// transcript-store.ts collectMessages).
// Prints one JSON line: {batchedEventsPerSec: [...runs], liveEventsPerSec: [...runs], ...}.
// Run through bench/run.mjs (node --import tsx bench/node/reducer.bench.ts [runs]).
import {buildBenchLog} from '../../test/helpers/node/protocol-bench-log.js';
import {createTranscript, reduceTranscript} from '../../src/protocol/transcript.js';
import type {ServerEvent} from '../../src/protocol/wire.js';

const runs = Number(process.argv[2] ?? 7);
const size = Number(process.argv[3] ?? 100_000);
// Event ids as the wire gives them (flat strings from JSON.parse), not the generator's concatenations.
const events: ServerEvent[] = buildBenchLog(size, 42).events.map((event) => ({
  ...event,
  id: JSON.parse(JSON.stringify(event.id)) as string,
}));

const gc = (globalThis as {gc?: () => void}).gc;

/** Frames of `frame` events; the transcript's messages are read at the end (as after a replay). */
function batched(frame: number): {ms: number; cpuMs: number; messages: number} {
  gc?.(); // each run starts from a clean heap: no garbage of the previous run is collected on its clock
  const start = performance.now();
  const cpu = process.cpuUsage();
  let state = createTranscript({sessionId: 'bench'});
  for (let i = 0; i < events.length; i += frame) {
    state = reduceTranscript(state, {type: 'server', events: events.slice(i, i + frame), now: i});
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
console.log(
  JSON.stringify({
    events: events.length,
    messages,
    batchedEventsPerSec: batchedRates,
    liveEventsPerSec: liveRates,
    // Per CPU-second: what the code costs, whatever else the machine runs meanwhile.
    batchedEventsPerCpuSec: batchedCpuRates,
    liveEventsPerCpuSec: liveCpuRates,
  })
);
