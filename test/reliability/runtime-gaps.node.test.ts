// Gaps the chaos suite found in SessionRuntime, pinned down with a fake clock and fake sockets.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {RuntimeEnv} from '../../src/runtime/runtime-env.js';
import {REPLAY_SETTLE_MS, SessionRuntime} from '../../src/runtime/session-runtime.js';
import {FakeClock} from '../helpers/node/fake-clock.js';
import {FakeFetch, jsonResponse} from '../helpers/node/fake-fetch.js';
import {FakeWebSockets} from '../helpers/node/fake-web-socket.js';
import type {FakeWebSocket} from '../helpers/node/fake-web-socket.js';

interface Rig {
  runtime: SessionRuntime;
  clock: FakeClock;
  sockets: FakeWebSockets;
}

function rig(): Rig {
  const clock = new FakeClock(1_000_000);
  const fetch = new FakeFetch();
  const sockets = new FakeWebSockets();
  let ids = 0;
  const env: RuntimeEnv = {
    now: clock.now,
    random: () => 0.5,
    randomId: () => `cid-${++ids}`,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    fetch: fetch.fetch,
    WebSocket: sockets.WebSocket,
    baseHref: 'http://localhost:8000/page',
  };
  fetch.reply(jsonResponse({access_token: 'T', session_id: 'sess-1', base_url: 'http://localhost:8000'}));
  return {runtime: new SessionRuntime({endpoint: '/api/poly-chat/session', streaming: false}, env), clock, sockets};
}

async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

let next = 0;
function ev(type: string, payload: object, sequence: number | null): object {
  return {id: `g-${++next}`, sequence, timestamp: '2026-11-25T10:00:00Z', type, payload};
}
const batch = (...events: object[]): string => JSON.stringify({id: `gb-${++next}`, sequence: null, type: 'EVENT_TYPE_EVENT_BATCH', payload: {events}});
const live = (event: object): string => JSON.stringify(event);
const reply = (sequence: number, text = `r${sequence}`): object => ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: `m${sequence}`, text}, sequence);
const start = ev('EVENT_TYPE_SESSION_START', {capabilities: {heartbeat_interval_seconds: 30}}, 1);
const joined = ev('EVENT_TYPE_POLY_AGENT_JOINED', {agent_name: 'Poly'}, 2);

async function connect(r: Rig): Promise<FakeWebSocket> {
  r.runtime.start();
  await flush();
  const socket = r.sockets.last;
  socket.open();
  socket.receive(batch(start, joined));
  r.clock.advance(REPLAY_SETTLE_MS);
  return socket;
}

/** Drop the socket and let the backoff run: the next socket. */
function dropAndRetry(r: Rig, socket: FakeWebSocket): FakeWebSocket {
  socket.fail();
  const retry = r.runtime.snapshot.retry;
  assert.ok(retry, 'no retry scheduled');
  r.clock.advance(retry.at - r.clock.now());
  const nextSocket = r.sockets.last;
  assert.notEqual(nextSocket, socket, 'no new socket');
  return nextSocket;
}

const cursorOf = (socket: FakeWebSocket): string | null => new URL(socket.url).searchParams.get('cursor');

describe('the reconnect cursor after a reordered stream', () => {
  test('an event overtaken by a later one and then cut off by a drop is replayed, not skipped', async () => {
    const r = rig();
    const first = await connect(r);
    first.receive(live(reply(3)));
    first.receive(live(reply(5))); // 4 was sent before 5 but is still on its way…
    const second = dropAndRetry(r, first); // …and never arrives
    assert.equal(cursorOf(second), '3', 'resume below the missing event');
    second.open();
    second.receive(batch(reply(4, 'the lost one'), reply(5)));
    r.clock.advance(REPLAY_SETTLE_MS);
    assert.deepEqual(
      r.runtime.snapshot.messages.map((message) => message.text),
      ['r3', 'the lost one', 'r5'],
    );
    const third = dropAndRetry(r, second);
    assert.equal(cursorOf(third), '5', 'once filled, the cursor moves on');
    r.runtime.dispose();
  });

  test('a hole the replay runs past is a gap in the numbering and holds nothing back', async () => {
    const r = rig();
    const first = await connect(r);
    first.receive(live(reply(3)));
    first.receive(live(reply(6)));
    const second = dropAndRetry(r, first);
    assert.equal(cursorOf(second), '3');
    second.open();
    second.receive(batch(reply(6))); // the server has nothing at 4 or 5
    r.clock.advance(REPLAY_SETTLE_MS);
    const third = dropAndRetry(r, second);
    assert.equal(cursorOf(third), '6');
    r.runtime.dispose();
  });
});

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

  test('a socket that answers the probe is healthy: the message is re-sent there, and fails only after three sends', async () => {
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
    r.clock.advance(5_000);
    assert.equal(r.runtime.snapshot.messages.at(-1)?.delivery, 'failed');
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
