// Gaps the chaos suite found in SessionRuntime, pinned down with a fake clock and fake sockets.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {REPLAY_SETTLE_MS} from '../../src/runtime/session-runtime.js';
import {batch, connect, dropAndRetry, ev, flush, live, reply, rig, sessionStart} from '../helpers/node/runtime-rig.js';
import type {FakeWebSocket} from '../helpers/node/fake-web-socket.js';

const start = sessionStart();

describe('queued messages after a replay that live events interleave', () => {
  test('a live event between replay batches does not end the replay: an echo in a later batch still counts', async () => {
    const r = rig();
    const first = await connect(r);
    r.runtime.send('did it arrive?');
    assert.equal(first.sent.length, 1);
    first.receive(live(reply(3)));
    const second = dropAndRetry(r, first);
    second.open();
    // The server stored the message (sequence 4) before the drop and replays in batches; the agent's
    // reply to it (6) goes out live while the second batch is still on its way.
    second.receive(batch(ev('EVENT_TYPE_POLY_AGENT_THINKING', {}, null)));
    second.receive(live(reply(6, 'live, between batches')));
    assert.deepEqual(second.sent, [], 'the echo may still come: nothing re-sent yet');
    second.receive(
      batch(
        {...(ev('EVENT_TYPE_USER_MESSAGE', {text: 'did it arrive?', message_id: 'u4'}, 4) as Record<string, unknown>), metadata: {custom: {client_event_id: 'cid-1'}}},
        reply(5),
      ),
    );
    r.clock.advance(REPLAY_SETTLE_MS);
    assert.deepEqual(second.sent, [], 'its echo was in the replay: never sent twice');
    assert.deepEqual(
      r.runtime.snapshot.messages.map((message) => message.text),
      ['r3', 'did it arrive?', 'r5', 'live, between batches'],
    );
    r.runtime.dispose();
  });

  test('a live event right after everything replayed still ends the replay at once', async () => {
    const r = rig();
    const first = await connect(r);
    first.receive(live(reply(3)));
    const second = dropAndRetry(r, first);
    r.runtime.send('queued while away');
    second.open();
    second.receive(batch(reply(4)));
    second.receive(live(reply(5)));
    assert.equal(second.sent.length, 1, 'no hole below the live event: the replay is complete');
    r.runtime.dispose();
  });
});

describe('an echo overdue on a socket that went quiet', () => {
  test('probes the socket instead of re-sending into it; a dead one is replaced and the message goes out once there', async () => {
    const r = rig();
    const first = await connect(r);
    r.runtime.send('hello?');
    const types = (socket: FakeWebSocket): string[] => socket.sent.map((text) => (JSON.parse(text) as {type: string}).type);
    assert.deepEqual(types(first), ['EVENT_TYPE_USER_MESSAGE']);
    r.clock.advance(5_000); // echo overdue, and not a single frame since: suspect
    assert.deepEqual(types(first), ['EVENT_TYPE_USER_MESSAGE', 'EVENT_TYPE_HEARTBEAT'], 'a probe, not a second copy');
    assert.equal(r.runtime.snapshot.messages.at(-1)?.delivery, 'sending');
    r.clock.advance(5_000); // the probe got no answer: dead
    assert.equal(r.runtime.snapshot.status, 'reconnecting');
    const retry = r.runtime.snapshot.retry;
    assert.ok(retry);
    r.clock.advance(retry.at - r.clock.now());
    const second = r.sockets.last;
    second.open();
    second.receive(batch()); // the server never got it
    r.clock.advance(REPLAY_SETTLE_MS);
    assert.deepEqual(types(second), ['EVENT_TYPE_USER_MESSAGE']);
    assert.equal(r.runtime.snapshot.messages.at(-1)?.delivery, 'sending', 'never marked failed');
    r.runtime.dispose();
  });

  test('a socket that answers the probe is healthy: the message is re-sent there, and fails 18 s after its first send', async () => {
    const r = rig();
    const socket = await connect(r);
    r.runtime.send('hello?');
    const users = (): number => socket.sent.filter((text) => text.includes('EVENT_TYPE_USER_MESSAGE')).length;
    r.clock.advance(5_000); // probe
    socket.receive(JSON.stringify({type: 'EVENT_TYPE_HEARTBEAT', payload: {}})); // the probe's echo: alive
    r.clock.advance(5_000);
    assert.equal(users(), 2, 're-sent on the healthy socket');
    socket.receive(JSON.stringify({type: 'EVENT_TYPE_HEARTBEAT', payload: {}}));
    r.clock.advance(5_000);
    assert.equal(users(), 3);
    socket.receive(JSON.stringify({type: 'EVENT_TYPE_HEARTBEAT', payload: {}}));
    r.clock.advance(2_999);
    assert.equal(r.runtime.snapshot.messages.at(-1)?.delivery, 'sending');
    r.clock.advance(1);
    assert.equal(r.runtime.snapshot.messages.at(-1)?.delivery, 'failed');
    assert.equal(users(), 3);
    assert.equal(r.runtime.snapshot.status, 'live');
    r.runtime.dispose();
  });
});

describe('a join lost with a dropped socket', () => {
  test('goes out again after the next replay settles without its echo, before the queued messages', async () => {
    const r = rig();
    r.runtime.start();
    await flush();
    const first = r.sockets.last;
    first.open();
    first.receive(batch(start)); // a new session: the join goes out…
    r.clock.advance(REPLAY_SETTLE_MS);
    assert.ok(first.sent.some((text) => text.includes('EVENT_TYPE_REQUEST_POLY_AGENT_JOIN')));
    const second = dropAndRetry(r, first); // …and is lost with the socket
    r.runtime.send('hello');
    second.open();
    second.receive(batch()); // nothing after the cursor: the server never saw the join
    assert.deepEqual(second.sent, [], 'not before the replay is known in full');
    r.clock.advance(REPLAY_SETTLE_MS);
    assert.deepEqual(
      second.sent.map((text) => (JSON.parse(text) as {type: string}).type),
      ['EVENT_TYPE_REQUEST_POLY_AGENT_JOIN', 'EVENT_TYPE_USER_MESSAGE'],
    );
    r.runtime.dispose();
  });

  test('is not sent again when a later replay batch holds its echo', async () => {
    const r = rig();
    r.runtime.start();
    await flush();
    const first = r.sockets.last;
    first.open();
    first.receive(batch(start));
    r.clock.advance(REPLAY_SETTLE_MS);
    const second = dropAndRetry(r, first);
    second.open();
    second.receive(batch());
    second.receive(batch(ev('EVENT_TYPE_REQUEST_POLY_AGENT_JOIN', {}, 2)));
    r.clock.advance(REPLAY_SETTLE_MS);
    assert.deepEqual(second.sent, []);
    r.runtime.dispose();
  });
});
