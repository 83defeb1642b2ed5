// What the runtime and the UI read off a state, for every fixture.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {canSend, isConnected, retryInfo, sessionIdOf} from '../../src/machine/selectors.js';
import {FIXTURE_NAMES, fixture} from './fixtures.js';
import type {FixtureName} from './fixtures.js';

// fixture                  connected  canSend  retry  sessionId
const EXPECTED: Record<FixtureName, readonly [boolean, boolean, boolean, string | null]> = {
  idle: [false, false, false, null],
  'connecting:credentials': [false, false, false, null],
  'connecting:session': [false, false, false, null],
  'connecting:socket': [false, false, false, 'session-1'],
  'connecting:history': [false, false, false, 'session-1'],
  'connecting:waiting': [false, false, true, null],
  live: [true, true, false, 'session-1'],
  handoff: [true, true, false, 'session-1'],
  'reconnecting:waiting': [false, false, true, 'session-1'],
  // Re-fetching credentials after a refused socket: the conversation (and its id) is kept.
  'reconnecting:credentials': [false, false, false, 'session-1'],
  // A resumed socket is live at once, but messages wait for its replay (or the grace).
  'live:replay': [false, false, false, 'session-1'],
  ended: [false, false, false, 'session-1'],
  'ended:retryable': [false, false, false, 'session-1'],
};

describe('selectors', () => {
  for (const name of FIXTURE_NAMES) {
    it(`${name}: isConnected, canSend, retryInfo, sessionIdOf`, () => {
      const {state} = fixture(name);
      const [connected, sendable, retrying, sessionId] = EXPECTED[name];
      assert.equal(isConnected(state), connected);
      assert.equal(canSend(state), sendable);
      assert.equal(retryInfo(state) !== null, retrying);
      assert.equal(sessionIdOf(state), sessionId);
    });
  }

  it('retryInfo names the next attempt and when it fires', () => {
    const h = fixture('reconnecting:waiting');
    const retry = h.timers.get('retry');
    assert.deepEqual(retryInfo(h.state), {attempt: 1, at: retry?.due});
  });
});
