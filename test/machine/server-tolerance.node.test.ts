// The machine under the server variants protocol.md §12 leaves open (issue 14): open means open
// (no batch at all, Q5), heartbeats that are never echoed (Q10), a dead session told apart from a
// dead network whatever budget the session advertises, and giving up that keeps the conversation.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {Effect} from '../../src/machine/effect.js';
import type {State} from '../../src/machine/state.js';
import {FIRST_REPLAY_GRACE_MS, MAX_REFUSED_HANDSHAKES, REPLAY_GRACE_MS, refusalLimit} from '../../src/machine/policy.js';
import {Harness, caps} from './harness.js';

function count(effects: readonly Effect[], type: Effect['type']): number {
  return effects.filter((effect) => effect.type === type).length;
}

function awaitRetry(h: Harness): Effect[] {
  const retry = h.timers.get('retry');
  assert.ok(retry, 'no retry timer');
  return h.advance(retry.due - h.now);
}

describe('open means open (no batch at all, Q5)', () => {
  it('a new session joins after the grace when no history batch comes', () => {
    const h = new Harness();
    h.start();
    h.resolveCredentials();
    h.dispatch({type: 'session.created', epoch: h.epoch, sessionId: 'created-by-us'});
    h.open();
    assert.equal(h.status, 'connecting');
    assert.equal(count(h.advance(REPLAY_GRACE_MS - 1), 'send.join'), 0, 'the history may still come');
    const graceOver = h.advance(1);
    assert.equal(count(graceOver, 'send.join'), 1);
    assert.equal(count(graceOver, 'outbox.flush'), 1);
    assert.equal(h.status, 'live');
  });

  it('a resumed connection is live at once and flushes queued messages only after the grace', () => {
    const h = new Harness();
    h.connect();
    h.drop(1006);
    awaitRetry(h);
    h.open();
    assert.equal(h.status, 'live', 'usable as soon as it opened');
    assert.ok(h.timers.has('heartbeat'), 'heartbeats run on the open socket');
    assert.equal(count(h.advance(REPLAY_GRACE_MS - 1), 'outbox.flush'), 0);
    const graceOver = h.advance(1);
    assert.deepEqual(graceOver.filter((effect) => effect.type !== 'timer.start'), [{type: 'outbox.flush', epoch: h.epoch}]);
    assert.equal(count(h.log, 'send.join'), 1, 'a resume never re-joins');
  });

  it('never times a healthy socket out for lack of a batch', () => {
    const h = new Harness();
    h.connect();
    h.drop(1006);
    awaitRetry(h);
    h.open();
    for (let minute = 0; minute < 15; minute++) {
      h.advance(30_000);
      h.server({type: 'EVENT_TYPE_HEARTBEAT'});
      h.advance(30_000);
      h.server({type: 'EVENT_TYPE_HEARTBEAT'});
    }
    assert.equal(count(h.log, 'socket.close'), 0);
    assert.equal(h.status, 'live');
  });

  it('a session that came with the credentials (a reload, maybe) waits longer for its first batch', () => {
    const h = new Harness();
    h.start();
    h.resolveCredentials('from-the-backend');
    h.open();
    assert.equal(count(h.advance(FIRST_REPLAY_GRACE_MS - 1), 'send.join'), 0, 'a slow first batch of an existing conversation');
    h.history(true);
    assert.equal(count(h.log, 'send.join'), 0, 'its replay showed the agent joined: no second join (Q13)');
    const fresh = new Harness();
    fresh.start();
    fresh.resolveCredentials('from-the-backend');
    fresh.open();
    assert.equal(count(fresh.advance(FIRST_REPLAY_GRACE_MS), 'send.join'), 1, 'no batch at all: it joins after all');
  });

  it('a batch that comes after the grace is proof of life: no second join, no second flush', () => {
    const h = new Harness();
    h.start();
    h.resolveCredentials('s');
    h.open();
    h.advance(FIRST_REPLAY_GRACE_MS);
    const late = h.history(false);
    assert.equal(count(late, 'send.join'), 0);
    assert.equal(count(late, 'outbox.flush'), 0);
    assert.equal(h.status, 'live');
  });
});

describe('heartbeats that are never echoed (Q10)', () => {
  /** Live on a server that never echoes; its first silence-replacement shows the network is fine. */
  function echolessAfterOneReplacement(h: Harness): void {
    h.connect({echoesHeartbeats: false});
    h.advance(70_000);
    assert.equal(h.status, 'reconnecting', 'before any echo, silence is taken as a dead socket');
    awaitRetry(h);
    h.open();
    h.history(true, null);
    assert.equal(h.status, 'live');
  }

  it('a socket replaced for silence before any echo, followed by one that opens fine, means the server does not echo', () => {
    const h = new Harness();
    echolessAfterOneReplacement(h);
    const quiet = h.advance(15 * 60_000);
    assert.ok(count(quiet, 'send.heartbeat') >= 29, 'heartbeats keep going out');
    assert.equal(count(quiet, 'socket.close'), 0, 'a healthy socket is not replaced every 70 s');
    assert.equal(h.status, 'live');
  });

  it('an echo after all makes silence evidence again', () => {
    const h = new Harness();
    echolessAfterOneReplacement(h);
    h.advance(60_000);
    h.server({type: 'EVENT_TYPE_HEARTBEAT'});
    h.advance(69_999);
    assert.equal(h.status, 'live');
    h.advance(1);
    assert.equal(h.status, 'reconnecting');
  });

  it('page.shown sends no probe a server that does not echo could never answer', () => {
    const h = new Harness();
    echolessAfterOneReplacement(h);
    h.advance(60_000);
    assert.deepEqual(h.dispatch({type: 'page.shown'}), []);
    h.advance(10_000);
    assert.equal(h.status, 'live');
  });

  it('a silent socket right after connecting (no echo yet) is still declared dead', () => {
    const h = new Harness();
    h.connect({echoesHeartbeats: false});
    h.advance(70_000);
    assert.equal(h.status, 'reconnecting');
  });
});

describe('a dead session versus a dead network', () => {
  /** Live, then a drop; each retry re-fetches credentials (healthy) and the socket is refused. */
  function refuseAfterFreshCredentials(h: Harness): Effect[] {
    awaitRetry(h);
    if (h.state.status !== 'idle' && h.state.status !== 'ended' && h.state.phase === 'credentials') h.resolveCredentials('session-1');
    return h.drop(1006, false);
  }

  it('the refusal limit is never below what the session advertised, nor below our own', () => {
    assert.equal(refusalLimit(null), MAX_REFUSED_HANDSHAKES);
    assert.equal(refusalLimit(caps({maxReconnectAttempts: 1})), MAX_REFUSED_HANDSHAKES);
    assert.equal(refusalLimit(caps({maxReconnectAttempts: 10})), 10);
  });

  it('an expired session ends in a new conversation even when max_reconnect_attempts is 1', () => {
    const h = new Harness();
    h.connect({capabilities: caps({maxReconnectAttempts: 1}), joined: true});
    h.drop(1006);
    let refused = 0;
    while (count(h.log, 'transcript.newSession') === 0) {
      assert.ok(refused < 10, 'never declared dead');
      refuseAfterFreshCredentials(h);
      refused++;
      assert.notEqual(h.status, 'ended', `failed after ${refused} refusals instead of starting anew`);
    }
    assert.deepEqual(h.find('transcript.newSession'), [{type: 'transcript.newSession', reason: 'expired'}]);
    assert.equal(h.status, 'reconnecting');
  });

  it('a gateway refusing handshakes for a minute does not cost the conversation when the server allows 10 attempts', () => {
    const h = new Harness();
    h.connect({capabilities: caps({maxReconnectAttempts: 10}), joined: true});
    h.drop(1006);
    const since = h.now;
    while (h.now - since < 60_000) {
      refuseAfterFreshCredentials(h);
      assert.equal(count(h.log, 'transcript.newSession'), 0, `gave up the session after ${(h.now - since) / 1000} s`);
      assert.notEqual(h.status, 'ended');
    }
    // The gateway is back: the same conversation resumes.
    awaitRetry(h);
    if (h.state.status === 'reconnecting' && h.state.phase === 'credentials') h.resolveCredentials('session-1');
    assert.equal(h.find('socket.open')[0]?.sessionId, 'session-1');
    h.open();
    assert.equal(h.status, 'live');
    assert.equal(count(h.log, 'transcript.newSession'), 0);
  });

  it('the session is declared dead only once the advertised number of refusals is spent', () => {
    const h = new Harness();
    h.connect({capabilities: caps({maxReconnectAttempts: 6}), joined: true});
    h.drop(1006);
    // The first refusal is with the held credentials: that one is the network's.
    let counted = 0;
    while (count(h.log, 'transcript.newSession') === 0) {
      refuseAfterFreshCredentials(h);
      if (h.state.status !== 'idle' && h.state.status !== 'ended') counted = Math.max(counted, h.state.refusedHandshakes);
      assert.ok(h.log.length < 10_000);
    }
    assert.equal(counted, 5, 'five counted refusals were not enough; the sixth declared it dead');
  });
});

describe('giving up is not forgetting', () => {
  it('an exhausted budget ends retryable, and retryNow goes back to the same session with a fresh budget', () => {
    const h = new Harness();
    h.connect({capabilities: caps({maxReconnectAttempts: 2}), joined: true});
    h.drop(1006);
    const unreachable = {code: 'credentials-network', message: 'Failed to fetch'} as const;
    for (let i = 0; i < 3 && h.status !== 'ended'; i++) {
      awaitRetry(h);
      if (h.state.status !== 'idle' && h.state.status !== 'ended' && h.state.phase === 'socket') h.drop(1006, false);
      else h.dispatch({type: 'credentials.failed', epoch: h.epoch, retryable: true, error: unreachable});
    }
    assert.equal(h.status, 'ended');
    assert.ok(h.state.status === 'ended' && h.state.retryable && h.state.reason === 'failed');
    assert.equal(h.state.status === 'ended' && h.state.sessionId, 'session-1', 'the conversation is kept');
    h.dispatch({type: 'user.retryNow'});
    const resumed = h.state as State;
    assert.equal(resumed.status, 'reconnecting');
    assert.equal(resumed.status === 'reconnecting' && resumed.attempt, 0, 'a fresh budget');
    if (resumed.status === 'reconnecting' && resumed.phase === 'credentials') {
      assert.equal(h.find('credentials.fetch')[0]?.newSession, false, 'the same conversation is asked for');
      h.resolveCredentials('session-1');
    }
    assert.equal(h.find('socket.open')[0]?.sessionId, 'session-1');
    h.open();
    assert.equal(h.status, 'live');
    assert.equal(count(h.log, 'transcript.newSession'), 0);
  });
});
