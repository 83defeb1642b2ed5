// The runtime under server variants protocol.md §12 leaves open (issue 14), on the fake clock:
// no batch at all on a resumed socket (Q5), events without id or sequence, free-string end
// reasons, and giving up that keeps the conversation and its queued messages.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {FIRST_REPLAY_GRACE_MS, REPLAY_GRACE_MS} from '../../src/machine/policy.js';
import {jsonResponse} from '../helpers/node/fake-fetch.js';
import {agentJoined, batch, connect, cursorOf, dropAndRetry, ev, flush, live, reply, rig, sentFrames, sessionStart} from '../helpers/node/runtime-rig.js';
import type {FakeWebSocket} from '../helpers/node/fake-web-socket.js';

const userMessages = (socket: FakeWebSocket): string[] =>
  sentFrames(socket)
    .filter((frame) => frame.type === 'EVENT_TYPE_USER_MESSAGE')
    .map((frame) => String(frame.payload?.['text']));

const echo = (sequence: number, text: string, clientEventId: string | null): Record<string, unknown> => ({
  ...ev('EVENT_TYPE_USER_MESSAGE', {text}, sequence),
  ...(clientEventId === null ? {} : {metadata: {custom: {client_event_id: clientEventId}}}),
});

describe('open means open (Q5: no batch when the cursor is current)', () => {
  test('a resumed socket is live at once; a queued message goes out after the grace, once', async () => {
    const r = rig();
    const first = await connect(r, [sessionStart(), agentJoined(), reply(3)]);
    const second = dropAndRetry(r, first);
    r.runtime.send('still there?');
    second.open();
    assert.equal(r.runtime.snapshot.status, 'live', 'usable as soon as it opened');
    assert.equal(cursorOf(second), '3');
    r.clock.advance(REPLAY_GRACE_MS - 1);
    assert.deepEqual(userMessages(second), [], 'the replay may still come');
    r.clock.advance(1_000);
    assert.deepEqual(userMessages(second), ['still there?']);
    // A replay that comes after all still deduplicates: the echo confirms the one message.
    second.receive(batch(echo(4, 'still there?', 'cid-1')));
    second.receive(live(echo(5, 'still there?', 'cid-1')));
    r.clock.advance(30_000);
    const mine = r.runtime.snapshot.messages.filter((message) => message.role === 'user');
    assert.deepEqual(
      mine.map((message) => [message.text, message.delivery]),
      [['still there?', 'sent']],
    );
    assert.deepEqual(userMessages(second), ['still there?'], 'never sent twice');
    assert.equal(r.runtime.snapshot.status, 'live');
    r.runtime.dispose();
  });

  test('a new session whose socket never sends a batch joins after the grace and is not timed out', async () => {
    const r = rig();
    r.runtime.start();
    await flush();
    const socket = r.sockets.last;
    socket.open();
    // The backend handed over the session (it may be a reload): the longer first grace applies.
    r.clock.advance(FIRST_REPLAY_GRACE_MS - 1);
    assert.deepEqual(sentFrames(socket), []);
    r.clock.advance(1);
    assert.deepEqual(
      sentFrames(socket).map((frame) => frame.type),
      ['EVENT_TYPE_REQUEST_POLY_AGENT_JOIN'],
    );
    assert.equal(r.runtime.snapshot.status, 'live');
    r.clock.advance(60_000);
    assert.equal(socket.closeCalls.length, 0, 'a healthy socket is never closed for lack of a batch');
    assert.equal(r.sockets.sockets.length, 1);
    r.runtime.dispose();
  });
});

describe('liberal in what it accepts', () => {
  test('events with an empty id or no sequence are shown; a sequenced one is still recognised when replayed', async () => {
    const r = rig();
    const socket = await connect(r, [
      sessionStart(),
      agentJoined(),
      {...reply(3, 'no id'), id: ''},
      {...reply(4, 'no sequence'), sequence: null},
      reply(5, 'normal'),
    ]);
    socket.receive(live({...reply(3, 'no id'), id: ''}));
    socket.receive(live({...reply(6, 'no timestamp'), timestamp: undefined}));
    const texts = r.runtime.snapshot.messages.filter((message) => message.role === 'agent').map((message) => message.text);
    assert.deepEqual(texts, ['no id', 'normal', 'no sequence', 'no timestamp']);
    r.runtime.dispose();
  });

  test('poly-chat-end carries a free-string reason verbatim; none is REASON_UNSPECIFIED', async () => {
    for (const [payload, reason] of [
      [{reason: 'agent_ended'}, 'agent_ended'],
      [{reason: 'SERVER_SHUTDOWN'}, 'SERVER_SHUTDOWN'],
      [{}, 'REASON_UNSPECIFIED'],
    ] as const) {
      const r = rig();
      const socket = await connect(r);
      socket.receive(live(ev('EVENT_TYPE_SESSION_END', payload, 9)));
      assert.deepEqual(
        r.events.filter((event) => event.type === 'end').map((event) => event.detail),
        [{reason}],
      );
      assert.equal(r.runtime.snapshot.endReason, reason);
      r.runtime.dispose();
    }
  });
});

describe('giving up is not forgetting', () => {
  test('the budget runs out: the conversation is kept, reconnect() resumes it and sends what was queued', async () => {
    const r = rig();
    const first = await connect(r, [sessionStart(1, {heartbeat_interval_seconds: 30, max_reconnect_attempts: 2}), agentJoined(), reply(3)]);
    r.runtime.send('queued before the drop');
    first.fail();
    // Every retry: the socket is refused, the credentials re-fetch fails (the network is down:
    // the fake fetch has no answer queued and rejects).
    for (let i = 0; i < 6 && r.runtime.snapshot.status !== 'ended'; i++) {
      const retry = r.runtime.snapshot.retry;
      assert.ok(retry, 'a retry is scheduled');
      r.clock.advance(retry.at - r.clock.now());
      await flush();
      const socket = r.sockets.last;
      if (socket !== first && socket.readyState === 0) socket.fail();
      await flush();
    }
    assert.equal(r.runtime.snapshot.status, 'ended');
    assert.equal(r.runtime.snapshot.endReason, 'failed');
    assert.equal(r.runtime.snapshot.reconnectable, true);
    assert.equal(r.runtime.snapshot.sessionId, 'sess-1', 'the conversation is kept');
    assert.equal(r.runtime.snapshot.messages.at(-1)?.delivery, 'sending', 'the queued message stays queued');

    r.fetch.reply(jsonResponse({access_token: 'T2', session_id: 'sess-1', base_url: 'http://localhost:8000'}));
    const before = r.sockets.sockets.length;
    r.runtime.retryNow();
    await flush();
    const back = r.sockets.last;
    assert.ok(r.sockets.sockets.length > before, 'a new socket');
    assert.equal(new URL(back.url).searchParams.get('session_id'), 'sess-1', 'the same conversation');
    assert.equal(cursorOf(back), '3', 'from where it left off');
    back.open();
    back.receive(batch());
    r.clock.advance(1_000);
    assert.deepEqual(userMessages(back), ['queued before the drop']);
    assert.equal(r.runtime.snapshot.status, 'live');
    r.runtime.dispose();
  });

  test('starting a new conversation leaves undelivered messages failed in the old one, never sent into the new', async () => {
    const r = rig();
    const first = await connect(r);
    first.fail();
    r.runtime.send('for the old conversation');
    r.fetch.reply(jsonResponse({access_token: 'T2', session_id: 'sess-2', base_url: 'http://localhost:8000'}));
    void r.runtime.restart();
    await flush();
    const fresh = r.sockets.last;
    assert.equal(new URL(fresh.url).searchParams.get('session_id'), 'sess-2');
    fresh.open();
    fresh.receive(batch(sessionStart()));
    r.clock.advance(10_000);
    assert.deepEqual(userMessages(fresh), [], 'nothing went into the new conversation by itself');
    const old = r.runtime.snapshot.messages.find((message) => message.text === 'for the old conversation');
    assert.equal(old?.delivery, 'failed', 'shown failed, with Retry');
    r.runtime.dispose();
  });
});
