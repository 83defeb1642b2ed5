// The transcript's messages are collected incrementally (transcript-store.ts collectMessages keeps
// the slots before the first structural change). Whatever is read when, the result must equal a
// full rebuild: reading after every action of shuffled, duplicated logs gives, at every step, what a
// transcript reduced to that point without any earlier read gives.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {createTranscript, reduceTranscript} from '../../src/protocol/transcript.js';
import type {TranscriptAction, TranscriptState} from '../../src/protocol/transcript-types.js';
import type {ServerEvent} from '../../src/protocol/wire.js';
import {buildBenchLog} from '../helpers/node/protocol-bench-log.js';
import {createRng} from '../helpers/node/protocol-prng.js';

function reduceAll(actions: readonly TranscriptAction[]): TranscriptState {
  let state = createTranscript({sessionId: 's'});
  for (const action of actions) state = reduceTranscript(state, action);
  return state;
}

describe('incremental message collection', () => {
  it('reading messages after every action equals a fresh reduction at every step (40 seeds)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rng = createRng(seed);
      const {events} = buildBenchLog(300, seed);
      const actions: TranscriptAction[] = [];
      for (let i = 0; i < events.length; ) {
        const size = rng.int(1, 8);
        actions.push({
          type: 'server',
          events: events.slice(i, i + size) as ServerEvent[],
          now: i,
        });
        i += size;
        // Local sends and failures in between: moves and in-place changes.
        if (rng.chance(0.1))
          actions.push({
            type: 'local-send',
            clientEventId: `l${seed}-${i}`,
            text: `local ${i}`,
            now: i,
          });
        if (rng.chance(0.05))
          actions.push({
            type: 'local-failed',
            clientEventId: `l${seed}-${i}`,
          });
      }
      let state = createTranscript({sessionId: 's'});
      for (let step = 0; step < actions.length; step++) {
        state = reduceTranscript(state, actions[step] as TranscriptAction);
        const expected = reduceAll(actions.slice(0, step + 1)).messages;
        assert.deepEqual(state.messages, expected, `seed ${seed}, step ${step}`);
      }
    }
  });

  it('gives a new array when anything changed and keeps unchanged message objects', () => {
    const {events} = buildBenchLog(400, 7);
    let state = reduceTranscript(createTranscript({sessionId: 's'}), {
      type: 'server',
      events: events.slice(0, 350) as ServerEvent[],
      now: 0,
    });
    const before = state.messages;
    state = reduceTranscript(state, {
      type: 'local-send',
      clientEventId: 'x',
      text: 'appended',
      now: 1,
    });
    const after = state.messages;
    assert.notEqual(after, before);
    assert.equal(after.length, before.length + 1);
    for (let i = 0; i < before.length; i++) assert.equal(after[i], before[i], `message ${i} was rebuilt`);
    assert.equal(after.at(-1)?.text, 'appended');
  });
});
