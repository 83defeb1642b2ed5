// What the runtime does per socket frame, for speed, without changing what anyone observes:
// one snapshot per frame, streamed chunks assembled exactly, and a big history batch announced in a
// task of its own (in order, before anything later).
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {SessionRuntime} from '../../src/runtime/session-runtime.js';
import {ANNOUNCE_DELAY_MS, ANNOUNCE_SLICE, DEFERRED_ANNOUNCE_MIN} from '../../src/runtime/announcer.js';
import {BATCH_SLICE, NEWEST_SLICE, REPLAY_SETTLE_MS, SLICED_BATCH_MIN} from '../../src/runtime/frame-intake.js';
import type {RuntimeEnv} from '../../src/runtime/runtime-env.js';
import {FakeClock} from '../helpers/node/fake-clock.js';
import {FakeFetch, jsonResponse} from '../helpers/node/fake-fetch.js';
import {FakeWebSockets, type FakeWebSocket} from '../helpers/node/fake-web-socket.js';

let seq = 0;
const ev = (type: string, payload: object, sequence: number | null): object => ({
  id: `p-${++seq}`,
  sequence,
  timestamp: '2026-11-25T10:00:00Z',
  type,
  payload,
});
const batch = (events: object[]): string =>
  JSON.stringify({
    id: `b-${++seq}`,
    sequence: null,
    type: 'EVENT_TYPE_EVENT_BATCH',
    payload: {events},
  });
const start = (): object =>
  ev(
    'EVENT_TYPE_SESSION_START',
    {
      capabilities: {
        streaming: true,
        max_message_size_bytes: 131072,
        max_reconnect_attempts: 5,
        heartbeat_interval_seconds: 30,
      },
    },
    1
  );

async function live(history: object[]): Promise<{
  runtime: SessionRuntime;
  socket: FakeWebSocket;
  sockets: FakeWebSockets;
  clock: FakeClock;
  messages: string[];
  changes: () => number;
}> {
  const clock = new FakeClock(1_000_000);
  const fetch = new FakeFetch();
  const sockets = new FakeWebSockets();
  const env: RuntimeEnv = {
    now: clock.now,
    random: () => 0.5,
    randomId: () => 'cid',
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    fetch: fetch.fetch,
    WebSocket: sockets.WebSocket,
    baseHref: 'http://localhost:8000/page',
  };
  const runtime = new SessionRuntime({endpoint: '/session', streaming: true}, env);
  const messages: string[] = [];
  let changes = 0;
  runtime.addEventListener('message', (event) => messages.push((event as CustomEvent<{message: {id: string}}>).detail.message.id));
  runtime.addEventListener('change', () => changes++);
  fetch.reply(
    jsonResponse({
      access_token: 'T',
      session_id: 'sess',
      base_url: 'http://localhost:8000',
    })
  );
  runtime.start();
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
  const socket = sockets.last;
  socket.open();
  socket.receive(batch([start(), ev('EVENT_TYPE_POLY_AGENT_JOINED', {agent_name: 'Ava'}, 2), ...history]));
  return {runtime, socket, sockets, clock, messages, changes: () => changes};
}

describe('runtime frames', () => {
  test('a streamed reply of 500 chunks ends with exactly the concatenated text, one snapshot per frame', async () => {
    const {runtime, socket, changes} = await live([]);
    const before = changes();
    let expected = '';
    for (let i = 1; i <= 500; i++) {
      const text = `w${i} `;
      expected += text;
      socket.receive(
        JSON.stringify(ev('EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK', {message_id: 'r1', text, chunk_index: i, is_complete: i === 500}, 10 + i))
      );
    }
    const reply = runtime.snapshot.messages.at(-1);
    assert.equal(reply?.text, expected);
    assert.equal(reply?.complete, true);
    assert.ok(changes() - before <= 500, `${changes() - before} snapshots for 500 frames`);
    runtime.dispose();
  });

  test(`a history batch of ${DEFERRED_ANNOUNCE_MIN}+ messages is announced in its own task, in order, before later messages`, async () => {
    const history = Array.from({length: 60}, (_, i) => ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: `h${i}`, text: `old ${i}`}, 3 + i));
    const {runtime, socket, clock, messages} = await live(history);
    assert.equal(runtime.snapshot.messages.length, 60, 'the snapshot has the history at once');
    assert.deepEqual(messages, [], 'announcements wait for their own task');
    // A live message before the deferred ones went out: they go first.
    socket.receive(JSON.stringify(ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: 'new', text: 'new'}, 100)));
    assert.equal(messages.length, 61);
    assert.deepEqual(messages.slice(0, 3), ['m:h0', 'm:h1', 'm:h2']);
    assert.equal(messages.at(-1), 'm:new');
    clock.advance(ANNOUNCE_DELAY_MS + REPLAY_SETTLE_MS);
    assert.equal(messages.length, 61, 'each message once');
    runtime.dispose();
  });

  test('one snapshot per frame, published before the message events of that frame', async () => {
    const {runtime, socket, changes} = await live([]);
    const seen: boolean[] = [];
    runtime.addEventListener('message', (event) => {
      const id = (event as CustomEvent<{message: {id: string}}>).detail.message.id;
      seen.push(runtime.snapshot.messages.some((message) => message.id === id));
    });
    const before = changes();
    socket.receive(JSON.stringify(ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: 'a', text: 'one'}, 10)));
    socket.receive(JSON.stringify(ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: 'b', text: 'two'}, 11)));
    assert.deepEqual(seen, [true, true]);
    assert.equal(changes() - before, 2);
    runtime.dispose();
  });

  test(`a history of more than ${SLICED_BATCH_MIN} events is shown newest first, the rest in slices, frames after it in order`, async () => {
    const size = BATCH_SLICE * 4 + 50;
    const history = Array.from({length: size}, (_, i) => ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: `s${i}`, text: `old ${i}`}, 3 + i));
    const {runtime, socket, clock, messages} = await live(history);
    // The frame's own task shows the newest events, before the older ones are decoded.
    assert.deepEqual(
      runtime.snapshot.messages.map((message) => message.text),
      history.slice(-NEWEST_SLICE).map((_, i) => `old ${size - NEWEST_SLICE + i}`)
    );
    assert.equal(runtime.snapshot.replaying, true);
    assert.equal(runtime.snapshot.agent?.name, 'Ava', 'the older part\'s join is applied with the newest slice');
    assert.notEqual(runtime.snapshot.status, 'live', 'the machine sees the batch in order: the newest part last');
    socket.receive(JSON.stringify(ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: 'after', text: 'after'}, 3 + size)));
    assert.equal(runtime.snapshot.messages.length, NEWEST_SLICE, 'a frame behind the batch waits its turn');
    // The batch also holds SESSION_START and JOINED; each older slice has a task of its own.
    const slices = Math.ceil((size + 2 - NEWEST_SLICE) / BATCH_SLICE);
    for (let task = 1; task < slices; task++) {
      clock.advance(1);
      assert.equal(runtime.snapshot.messages.length, NEWEST_SLICE, `nothing more shown after slice ${task}`);
    }
    clock.advance(1);
    assert.equal(runtime.snapshot.messages.length, size + 1);
    assert.deepEqual(
      runtime.snapshot.messages.slice(0, 3).map((message) => message.text),
      ['old 0', 'old 1', 'old 2']
    );
    assert.equal(runtime.snapshot.messages.at(-1)?.text, 'after');
    assert.equal(runtime.snapshot.status, 'live');
    assert.equal(runtime.snapshot.replaying, false);
    clock.advance(ANNOUNCE_DELAY_MS * 20);
    assert.equal(messages.length, size + 1);
    assert.equal(new Set(messages).size, size + 1, 'each message once');
    assert.deepEqual(messages.slice(0, 2), ['m:s0', 'm:s1'], 'announced in order, oldest first');
    assert.equal(messages.at(-1), 'm:after', 'the later frame is announced after the history');
    runtime.dispose();
  });

  test('the newest slice does not start inside a streamed reply', async () => {
    const chunks = Array.from({length: 150}, (_, i) =>
      ev('EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK', {message_id: 'long', text: `c${i} `, chunk_index: i, is_complete: i === 149}, 1000 + i)
    );
    const before = Array.from({length: 300}, (_, i) => ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: `b${i}`, text: `b ${i}`}, 3 + i));
    const {runtime, clock} = await live([...before, ...chunks]);
    const shown = runtime.snapshot.messages;
    assert.equal(shown.length, 1, 'the whole streamed reply, nothing older');
    assert.equal(shown[0]?.text, chunks.map((_, i) => `c${i} `).join(''));
    clock.advance(10);
    assert.equal(runtime.snapshot.messages.length, 301);
    runtime.dispose();
  });

  test(`a big history is announced ${ANNOUNCE_SLICE} messages per task, in order, each once`, async () => {
    const size = ANNOUNCE_SLICE * 2 + 50;
    const history = Array.from({length: size}, (_, i) => ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: `a${i}`, text: `old ${i}`}, 3 + i));
    const {runtime, clock, messages} = await live(history);
    assert.deepEqual(messages, []);
    clock.advance(1); // the older part of the batch
    clock.advance(ANNOUNCE_DELAY_MS);
    assert.equal(messages.length, ANNOUNCE_SLICE);
    clock.advance(1);
    assert.equal(messages.length, 2 * ANNOUNCE_SLICE);
    clock.advance(1);
    assert.deepEqual(
      messages,
      history.map((_, i) => `m:a${i}`)
    );
    clock.advance(REPLAY_SETTLE_MS);
    assert.equal(messages.length, size);
    runtime.dispose();
  });

  test('an event with neither id nor sequence in a big (sliced) batch is shown once', async () => {
    const size = BATCH_SLICE;
    const history = Array.from({length: size}, (_, i) => ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: `n${i}`, text: `n ${i}`}, 3 + i));
    history.splice(7, 0, {id: '', sequence: null, type: 'EVENT_TYPE_SYSTEM_MESSAGE', payload: {message: 'odd but harmless', level: 'SYSTEM_MESSAGE_LEVEL_INFO'}});
    const {runtime, clock} = await live(history);
    clock.advance(100);
    assert.equal(runtime.snapshot.messages.filter((message) => message.text === 'odd but harmless').length, 1);
    runtime.dispose();
  });

  test('a big batch decoded in slices drops a malformed element alone, like a whole one', async () => {
    const size = BATCH_SLICE * 2;
    const malformed = new Set([7, BATCH_SLICE + 7, size - 5]);
    const history = Array.from({length: size}, (_, i) =>
      malformed.has(i) ? {id: `bad${i}`, type: 'EVENT_TYPE_LANGUAGE_CHANGED', sequence: 3 + i, payload: {language_code: 5}} : ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: `k${i}`, text: `x ${i}`}, 3 + i)
    );
    const {runtime, clock} = await live(history);
    clock.advance(100);
    assert.equal(runtime.snapshot.messages.length, size - malformed.size);
    assert.equal(runtime.snapshot.status, 'live');
    runtime.dispose();
  });

  test('a socket that drops while a long batch is being applied releases it', async () => {
    const history = Array.from({length: BATCH_SLICE * 2 + 10}, (_, i) => ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: `q${i}`, text: `x ${i}`}, 3 + i));
    const {runtime, socket, clock, sockets, messages} = await live(history);
    clock.advance(1);
    socket.fail();
    clock.advance(1);
    // The rest of the replay is dropped with its socket; what was applied (the newest slice and the
    // oldest) and the drop are published, and the reconnect resumes after the last event applied in
    // order: the rest is replayed again.
    assert.notEqual(runtime.snapshot.retry, null);
    assert.equal(runtime.snapshot.replaying, false);
    assert.equal(runtime.snapshot.messages.length, NEWEST_SLICE + BATCH_SLICE - 2);
    clock.advance(ANNOUNCE_DELAY_MS * 10);
    // What the cut-off batch showed is announced all the same, each message once.
    assert.equal(messages.length, NEWEST_SLICE + BATCH_SLICE - 2);
    assert.equal(new Set(messages).size, messages.length);
    clock.advance(5_000);
    assert.equal(new URL(sockets.last.url).searchParams.get('cursor'), String(BATCH_SLICE));
    runtime.dispose();
    assert.equal(runtime.pendingTimerCount, 0);
  });

  test('small batches announce at once; disposing drops what waits', async () => {
    const small = await live([ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: 'one', text: 'one'}, 3)]);
    assert.deepEqual(small.messages, ['m:one']);
    small.runtime.dispose();
    const big = await live(
      Array.from({length: 60}, (_, i) => ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: `d${i}`, text: `x ${i}`}, 3 + i))
    );
    big.runtime.dispose();
    big.clock.advance(ANNOUNCE_DELAY_MS * 2);
    assert.deepEqual(big.messages, []);
    assert.equal(big.runtime.pendingTimerCount, 0);
  });
});
