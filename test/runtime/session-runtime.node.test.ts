// SessionRuntime against a fake clock, fake fetch and fake sockets: the effects of the machine
// carried out for real, with no network, no sleeps and no global timers.
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {DRAIN_AFTER_END_MS, REPLAY_SETTLE_MS} from '../../src/runtime/session-runtime.js';
import {jsonResponse} from '../helpers/node/fake-fetch.js';
import {rig} from '../helpers/node/runtime-rig.js';
import type {Rig} from '../helpers/node/runtime-rig.js';
import type {FakeWebSocket} from '../helpers/node/fake-web-socket.js';
import {storageUnsentStore} from '../../src/runtime/unsent-store.js';
import type {UnsentStore} from '../../src/runtime/unsent-store.js';

const TOKEN = 'TOKEN-SECRET-RUNTIME-42';

type Harness = Rig;

/** The runtime with nothing queued at the endpoint: each test answers the credentials request itself. */
function harness(options: {streaming?: boolean; unsentStore?: UnsentStore} = {}): Harness {
  return rig({...options, credentials: false});
}

/** Lets pending promise callbacks (fake fetch answers) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

let seq = 0;
function ev(type: string, payload: object, sequence: number | null, extra: object = {}): object {
  return {id: `e-${++seq}`, sequence, timestamp: '2026-11-25T10:00:00Z', type, payload, ...extra};
}
function batch(...events: object[]): string {
  return JSON.stringify({id: `b-${++seq}`, sequence: null, type: 'EVENT_TYPE_EVENT_BATCH', payload: {events}});
}
const sessionStart = (heartbeat = 30): object =>
  ev(
    'EVENT_TYPE_SESSION_START',
    {capabilities: {streaming: false, max_message_size_bytes: 1000, max_reconnect_attempts: 5, heartbeat_interval_seconds: heartbeat}},
    1,
  );

function sentTypes(socket: FakeWebSocket): string[] {
  return socket.sent.map((text) => (JSON.parse(text) as {type: string}).type);
}

/** Credentials with a session, socket opened, history replayed: the chat is live. */
async function connect(h: Harness, history: object[] = [sessionStart()]): Promise<FakeWebSocket> {
  h.fetch.reply(jsonResponse({access_token: TOKEN, session_id: 'sess-1', base_url: 'http://localhost:8000'}));
  h.runtime.start();
  await settle();
  const socket = h.sockets.last;
  socket.open();
  socket.receive(batch(...history));
  h.clock.advance(REPLAY_SETTLE_MS); // no further batch: the replay is complete
  return socket;
}

describe('SessionRuntime', () => {
  test('fetches credentials, opens the socket with session and token, sends the join after the history', async () => {
    const h = harness();
    const socket = await connect(h);
    assert.equal(h.fetch.last.method, 'POST');
    assert.deepEqual(JSON.parse(h.fetch.last.body ?? ''), {new_session: false, streaming: false});
    const url = new URL(socket.url);
    assert.equal(url.protocol, 'ws:');
    assert.equal(url.pathname, '/ws');
    assert.equal(url.searchParams.get('session_id'), 'sess-1');
    assert.equal(url.searchParams.get('access_token'), TOKEN);
    assert.equal(url.searchParams.has('cursor'), false);
    assert.deepEqual(sentTypes(socket), ['EVENT_TYPE_REQUEST_POLY_AGENT_JOIN']);
    assert.equal(h.runtime.snapshot.status, 'live');
    assert.equal(h.runtime.snapshot.sessionId, 'sess-1');
    assert.equal(h.runtime.snapshot.maxMessageSizeBytes, 1000);
    h.runtime.dispose();
  });

  test('creates the session itself when the endpoint gives none', async () => {
    const h = harness({streaming: true});
    h.fetch.reply(
      jsonResponse({access_token: TOKEN, base_url: 'http://127.0.0.1:9'}),
      jsonResponse({session_id: 'made-here'}),
    );
    h.runtime.start();
    await settle();
    const create = h.fetch.requests[1];
    assert.ok(create);
    assert.equal(create.url, 'http://127.0.0.1:9/api/v1/sessions');
    assert.equal(create.headers['authorization'], `Bearer ${TOKEN}`);
    assert.deepEqual(JSON.parse(create.body ?? ''), {streaming_enabled: true, platform: 'web'});
    assert.equal(new URL(h.sockets.last.url).searchParams.get('session_id'), 'made-here');
    h.runtime.dispose();
  });

  test('does not join when the replay shows the agent already joined (resume after reload)', async () => {
    const h = harness();
    const socket = await connect(h, [
      sessionStart(),
      ev('EVENT_TYPE_REQUEST_POLY_AGENT_JOIN', {}, 2),
      ev('EVENT_TYPE_POLY_AGENT_JOINED', {agent_name: 'Poly'}, 3),
      ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: 'm1', text: 'Hi!'}, 4),
    ]);
    assert.deepEqual(sentTypes(socket), []);
    assert.deepEqual(
      h.runtime.snapshot.messages.map((m) => m.text),
      ['Hi!'],
    );
    assert.equal(h.runtime.snapshot.agent?.name, 'Poly');
    h.runtime.dispose();
  });

  test('a user message carries a client_event_id, shows as sending, and is marked sent by its echo', async () => {
    const h = harness();
    const socket = await connect(h);
    h.runtime.send('Hello there');
    const frame = JSON.parse(socket.sent.at(-1) ?? '{}') as {type: string; payload: {text: string}; metadata: {custom: {client_event_id: string}}};
    assert.equal(frame.type, 'EVENT_TYPE_USER_MESSAGE');
    assert.equal(frame.payload.text, 'Hello there');
    assert.equal(frame.metadata.custom.client_event_id, 'cid-1');
    assert.equal(h.runtime.snapshot.messages.at(-1)?.delivery, 'sending');
    socket.receive(
      JSON.stringify(ev('EVENT_TYPE_USER_MESSAGE', {text: 'Hello there', message_id: 'u1'}, 2, {metadata: {custom: {client_event_id: 'cid-1'}}})),
    );
    const message = h.runtime.snapshot.messages.at(-1);
    assert.equal(message?.delivery, 'sent');
    assert.equal(message?.id, 'c:cid-1');
    h.runtime.dispose();
  });

  test('messages sent while disconnected queue and go out in order once live', async () => {
    const h = harness();
    h.runtime.send('one');
    h.runtime.send('two');
    const socket = await connect(h);
    assert.deepEqual(sentTypes(socket), ['EVENT_TYPE_REQUEST_POLY_AGENT_JOIN', 'EVENT_TYPE_USER_MESSAGE', 'EVENT_TYPE_USER_MESSAGE']);
    assert.deepEqual(
      socket.sent.slice(1).map((s) => (JSON.parse(s) as {payload: {text: string}}).payload.text),
      ['one', 'two'],
    );
    h.runtime.dispose();
  });

  // The replay's echo with its client_event_id, and without (§12 Q11: matched by text, since the
  // message went out before the drop).
  for (const echo of ['with client_event_id', 'without client_event_id (Q11)'] as const) {
    test(`after a drop it reconnects with the cursor, without a second join, and re-sends only unechoed messages (echo ${echo})`, async () => {
      const h = harness();
      const socket = await connect(h, [sessionStart(), ev('EVENT_TYPE_POLY_AGENT_JOINED', {}, 2)]);
      h.runtime.send('arrived');
      h.runtime.send('lost');
      socket.fail(); // 1006
      assert.equal(h.runtime.snapshot.status, 'reconnecting');
      assert.ok(h.runtime.snapshot.retry);
      h.clock.advance(1_500); // first backoff: 1 s ± 20 %
      const second = h.sockets.last;
      assert.notEqual(second, socket);
      assert.equal(new URL(second.url).searchParams.get('cursor'), '2');
      second.open();
      // The replay shows the first message reached the server before the drop.
      second.receive(
        batch(ev('EVENT_TYPE_USER_MESSAGE', {text: 'arrived', message_id: 'u1'}, 3, echo === 'with client_event_id' ? {metadata: {custom: {client_event_id: 'cid-1'}}} : {})),
      );
      assert.deepEqual(second.sent, [], 'nothing is re-sent while the replay may still go on');
      h.clock.advance(REPLAY_SETTLE_MS);
      const texts = second.sent.map((s) => JSON.parse(s) as {type: string; payload: {text?: string}});
      assert.deepEqual(
        texts.map((t) => [t.type, t.payload.text]),
        [['EVENT_TYPE_USER_MESSAGE', 'lost']],
      );
      assert.equal(h.runtime.snapshot.status, 'live');
      assert.deepEqual(
        h.runtime.snapshot.messages.filter((m) => m.text === 'arrived').map((m) => m.delivery),
        ['sent'],
      );
      h.runtime.dispose();
    });
  }

  test('echoes without client_event_id (Q11): a message typed while connecting is sent even when the replay holds an older one with its text', async () => {
    const h = harness();
    h.runtime.send('yes');
    const older = ev('EVENT_TYPE_USER_MESSAGE', {text: 'yes', message_id: 'u1'}, 2);
    const socket = await connect(h, [sessionStart(), ev('EVENT_TYPE_POLY_AGENT_JOINED', {}, 2), {...older, sequence: 3}]);
    const texts = socket.sent.map((s) => JSON.parse(s) as {type: string; payload: {text?: string}}).filter((t) => t.type === 'EVENT_TYPE_USER_MESSAGE');
    assert.deepEqual(
      texts.map((t) => t.payload.text),
      ['yes'],
      'the new "yes" goes out once',
    );
    assert.deepEqual(
      h.runtime.snapshot.messages.map((m) => [m.text, m.delivery, m.clientEventId === undefined]),
      [
        ['yes', 'sent', true],
        ['yes', 'sending', false],
      ],
    );
    // Its own echo, without metadata too, confirms it.
    socket.receive(JSON.stringify(ev('EVENT_TYPE_USER_MESSAGE', {text: 'yes', message_id: 'u2'}, 4)));
    assert.deepEqual(
      h.runtime.snapshot.messages.map((m) => [m.text, m.delivery]),
      [
        ['yes', 'sent'],
        ['yes', 'sent'],
      ],
    );
    h.runtime.dispose();
  });

  test('a history split over several batches is read to the end before queued messages are re-sent', async () => {
    const h = harness();
    const socket = await connect(h, [sessionStart(), ev('EVENT_TYPE_POLY_AGENT_JOINED', {}, 2)]);
    h.runtime.send('first');
    h.runtime.send('second');
    socket.fail();
    h.clock.advance(1_500);
    const next = h.sockets.last;
    next.open();
    next.receive(batch(ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: 'm9', text: 'reply'}, 3)));
    h.clock.advance(REPLAY_SETTLE_MS - 50);
    next.receive(
      batch(ev('EVENT_TYPE_USER_MESSAGE', {text: 'first', message_id: 'u1'}, 4, {metadata: {custom: {client_event_id: 'cid-1'}}})),
    );
    h.clock.advance(REPLAY_SETTLE_MS - 50);
    assert.deepEqual(next.sent, []);
    h.clock.advance(50);
    assert.deepEqual(
      next.sent.map((s) => (JSON.parse(s) as {payload: {text: string}}).payload.text),
      ['second'],
    );
    h.runtime.dispose();
  });

  test('a live event ends the replay at once', async () => {
    const h = harness();
    h.runtime.send('queued');
    h.fetch.reply(jsonResponse({access_token: TOKEN, session_id: 'sess-1', base_url: 'http://localhost:8000'}));
    h.runtime.start();
    await settle();
    const socket = h.sockets.last;
    socket.open();
    socket.receive(batch(sessionStart()));
    socket.receive(JSON.stringify(ev('EVENT_TYPE_REQUEST_POLY_AGENT_JOIN', {}, 2)));
    assert.deepEqual(sentTypes(socket), ['EVENT_TYPE_REQUEST_POLY_AGENT_JOIN', 'EVENT_TYPE_USER_MESSAGE']);
    h.runtime.dispose();
  });

  test('a missing echo on a healthy socket is re-sent, then marked failed; retry sends it again', async () => {
    const h = harness();
    const socket = await connect(h, [sessionStart(3600), ev('EVENT_TYPE_POLY_AGENT_JOINED', {}, 2)]);
    h.runtime.send('hello?');
    const userFrames = (): number => sentTypes(socket).filter((t) => t === 'EVENT_TYPE_USER_MESSAGE').length;
    // Healthy: the server keeps talking (a socket that went quiet is probed instead: reliability tests).
    const alive = (): void => socket.receive(JSON.stringify(ev('EVENT_TYPE_POLY_AGENT_THINKING', {}, null)));
    assert.equal(userFrames(), 1);
    for (const sends of [2, 3, 4]) {
      alive();
      h.clock.advance(5_000);
      assert.equal(userFrames(), sends);
    }
    assert.equal(h.runtime.snapshot.messages.at(-1)?.delivery, 'sending');
    alive();
    h.clock.advance(3_000); // 18 s after the first send
    assert.equal(userFrames(), 4);
    assert.equal(h.runtime.snapshot.messages.at(-1)?.delivery, 'failed');
    assert.ok(h.events.some((e) => e.type === 'error' && (e.detail as {code: string}).code === 'send-failed'));
    h.runtime.retryMessage('cid-1');
    assert.equal(userFrames(), 5);
    assert.equal(h.runtime.snapshot.messages.at(-1)?.delivery, 'sending');
    h.runtime.dispose();
  });

  test('heartbeats at the advertised interval; a silent socket is declared dead and replaced', async () => {
    const h = harness();
    const socket = await connect(h, [sessionStart(10), ev('EVENT_TYPE_POLY_AGENT_JOINED', {}, 2)]);
    h.clock.advance(10_000);
    assert.equal(sentTypes(socket).filter((t) => t === 'EVENT_TYPE_HEARTBEAT').length, 1);
    // The server echoes this one: from now on silence is evidence.
    socket.receive(JSON.stringify({type: 'EVENT_TYPE_HEARTBEAT', payload: {}}));
    h.clock.advance(10_000);
    assert.equal(sentTypes(socket).filter((t) => t === 'EVENT_TYPE_HEARTBEAT').length, 2);
    // No echo, no frame at all: past 2 intervals + margin the socket is dead even though it is "open".
    h.clock.advance(20_000);
    assert.ok(socket.closeCalls.length > 0, 'the silent socket was closed');
    assert.equal(h.runtime.snapshot.status, 'reconnecting');
    h.clock.advance(2_000);
    assert.ok(h.sockets.sockets.length >= 2, 'a new socket was opened');
    h.runtime.dispose();
  });

  test('garbage frames are reported, never thrown, and the chat keeps working', async () => {
    const h = harness();
    const socket = await connect(h, [sessionStart(), ev('EVENT_TYPE_POLY_AGENT_JOINED', {}, 2)]);
    socket.receive('{not json');
    socket.receive(JSON.stringify({type: 'EVENT_TYPE_FROM_THE_FUTURE', id: 'x', sequence: 3, payload: {}}));
    socket.receiveBinary();
    socket.receive(JSON.stringify(ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: 'm2', text: 'still here'}, 4)));
    assert.equal(h.runtime.snapshot.messages.at(-1)?.text, 'still here');
    assert.equal(h.runtime.snapshot.status, 'live');
    assert.ok(h.events.filter((e) => e.type === 'error').length >= 2);
    h.runtime.dispose();
  });

  test('SESSION_END ends the chat, closes the socket and never reconnects', async () => {
    const h = harness();
    const socket = await connect(h, [sessionStart(), ev('EVENT_TYPE_POLY_AGENT_JOINED', {}, 2)]);
    socket.receive(JSON.stringify(ev('EVENT_TYPE_SESSION_END', {reason: 'REASON_NATURAL_END'}, 3)));
    assert.equal(h.runtime.snapshot.status, 'ended');
    assert.equal(h.runtime.snapshot.endReason, 'REASON_NATURAL_END');
    assert.ok(h.events.some((e) => e.type === 'end' && (e.detail as {reason: string}).reason === 'REASON_NATURAL_END'));
    const count = h.sockets.sockets.length;
    h.clock.advance(120_000);
    assert.equal(h.sockets.sockets.length, count);
    assert.equal(h.runtime.pendingTimerCount, 0);
    h.runtime.dispose();
  });

  test('events that come after SESSION_END on its socket are still shown; the socket is closed a moment later', async () => {
    const h = harness();
    const socket = await connect(h, [sessionStart(), ev('EVENT_TYPE_POLY_AGENT_JOINED', {}, 2)]);
    // SESSION_END overtook the last reply (written before it, out of order), and the server has
    // nothing to replay once the conversation is over.
    socket.receive(JSON.stringify(ev('EVENT_TYPE_SESSION_END', {reason: 'REASON_NATURAL_END'}, 4)));
    assert.equal(h.runtime.snapshot.status, 'ended');
    assert.deepEqual(socket.closeCalls, [], 'still read');
    socket.receive(JSON.stringify(ev('EVENT_TYPE_LIVE_AGENT_MESSAGE', {message_id: 'm3', text: 'one last thing'}, 3)));
    const texts = (): string[] => h.runtime.snapshot.messages.map((message) => message.text);
    assert.ok(texts().includes('one last thing'));
    assert.equal(h.runtime.snapshot.status, 'ended', 'ended is final');
    h.clock.advance(DRAIN_AFTER_END_MS);
    assert.deepEqual(socket.closeCalls, [{code: 1000, reason: 'ended'}]);
    socket.receive(JSON.stringify(ev('EVENT_TYPE_LIVE_AGENT_MESSAGE', {message_id: 'm4', text: 'too late'}, 5)));
    assert.ok(!texts().includes('too late'), 'a closed socket is not read');
    h.runtime.dispose();
  });

  test('user end sends USER_END_SESSION and ends even when SESSION_END never comes', async () => {
    const h = harness();
    const socket = await connect(h, [sessionStart(), ev('EVENT_TYPE_POLY_AGENT_JOINED', {}, 2)]);
    h.runtime.end();
    assert.equal(sentTypes(socket).at(-1), 'EVENT_TYPE_USER_END_SESSION');
    h.clock.advance(5_000);
    assert.equal(h.runtime.snapshot.status, 'ended');
    assert.equal(h.runtime.snapshot.endReason, 'REASON_USER_END');
    h.runtime.dispose();
  });

  test('offline stops retries; online reconnects at once', async () => {
    const h = harness();
    const socket = await connect(h, [sessionStart(), ev('EVENT_TYPE_POLY_AGENT_JOINED', {}, 2)]);
    h.lifecycle('offline');
    socket.fail();
    const count = h.sockets.sockets.length;
    h.clock.advance(60_000);
    assert.equal(h.sockets.sockets.length, count, 'no retry storm while offline');
    assert.equal(h.runtime.snapshot.offline, true);
    h.lifecycle('online');
    assert.equal(h.sockets.sockets.length, count + 1, 'reconnects as soon as the network is back');
    h.runtime.dispose();
  });

  test('restart begins a new conversation: new_session:true, old transcript kept with a notice', async () => {
    const h = harness();
    await connect(h, [sessionStart(), ev('EVENT_TYPE_POLY_AGENT_JOINED', {}, 2), ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: 'm1', text: 'old'}, 3)]);
    h.fetch.reply(jsonResponse({access_token: 'TOKEN-2', session_id: 'sess-2', base_url: 'http://localhost:8000'}));
    const restarted = h.runtime.restart();
    await settle();
    assert.deepEqual(JSON.parse(h.fetch.last.body ?? ''), {new_session: true, streaming: false});
    const socket = h.sockets.last;
    assert.equal(new URL(socket.url).searchParams.get('session_id'), 'sess-2');
    socket.open();
    socket.receive(batch(sessionStart()));
    await restarted;
    assert.equal(h.runtime.snapshot.sessionId, 'sess-2');
    const texts = h.runtime.snapshot.messages.map((m) => m.text);
    assert.equal(texts[0], 'old');
    assert.ok(h.runtime.snapshot.messages.some((m) => m.role === 'system' && m.noticeKey?.startsWith('new-conversation')));
    assert.deepEqual(sentTypes(socket), ['EVENT_TYPE_REQUEST_POLY_AGENT_JOIN']);
    h.runtime.dispose();
  });

  test('an insecure base_url is refused before any socket is opened', async () => {
    const h = harness();
    h.fetch.reply(jsonResponse({access_token: TOKEN, session_id: 's', base_url: 'http://chat.example.com'}));
    h.runtime.start();
    await settle();
    assert.equal(h.sockets.sockets.length, 0);
    assert.equal(h.runtime.snapshot.status, 'ended');
    assert.equal(h.runtime.snapshot.error?.code, 'insecure-url');
    h.runtime.dispose();
  });

  test('dispose closes the socket and leaves no timer behind', async () => {
    const h = harness();
    const socket = await connect(h, [sessionStart(), ev('EVENT_TYPE_POLY_AGENT_JOINED', {}, 2)]);
    h.runtime.send('pending');
    h.runtime.typing(true);
    assert.ok(h.clock.pendingCount > 0);
    h.runtime.dispose();
    assert.equal(h.clock.pendingCount, 0);
    assert.ok(socket.closeCalls.length > 0);
    assert.equal(h.runtime.hasSocket, false);
    h.clock.advance(600_000);
    assert.equal(h.sockets.sockets.length, 1);
  });

  test('typing sends STARTED once per throttle window and STOPPED after idle', async () => {
    const h = harness();
    const socket = await connect(h, [sessionStart(3600), ev('EVENT_TYPE_POLY_AGENT_JOINED', {}, 2)]);
    const typing = (): string[] =>
      socket.sent
        .map((s) => JSON.parse(s) as {type: string; payload: {state?: string}})
        .filter((e) => e.type === 'EVENT_TYPE_USER_TYPING')
        .map((e) => e.payload.state ?? '');
    h.runtime.typing(true);
    h.runtime.typing(true);
    h.clock.advance(1_000);
    h.runtime.typing(true);
    assert.deepEqual(typing(), ['TYPING_STATE_STARTED']);
    h.clock.advance(5_000);
    assert.deepEqual(typing(), ['TYPING_STATE_STARTED', 'TYPING_STATE_STOPPED']);
    h.runtime.dispose();
  });

  test('the access token appears in no snapshot, event detail or error', async () => {
    const h = harness();
    const socket = await connect(h, [sessionStart(), ev('EVENT_TYPE_POLY_AGENT_JOINED', {}, 2)]);
    socket.receive('garbage');
    socket.fail();
    h.clock.advance(2_000);
    const everything = JSON.stringify({snapshot: h.runtime.snapshot, events: h.events});
    assert.equal(everything.includes(TOKEN), false);
    h.runtime.dispose();
  });

  describe('unsent messages across reloads (the unsent store)', () => {
    /** sessionStorage's shape over a Map: what the runtime really writes and reads. */
    function memoryStorage(): Map<string, string> & Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
      const map = new Map<string, string>();
      return Object.assign(map, {
        getItem: (key: string) => map.get(key) ?? null,
        setItem: (key: string, value: string) => void map.set(key, value),
        removeItem: (key: string) => void map.delete(key),
      });
    }
    const KEY = 'poly-chat:unsent:sess-1';
    const echo = (text: string, clientEventId: string, sequence: number): object =>
      ev('EVENT_TYPE_USER_MESSAGE', {text, message_id: `u-${clientEventId}`}, sequence, {metadata: {custom: {client_event_id: clientEventId}}});
    const sentTexts = (socket: FakeWebSocket): string[] =>
      socket.sent.map((text) => JSON.parse(text) as {type: string; payload?: {text?: string}}).filter((f) => f.type === 'EVENT_TYPE_USER_MESSAGE').map((f) => String(f.payload?.text));

    test('a message queued while disconnected is kept (text and id only) until its echo confirms it', async () => {
      const storage = memoryStorage();
      const h = harness({unsentStore: storageUnsentStore(storage)});
      const socket = await connect(h);
      socket.fail();
      h.runtime.send('while away');
      assert.deepEqual(JSON.parse(storage.get(KEY) ?? 'null'), [{clientEventId: 'cid-1', text: 'while away', failed: false, wentOut: false}]);
      assert.equal([...storage.values()].join('').includes(TOKEN), false);
      h.clock.advance(2_000);
      await settle();
      const second = h.sockets.last;
      second.open();
      second.receive(batch(sessionStart()));
      h.clock.advance(REPLAY_SETTLE_MS);
      assert.deepEqual(sentTexts(second), ['while away']);
      second.receive(JSON.stringify(echo('while away', 'cid-1', 2)));
      assert.equal(storage.has(KEY), false, 'confirmed: nothing kept');
      h.runtime.dispose();
    });

    test('the next runtime of the conversation shows kept messages at once and sends the ones the replay lacks, once', async () => {
      const storage = memoryStorage();
      storage.setItem(
        KEY,
        JSON.stringify([
          {clientEventId: 'kept-1', text: 'arrived before the reload', failed: false},
          {clientEventId: 'kept-2', text: 'never arrived', failed: false},
          {clientEventId: 'kept-3', text: 'gave up', failed: true},
        ])
      );
      const h = harness({unsentStore: storageUnsentStore(storage)});
      h.fetch.reply(jsonResponse({access_token: TOKEN, session_id: 'sess-1', base_url: 'http://localhost:8000'}));
      h.runtime.start();
      await settle();
      const socket = h.sockets.last;
      assert.deepEqual(
        h.runtime.snapshot.messages.map((message) => [message.text, message.delivery]),
        [
          ['arrived before the reload', 'sending'],
          ['never arrived', 'sending'],
          ['gave up', 'failed'],
        ]
      );
      socket.open();
      socket.receive(batch(sessionStart(), echo('arrived before the reload', 'kept-1', 2)));
      h.clock.advance(REPLAY_SETTLE_MS);
      assert.deepEqual(sentTexts(socket), ['never arrived'], 'the echoed one is not sent again, the failed one waits for a retry');
      socket.receive(JSON.stringify(echo('never arrived', 'kept-2', 3)));
      assert.deepEqual(JSON.parse(storage.get(KEY) ?? 'null'), [{clientEventId: 'kept-3', text: 'gave up', failed: true, wentOut: true}]);
      h.runtime.retryMessage('kept-3');
      assert.deepEqual(sentTexts(socket), ['never arrived', 'gave up']);
      assert.deepEqual(JSON.parse(storage.get(KEY) ?? 'null'), [{clientEventId: 'kept-3', text: 'gave up', failed: false, wentOut: true}]);
      h.runtime.dispose();
    });

    test('two elements of one conversation: a kept message is sent by one of them, and neither drops the other\'s', async () => {
      const storage = memoryStorage();
      storage.setItem(KEY, JSON.stringify([{clientEventId: 'kept-1', text: 'from before the reload', failed: false}]));
      const shared = storageUnsentStore(storage);
      const first = harness({unsentStore: shared});
      const second = harness({unsentStore: shared});
      const firstSocket = await connect(first);
      const secondSocket = await connect(second);
      assert.deepEqual([sentTexts(firstSocket), sentTexts(secondSocket)], [['from before the reload'], []]);
      secondSocket.fail();
      second.runtime.send('from the second');
      const kept = (): string[] => (JSON.parse(storage.get(KEY) ?? '[]') as Array<{text: string}>).map((message) => message.text);
      assert.deepEqual(kept(), ['from before the reload', 'from the second']);
      firstSocket.receive(JSON.stringify(echo('from before the reload', 'kept-1', 2)));
      assert.deepEqual(kept(), ['from the second']);
      second.runtime.dispose();
      assert.deepEqual(kept(), ['from the second'], 'kept after its element is gone');
      first.runtime.dispose();
    });

    test('echoes without client_event_id (Q11): a kept message the earlier page never sent is sent, even when the replay holds an older one with its text', async () => {
      const storage = memoryStorage();
      const older = ev('EVENT_TYPE_USER_MESSAGE', {text: 'yes', message_id: 'u-older'}, 2);
      // Page one: an older "yes" in the conversation; a new "yes" typed while reconnecting, then a reload.
      const before = harness({unsentStore: storageUnsentStore(storage)});
      const socket = await connect(before, [sessionStart(), older]);
      socket.fail();
      before.runtime.send('yes');
      before.runtime.dispose();
      // Page two: the replay holds the older "yes" only.
      const after = harness({unsentStore: storageUnsentStore(storage)});
      const replayed = await connect(after, [sessionStart(), older]);
      assert.deepEqual(sentTexts(replayed), ['yes'], 'the new "yes" goes out once');
      assert.deepEqual(
        after.runtime.snapshot.messages.map((m) => [m.text, m.delivery, m.clientEventId === undefined]),
        [
          ['yes', 'sent', true],
          ['yes', 'sending', false],
        ],
      );
      after.runtime.dispose();
    });

    test('echoes without client_event_id (Q11): a kept message the earlier page did send is confirmed by its echo in the replay, not sent again', async () => {
      const storage = memoryStorage();
      const before = harness({unsentStore: storageUnsentStore(storage)});
      const socket = await connect(before, [sessionStart()]);
      before.runtime.send('yes');
      assert.deepEqual(sentTexts(socket), ['yes']);
      before.runtime.dispose();
      const after = harness({unsentStore: storageUnsentStore(storage)});
      const replayed = await connect(after, [sessionStart(), ev('EVENT_TYPE_USER_MESSAGE', {text: 'yes', message_id: 'u-1'}, 2)]);
      assert.deepEqual(sentTexts(replayed), []);
      assert.deepEqual(
        after.runtime.snapshot.messages.map((m) => [m.text, m.delivery]),
        [['yes', 'sent']],
      );
      after.runtime.dispose();
    });

    test('unreadable or foreign storage content is ignored; a throwing storage turns keeping off, nothing else', async () => {
      const storage = memoryStorage();
      storage.setItem(KEY, '{"not": "a list"');
      const h = harness({unsentStore: storageUnsentStore(storage)});
      await connect(h);
      assert.deepEqual(h.runtime.snapshot.messages, []);
      h.runtime.dispose();
      const throwing = harness({
        unsentStore: storageUnsentStore({
          getItem: () => {
            throw new Error('SecurityError');
          },
          setItem: () => {
            throw new Error('QuotaExceededError');
          },
          removeItem: () => {
            throw new Error('SecurityError');
          },
        }),
      });
      const socket = await connect(throwing);
      throwing.runtime.send('still works');
      assert.deepEqual(sentTexts(socket), ['still works']);
      throwing.runtime.dispose();
    });
  });
});
