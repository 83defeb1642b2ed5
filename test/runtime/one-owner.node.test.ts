// One owner per fact (issue 13): status, handoff, capabilities, the resume point and each message's
// delivery are decided once, so the runtime can never show two answers to one question — not under
// garbage, not under events that arrive out of order.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {agentJoined, batch, connect, cursorOf, dropAndRetry, ev, live, reply, rig, sentFrames, sessionStart} from '../helpers/node/runtime-rig.js';
import type {FakeWebSocket} from '../helpers/node/fake-web-socket.js';

describe('garbage never changes the status', () => {
  test('a live-agent event reusing an id already seen is ignored by everything, status included', async () => {
    const r = rig();
    const start = sessionStart();
    const socket = await connect(r, [start, agentJoined()]);
    // Same id as SESSION_START: the transcript drops it as a duplicate; so must the status.
    socket.receive(live(ev('EVENT_TYPE_LIVE_AGENT_JOINED', {agent_name: 'Priya'}, 3, start['id'] as string)));
    assert.equal(r.runtime.snapshot.status, 'live');
    assert.equal(r.runtime.snapshot.handoff.phase, 'none');
    r.runtime.dispose();
  });

  test('a handoff that failed stays failed when an older handoff event arrives late: status and banner agree', async () => {
    const r = rig();
    const socket = await connect(r);
    socket.receive(live(ev('EVENT_TYPE_HANDOFF_FAILED', {reason: 'no agents'}, 6)));
    socket.receive(live(ev('EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF', {}, 5))); // overtaken on the way
    assert.equal(r.runtime.snapshot.handoff.phase, 'failed');
    assert.equal(r.runtime.snapshot.status, 'live');
    r.runtime.dispose();
  });

  test('a human who left stays gone when their older join arrives late', async () => {
    const r = rig();
    const socket = await connect(r);
    socket.receive(live(ev('EVENT_TYPE_LIVE_AGENT_LEFT', {agent_name: 'Priya'}, 7)));
    socket.receive(live(reply(8, 'back with the bot')));
    socket.receive(live(ev('EVENT_TYPE_LIVE_AGENT_JOINED', {agent_name: 'Priya'}, 6)));
    assert.equal(r.runtime.snapshot.handoff.phase, 'none');
    assert.equal(r.runtime.snapshot.status, 'live');
    r.runtime.dispose();
  });

  for (const order of [[5, 6, 7], [5, 7, 6], [7, 6, 5]]) {
    test(`a human speaking after a failed handoff, then the PolyAI agent, arriving ${order.join(', ')}: one answer`, async () => {
      const r = rig();
      const socket = await connect(r);
      const events: Record<number, Record<string, unknown>> = {
        5: ev('EVENT_TYPE_HANDOFF_FAILED', {}, 5),
        6: ev('EVENT_TYPE_LIVE_AGENT_MESSAGE', {message_id: 'h6', text: 'a human after all'}, 6),
        7: reply(7, 'the bot again'),
      };
      for (const sequence of order) socket.receive(live(events[sequence] as object));
      assert.equal(r.runtime.snapshot.handoff.phase, 'connected', 'a human spoke after the latest handoff event');
      assert.equal(r.runtime.snapshot.status, 'handoff');
      r.runtime.dispose();
    });
  }

  test('the session\'s capabilities are its first SESSION_START\'s, for the heartbeat as for the size limit', async () => {
    const r = rig();
    const socket = await connect(r, [sessionStart(1, {heartbeat_interval_seconds: 30, max_message_size_bytes: 1000}), agentJoined()]);
    // A later, different SESSION_START (a server variant) must not win over the first one.
    socket.receive(live(sessionStart(9, {heartbeat_interval_seconds: 5, max_message_size_bytes: 9000})));
    assert.equal(r.runtime.snapshot.maxMessageSizeBytes, 1000);
    const before = heartbeats(socket);
    for (let second = 0; second < 61; second++) {
      r.clock.advance(1000);
      answerHeartbeats(socket);
    }
    assert.equal(heartbeats(socket) - before, 2, 'one heartbeat per 30 s, as the first SESSION_START says');
    r.runtime.dispose();
  });
});

describe('the reconnect cursor', () => {
  test('stops below a hole in the live numbering until a replay proves it a gap', async () => {
    const r = rig();
    const first = await connect(r);
    first.receive(live(reply(3)));
    first.receive(live(reply(6))); // 4 and 5: still on their way, or (§4.2) numbers never used
    first.receive(live(ev('EVENT_TYPE_POLY_AGENT_THINKING', {}, null))); // transient: never a cursor
    const second = dropAndRetry(r, first);
    assert.equal(cursorOf(second), '3', 'resume where nothing below can be missing');
    second.open();
    second.receive(batch(reply(6))); // the server had nothing else after 3: 4 and 5 do not exist
    second.receive(live(reply(7)));
    const third = dropAndRetry(r, second);
    assert.equal(cursorOf(third), '7');
    assert.deepEqual(
      r.runtime.snapshot.messages.map((message) => message.text),
      ['r3', 'r6', 'r7'],
    );
    r.runtime.dispose();
  });

  test('a live event that overtook another is not skipped when the socket drops between them', async () => {
    const r = rig();
    const first = await connect(r);
    first.receive(live(reply(4))); // 3 was sent first but comes later…
    const second = dropAndRetry(r, first); // …and the socket drops before it does
    assert.equal(cursorOf(second), '2');
    second.open();
    second.receive(batch(reply(3), reply(4)));
    r.clock.advance(300);
    assert.deepEqual(
      r.runtime.snapshot.messages.map((message) => message.text),
      ['r3', 'r4'],
    );
    r.runtime.dispose();
  });

  test('a gap early in a replay does not hold later reconnects back', async () => {
    const r = rig();
    const first = await connect(r, [sessionStart(), agentJoined(), reply(10), reply(11)]);
    first.receive(live(reply(12)));
    const second = dropAndRetry(r, first);
    assert.equal(cursorOf(second), '12', 'the first replay proved 3–9 are gaps');
    second.open();
    second.receive(batch(reply(20)));
    second.receive(live(reply(25)));
    const third = dropAndRetry(r, second);
    assert.equal(cursorOf(third), '20', 'the batch proved 13–19 are gaps; 21–24 may still come');
    r.runtime.dispose();
  });

  test('a live event between two replay batches counts only once the replay is complete', async () => {
    const r = rig();
    const first = await connect(r);
    const second = dropAndRetry(r, first);
    second.open();
    second.receive(batch(reply(3), reply(4))); // the first of several batches…
    second.receive(live(reply(9))); // …a live event overtakes the rest (§3.4)…
    const third = dropAndRetry(r, second); // …and the socket drops before batch 5–8 came
    assert.equal(cursorOf(third), '4', 'resume below the batches still to come');
    third.open();
    third.receive(batch(reply(5), reply(6), reply(7), reply(8), reply(9)));
    r.clock.advance(300);
    assert.deepEqual(
      r.runtime.snapshot.messages.map((message) => message.text),
      ['r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9'],
    );
    const fourth = dropAndRetry(r, third);
    assert.equal(cursorOf(fourth), '9');
    r.runtime.dispose();
  });
});

/** Answers every heartbeat the client sent since the last call, as the server does (§5.5). */
const answered = new WeakMap<FakeWebSocket, number>();
function answerHeartbeats(socket: FakeWebSocket): void {
  const frames = sentFrames(socket);
  for (let i = answered.get(socket) ?? 0; i < frames.length; i++) {
    if (frames[i]?.type === 'EVENT_TYPE_HEARTBEAT') socket.receive(live({type: 'EVENT_TYPE_HEARTBEAT', id: '', sequence: null}));
  }
  answered.set(socket, frames.length);
}
function heartbeats(socket: FakeWebSocket): number {
  return sentFrames(socket).filter((frame) => frame.type === 'EVENT_TYPE_HEARTBEAT').length;
}
const userSends = (socket: FakeWebSocket): number => sentFrames(socket).filter((frame) => frame.type === 'EVENT_TYPE_USER_MESSAGE').length;

describe('a message whose echo never comes', () => {
  test('is failed within 20 s of its first send, sent at most 4 times, and offers Retry; a late echo still confirms it', async () => {
    const r = rig();
    const socket = await connect(r);
    r.runtime.send('hello?');
    const sentAt = r.clock.now();
    const delivery = (): string | undefined => r.runtime.snapshot.messages.find((message) => message.role === 'user')?.delivery;
    while (delivery() === 'sending' && r.clock.now() - sentAt < 60_000) {
      r.clock.advance(250);
      answerHeartbeats(socket); // the connection answers: only this message's echo is missing
    }
    assert.equal(delivery(), 'failed');
    assert.ok(r.clock.now() - sentAt <= 20_000, `failed after ${r.clock.now() - sentAt} ms`);
    assert.ok(userSends(socket) >= 1 && userSends(socket) <= 4, `sent ${userSends(socket)} times`);
    assert.ok(r.errors.some((error) => error.code === 'send-failed'));
    // Retry is offered: it sends once more.
    const message = r.runtime.snapshot.messages.find((m) => m.role === 'user');
    assert.ok(message?.clientEventId);
    const sends = userSends(socket);
    r.runtime.retryMessage(message.clientEventId);
    assert.equal(delivery(), 'sending');
    assert.equal(userSends(socket), sends + 1);
    // The echo of an earlier send arrives after all: confirmed, shown once.
    socket.receive(live({...ev('EVENT_TYPE_USER_MESSAGE', {text: 'hello?'}, 3), metadata: {custom: {client_event_id: message.clientEventId}}}));
    assert.equal(delivery(), 'sent');
    assert.equal(r.runtime.snapshot.messages.filter((m) => m.role === 'user').length, 1);
    r.runtime.dispose();
  });

  test('a late echo confirms a failed message without a retry', async () => {
    const r = rig();
    const socket = await connect(r, [sessionStart(1, {heartbeat_interval_seconds: 5}), agentJoined()]);
    r.runtime.send('anyone?');
    for (let i = 0; i < 100; i++) {
      r.clock.advance(250);
      answerHeartbeats(socket);
    }
    const message = r.runtime.snapshot.messages.find((m) => m.role === 'user');
    assert.equal(message?.delivery, 'failed');
    socket.receive(live({...ev('EVENT_TYPE_USER_MESSAGE', {text: 'anyone?'}, 3), metadata: {custom: {client_event_id: message?.clientEventId}}}));
    assert.equal(r.runtime.snapshot.messages.find((m) => m.role === 'user')?.delivery, 'sent');
    r.runtime.dispose();
  });
});
