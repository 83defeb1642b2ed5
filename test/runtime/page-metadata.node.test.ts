// Page metadata on user messages (issue 18 item 2): checked before a message exists, written next to
// client_event_id, counted in the size limit, and kept with the message through resends, reconnects
// and reloads (the outbox and the unsent store carry it; nothing re-reads the element's property).
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {encodeClientEvent, userMessageEvent} from '../../src/protocol/encode.js';
import {exceedsMessageLimit} from '../../src/protocol/message-size.js';
import {mergePageMetadata, toPageMetadata} from '../../src/protocol/page-metadata.js';
import {parseUnsent, storageUnsentStore} from '../../src/runtime/unsent-store.js';
import {REPLAY_SETTLE_MS} from '../../src/runtime/session-runtime.js';
import {batch, connect, dropAndRetry, ev, flush, rig, sentFrames, sessionStart} from '../helpers/node/runtime-rig.js';
import type {FakeWebSocket} from '../helpers/node/fake-web-socket.js';

const userMessages = (socket: FakeWebSocket): Array<{text: unknown; custom: Record<string, string> | undefined}> =>
  sentFrames(socket)
    .filter((frame) => frame.type === 'EVENT_TYPE_USER_MESSAGE')
    .map((frame) => ({text: frame.payload?.['text'], custom: frame.metadata?.custom}));

function memoryStorage(): Map<string, string> & Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const map = new Map<string, string>();
  return Object.assign(map, {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  });
}

describe('page metadata: checking and merging', () => {
  test('an object of strings is copied and frozen; null and undefined are none', () => {
    const given = {page: '/checkout', order: 'A-1042'};
    const metadata = toPageMetadata(given, 'metadata');
    assert.deepEqual(metadata, given);
    assert.notEqual(metadata, given, 'a copy: changing the host object later changes nothing');
    assert.equal(Object.isFrozen(metadata), true);
    assert.equal(toPageMetadata(undefined, 'metadata'), undefined);
    assert.equal(toPageMetadata(null, 'metadata'), undefined);
  });

  const refused: Array<[string, unknown, RegExp]> = [
    ['a number value', {order: 1042}, /metadata\.order must be a string, not number/],
    ['a null value', {order: null}, /metadata\.order must be a string, not null/],
    ['a nested object', {cart: {items: '2'}}, /metadata\.cart must be a string, not object/],
    ['an array', ['a'], /metadata must be an object of strings/],
    ['a string', 'page=1', /metadata must be an object of strings/],
    ['the reserved client_event_id', {client_event_id: 'mine'}, /client_event_id is reserved/],
  ];
  for (const [name, value, message] of refused) {
    test(`refuses ${name} with a TypeError`, () => {
      assert.throws(() => toPageMetadata(value, 'metadata'), (error: unknown) => error instanceof TypeError && message.test(error.message));
    });
  }

  test('keeps a __proto__ key (as JSON.parse makes it) as an ordinary key', () => {
    const parsed = JSON.parse('{"__proto__": "x", "page": "/a"}') as Record<string, string>;
    const metadata = toPageMetadata(parsed, 'metadata');
    assert.deepEqual(Object.keys(metadata ?? {}), ['__proto__', 'page']);
    assert.equal(JSON.stringify(metadata), '{"__proto__":"x","page":"/a"}');
  });

  test("one message's keys win over the element's", () => {
    assert.deepEqual(mergePageMetadata({page: '/a', lang: 'en'}, {page: '/b'}), {page: '/b', lang: 'en'});
    assert.deepEqual(mergePageMetadata(undefined, {page: '/b'}), {page: '/b'});
    assert.deepEqual(mergePageMetadata({page: '/a'}, undefined), {page: '/a'});
  });

  test('USER_MESSAGE carries it in metadata.custom next to client_event_id', () => {
    const wire = JSON.parse(encodeClientEvent(userMessageEvent('hi', 'c-1', {page: '/checkout'}))) as unknown;
    assert.deepEqual(wire, {type: 'EVENT_TYPE_USER_MESSAGE', payload: {text: 'hi'}, metadata: {custom: {page: '/checkout', client_event_id: 'c-1'}}});
  });

  test('it counts towards the size limit', () => {
    const plainFrame = encodeClientEvent(userMessageEvent('hi', '00000000-0000-0000-0000-000000000000')).length;
    assert.equal(exceedsMessageLimit('hi', plainFrame), false);
    assert.equal(exceedsMessageLimit('hi', plainFrame, {p: ''}), true);
    assert.equal(exceedsMessageLimit('hi', plainFrame + 7, {p: ''}), false, '"p":"", is 7 bytes');
    assert.equal(exceedsMessageLimit('hi', plainFrame + 7, {p: 'é'}), true, 'UTF-8 bytes, not UTF-16 units');
  });
});

describe('page metadata: delivery keeps it', () => {
  test('a message queued while reconnecting goes out, and out again after a drop, with the metadata it was sent with', async () => {
    const r = rig();
    const first = await connect(r);
    first.fail();
    r.runtime.send('where is my order?', {order: 'A-1042'});
    r.runtime.send('and this one?', {order: 'B-7'});
    const retry = r.runtime.snapshot.retry;
    assert.ok(retry);
    r.clock.advance(retry.at - r.clock.now());
    await flush();
    const second = r.sockets.last;
    second.open();
    second.receive(batch(sessionStart(), ev('EVENT_TYPE_POLY_AGENT_JOINED', {}, 2)));
    r.clock.advance(REPLAY_SETTLE_MS);
    const expected = [
      {text: 'where is my order?', custom: {order: 'A-1042', client_event_id: 'cid-1'}},
      {text: 'and this one?', custom: {order: 'B-7', client_event_id: 'cid-2'}},
    ];
    assert.deepEqual(userMessages(second), expected);
    // No echo: lost again. The next connection sends the same frames.
    const third = dropAndRetry(r, second);
    await flush();
    third.open();
    third.receive(batch(sessionStart(), ev('EVENT_TYPE_POLY_AGENT_JOINED', {}, 2)));
    r.clock.advance(REPLAY_SETTLE_MS);
    assert.deepEqual(userMessages(third), expected);
    r.runtime.dispose();
  });

  test('the unsent store keeps it across a reload, and the next runtime sends it unchanged', async () => {
    const storage = memoryStorage();
    const before = rig({unsentStore: storageUnsentStore(storage)});
    const socket = await connect(before);
    socket.fail();
    before.runtime.send('kept', {page: '/cart'});
    before.runtime.dispose();
    assert.deepEqual(JSON.parse(storage.get('poly-chat:unsent:sess-1') ?? 'null'), [
      {clientEventId: 'cid-1', text: 'kept', metadata: {page: '/cart'}, failed: false, wentOut: false},
    ]);

    const after = rig({unsentStore: storageUnsentStore(storage)});
    const next = await connect(after);
    assert.deepEqual(userMessages(next), [{text: 'kept', custom: {page: '/cart', client_event_id: 'cid-1'}}]);
    after.runtime.dispose();
  });

  test('a stored message whose metadata is not strings is not ours: ignored', () => {
    const stored = JSON.stringify([
      {clientEventId: 'a', text: 'fine', metadata: {page: '/x'}, failed: false},
      {clientEventId: 'b', text: 'odd', metadata: {page: 1}, failed: false},
      {clientEventId: 'c', text: 'odd too', metadata: 'page', failed: false},
    ]);
    assert.deepEqual(parseUnsent(stored), [{clientEventId: 'a', text: 'fine', metadata: {page: '/x'}, failed: false, wentOut: true}]);
  });

  test('a message too large only with its metadata is refused', async () => {
    const r = rig();
    await connect(r, [sessionStart(1, {heartbeat_interval_seconds: 30, max_message_size_bytes: 200})]);
    r.runtime.send('short', {note: 'x'.repeat(200)});
    assert.deepEqual(r.errors.map((error) => error.code), ['message-too-large']);
    assert.equal(r.runtime.snapshot.messages.filter((message) => message.role === 'user').length, 0);
    r.runtime.dispose();
  });
});
