// Failures and retries: backoff, budget, close codes, dead sessions, offline.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {Effect} from '../../src/machine/effect.js';
import {MAX_NEW_SESSIONS_IN_ROW, MAX_REFUSED_HANDSHAKES} from '../../src/machine/policy.js';
import {retryInfo} from '../../src/machine/selectors.js';
import {Harness, agentMessage, caps} from './harness.js';

function retryDelay(effects: readonly Effect[]): number | null {
  const start = effects.find((effect) => effect.type === 'timer.start' && effect.timer === 'retry');
  return start?.type === 'timer.start' ? start.delayMs : null;
}

/** Live, then: drop → retry → open → drop … (each socket opens, so nothing counts as a dead session). */
function dropsAfterOpen(h: Harness, count: number): number[] {
  const delays: number[] = [];
  for (let i = 0; i < count; i++) {
    const delay = retryDelay(h.drop(1006));
    assert.ok(delay !== null, `drop ${i + 1} scheduled no retry`);
    delays.push(delay);
    h.advance(delay);
    h.open();
  }
  return delays;
}

function isEnded(h: Harness): boolean {
  return h.state.status === 'ended';
}

function ended(h: Harness): Extract<Harness['state'], {status: 'ended'}> {
  assert.equal(h.state.status, 'ended');
  return h.state as Extract<Harness['state'], {status: 'ended'}>;
}

describe('backoff', () => {
  it('waits 1, 2, 4, 8, 16, 30, 30 s between attempts at nominal jitter', () => {
    const h = new Harness();
    h.connect();
    assert.deepEqual(dropsAfterOpen(h, 7), [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('spreads the delays by ±20 % with the jitter the events carry', () => {
    const low = new Harness({jitter: 0});
    low.connect();
    assert.deepEqual(dropsAfterOpen(low, 7), [1000, 1600, 3200, 6400, 12800, 24000, 24000]);
    const high = new Harness({jitter: 0.999999});
    high.connect();
    assert.deepEqual(dropsAfterOpen(high, 7), [1200, 2400, 4800, 9600, 19200, 30000, 30000]);
  });

  it('resets the attempt counter after 10 s of ready uptime, not on open', () => {
    const h = new Harness();
    h.connect();
    assert.deepEqual(dropsAfterOpen(h, 3), [1000, 2000, 4000]);
    // Open and replayed, but dropped 1 ms short of stable: backoff keeps growing.
    h.history(true, null);
    h.advance(9_999);
    assert.equal(retryDelay(h.drop(1006)), 8000);
    h.reconnect();
    h.advance(10_000);
    assert.equal(h.state.status === 'live' && h.state.attempt, 0);
    assert.equal(retryDelay(h.drop(1006)), 1000);
  });

  it('exposes the next attempt and its time while waiting', () => {
    const h = new Harness();
    h.connect();
    assert.equal(retryInfo(h.state), null);
    h.drop(1006);
    assert.deepEqual(retryInfo(h.state), {attempt: 1, at: h.now + 1000});
    h.advance(1000);
    assert.equal(retryInfo(h.state), null, 'attempt in flight');
  });
});

describe('retry budget', () => {
  it('gives up after our default 8 retries, then retryNow starts over with a fresh budget', () => {
    const h = new Harness();
    h.connect();
    dropsAfterOpen(h, 8);
    const final = h.drop(1006);
    const state = ended(h);
    assert.equal(state.reason, 'failed');
    assert.equal(state.retryable, true);
    assert.deepEqual(state.error?.code, 'connection-failed');
    assert.deepEqual(
      final.filter((effect) => effect.type === 'emit.error' || effect.type === 'emit.end').map((effect) => effect.type),
      ['emit.error', 'emit.end'],
    );
    assert.equal(h.timers.size, 0);
    h.advance(3_600_000);
    assert.equal(h.status, 'ended', 'nothing retries by itself');

    h.server({type: 'EVENT_TYPE_POLY_AGENT_THINKING'});
    h.dispatch({type: 'user.retryNow'});
    assert.equal(h.status, 'reconnecting');
    assert.equal(h.find('socket.open').length, 1);
    assert.equal(h.find('socket.open')[0]?.sessionId, 'session-1');
    h.open();
    assert.equal(retryDelay(h.drop(1006)), 1000, 'fresh budget and backoff');
  });

  it('uses capabilities.max_reconnect_attempts as the budget', () => {
    const h = new Harness();
    h.connect({capabilities: caps({maxReconnectAttempts: 3})});
    dropsAfterOpen(h, 3);
    h.drop(1006);
    assert.equal(h.status, 'ended');
  });

  it('treats max_reconnect_attempts 0 as "use our own budget"', () => {
    const h = new Harness();
    h.connect({capabilities: caps({maxReconnectAttempts: 0})});
    dropsAfterOpen(h, 8);
    h.drop(1006);
    assert.equal(h.status, 'ended');
  });
});

describe('close codes after open', () => {
  const reconnectable = [1001, 1005, 1006, 1008, 1011, 1012, 1013, 3000, 4000, 4002, 4999];
  for (const code of reconnectable) {
    it(`${code}: reconnects with backoff`, () => {
      const h = new Harness();
      h.connect();
      assert.equal(retryDelay(h.drop(code)), 1000);
      assert.equal(h.status, 'reconnecting');
    });
  }

  it('1000 from the server: final, no reconnect (retryNow can still try)', () => {
    const h = new Harness();
    h.connect();
    const effects = h.drop(1000);
    assert.equal(ended(h).reason, 'closed');
    assert.equal(ended(h).retryable, true);
    assert.ok(effects.some((effect) => effect.type === 'emit.end' && effect.reason === 'closed'));
    assert.equal(effects.filter((effect) => effect.type === 'emit.error').length, 0);
    h.advance(600_000);
    assert.equal(h.log.filter((effect) => effect.type === 'socket.open').length, 1);
  });

  it('4001: the session was rejected → a new conversation at once', () => {
    const h = new Harness();
    h.connect();
    const effects = h.drop(4001);
    assert.deepEqual(effects.find((effect) => effect.type === 'transcript.newSession'), {
      type: 'transcript.newSession',
      reason: 'rejected',
    });
    assert.deepEqual(h.find('credentials.fetch'), [
      {type: 'credentials.fetch', epoch: h.epoch, newSession: true, streaming: false},
    ]);
    assert.equal(h.status, 'reconnecting');
    assert.equal(h.state.status === 'reconnecting' && h.state.sessionId, null);
  });

  it('4003: polls on a fixed 10 s, whatever the jitter or attempt, within the budget', () => {
    const h = new Harness({jitter: 0.9});
    h.connect();
    for (let i = 0; i < 8; i++) {
      assert.equal(retryDelay(h.drop(4003)), 10_000);
      h.advance(10_000);
      h.open();
    }
    h.drop(4003);
    assert.equal(h.status, 'ended');
  });
});

describe('dead sessions', () => {
  /** Let the running retry timer fire; returns what the attempt did. */
  function awaitRetry(h: Harness): Effect[] {
    const retry = h.timers.get('retry');
    assert.ok(retry, 'no retry timer');
    return h.advance(retry.due - h.now);
  }

  function refusals(h: Harness): number {
    assert.ok(h.state.status !== 'idle');
    return h.state.refusedHandshakes;
  }

  function newSessionEffects(effects: readonly Effect[]): Effect[] {
    return effects.filter((effect) => effect.type === 'transcript.newSession');
  }

  /** Live on session-1 (joined), then a drop whose retry is refused: creds are re-fetched next. */
  function refusedAfterDrop(h: Harness): void {
    h.connect({joined: true});
    h.server(agentMessage('hi'), 4);
    h.drop(1006);
    assert.equal(awaitRetry(h).filter((effect) => effect.type === 'socket.open').length, 1, 'held credentials first');
    h.drop(1006, false);
  }

  /** The retry re-fetches credentials for this conversation; the backend hands back `sessionId`. */
  function refetch(h: Harness, sessionId = 'session-1'): Effect[] {
    const fetched = awaitRetry(h);
    assert.deepEqual(
      fetched.filter((effect) => effect.type === 'credentials.fetch'),
      [{type: 'credentials.fetch', epoch: h.epoch, newSession: false, streaming: false}],
      'a re-fetch for the same conversation',
    );
    return h.resolveCredentials(sessionId);
  }

  it('a refused socket re-fetches credentials for the same conversation, which resumes', () => {
    const h = new Harness();
    refusedAfterDrop(h);
    assert.equal(refusals(h), 0, 'held credentials prove nothing: not counted');
    assert.equal(retryDelay(h.last), 2000, 'retried with the usual backoff');
    assert.equal(h.state.status === 'reconnecting' && h.state.credentialsEpoch, null, 'credentials dropped');
    assert.equal(h.state.status === 'reconnecting' && h.state.sessionId, 'session-1', 'the conversation is kept');
    const resolved = refetch(h);
    assert.deepEqual(newSessionEffects(resolved), []);
    assert.deepEqual(h.find('socket.open'), [
      {type: 'socket.open', epoch: h.epoch, credentialsEpoch: h.epoch - 1, sessionId: 'session-1'},
    ]);
    h.open();
    h.history(false, null);
    assert.equal(h.find('send.join').length, 0, 'the agent joined this conversation already');
    assert.equal(h.status, 'live');
    assert.deepEqual(newSessionEffects(h.log), []);
  });

  it('declares the session dead only after 3 refusals in a row right after fresh credentials', () => {
    const h = new Harness();
    refusedAfterDrop(h);
    const delays: (number | null)[] = [];
    for (let counted = 1; counted < MAX_REFUSED_HANDSHAKES; counted++) {
      refetch(h);
      delays.push(retryDelay(h.drop(1006, false)));
      assert.equal(refusals(h), counted);
      assert.deepEqual(newSessionEffects(h.last), [], `refusal ${counted} is not enough`);
      assert.equal(h.status, 'reconnecting');
    }
    assert.deepEqual(delays, [4000, 8000], 'backoff keeps growing');
    refetch(h);
    const dead = h.drop(1006, false);
    assert.deepEqual(
      dead.filter((effect) => effect.type === 'transcript.newSession' || effect.type === 'credentials.fetch'),
      [
        {type: 'transcript.newSession', reason: 'expired'},
        {type: 'credentials.fetch', epoch: h.epoch, newSession: true, streaming: false},
      ],
    );
    assert.equal(h.status, 'reconnecting');
    h.resolveCredentials('session-2');
    const open = h.find('socket.open')[0];
    assert.equal(open?.sessionId, 'session-2');
    h.open();
    h.history(false);
    assert.equal(h.find('send.join').length, 1, 'the new conversation needs the agent');
    assert.equal(h.status, 'live');
    assert.equal(newSessionEffects(h.log).length, 1);
  });

  it('a failing credentials fetch between refusals is the network: it neither counts nor resets', () => {
    const h = new Harness();
    refusedAfterDrop(h);
    refetch(h);
    h.drop(1006, false);
    assert.equal(refusals(h), 1);
    const unreachable = {code: 'credentials-network', message: 'Failed to fetch'} as const;
    for (let i = 0; i < 2; i++) {
      awaitRetry(h);
      h.dispatch({type: 'credentials.failed', epoch: h.epoch, retryable: true, error: unreachable});
      assert.equal(refusals(h), 1, 'a failed fetch is not a refusal');
      assert.ok(retryDelay(h.last) !== null, 'backs off and fetches again');
    }
    refetch(h);
    h.drop(1006, false);
    assert.equal(refusals(h), 2);
    awaitRetry(h);
    h.dispatch({type: 'credentials.failed', epoch: h.epoch, retryable: true, error: unreachable});
    refetch(h);
    const dead = h.drop(1006, false);
    assert.deepEqual(newSessionEffects(dead), [{type: 'transcript.newSession', reason: 'expired'}]);
    assert.equal(newSessionEffects(h.log).length, 1);
  });

  it('a handshake that times out after fresh credentials is not a refusal, but the next attempt re-fetches', () => {
    const h = new Harness();
    refusedAfterDrop(h);
    refetch(h);
    h.drop(1006, false);
    refetch(h);
    const timedOut = h.advance(15_000);
    assert.equal(timedOut.find((effect) => effect.type === 'socket.close')?.type, 'socket.close');
    assert.equal(refusals(h), 1);
    refetch(h);
    assert.equal(h.find('socket.open').length, 1);
    assert.deepEqual(newSessionEffects(h.log), []);
  });

  it('any successful open resets the count', () => {
    const h = new Harness();
    refusedAfterDrop(h);
    refetch(h);
    h.drop(1006, false);
    refetch(h);
    h.drop(1006, false);
    assert.equal(refusals(h), MAX_REFUSED_HANDSHAKES - 1);
    refetch(h);
    h.open();
    assert.equal(refusals(h), 0, 'open, even without history or uptime');
    h.drop(1006);
    awaitRetry(h);
    h.drop(1006, false);
    assert.equal(refusals(h), 0, 'held credentials again: not counted');
    refetch(h);
    h.drop(1006, false);
    refetch(h);
    h.drop(1006, false);
    assert.equal(refusals(h), MAX_REFUSED_HANDSHAKES - 1);
    assert.deepEqual(newSessionEffects(h.log), []);
    assert.equal(h.status, 'reconnecting');
  });

  it('a re-fetch that hands back another session_id means a new conversation: the notice, then a fresh start', () => {
    const h = new Harness();
    refusedAfterDrop(h);
    const resolved = refetch(h, 'session-9');
    assert.deepEqual(
      resolved.map((effect) => effect.type),
      ['transcript.newSession', 'timer.cancel', 'socket.open', 'timer.start'],
      'the notice comes before anything of the new conversation',
    );
    assert.deepEqual(resolved[0], {type: 'transcript.newSession', reason: 'expired'});
    const open = h.find('socket.open')[0];
    assert.equal(open?.sessionId, 'session-9');
    h.open();
    h.history(false);
    assert.equal(h.find('send.join').length, 1, 'the new conversation needs the agent');
    assert.equal(h.status, 'live');
    assert.equal(newSessionEffects(h.log).length, 1);
  });

  it('bare tokens (no session_id) cannot be fetched again for the session: each refusal counts', () => {
    const h = new Harness();
    h.start();
    h.resolveCredentials();
    h.dispatch({type: 'session.created', epoch: h.epoch, sessionId: 'own'});
    h.open();
    h.history(false);
    h.drop(1006);
    for (let counted = 1; counted < MAX_REFUSED_HANDSHAKES; counted++) {
      const attempt = awaitRetry(h);
      assert.deepEqual(
        attempt.filter((effect) => effect.type === 'socket.open').map((effect) => effect.sessionId),
        ['own'],
        'no re-fetch: a new token could not rejoin this session',
      );
      h.drop(1006, false);
      assert.equal(refusals(h), counted);
    }
    awaitRetry(h);
    assert.deepEqual(newSessionEffects(h.drop(1006, false)), [{type: 'transcript.newSession', reason: 'expired'}]);
    assert.equal(h.find('credentials.fetch')[0]?.newSession, true);
  });

  it('stops after 3 new sessions in a row with an error; retryNow starts another', () => {
    const h = new Harness();
    h.connect();
    let newSessions = 0;
    for (let round = 0; round < 10 && !isEnded(h); round++) {
      // The server rejects every session right after it opens.
      h.drop(4001);
      if (isEnded(h)) break;
      newSessions++;
      h.resolveCredentials(`session-${round + 2}`);
      h.open();
      h.history(false);
    }
    assert.equal(newSessions, 3);
    const state = ended(h);
    assert.equal(state.error?.code, 'session-unavailable');
    assert.equal(state.retryable, true);
    h.dispatch({type: 'user.retryNow'});
    assert.deepEqual(h.find('credentials.fetch'), [
      {type: 'credentials.fetch', epoch: h.epoch, newSession: true, streaming: false},
    ]);
  });

  it('a session refused forever ends within the retry budget, after at most 3 new conversations', () => {
    const h = new Harness();
    h.connect();
    h.drop(1006);
    for (let step = 0; step < 100 && !isEnded(h); step++) {
      if (h.socket) {
        h.drop(1006, false);
      } else if (h.timers.has('retry')) {
        awaitRetry(h);
      } else {
        assert.ok(h.state.status === 'reconnecting' && h.state.phase === 'credentials');
        h.resolveCredentials(h.state.newSession ? `session-${h.epoch}` : (h.state.sessionId ?? undefined));
      }
    }
    const state = ended(h);
    assert.equal(state.retryable, true);
    assert.ok(state.error !== null);
    const notices = newSessionEffects(h.log).length;
    assert.ok(notices >= 1 && notices <= MAX_NEW_SESSIONS_IN_ROW, `${notices} new conversations`);
  });

  it('a stable connection resets the new-session count', () => {
    const h = new Harness();
    h.connect();
    for (let cycle = 0; cycle < 5; cycle++) {
      h.drop(1006);
      awaitRetry(h);
      h.drop(1006, false);
      for (let counted = 0; counted < MAX_REFUSED_HANDSHAKES; counted++) {
        refetch(h, h.state.status === 'reconnecting' ? (h.state.sessionId ?? undefined) : undefined);
        h.drop(1006, false);
      }
      assert.equal(h.find('transcript.newSession').length, 1, `cycle ${cycle}`);
      h.resolveCredentials(`fresh-${cycle}`);
      h.open();
      h.history(false);
      h.advance(10_000);
    }
    assert.equal(h.status, 'live');
  });

  it('sockets failing while offline say nothing about the session', () => {
    const h = new Harness();
    h.connect();
    h.dispatch({type: 'network.offline'});
    h.drop(1006);
    for (let i = 0; i < 5; i++) {
      h.dispatch({type: 'user.retryNow'});
      assert.equal(h.find('socket.open').length, 1, 'the held credentials are kept');
      h.drop(1006, false);
      assert.equal(refusals(h), 0);
    }
    assert.equal(h.log.filter((effect) => effect.type === 'transcript.newSession').length, 0);
    assert.equal(h.log.filter((effect) => effect.type === 'credentials.fetch').length, 1, 'only the first');
    assert.equal(h.status, 'reconnecting');
  });

  it('a token past expires_in goes straight to a new conversation instead of a futile socket', () => {
    const h = new Harness();
    h.start();
    h.resolveCredentials('short', {expiresIn: 60});
    h.open();
    h.history(false);
    h.advance(61_000);
    h.drop(1006);
    const retried = h.advance(1000);
    assert.equal(retried.filter((effect) => effect.type === 'socket.open').length, 0);
    assert.deepEqual(retried.find((effect) => effect.type === 'transcript.newSession'), {
      type: 'transcript.newSession',
      reason: 'expired',
    });
    assert.equal(h.find('credentials.fetch')[0]?.newSession, true);
  });
});

describe('credentials and session failures', () => {
  const httpError = {code: 'credentials-http', message: 'HTTP 503'} as const;

  it('retryable credentials failures back off and fetch again, the error kept for the UI', () => {
    const h = new Harness();
    h.start();
    h.dispatch({type: 'credentials.failed', epoch: h.epoch, retryable: true, error: httpError});
    assert.equal(h.status, 'connecting');
    assert.deepEqual(h.state.status === 'connecting' && h.state.error, httpError);
    assert.deepEqual(retryInfo(h.state), {attempt: 1, at: h.now + 1000});
    h.advance(1000);
    assert.deepEqual(h.find('credentials.fetch'), [
      {type: 'credentials.fetch', epoch: h.epoch, newSession: false, streaming: false},
    ]);
  });

  it('non-retryable credentials failures end with the error; retryNow fetches again', () => {
    const h = new Harness();
    h.start();
    const error = {code: 'credentials-http', message: 'The credentials endpoint answered 403.'} as const;
    const effects = h.dispatch({type: 'credentials.failed', epoch: h.epoch, retryable: false, error});
    assert.deepEqual(effects.find((effect) => effect.type === 'emit.error'), {type: 'emit.error', ...error});
    assert.equal(ended(h).reason, 'failed');
    h.dispatch({type: 'user.retryNow'});
    assert.equal(h.find('credentials.fetch').length, 1);
    assert.equal(h.status, 'connecting');
  });

  it('an insecure base URL ends without any connection; only restart goes on', () => {
    const h = new Harness();
    h.start();
    const effects = h.dispatch({type: 'credentials.insecure', epoch: h.epoch});
    assert.equal(effects.find((effect) => effect.type === 'emit.error')?.type, 'emit.error');
    assert.equal(ended(h).error?.code, 'insecure-url');
    assert.equal(ended(h).retryable, false);
    assert.deepEqual(h.dispatch({type: 'user.retryNow'}), []);
    assert.equal(h.log.filter((effect) => effect.type === 'socket.open' || effect.type === 'session.create').length, 0);
  });

  it('session create: 5xx retries with the same credentials, 401 fetches new ones, 400 ends', () => {
    const h = new Harness();
    h.start();
    h.resolveCredentials();
    const error = {code: 'session-http', message: 'HTTP 500'} as const;
    h.dispatch({type: 'session.failed', epoch: h.epoch, retryable: true, status: 500, error});
    h.advance(1000);
    assert.deepEqual(h.find('session.create'), [
      {type: 'session.create', epoch: h.epoch, credentialsEpoch: 1, streaming: false},
    ]);

    h.dispatch({type: 'session.failed', epoch: h.epoch, retryable: false, status: 401, error});
    h.advance(2000);
    assert.deepEqual(h.find('credentials.fetch'), [
      {type: 'credentials.fetch', epoch: h.epoch, newSession: true, streaming: false},
    ]);

    h.resolveCredentials();
    h.dispatch({type: 'session.failed', epoch: h.epoch, retryable: false, status: 400, error});
    assert.equal(ended(h).error, error);
  });

  it('a step that hangs times out: credentials, session, socket (an open socket never does)', () => {
    const h = new Harness();
    h.start();
    h.advance(15_000);
    assert.equal(h.state.status === 'connecting' && h.state.error?.code, 'credentials-timeout');
    h.advance(1000);
    h.resolveCredentials();
    h.advance(15_000);
    assert.equal(h.state.status === 'connecting' && h.state.error?.code, 'session-timeout');
    h.advance(2000);
    h.dispatch({type: 'session.created', epoch: h.epoch, sessionId: 's'});
    const socketTimeout = h.advance(15_000);
    assert.deepEqual(socketTimeout.find((effect) => effect.type === 'socket.close'), {
      type: 'socket.close',
      epoch: h.epoch,
      code: 4000,
      reason: 'connect timeout',
    });
    // A hanging handshake is the network, not a refusal; bare tokens are kept for the next socket.
    assert.equal(h.state.status === 'connecting' && h.state.refusedHandshakes, 0);
    h.advance(4000);
    h.open();
    // Open means open: no history for 15 s is no reason to close a healthy socket. After the
    // grace the new session joins and the chat is live without a batch.
    const noHistory = h.advance(15_000);
    assert.equal(noHistory.filter((effect) => effect.type === 'socket.close').length, 0);
    assert.equal(noHistory.filter((effect) => effect.type === 'send.join').length, 1);
    assert.equal(h.status, 'live');
  });
});

describe('offline', () => {
  it('parks retries while offline and reconnects at once when online', () => {
    const h = new Harness();
    h.connect();
    h.drop(1006);
    const parked = h.dispatch({type: 'network.offline'});
    assert.deepEqual(parked, [{type: 'timer.cancel', timer: 'retry'}]);
    assert.equal(retryInfo(h.state), null);
    assert.deepEqual(h.advance(600_000), [], 'no retry storm while offline');
    assert.equal(h.status, 'reconnecting');
    const online = h.dispatch({type: 'network.online'});
    assert.equal(online.filter((effect) => effect.type === 'socket.open').length, 1);
  });

  it('a drop while offline waits without a timer or using the budget', () => {
    const h = new Harness();
    h.connect();
    h.dispatch({type: 'network.offline'});
    const effects = h.drop(1006);
    assert.equal(retryDelay(effects), null);
    assert.equal(h.state.status === 'reconnecting' && h.state.attempt, 0);
    h.dispatch({type: 'network.online'});
    assert.equal(h.find('socket.open').length, 1);
  });

  it('going offline while connected changes nothing but the flag', () => {
    const h = new Harness();
    h.connect();
    assert.deepEqual(h.dispatch({type: 'network.offline'}), []);
    assert.equal(h.status, 'live');
    assert.equal(h.state.offline, true);
  });

  it('retryNow while waiting cancels the timer and tries now', () => {
    const h = new Harness();
    h.connect();
    h.drop(1006);
    const effects = h.dispatch({type: 'user.retryNow'});
    assert.deepEqual(effects.map((effect) => effect.type), ['timer.cancel', 'socket.open', 'timer.start']);
  });
});
