// Fuzz: 100,000+ random and mutated frames through decodeFrame and the reducer. No exception
// escapes, the state stays valid, and valid events applied afterwards still show up correctly.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {decodeFrame} from '../../src/protocol/decode-frame.js';
import {createTranscript, reduceTranscript} from '../../src/protocol/transcript.js';
import type {TranscriptAction, TranscriptState} from '../../src/protocol/transcript-types.js';
import {seedKnob} from '../helpers/env-knobs.js';
import {createRng} from '../helpers/node/protocol-prng.js';
import {generateLog} from '../helpers/node/protocol-log.js';
import {fuzzFrame} from '../helpers/node/protocol-fuzz.js';
import {decodeAll} from '../helpers/node/protocol-wire.js';
import type {RawEvent} from '../helpers/node/protocol-wire.js';
import {assertValidState, summary} from '../helpers/node/protocol-transcript.js';

const FRAMES = 100_000;

function validPool(seed: number): RawEvent[] {
  const rng = createRng(seed);
  const pool: RawEvent[] = [];
  for (let i = 0; i < 20; i++) pool.push(...generateLog(rng, {tag: `fz${i}`, handoff: i % 2 === 0, end: i % 3 === 0}).events);
  return pool;
}

describe('fuzz: decodeFrame + reducer', () => {
  it(`survives ${FRAMES} hostile frames and still applies valid events afterwards`, (t) => {
    const seed = seedKnob('FUZZ_SEED', process.env['FUZZ_SEED'], 20260521); // FUZZ_SEED=n to explore other runs
    const rng = createRng(seed);
    const pool = validPool(seed);
    let state: TranscriptState = createTranscript();
    const counts = {ok: 0, failed: 0, events: 0, dropped: 0, ignored: 0};
    for (let i = 0; i < FRAMES; i++) {
      const frame = fuzzFrame(rng, pool);
      let result;
      try {
        result = decodeFrame(frame, {maxBytes: 1_000_000});
      } catch (error) {
        throw new Error(`decodeFrame threw at frame ${i} (seed ${seed}): ${String(error)}`);
      }
      if (!result.ok) {
        counts.failed++;
        assert.equal(typeof result.problem.code, 'string');
      } else {
        counts.ok++;
        counts.events += result.events.length;
        counts.dropped += result.dropped.length;
        counts.ignored += result.ignored.length;
        state = reduceTranscript(state, {type: 'server', events: result.events, now: i});
      }
      if (rng.chance(0.01)) {
        const local: TranscriptAction = rng.pick<TranscriptAction>([
          {type: 'local-send', clientEventId: `fz-c${rng.int(0, 30)}`, text: rng.pick(['fz message 1', 'hi', '']), now: i},
          {type: 'local-failed', clientEventId: `fz-c${rng.int(0, 30)}`},
          {type: 'local-retry', clientEventId: `fz-c${rng.int(0, 30)}`},
          {type: 'notice', key: 'k', text: 't', level: 'info', now: i},
          {type: 'tick', now: i},
        ]);
        state = reduceTranscript(state, local);
      }
      if (i % 10_000 === 9_999) assertValidState(state);
    }
    assertValidState(state);
    // Every class of outcome happened.
    assert.ok(counts.ok > 10_000 && counts.failed > 10_000 && counts.events > 10_000 && counts.dropped > 100 && counts.ignored > 100, JSON.stringify(counts));
    t.diagnostic(`frames ${FRAMES}: ${JSON.stringify(counts)}; ${state.messages.length} messages`);

    // Later valid events (higher sequences, fresh ids) still apply exactly as on a fresh transcript.
    const log = generateLog(createRng(7), {tag: 'after', handoff: true, end: false});
    const offset = state.lastSequence + 1;
    const shifted = log.events.map((event) =>
      typeof event['sequence'] === 'number' ? {...event, sequence: (event['sequence'] as number) + offset} : event,
    );
    const events = decodeAll(shifted);
    const after = reduceTranscript(state, {type: 'server', events, now: FRAMES + 1});
    assertValidState(after);
    const fresh = reduceTranscript(createTranscript(), {type: 'server', events, now: FRAMES + 1});
    const tail = (s: TranscriptState): string[] => summary({...s, messages: s.messages.filter((m) => m.id.includes('after'))});
    assert.ok(tail(fresh).length > 0);
    // The fresh reference is itself what the log generator says the log shows, not only what the
    // reducer makes of it (notices the client writes itself left out).
    const said = (messages: ReadonlyArray<{role: string; text: string}>): string[] => messages.map((m) => `${m.role}:${m.text}`);
    assert.deepEqual(said(fresh.messages.filter((m) => m.noticeKey === undefined)), said(log.expected.messages));
    assert.deepEqual(tail(after), tail(fresh));

    // And a new session on top starts clean.
    const next = reduceTranscript(reduceTranscript(after, {type: 'new-session', sessionId: 'fresh'}), {type: 'server', events: decodeAll(log.events), now: 0});
    assert.equal(next.joined, true);
    // (The fuzz's own unconfirmed sends moved to the new session's end, by design: skip them.)
    const settled = next.messages.filter((m) => m.delivery === undefined || m.delivery === 'sent');
    assert.deepEqual(summary({...next, messages: settled.slice(-fresh.messages.length)}), summary(fresh));
  });
});
