// Property: any shuffle, duplication and batching of a valid event log (with the user's own sends
// interleaved) gives the transcript the log generator says it must (test/helpers/node/protocol-log.ts
// writes the expected messages and facts while it makes the log: the oracle is not the reducer), and
// the same state as applying it in order. 400 seeds; a failure names its seed.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {createTranscript, reduceTranscript} from '../../src/protocol/transcript.js';
import type {TranscriptAction, TranscriptState} from '../../src/protocol/transcript-types.js';
import type {ServerEvent} from '../../src/protocol/wire.js';
import {countKnob} from '../helpers/env-knobs.js';
import {createRng} from '../helpers/node/protocol-prng.js';
import type {Rng} from '../helpers/node/protocol-prng.js';
import {generateLog} from '../helpers/node/protocol-log.js';
import type {ExpectedOutcome, GeneratedLog} from '../helpers/node/protocol-log.js';
import {decodeAll} from '../helpers/node/protocol-wire.js';
import {assertValidState, observe} from '../helpers/node/protocol-transcript.js';

const SEEDS = countKnob('PROPERTY_SEEDS', process.env['PROPERTY_SEEDS'], 400); // PROPERTY_SEEDS=n for a longer run

function sendOf(local: GeneratedLog['locals'][number], now: number): TranscriptAction {
  return {type: 'local-send', clientEventId: local.clientEventId, text: local.text, now};
}

/** The send went out on the socket: from then on an echo without metadata may be its own. */
function transmittedOf(local: GeneratedLog['locals'][number]): TranscriptAction {
  return {type: 'local-transmitted', clientEventId: local.clientEventId};
}

/** The reference: each local send right before its echo, one action per event, every step observed. */
function applyInOrder(log: GeneratedLog, events: readonly ServerEvent[]): TranscriptState {
  let state = createTranscript();
  const sendsAt = new Map(log.locals.map((local) => [local.echoIndex, local]));
  events.forEach((event, index) => {
    const local = sendsAt.get(index);
    if (local !== undefined) state = observe(observe(state, sendOf(local, index)), transmittedOf(local));
    state = observe(state, {type: 'server', events: [event], now: index});
  });
  return state;
}

/**
 * Shuffled, ~30% duplicated, random batches; sends with metadata land anywhere (even after their
 * echo). Messages are read only now and then, so lazy and observed rendering are compared too.
 */
function applyScrambled(rng: Rng, log: GeneratedLog, events: readonly ServerEvent[]): TranscriptState {
  const actions: TranscriptAction[] = [];
  const pool: ServerEvent[] = [...events];
  for (const event of events) if (rng.chance(0.3)) pool.push(event);
  rng.shuffle(pool);
  let now = 0;
  for (let i = 0; i < pool.length; ) {
    const size = rng.int(1, 12);
    actions.push({type: 'server', events: pool.slice(i, i + size), now: ++now});
    i += size;
  }
  // Text-matched sends must precede their echo (nothing else can identify them); the rest go anywhere.
  const early: TranscriptAction[] = [];
  for (const local of log.locals) {
    if (!local.withMetadata) early.push(sendOf(local, 0), transmittedOf(local));
    else actions.splice(rng.int(0, actions.length), 0, sendOf(local, 0), transmittedOf(local));
  }
  let state = createTranscript();
  for (const action of [...early, ...actions]) state = rng.chance(0.2) ? observe(state, action) : reduceTranscript(state, action);
  return state;
}

/**
 * The state read as the generator's ExpectedOutcome (endReason only where the generator states one).
 * Notices the client writes itself (noticeKey: handoff progress and the like, UI strings tested in
 * transcript.node.test.ts) are not server content and are left out.
 */
function outcome(state: TranscriptState, expected: ExpectedOutcome): ExpectedOutcome {
  for (const message of state.messages) {
    assert.equal(message.complete, true, `${message.id} incomplete`);
    if (message.role === 'user') assert.equal(message.delivery, 'sent', `${message.id} not confirmed`);
  }
  return {
    messages: state.messages.filter((message) => message.noticeKey === undefined).map((message) => ({role: message.role, text: message.text, suggestions: message.suggestions, attachments: message.attachments.length})),
    lastSequence: state.lastSequence,
    language: state.language,
    handoff: state.handoff.phase as ExpectedOutcome['handoff'],
    endReason: expected.endReason === undefined ? undefined : state.endReason,
  };
}

function comparable(state: TranscriptState): Record<string, unknown> {
  const {typing: _typing, ...rest} = state;
  return rest;
}

describe('transcript property: order independence', () => {
  it(`shuffled + duplicated + batched logs give the in-order transcript (${SEEDS} seeds)`, () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      try {
        const rng = createRng(seed);
        const log = generateLog(rng, {tag: `s${seed}`});
        const events = decodeAll(log.events);
        const reference = applyInOrder(log, events);
        assertValidState(reference);
        assert.deepStrictEqual(outcome(reference, log.expected), log.expected, 'in order');
        for (let variant = 0; variant < 2; variant++) {
          const scrambled = applyScrambled(rng, log, events);
          assert.deepStrictEqual(outcome(scrambled, log.expected), log.expected, `scrambled #${variant}`);
          // Beyond what the generator states (ids, timestamps, authors, capabilities…): as in order.
          assert.deepStrictEqual(comparable(scrambled), comparable(reference));
        }
        // The same log replayed whole on top (a reconnect with cursor=0) changes nothing.
        assert.equal(reduceTranscript(reference, {type: 'server', events, now: 1e6}).messages, reference.messages);
      } catch (error) {
        throw new Error(`property failed for seed ${seed}: ${(error as Error).message}`, {cause: error});
      }
    }
  });

  it('reference transcripts look right (streams complete, no pending sends, authors set)', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const rng = createRng(seed);
      const log = generateLog(rng, {tag: `p${seed}`});
      const state = applyInOrder(log, decodeAll(log.events));
      for (const msg of state.messages) {
        assert.equal(msg.complete, true, `seed ${seed}: ${msg.id} incomplete`);
        if (msg.role === 'user') assert.equal(msg.delivery, 'sent', `seed ${seed}`);
        if (msg.role === 'agent') assert.equal(msg.author, 'Poly', `seed ${seed}`);
        if (msg.role === 'live-agent') assert.equal(msg.author, 'Priya', `seed ${seed}`);
      }
      assert.equal(state.messages.filter((m) => m.role === 'user').length, log.events.filter((e) => e['type'] === 'EVENT_TYPE_USER_MESSAGE').length);
    }
  });
});

describe('transcript property: idempotence and purity', () => {
  it('reduce(reduce(s, a), a) === reduce(s, a) at random points of random logs', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const rng = createRng(seed * 7919);
      const log = generateLog(rng, {tag: `i${seed}`});
      const events = decodeAll(log.events);
      let state = createTranscript();
      for (let i = 0; i < events.length; ) {
        const size = rng.int(1, 5);
        const action: TranscriptAction = {type: 'server', events: events.slice(i, i + size), now: i};
        const once = reduceTranscript(state, action);
        assert.equal(reduceTranscript(once, action), once, `seed ${seed} at ${i}`);
        // A random earlier event again is a pure duplicate.
        const again = events[rng.int(0, Math.min(i + size, events.length) - 1)] as ServerEvent;
        if (again.type !== 'EVENT_TYPE_HEARTBEAT') assert.equal(reduceTranscript(once, {type: 'server', events: [again], now: i}), once, `seed ${seed} dup at ${i}`);
        state = once;
        i += size;
      }
    }
  });

  it('branching from intermediate states matches fresh runs of the same prefix', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rng = createRng(seed * 104729);
      const events = decodeAll(generateLog(rng, {tag: `b${seed}`}).events);
      const states: TranscriptState[] = [createTranscript()];
      for (const event of events) states.push(reduceTranscript(states[states.length - 1] as TranscriptState, {type: 'server', events: [event], now: 0}));
      const cut = rng.int(0, events.length - 1);
      const tail = events.slice(cut);
      const branched = reduceTranscript(states[cut] as TranscriptState, {type: 'server', events: [...tail].reverse(), now: 0});
      assert.deepStrictEqual(comparable(branched), comparable(states[events.length] as TranscriptState), `seed ${seed}`);
      // The branch point itself still shows its own prefix.
      const fresh = reduceTranscript(createTranscript(), {type: 'server', events: events.slice(0, cut), now: 0});
      assert.deepStrictEqual((states[cut] as TranscriptState).messages, fresh.messages, `seed ${seed}`);
    }
  });
});
