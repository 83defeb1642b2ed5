// The transcript cache's stored form (issue 19 item 4): what is kept (confirmed, complete messages,
// the newest ones within the caps), and what is read back (exactly that form, anything else ignored:
// the storage is shared with every script of the origin). And the transcript it restores: the
// replay takes each kept message over in place.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {PolyChatMessage} from '../../src/protocol/message.js';
import {createTranscript, currentConversationLength, reduceTranscript, restoreTranscript} from '../../src/protocol/transcript.js';
import type {TranscriptState} from '../../src/protocol/transcript-types.js';
import {decodeFrame} from '../../src/protocol/decode-frame.js';
import {
  MAX_CACHED_CHARS,
  MAX_CACHED_MESSAGES,
  MAX_CACHED_TEXT_CHARS,
  parseCachedTranscript,
  serializeCachedTranscript,
  storageTranscriptCache,
} from '../../src/runtime/transcript-cache.js';
import {REPLAY_SETTLE_MS} from '../../src/runtime/session-runtime.js';
import {agentJoined, batch, connect, ev as wireEvent, flush, live, reply, rig, sentFrames, sessionStart} from '../helpers/node/runtime-rig.js';

const agent = (i: number, text = `reply ${i}`): PolyChatMessage => ({id: `m:${i}`, role: 'agent', text, complete: true, attachments: [], suggestions: [], sequence: i, author: 'Ava'});

function roundTrip(messages: readonly PolyChatMessage[]): PolyChatMessage[] {
  const stored = serializeCachedTranscript({sessionId: 's1', segment: 0, messages});
  return parseCachedTranscript(stored)?.messages.slice() ?? [];
}

describe('transcript cache: what is kept', () => {
  test('the newest MAX_CACHED_MESSAGES, in display order', () => {
    const messages = Array.from({length: MAX_CACHED_MESSAGES + 50}, (_, i) => agent(i + 1));
    const kept = roundTrip(messages);
    assert.equal(kept.length, MAX_CACHED_MESSAGES);
    assert.deepEqual(kept.map((message) => message.id), messages.slice(-MAX_CACHED_MESSAGES).map((message) => message.id));
    assert.deepEqual(kept.at(-1), messages.at(-1));
  });

  test('only what the server confirmed: no streaming reply, no message still being sent', () => {
    const messages: PolyChatMessage[] = [
      agent(1),
      {id: 'c:1', role: 'user', text: 'sent', complete: true, attachments: [], suggestions: [], sequence: 2, delivery: 'sent', clientEventId: '1'},
      {id: 'c:2', role: 'user', text: 'sending', complete: true, attachments: [], suggestions: [], delivery: 'sending', clientEventId: '2'},
      {id: 'c:3', role: 'user', text: 'failed', complete: true, attachments: [], suggestions: [], delivery: 'failed', clientEventId: '3'},
      {...agent(4), complete: false},
    ];
    assert.deepEqual(roundTrip(messages).map((message) => message.text), ['reply 1', 'sent']);
  });

  test('a huge text is cut and marked (the replay brings it whole); the whole cache has a size cap', () => {
    const huge = agent(1, 'x'.repeat(512 * 1024));
    const [kept] = roundTrip([huge]);
    assert.equal(kept?.text.length, MAX_CACHED_TEXT_CHARS);
    assert.equal((kept as unknown as {truncated?: boolean}).truncated, true);
    const many = Array.from({length: MAX_CACHED_MESSAGES}, (_, i) => agent(i + 1, 'y'.repeat(MAX_CACHED_TEXT_CHARS)));
    const stored = serializeCachedTranscript({sessionId: 's1', segment: 0, messages: many}) ?? '';
    assert.ok(stored.length <= MAX_CACHED_CHARS + 100, `${stored.length} chars`);
    const back = parseCachedTranscript(stored);
    assert.ok(back && back.messages.length < MAX_CACHED_MESSAGES && back.messages.at(-1)?.id === `m:${MAX_CACHED_MESSAGES}`, 'the oldest went first');
  });

  test('nothing to keep: no record', () => {
    assert.equal(serializeCachedTranscript({sessionId: 's1', segment: 0, messages: []}), null);
  });

  test('a storage that throws only turns the cache off; a failed write leaves no older copy', () => {
    const map = new Map<string, string>([['poly-chat:transcript:/chat', 'old']]);
    const cache = storageTranscriptCache({
      getItem: () => {
        throw new Error('disabled');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: (key) => void map.delete(key),
    });
    assert.equal(cache.read('/chat'), null);
    cache.write('/chat', {sessionId: 's1', segment: 0, messages: [agent(1)]});
    assert.equal(map.size, 0);
  });
});

describe('transcript cache: what is read back', () => {
  const valid = {session: 's1', segment: 0, messages: [agent(1)]};
  const withMessage = (patch: Record<string, unknown>): string => JSON.stringify({...valid, messages: [{...agent(1), ...patch}]});

  test('its own form', () => {
    assert.deepEqual(parseCachedTranscript(JSON.stringify(valid)), {sessionId: 's1', segment: 0, messages: [agent(1)]});
  });

  test('anything else is no cache', () => {
    for (const stored of [
      null,
      'not json',
      '[]',
      JSON.stringify({...valid, session: ''}),
      JSON.stringify({...valid, segment: -1}),
      JSON.stringify({...valid, messages: []}),
      JSON.stringify({...valid, messages: Array.from({length: MAX_CACHED_MESSAGES + 1}, (_, i) => agent(i))}),
      JSON.stringify({...valid, messages: [agent(1), agent(1)]}),
      withMessage({id: ''}),
      withMessage({role: 'admin'}),
      withMessage({text: 7}),
      withMessage({complete: false}),
      withMessage({attachments: 'x'}),
      withMessage({attachments: [{contentType: 'script'}]}),
      withMessage({attachments: [{contentType: 'url', contentUrl: 7}]}),
      withMessage({suggestions: [1]}),
      withMessage({callActions: [{title: 'Call'}]}),
      withMessage({delivery: 'sending'}),
      withMessage({sequence: 1.5}),
      withMessage({noticeParams: {name: 1}}),
      withMessage({onclick: 'alert(1)'}),
    ]) {
      assert.equal(parseCachedTranscript(stored), null, String(stored));
    }
  });
});

describe('restored transcript', () => {
  const ev = (type: string, payload: Record<string, unknown>, sequence: number, id = `e${sequence}`, extra: object = {}): unknown => ({
    type,
    id,
    sequence,
    timestamp: `2026-01-01T00:00:0${sequence}Z`,
    payload,
    ...extra,
  });
  const apply = (state: ReturnType<typeof createTranscript>, events: unknown[]): ReturnType<typeof createTranscript> => {
    const decoded = decodeFrame(JSON.stringify({type: 'EVENT_TYPE_EVENT_BATCH', id: 'b', sequence: null, payload: {events}}));
    return reduceTranscript(state, {type: 'server', events: decoded.ok ? decoded.events : [], now: 0});
  };
  /** Page one of conversation s1, where the user sent these messages (each went out on its socket). */
  const pageOneSent = (...sends: Array<[clientEventId: string, text: string]>): TranscriptState => {
    let state = reduceTranscript(createTranscript(), {type: 'new-session', sessionId: 's1'});
    for (const [clientEventId, text] of sends) {
      state = reduceTranscript(state, {type: 'local-send', clientEventId, text, now: 0});
      state = reduceTranscript(state, {type: 'local-transmitted', clientEventId});
    }
    return state;
  };
  const events = [
    ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: 'a1', text: 'Hi, how can I help?'}, 1),
    ev('EVENT_TYPE_USER_MESSAGE', {text: 'hello', message_id: 'u1'}, 2, 'e2', {metadata: {custom: {client_event_id: 'cid-1'}}}),
    ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: 'a2', text: 'Sure.'}, 3),
  ];

  test('the replay takes each kept message over in place: same ids, same order, nothing twice', () => {
    // Page one: the user's message was sent from this page (a local message, confirmed by its echo).
    let page1 = pageOneSent(['cid-1', 'hello']);
    page1 = apply(page1, events);
    const kept = parseCachedTranscript(serializeCachedTranscript({sessionId: 's1', segment: page1.segment, messages: page1.messages}));
    assert.ok(kept);
    const restored = restoreTranscript(kept);
    assert.deepEqual(restored.messages, page1.messages);
    const replayed = apply(restored, events);
    assert.deepEqual(
      replayed.messages.map((message) => [message.id, message.text]),
      page1.messages.map((message) => [message.id, message.text]),
    );
    assert.equal(replayed.lastSequence, 3);
  });

  test('an echo without client_event_id (matched by text) takes its restored message over: the message once', () => {
    const q11 = [
      events[0],
      ev('EVENT_TYPE_USER_MESSAGE', {text: 'hello', message_id: 'u1'}, 2),
      ev('EVENT_TYPE_USER_MESSAGE', {text: 'hello', message_id: 'u2'}, 3),
      ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: 'a2', text: 'Sure.'}, 4),
    ];
    // Page one: the same text sent twice, each confirmed by an echo without metadata.
    let page1 = pageOneSent(['cid-1', 'hello'], ['cid-2', 'hello']);
    page1 = apply(page1, q11);
    assert.deepEqual(page1.messages.map((message) => message.id), ['m:a1', 'c:cid-1', 'c:cid-2', 'm:a2']);
    const kept = parseCachedTranscript(serializeCachedTranscript({sessionId: 's1', segment: page1.segment, messages: page1.messages}));
    assert.ok(kept);
    // Page two, and page three (the copy of page two's copy): the replay never adds the echoes.
    let restored = restoreTranscript(kept);
    for (let page = 2; page <= 3; page++) {
      const replayed = apply(restored, q11);
      assert.deepEqual(replayed.messages, page1.messages, `page ${page}`);
      const again = parseCachedTranscript(serializeCachedTranscript({sessionId: 's1', segment: replayed.segment, messages: replayed.messages}));
      assert.ok(again);
      restored = restoreTranscript(again);
    }
    // A copy without the first 'hello' (kept only the newest): that echo is not the kept message's.
    const newest = restoreTranscript({...kept, messages: kept.messages.slice(2)});
    assert.deepEqual(apply(newest, q11).messages.map((message) => message.id), ['m:a1', 'u:e2', 'c:cid-2', 'm:a2']);
  });

  test('a message typed on the copy before the replay is not taken for an older one with the same text (echo without client_event_id)', () => {
    const q11 = [events[0], ev('EVENT_TYPE_USER_MESSAGE', {text: 'yes', message_id: 'u1'}, 2), ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: 'a2', text: 'Sure.'}, 3)];
    let page1 = pageOneSent(['cid-1', 'yes']);
    page1 = apply(page1, q11);
    const kept = parseCachedTranscript(serializeCachedTranscript({sessionId: 's1', segment: page1.segment, messages: page1.messages}));
    assert.ok(kept);
    // Page two shows the copy; the user answers "yes" again before the replay is in.
    const typed = reduceTranscript(restoreTranscript(kept), {type: 'local-send', clientEventId: 'cid-2', text: 'yes', now: 0});
    const replayed = apply(typed, q11);
    // The replayed echo is the kept message's (same sequence): the new one is still to be sent, after it.
    assert.deepEqual(
      replayed.messages.map((message) => [message.id, message.delivery]),
      [['m:a1', undefined], ['c:cid-1', 'sent'], ['m:a2', undefined], ['c:cid-2', 'sending']],
    );
  });

  test('events without id: kept when sequenced (the same id on every page), not kept without a sequence (an id of one page)', () => {
    const anonymous = [
      ...events,
      {type: 'EVENT_TYPE_SYSTEM_MESSAGE', sequence: 4, timestamp: '2026-01-01T00:00:04Z', payload: {message: 'sequenced, no id'}},
      {type: 'EVENT_TYPE_SYSTEM_MESSAGE', timestamp: '2026-01-01T00:00:05Z', payload: {message: 'neither id nor sequence'}},
    ];
    const page1 = apply(reduceTranscript(createTranscript(), {type: 'new-session', sessionId: 's1'}), anonymous);
    const texts = page1.messages.map((message) => message.text);
    assert.deepEqual(texts.slice(-2), ['sequenced, no id', 'neither id nor sequence']);
    const kept = parseCachedTranscript(serializeCachedTranscript({sessionId: 's1', segment: page1.segment, messages: page1.messages}));
    assert.ok(kept);
    assert.deepEqual(kept.messages.map((message) => message.text), texts.slice(0, -1));
    // The next page's replay brings the unsequenced one once more, under a new id: shown once.
    assert.deepEqual(apply(restoreTranscript(kept), anonymous).messages.map((message) => message.text), texts);
  });

  test('a streamed reply replayed over several batches keeps its complete copy until the replay is as complete', () => {
    const chunk = (index: number, text: string, sequence: number, isComplete = false): unknown =>
      ev('EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK', {message_id: 'a3', chunk_index: index, text, is_complete: isComplete}, sequence);
    const firstBatch = [...events, chunk(0, 'One, ', 4)];
    const secondBatch = [chunk(1, 'two, ', 5), chunk(2, 'three.', 6, true)];
    const page1 = apply(reduceTranscript(createTranscript(), {type: 'new-session', sessionId: 's1'}), [...firstBatch, ...secondBatch]);
    assert.equal(page1.messages.at(-1)?.text, 'One, two, three.');
    const kept = parseCachedTranscript(serializeCachedTranscript({sessionId: 's1', segment: page1.segment, messages: page1.messages}));
    assert.ok(kept);
    const midway = apply(restoreTranscript(kept), firstBatch);
    assert.deepEqual(midway.messages.at(-1), page1.messages.at(-1));
    const replayed = apply(midway, secondBatch);
    assert.deepEqual(replayed.messages, page1.messages);
  });

  test('only the current conversation is kept', () => {
    let state = reduceTranscript(createTranscript(), {type: 'new-session', sessionId: 's1'});
    state = apply(state, events);
    state = reduceTranscript(state, {type: 'new-session', sessionId: 's2'});
    assert.equal(currentConversationLength(state), 0);
    state = apply(state, [ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: 'b1', text: 'Welcome back.'}, 1, 'f1')]);
    assert.equal(state.messages.length, 4);
    assert.equal(currentConversationLength(state), 1);
    const kept = parseCachedTranscript(
      serializeCachedTranscript({sessionId: 's2', segment: state.segment, messages: state.messages.slice(-currentConversationLength(state))}),
    );
    assert.ok(kept);
    const replayed = apply(restoreTranscript(kept), [ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: 'b1', text: 'Welcome back.'}, 1, 'f1')]);
    assert.deepEqual(replayed.messages.map((message) => message.text), ['Welcome back.']);
  });
});

describe('the copy is another conversation\'s', () => {
  const memoryCache = () => {
    const area = new Map<string, string>();
    return storageTranscriptCache({
      getItem: (key) => area.get(key) ?? null,
      setItem: (key, value) => void area.set(key, value),
      removeItem: (key) => void area.delete(key),
    });
  };

  test('a message typed over it goes to the conversation that answers: shown there, sent there, confirmed by its echo', async () => {
    const cache = memoryCache();
    cache.write('http://localhost:8000/api/poly-chat/session', {sessionId: 'sess-old', segment: 0, messages: [agent(1, 'from the old conversation')]});
    const r = rig({transcriptCache: cache});
    r.runtime.start();
    assert.deepEqual(r.runtime.snapshot.messages.map((message) => message.text), ['from the old conversation']);
    // The composer works while connecting: the user writes before the credentials answer.
    r.runtime.send('typed on the copy');
    await flush();
    const socket = r.sockets.last;
    socket.open();
    socket.receive(batch(sessionStart(), agentJoined()));
    r.clock.advance(REPLAY_SETTLE_MS);
    const shown = r.runtime.snapshot.messages.map((message) => [message.text, message.delivery]);
    assert.deepEqual(shown, [['typed on the copy', 'sending']]);
    const sent = sentFrames(socket).filter((frame) => frame.type === 'EVENT_TYPE_USER_MESSAGE');
    assert.deepEqual(sent.map((frame) => frame.payload?.['text']), ['typed on the copy']);
    const clientEventId = sent[0]?.metadata?.custom?.['client_event_id'];
    const echo = {...wireEvent('EVENT_TYPE_USER_MESSAGE', {text: 'typed on the copy', message_id: 'u1'}, 3), metadata: {custom: {client_event_id: clientEventId}}};
    socket.receive(live(echo));
    assert.deepEqual(r.runtime.snapshot.messages.map((message) => [message.text, message.delivery]), [['typed on the copy', 'sent']]);
    r.runtime.dispose();
  });
});

describe('whose copy it is', () => {
  test('a relative endpoint is the endpoint it resolves to: the copy of /en/chat/session never shows with /de/chat/session', async () => {
    const area = new Map<string, string>();
    const cache = storageTranscriptCache({
      getItem: (key) => area.get(key) ?? null,
      setItem: (key, value) => void area.set(key, value),
      removeItem: (key) => void area.delete(key),
    });
    const page = (path: string) => rig({transcriptCache: cache, endpoint: 'chat/session', baseHref: `http://localhost:8000${path}`});
    const english = page('/en/help');
    await connect(english, [sessionStart(), agentJoined(), reply(3, 'Hello from the English agent')]);
    english.runtime.dispose();
    const german = page('/de/hilfe');
    german.runtime.start();
    assert.deepEqual(german.runtime.snapshot.messages, [], 'another endpoint: nothing of that conversation');
    german.runtime.dispose();
    const englishAgain = page('/en/contact');
    englishAgain.runtime.start();
    assert.deepEqual(englishAgain.runtime.snapshot.messages.map((message) => message.text), ['Hello from the English agent'], 'the same endpoint: its copy');
    englishAgain.runtime.dispose();
  });
});
