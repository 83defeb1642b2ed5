// First connection, join, outbox and reconnection: the happy paths a runtime follows.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {isConnected, retryInfo} from '../../src/machine/selectors.js';
import {CAPS, Harness, agentMessage as message, caps} from './harness.js';

const agentMessage = message();

describe('first connection', () => {
  it('fetches credentials, creates the session, opens the socket and joins only after the history', () => {
    const h = new Harness();
    assert.equal(h.status, 'idle');

    h.start(true);
    assert.deepEqual(h.find('credentials.fetch'), [
      {type: 'credentials.fetch', epoch: 1, newSession: false, streaming: true},
    ]);
    assert.equal(h.status, 'connecting');

    h.resolveCredentials();
    assert.deepEqual(h.find('session.create'), [
      {type: 'session.create', epoch: 2, credentialsEpoch: 1, streaming: true},
    ]);
    assert.equal(h.status, 'connecting');

    h.dispatch({type: 'session.created', epoch: h.epoch, sessionId: 'fresh'});
    assert.deepEqual(h.find('socket.open'), [{type: 'socket.open', epoch: 3, credentialsEpoch: 1, sessionId: 'fresh'}]);

    assert.deepEqual(
      h.open(),
      [
        {type: 'timer.cancel', timer: 'connect-timeout'},
        {type: 'timer.start', timer: 'replay-grace', delayMs: 2000, epoch: 3},
      ],
      'no join on open: the history comes first (within the grace)',
    );
    h.server({type: 'EVENT_TYPE_SESSION_START', capabilities: CAPS}, 1, true);
    assert.equal(h.find('send.join').length, 0);
    assert.equal(h.status, 'connecting');

    h.history(false);
    assert.deepEqual(h.types(), [
      'timer.cancel',
      'send.join',
      'outbox.flush',
      'timer.start',
      'timer.start',
      'timer.start',
      'timer.start',
    ]);
    assert.equal(h.status, 'live');
    assert.ok(isConnected(h.state));
    assert.equal(h.state.status === 'live' && h.state.sessionId, 'fresh');
  });

  it('uses the session the credentials came with, without creating one', () => {
    const h = new Harness();
    h.start();
    h.resolveCredentials('backend-session');
    assert.equal(h.log.filter((effect) => effect.type === 'session.create').length, 0);
    assert.deepEqual(h.find('socket.open'), [
      {type: 'socket.open', epoch: 2, credentialsEpoch: 1, sessionId: 'backend-session'},
    ]);
  });

  it('never joins a resumed session whose replay shows the agent joined', () => {
    const h = new Harness();
    h.start();
    h.resolveCredentials('resumed');
    h.open();
    h.server({type: 'EVENT_TYPE_SESSION_START', capabilities: CAPS}, 1, true);
    h.server({type: 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN'}, 2, true);
    h.server({type: 'EVENT_TYPE_POLY_AGENT_JOINED', agentName: 'Ava'}, 3, true);
    h.history(false);
    assert.equal(h.find('send.join').length, 0);
    assert.equal(h.find('outbox.flush').length, 1);
    assert.equal(h.status, 'live');
  });

  it('trusts the runtime when it reports the replay joined', () => {
    const h = new Harness();
    h.connect({joined: true});
    assert.equal(h.log.filter((effect) => effect.type === 'send.join').length, 0);
  });

});

describe('reconnection', () => {
  it('reopens the same session (the intake names the cursor) and never re-joins', () => {
    const h = new Harness();
    h.connect({sessionId: 'keep'});
    const credentialsEpoch = h.state.status === 'live' ? h.state.credentialsEpoch : null;
    h.server(agentMessage, 12);

    h.drop(1006);
    assert.equal(h.status, 'reconnecting');
    assert.deepEqual(retryInfo(h.state), {attempt: 1, at: h.now + 1000});

    h.advance(1000);
    assert.deepEqual(h.find('socket.open'), [
      {type: 'socket.open', epoch: h.epoch, credentialsEpoch, sessionId: 'keep'},
    ]);
    assert.equal(h.log.filter((effect) => effect.type === 'credentials.fetch').length, 1, 'no new credentials');
    h.open();
    assert.equal(h.status, 'live', 'open means open: a resumed connection is live at once');
    assert.equal(h.find('outbox.flush').length, 0, 'queued messages wait for the replay (or the grace)');
    h.history(false, null);
    assert.deepEqual(h.last, [
      {type: 'timer.cancel', timer: 'replay-grace'},
      {type: 'outbox.flush', epoch: h.epoch},
    ]);
    assert.equal(h.status, 'live');
    assert.equal(h.state.status === 'live' && h.state.error, null);
  });

  it('re-joins after a drop that came before the first history (the join was never sent)', () => {
    const h = new Harness();
    h.start();
    h.resolveCredentials('s');
    h.open();
    h.drop(1006);
    h.advance(1000);
    h.open();
    h.history(false);
    assert.equal(h.find('send.join').length, 1);
  });

  it('keeps the cached capabilities when the cursor replay has no SESSION_START', () => {
    const h = new Harness();
    h.connect({capabilities: caps({heartbeatIntervalSeconds: 15})});
    h.drop(1006);
    const from = h.log.length;
    h.reconnect();
    assert.deepEqual(
      h.log.slice(from).find((effect) => effect.type === 'timer.start' && effect.timer === 'heartbeat'),
      {type: 'timer.start', timer: 'heartbeat', delayMs: 15000, epoch: h.epoch},
    );
  });

  it('returns to handoff after a drop during a handoff', () => {
    const h = new Harness();
    h.connect();
    h.server({type: 'EVENT_TYPE_LIVE_AGENT_JOINED', agentName: 'Priya'}, 8);
    assert.equal(h.status, 'handoff');
    h.drop(1006);
    assert.equal(h.status, 'reconnecting');
    h.reconnect();
    assert.equal(h.status, 'handoff');
  });
});
