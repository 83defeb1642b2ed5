// server.events (a frame's events in one step) against the one-by-one server.event it stands for:
// in every fixture state, for frames that only move the cursor, that change the handoff, that end
// the session or lose it midway, the state and the effects are the same.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {Effect} from '../../src/machine/effect.js';
import type {MachineEvent} from '../../src/machine/event.js';
import type {State} from '../../src/machine/state.js';
import {transition} from '../../src/machine/transition.js';
import type {ServerEvent, ServerEventBody} from '../../src/protocol/wire.js';
import {FIXTURE_NAMES, fixture} from './fixtures.js';
import {agentMessage, serverEvent} from './harness.js';

const user: ServerEventBody = {type: 'EVENT_TYPE_USER_MESSAGE', text: 'Hi', messageId: 'u'};
const end: ServerEventBody = {type: 'EVENT_TYPE_SESSION_END', reason: 'REASON_NATURAL_END'};
const lost: ServerEventBody = {type: 'EVENT_TYPE_SYSTEM_MESSAGE', level: 'error', message: 'Error: Session not found'};
const left: ServerEventBody = {type: 'EVENT_TYPE_LIVE_AGENT_LEFT'};
const handoff: ServerEventBody = {type: 'EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF'};
const joined: ServerEventBody = {type: 'EVENT_TYPE_POLY_AGENT_JOINED'};

/** Frames as [body, sequence] lists. */
const FRAMES: ReadonlyArray<ReadonlyArray<readonly [ServerEventBody, number | null]>> = [
  [],
  [[user, 5]],
  [[user, 5], [agentMessage('a'), 6], [user, 4], [agentMessage('b'), null]],
  [[user, 30], [handoff, 31], [agentMessage('c'), 32], [left, 33], [agentMessage('d'), 34], [user, 35]],
  [[user, 40], [joined, 41], [user, 42]],
  [[user, 50], [end, 51], [user, 52]],
  [[user, 60], [lost, 61], [user, 62], [end, 63]],
  [[agentMessage('e'), 70], [lost, null], [user, 71]],
];

function oneByOne(state: State, events: readonly ServerEvent[], replayed: boolean, at: number): [State, Effect[]] {
  const effects: Effect[] = [];
  let current = state;
  for (const event of events) {
    const single: MachineEvent = {type: 'server.event', epoch: state.epoch, event, replayed, at, jitter: 0.5};
    const result = transition(current, single);
    current = result.state;
    effects.push(...result.effects);
  }
  return [current, effects];
}

describe('server.events', () => {
  for (const name of FIXTURE_NAMES) {
    for (const replayed of [false, true]) {
      it(`folds a frame like one server.event each, from ${name}${replayed ? ', replayed' : ''}`, () => {
        for (const frame of FRAMES) {
          const h = fixture(name);
          const events = frame.map(([body, sequence]) => serverEvent(body, sequence));
          const [expected, expectedEffects] = oneByOne(h.state, events, replayed, h.now);
          const batch: MachineEvent = {type: 'server.events', epoch: h.state.epoch, events, replayed, at: h.now, jitter: 0.5};
          const {state, effects} = transition(h.state, batch);
          assert.deepEqual(state, expected);
          assert.deepEqual([...effects], expectedEffects);
        }
      });
    }
  }

  it('ignores a stale epoch', () => {
    const h = fixture('live');
    const batch: MachineEvent = {
      type: 'server.events',
      epoch: h.state.epoch - 1,
      events: [serverEvent(end, 9)],
      replayed: false,
      at: h.now,
      jitter: 0.5,
    };
    const {state, effects} = transition(h.state, batch);
    assert.equal(state, h.state);
    assert.equal(effects.length, 0);
  });
});
