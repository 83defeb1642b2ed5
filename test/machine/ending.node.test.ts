// How a conversation ends, starts over, or is torn down: user end, server SESSION_END, restart,
// dispose. After an end nothing reconnects; after dispose nothing runs.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {canSend} from '../../src/machine/selectors.js';
import {TIMER_NAMES} from '../../src/machine/timer-name.js';
import {FIXTURE_NAMES, fixture} from './fixtures.js';
import {Harness, NO_FACTS} from './harness.js';

function endedReason(h: Harness): string | null {
  return h.state.status === 'ended' ? h.state.reason : null;
}

/** Everything a world might still throw at a finished machine. */
function poke(h: Harness): void {
  h.dispatch({type: 'socket.closed', epoch: h.epoch, code: 1006, reason: '', wasOpen: true});
  for (const timer of TIMER_NAMES) h.dispatch({type: 'timer.fired', epoch: h.epoch, timer});
  h.dispatch({type: 'network.offline'});
  h.dispatch({type: 'network.online'});
  h.dispatch({type: 'page.shown'});
  h.advance(24 * 3_600_000);
}

describe('user end', () => {
  it('sends USER_END_SESSION, closes on SESSION_END with its reason', () => {
    const h = new Harness();
    h.connect();
    const effects = h.dispatch({type: 'user.ended'});
    assert.equal(effects[0]?.type, 'send.end');
    assert.deepEqual(effects.at(-1), {type: 'timer.start', timer: 'end-grace', delayMs: 3000, epoch: h.epoch});
    assert.deepEqual([...h.timers.keys()], ['end-grace'], 'no heartbeats or recycling while ending');
    assert.equal(canSend(h.state), false);
    assert.deepEqual(h.dispatch({type: 'user.ended'}), [], 'ending twice sends nothing more');

    h.server({type: 'EVENT_TYPE_USER_END_SESSION'}, 10);
    const end = h.server({type: 'EVENT_TYPE_SESSION_END', reason: 'REASON_USER_END'}, 11);
    assert.deepEqual(
      end.filter((effect) => effect.type !== 'timer.cancel'),
      [
        {type: 'socket.close', epoch: h.epoch, code: 1000, reason: 'ended'},
        {type: 'emit.end', reason: 'REASON_USER_END'},
      ],
    );
    assert.equal(endedReason(h), 'REASON_USER_END');
    poke(h);
    assert.equal(h.log.filter((effect) => effect.type === 'socket.open').length, 1);
  });

  it('closes anyway after the 3 s grace when SESSION_END never comes', () => {
    const h = new Harness();
    h.connect();
    h.dispatch({type: 'user.ended'});
    assert.deepEqual(h.advance(2999), []);
    const effects = h.advance(1);
    assert.deepEqual(effects, [
      {type: 'socket.close', epoch: h.epoch, code: 1000, reason: 'ended'},
      {type: 'emit.end', reason: 'REASON_USER_END'},
    ]);
    assert.equal(endedReason(h), 'REASON_USER_END');
    assert.equal(h.state.status === 'ended' && h.state.retryable, false);
  });

  it('a socket that drops while ending ends the chat instead of reconnecting', () => {
    const h = new Harness();
    h.connect();
    h.dispatch({type: 'user.ended'});
    const effects = h.drop(1006);
    assert.deepEqual(effects, [
      {type: 'timer.cancel', timer: 'end-grace'},
      {type: 'emit.end', reason: 'REASON_USER_END'},
    ]);
    poke(h);
    assert.equal(h.log.filter((effect) => effect.type === 'socket.open').length, 1);
  });

  it('without an open socket, ends at once and stops retrying', () => {
    const h = new Harness();
    h.connect();
    h.drop(1006);
    const effects = h.dispatch({type: 'user.ended'});
    assert.deepEqual(effects, [{type: 'timer.cancel', timer: 'retry'}, {type: 'emit.end', reason: 'REASON_USER_END'}]);
    poke(h);
    assert.equal(h.log.filter((effect) => effect.type === 'socket.open').length, 1);
  });

  it('while a socket is still opening: closes it and ends', () => {
    const h = new Harness();
    h.start();
    h.resolveCredentials('s');
    const effects = h.dispatch({type: 'user.ended'});
    assert.equal(effects[0]?.type, 'socket.close');
    assert.equal(endedReason(h), 'REASON_USER_END');
  });
});

describe('server SESSION_END', () => {
  it('closes the socket and ends with the reason; nothing ever reconnects', () => {
    const h = new Harness();
    h.connect();
    const effects = h.server({type: 'EVENT_TYPE_SESSION_END', reason: 'REASON_NATURAL_END'}, 30);
    assert.equal(effects[0]?.type, 'socket.close');
    assert.deepEqual(effects.at(-1), {type: 'emit.end', reason: 'REASON_NATURAL_END'});
    assert.equal(endedReason(h), 'REASON_NATURAL_END');
    poke(h);
    assert.deepEqual(h.dispatch({type: 'user.retryNow'}), [], 'a finished session cannot be retried');
    assert.equal(h.log.filter((effect) => effect.type === 'socket.open').length, 1);
    assert.equal(h.status, 'ended');
  });

  it('keeps unknown and lowercase reasons as they are', () => {
    const h = new Harness();
    h.connect();
    h.server({type: 'EVENT_TYPE_SESSION_END', reason: 'agent_ended'}, 3);
    assert.equal(endedReason(h), 'agent_ended');
  });

  it('a SESSION_END in the replay ends a resumed conversation before it goes live', () => {
    const h = new Harness();
    h.start();
    h.resolveCredentials('old');
    h.open();
    h.server({type: 'EVENT_TYPE_SESSION_END', reason: 'REASON_USER_ABANDONED'}, 40, true);
    assert.equal(endedReason(h), 'REASON_USER_ABANDONED');
    assert.deepEqual(h.history(false), [], 'the history that follows is stale');
  });
});

describe('restart', () => {
  it('ends the old conversation politely and starts a new one', () => {
    const h = new Harness();
    h.connect();
    const oldEpoch = h.epoch;
    const effects = h.dispatch({type: 'user.restart'});
    assert.deepEqual(
      effects.filter((effect) => effect.type !== 'timer.cancel' && effect.type !== 'timer.start'),
      [
        {type: 'send.end', epoch: oldEpoch},
        {type: 'socket.close', epoch: oldEpoch, code: 1000, reason: 'restart'},
        {type: 'transcript.newSession', reason: 'restart'},
        {type: 'credentials.fetch', epoch: oldEpoch + 1, newSession: true, streaming: false},
      ],
    );
    assert.equal(h.status, 'connecting', 'a fresh start shows connecting');
    assert.deepEqual(h.dispatch({type: 'history.received', epoch: oldEpoch, facts: {...NO_FACTS, joined: true}}), [], 'old epoch ignored');
    h.resolveCredentials('new');
    h.open();
    h.history(false);
    assert.equal(h.find('send.join').length, 1);
    assert.equal(h.status, 'live');
  });

  it('starts over from ended, with a fresh budget', () => {
    const h = new Harness();
    h.connect();
    h.server({type: 'EVENT_TYPE_SESSION_END', reason: 'REASON_NATURAL_END'}, 4);
    h.dispatch({type: 'user.restart'});
    assert.equal(h.find('credentials.fetch')[0]?.newSession, true);
    assert.equal(h.state.status === 'connecting' && h.state.attempt, 0);
  });

  it('does nothing before start', () => {
    const h = new Harness();
    assert.deepEqual(h.dispatch({type: 'user.restart'}), []);
    assert.equal(h.status, 'idle');
  });

  it('keeps the streaming choice', () => {
    const h = new Harness();
    h.start(true);
    h.dispatch({type: 'user.restart'});
    assert.equal(h.find('credentials.fetch')[0]?.streaming, true);
  });
});

describe('dispose', () => {
  for (const name of FIXTURE_NAMES) {
    it(`${name}: closes the socket, leaves no timer running, and stays put`, () => {
      const h = fixture(name);
      const wasEnded = h.status === 'ended';
      h.dispatch({type: 'dispose'});
      assert.equal(h.timers.size, 0);
      assert.equal(h.socket, null);
      assert.equal(h.status, wasEnded ? 'ended' : 'idle');
      const after = h.state;
      const late = after.epoch - 1;
      h.dispatch({type: 'credentials.resolved', epoch: late, hasSession: true, sessionId: 'x', baseUrl: 'https://a'});
      for (const timer of TIMER_NAMES) h.dispatch({type: 'timer.fired', epoch: late, timer});
      h.advance(3_600_000);
      assert.equal(h.state, after, 'late results and timers change nothing');
    });
  }

  it('a later start begins again, asking for this browser\'s conversation', () => {
    const h = new Harness();
    h.connect();
    h.dispatch({type: 'dispose'});
    h.start();
    assert.equal(h.find('credentials.fetch')[0]?.newSession, false);
    assert.equal(h.status, 'connecting');
  });
});

describe('server close 1000', () => {
  it('ends as "closed"; retryNow reconnects the same session', () => {
    const h = new Harness();
    h.connect();
    h.server({type: 'EVENT_TYPE_POLY_AGENT_THINKING'}, 6);
    h.drop(1000);
    assert.equal(endedReason(h), 'closed');
    h.dispatch({type: 'user.retryNow'});
    const open = h.find('socket.open')[0];
    assert.equal(open?.sessionId, 'session-1');
    assert.equal(h.status, 'reconnecting');
  });
});
