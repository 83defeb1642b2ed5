// Gaps the chaos suite found in the session machine, pinned down exactly.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {Harness, caps} from '../machine/harness.js';

describe('a new conversation gets a fresh retry budget', () => {
  it('a drop right after a new session (the old one was rejected) is retried, not fatal', () => {
    const h = new Harness();
    h.connect({capabilities: caps({maxReconnectAttempts: 5})});
    // Five drops, each right after the reconnect opened: the budget (5) is spent, never reset by uptime.
    for (let i = 0; i < 5; i++) {
      h.drop(1006);
      const retry = h.timers.get('retry');
      assert.ok(retry, `drop ${i + 1} was not retried`);
      h.advance(retry.due - h.now);
      h.open();
      h.history(true, null);
    }
    assert.equal(h.state.status === 'live' && h.state.attempt, 5);
    // The server rejects the session: a new conversation starts and connects.
    h.drop(4001);
    h.resolveCredentials('session-2');
    h.open();
    h.history(false, caps({maxReconnectAttempts: 5}));
    assert.equal(h.status, 'live');
    // A drop now belongs to the new conversation's budget.
    h.drop(1006);
    assert.equal(h.status, 'reconnecting');
    assert.ok(h.timers.has('retry'), 'the new conversation is retried');
  });
});

describe('the "new conversation" notice', () => {
  it('is given only for a conversation that really starts, not when the machine gives up instead', () => {
    const h = new Harness();
    h.connect();
    for (let round = 2; round <= 4; round++) {
      h.drop(4001);
      h.resolveCredentials(`session-${round}`);
      h.open();
      h.history(false);
    }
    const notices = (): number => h.log.filter((effect) => effect.type === 'transcript.newSession').length;
    assert.equal(notices(), 3);
    h.drop(4001);
    assert.equal(h.status, 'ended');
    assert.equal(notices(), 3, 'no notice for the conversation that never started');
  });
});

describe('socket.suspect (an overdue echo on a quiet socket)', () => {
  it('probes like page.shown: a heartbeat and a short deadline; a stale epoch is ignored', () => {
    const h = new Harness();
    h.connect();
    h.now += 6_000;
    assert.deepEqual(h.dispatch({type: 'socket.suspect', epoch: h.epoch - 1}), []);
    const probe = h.dispatch({type: 'socket.suspect', epoch: h.epoch});
    assert.deepEqual(
      probe.map((effect) => effect.type),
      ['send.heartbeat', 'timer.start'],
    );
    assert.equal(h.state.status === 'live' && h.state.probing, true);
    h.advance(5_000);
    assert.equal(h.status, 'reconnecting', 'no answer: the socket is replaced');
  });
});

describe('a join lost with a dropped socket', () => {
  /** Live on a new session: the join went out, no echo yet; then the socket drops and comes back. */
  function joinLostInTheDrop(): Harness {
    const h = new Harness();
    h.connect();
    assert.equal(h.log.filter((effect) => effect.type === 'send.join').length, 1);
    h.drop(1006);
    const retry = h.timers.get('retry');
    assert.ok(retry);
    h.advance(retry.due - h.now);
    h.open();
    h.history(false, null);
    return h;
  }

  const joins = (h: Harness): number => h.log.filter((effect) => effect.type === 'send.join').length;

  it('is sent again once the replay has settled without its echo (before any queued message)', () => {
    const h = joinLostInTheDrop();
    assert.equal(joins(h), 1, 'not at the first batch: a later batch may still hold the echo');
    const settled = h.dispatch({type: 'replay.settled', epoch: h.epoch});
    assert.deepEqual(settled, [{type: 'send.join', epoch: h.epoch}]);
    assert.deepEqual(h.dispatch({type: 'replay.settled', epoch: h.epoch}), [], 'once per socket');
  });

  it('is not sent again when the replay held its echo or the agent joined', () => {
    for (const body of [{type: 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN'}, {type: 'EVENT_TYPE_POLY_AGENT_JOINED'}] as const) {
      const h = joinLostInTheDrop();
      h.server(body, 2, true);
      assert.deepEqual(h.dispatch({type: 'replay.settled', epoch: h.epoch}), []);
    }
  });

  it('the socket the join went out on never re-sends it: its echo may simply be slow', () => {
    const h = new Harness();
    h.connect();
    assert.deepEqual(h.dispatch({type: 'replay.settled', epoch: h.epoch}), []);
    assert.equal(joins(h), 1);
  });
});
