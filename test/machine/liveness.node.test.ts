// Keeping the socket alive and noticing when it is not: heartbeats, the silence deadline, the
// page.shown probe and the silent recycle before the 2 h cap.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {Capabilities} from '../../src/protocol/wire.js';
import {heartbeatIntervalMs, livenessDeadlineMs, retryBudget} from '../../src/machine/policy.js';
import {isConnected} from '../../src/machine/selectors.js';
import {Harness, agentMessage, caps} from './harness.js';

/** Advance in steps, the server echoing every heartbeat; returns how many heartbeats went out. */
function runWithEchoes(h: Harness, ms: number, step = 1000): number {
  let beats = 0;
  for (let elapsed = 0; elapsed < ms; elapsed += step) {
    const effects = h.advance(step);
    const sent = effects.filter((effect) => effect.type === 'send.heartbeat').length;
    beats += sent;
    if (sent > 0 && h.socket) h.dispatch({type: 'socket.frame', epoch: h.epoch});
  }
  return beats;
}

function heartbeatTimer(h: Harness): number | undefined {
  const start = h.log.find((effect) => effect.type === 'timer.start' && effect.timer === 'heartbeat');
  return start?.type === 'timer.start' ? start.delayMs : undefined;
}

describe('policy', () => {
  it('maps capabilities to heartbeat period, silence deadline and budget', () => {
    const withInterval = (heartbeatIntervalSeconds: number): Capabilities => caps({heartbeatIntervalSeconds});
    assert.equal(heartbeatIntervalMs(null), 30_000);
    assert.equal(heartbeatIntervalMs(withInterval(15)), 15_000);
    assert.equal(heartbeatIntervalMs(withInterval(0)), null);
    assert.equal(heartbeatIntervalMs(withInterval(-5)), 30_000);
    assert.equal(heartbeatIntervalMs(withInterval(Number.NaN)), 30_000);
    assert.equal(heartbeatIntervalMs(withInterval(0.0001)), 1_000, 'never a (near-)zero period');
    assert.equal(livenessDeadlineMs(null), 70_000);
    assert.equal(livenessDeadlineMs(withInterval(15)), 40_000);
    assert.equal(livenessDeadlineMs(withInterval(0)), null);
    assert.equal(retryBudget(null), 8);
    assert.equal(retryBudget(caps({maxReconnectAttempts: 5})), 5);
    assert.equal(retryBudget(caps({maxReconnectAttempts: 0})), 8);
    assert.equal(retryBudget(caps({maxReconnectAttempts: 2.5})), 8);
  });
});

describe('heartbeats', () => {
  it('beats every heartbeat_interval_seconds from the capabilities', () => {
    const h = new Harness();
    h.connect({capabilities: caps({heartbeatIntervalSeconds: 10})});
    assert.equal(heartbeatTimer(h), 10_000);
    assert.equal(runWithEchoes(h, 60_000), 6);
  });

  it('beats every 30 s when the capabilities never came', () => {
    const h = new Harness();
    h.start();
    h.resolveCredentials('s');
    h.open();
    h.history(false, null);
    assert.equal(heartbeatTimer(h), 30_000);
    assert.equal(runWithEchoes(h, 90_000), 3);
  });

  it('sends none, and arms no silence deadline, when the interval is 0', () => {
    const h = new Harness();
    h.connect({capabilities: caps({heartbeatIntervalSeconds: 0})});
    assert.equal(h.timers.has('heartbeat'), false);
    assert.equal(h.timers.has('liveness'), false);
    const effects = h.advance(15 * 60_000);
    assert.equal(effects.filter((effect) => effect.type === 'send.heartbeat').length, 0);
    assert.equal(h.status, 'live', 'a silent socket is healthy when heartbeats are off');
  });

  it('stops beating while the socket is down and resumes after the replay', () => {
    const h = new Harness();
    h.connect();
    h.drop(1006);
    assert.equal(h.timers.has('heartbeat'), false);
    h.reconnect();
    assert.equal(h.timers.get('heartbeat')?.due, h.now + 30_000);
  });
});

describe('liveness', () => {
  it('a socket answering its heartbeats stays up', () => {
    const h = new Harness();
    h.connect();
    runWithEchoes(h, 10 * 60_000);
    assert.equal(h.status, 'live');
    assert.equal(h.log.filter((effect) => effect.type === 'socket.close').length, 0);
  });

  it('a socket silent for 2 × interval + 10 s is dead: close it and reconnect', () => {
    const h = new Harness();
    h.connect();
    const opened = h.now;
    h.advance(69_999);
    assert.equal(h.status, 'live');
    const effects = h.advance(1);
    assert.equal(h.now - opened, 70_000);
    assert.deepEqual(effects.find((effect) => effect.type === 'socket.close'), {
      type: 'socket.close',
      epoch: h.epoch,
      code: 4000,
      reason: 'liveness timeout',
    });
    assert.equal(h.status, 'reconnecting');
    h.reconnect();
    assert.equal(h.status, 'live');
  });

  it('any inbound frame moves the deadline', () => {
    const h = new Harness();
    h.connect();
    h.advance(60_000);
    h.server({type: 'EVENT_TYPE_POLY_AGENT_THINKING'});
    h.advance(60_000);
    assert.equal(h.status, 'live', '60 s since the last frame');
    h.dispatch({type: 'socket.frame', epoch: h.epoch});
    h.advance(69_000);
    assert.equal(h.status, 'live');
    h.advance(1000);
    assert.equal(h.status, 'reconnecting');
  });
});

describe('page.shown', () => {
  it('probes a socket that has been quiet: a heartbeat and a 5 s deadline', () => {
    const h = new Harness();
    h.connect({capabilities: caps({heartbeatIntervalSeconds: 0})});
    h.advance(20 * 60_000);
    const probe = h.dispatch({type: 'page.shown'});
    assert.deepEqual(probe, [
      {type: 'send.heartbeat', epoch: h.epoch},
      {type: 'timer.start', timer: 'liveness', delayMs: 5000, epoch: h.epoch},
    ]);
    h.advance(4000);
    assert.deepEqual(h.dispatch({type: 'socket.frame', epoch: h.epoch}), [{type: 'timer.cancel', timer: 'liveness'}]);
    h.advance(60_000);
    assert.equal(h.status, 'live');
  });

  it('an unanswered probe means the socket died while the page slept', () => {
    const h = new Harness();
    h.connect();
    h.advance(20_000);
    h.dispatch({type: 'page.shown'});
    const effects = h.advance(5000);
    assert.equal(effects[0]?.type, 'socket.close');
    assert.equal(h.status, 'reconnecting');
  });

  it('an answered probe restores the normal silence deadline', () => {
    const h = new Harness();
    h.connect();
    h.advance(20_000);
    h.dispatch({type: 'page.shown'});
    const answered = h.dispatch({type: 'socket.frame', epoch: h.epoch});
    assert.deepEqual(answered, [{type: 'timer.start', timer: 'liveness', delayMs: 70_000, epoch: h.epoch}]);
    assert.equal(h.state.status === 'live' && h.state.probing, false);
  });

  it('skips the probe when a frame arrived in the last 5 s, or when not connected', () => {
    const h = new Harness();
    h.connect();
    h.advance(4999);
    assert.deepEqual(h.dispatch({type: 'page.shown'}), []);
    h.drop(1006);
    assert.deepEqual(h.dispatch({type: 'page.shown'}), []);
  });

  it('page.hidden changes nothing', () => {
    const h = new Harness();
    h.connect();
    const before = h.state;
    assert.deepEqual(h.dispatch({type: 'page.hidden'}), []);
    assert.equal(h.state, before);
  });
});

describe('recycle', () => {
  it('replaces the socket at 110 min, silently: never "reconnecting"', () => {
    const h = new Harness();
    h.connect({capabilities: caps({heartbeatIntervalSeconds: 0})});
    h.server(agentMessage(), 42);
    const before = h.socket;
    h.advance(110 * 60_000 - 1);
    assert.equal(h.socket, before);
    const effects = h.advance(1);
    assert.deepEqual(
      effects.filter((effect) => effect.type === 'socket.close' || effect.type === 'socket.open'),
      [
        {type: 'socket.close', epoch: h.epoch - 1, code: 4002, reason: 'recycle'},
        {type: 'socket.open', epoch: h.epoch, credentialsEpoch: 1, sessionId: 'session-1'},
      ],
    );
    assert.equal(h.status, 'live');
    assert.equal(isConnected(h.state), false, 'user messages queue until the new replay');
    h.open();
    assert.equal(h.status, 'live');
    h.history(false, null);
    assert.equal(h.status, 'live');
    assert.deepEqual(
      h.last
        .filter((effect) => effect.type === 'send.join' || effect.type === 'outbox.flush')
        .map((effect) => effect.type),
      ['outbox.flush'],
    );
    assert.ok(isConnected(h.state));
  });

  it('recycles during a handoff too, staying in handoff', () => {
    const h = new Harness();
    h.connect();
    h.server({type: 'EVENT_TYPE_HANDOFF_ACCEPTED'}, 5);
    const statuses = new Set<string>();
    for (let elapsed = 0; elapsed < 111 * 60_000; elapsed += 1000) {
      const effects = h.advance(1000);
      statuses.add(h.status);
      if (effects.some((effect) => effect.type === 'socket.open')) {
        h.open();
        h.history(true, null);
      } else if (effects.some((effect) => effect.type === 'send.heartbeat')) {
        h.dispatch({type: 'socket.frame', epoch: h.epoch});
      }
      statuses.add(h.status);
    }
    assert.deepEqual([...statuses], ['handoff']);
    assert.equal(h.log.filter((effect) => effect.type === 'socket.close' && effect.code === 4002).length, 1);
  });

  it('a replacement socket that fails shows reconnecting like any drop, then resumes the same session', () => {
    const h = new Harness();
    h.connect({capabilities: caps({heartbeatIntervalSeconds: 0})});
    h.advance(110 * 60_000);
    h.drop(1006, false);
    assert.equal(h.status, 'reconnecting');
    // Refused: the retry asks the backend for this conversation's credentials again first.
    h.advance(1000);
    assert.deepEqual(h.find('credentials.fetch').map((effect) => effect.newSession), [false]);
    h.resolveCredentials('session-1');
    assert.equal(h.socket?.sessionId, 'session-1');
    h.open();
    h.history(true, null);
    assert.equal(h.status, 'live');
    assert.equal(h.log.filter((effect) => effect.type === 'transcript.newSession').length, 0);
  });

  it('keeps the old socket when the token has expired (a new one would be refused)', () => {
    const h = new Harness();
    h.start();
    h.resolveCredentials('s', {expiresIn: 3600});
    h.open();
    h.history(false, caps({heartbeatIntervalSeconds: 0}));
    const effects = h.advance(110 * 60_000);
    assert.equal(effects.filter((effect) => effect.type === 'socket.close').length, 0);
    assert.equal(h.status, 'live');
  });
});
