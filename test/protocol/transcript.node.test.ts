// Transcript reducer rules, one behaviour per test.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {
  createTranscript,
  selectTyping,
} from '../../src/protocol/transcript.js';
import {AGENT_TYPING_TTL_MS, LIVE_TYPING_TTL_MS} from '../../src/protocol/transcript-types.js';
import type {TranscriptAction, TranscriptState} from '../../src/protocol/transcript-types.js';
import type {PolyChatMessage} from '../../src/protocol/message.js';
import {raw, wire} from '../helpers/node/protocol-wire.js';
import {applyEach, applyRaw, applyRawLazily, assertValidState, observe, summary, texts} from '../helpers/node/protocol-transcript.js';

// Every step is observed (messages read), like the runtime does; see observe().
const reduceTranscript = observe;

const send = (clientEventId: string, text: string, now = 0): TranscriptAction => ({type: 'local-send', clientEventId, text, now});
const transmitted = (clientEventId: string): TranscriptAction => ({type: 'local-transmitted', clientEventId});

function joined(): TranscriptState {
  return applyRaw(createTranscript(), [wire.sessionStart(1), wire.joinEcho(2), wire.agentJoined(3, 'Poly')]);
}

/** User messages still waiting for their echo ('sending' or 'failed'), in display order. */
function unconfirmed(state: TranscriptState): readonly PolyChatMessage[] {
  return state.messages.filter((msg) => msg.role === 'user' && msg.delivery !== undefined && msg.delivery !== 'sent');
}

describe('dedup and cursor', () => {
  it('applies an event id once and returns the same state for a pure duplicate', () => {
    const event = wire.agentMessage(4, 'm1', 'Hello');
    const once = applyRaw(joined(), [event]);
    const twice = applyRaw(once, [event]);
    assert.equal(twice, once);
    assert.deepEqual(texts(twice), ['Hello']);
    assert.deepEqual(texts(applyRaw(joined(), [event, event, event])), ['Hello']);
  });

  it('tracks the highest non-null sequence and never lowers it', () => {
    let state = applyRaw(createTranscript(), [wire.sessionStart(1), wire.agentMessage(9, 'm', 'x')]);
    assert.equal(state.lastSequence, 9);
    state = applyRaw(state, [wire.agentMessage(4, 'old', 'y'), wire.thinking(), wire.system(null, 'transient')]);
    assert.equal(state.lastSequence, 9);
    assert.equal(state.lastSequence, 9);
    assert.equal(createTranscript().lastSequence, 0);
  });

  it('moves the cursor with a sequenced heartbeat echo but ignores bare ones', () => {
    const state = applyRaw(createTranscript(), [wire.sessionStart(1)]);
    assert.equal(applyRaw(state, [{type: 'EVENT_TYPE_HEARTBEAT'}, wire.heartbeat()]), state);
    assert.equal(applyRaw(state, [wire.heartbeat({sequence: 5})]).lastSequence, 5);
  });
});

describe('display order', () => {
  it('orders by sequence whatever the arrival order', () => {
    const state = applyRaw(joined(), [wire.agentMessage(7, 'c', 'third'), wire.agentMessage(5, 'a', 'first'), wire.agentMessage(6, 'b', 'second')]);
    assert.deepEqual(texts(state), ['first', 'second', 'third']);
  });

  it('places a transient message after what had arrived, and late history does not move it', () => {
    let state = applyRaw(joined(), [wire.agentMessage(4, 'a', 'four'), wire.agentMessage(6, 'b', 'six')]);
    state = applyRaw(state, [wire.system(null, 'transient notice', 'SYSTEM_MESSAGE_LEVEL_WARNING')]);
    state = applyRaw(state, [wire.agentMessage(5, 'late', 'five'), wire.agentMessage(8, 'c', 'eight')]);
    assert.deepEqual(texts(state), ['four', 'five', 'six', 'transient notice', 'eight']);
  });

  it('keeps unsent local messages at the end in send order until echoed', () => {
    let state = reduceTranscript(joined(), send('c1', 'one'));
    state = reduceTranscript(state, send('c2', 'two'));
    state = applyRaw(state, [wire.agentMessage(4, 'm', 'agent')]);
    assert.deepEqual(summary(state), ['agent:agent', 'user:one [sending]', 'user:two [sending]']);
    state = applyRaw(state, [wire.userEcho(6, 'two', 'c2'), wire.agentMessage(7, 'r', 'reply to two')]);
    assert.deepEqual(summary(state), ['agent:agent', 'user:two', 'agent:reply to two', 'user:one [sending]']);
  });

  it('keeps the local message id stable from sending to sent', () => {
    let state = reduceTranscript(joined(), send('c1', 'hello'));
    const id = state.messages[0]?.id;
    state = applyRaw(state, [wire.userEcho(4, 'hello', 'c1', {timestamp: '2026-05-20T09:00:04Z'})]);
    const msg = state.messages[0];
    assert.equal(msg?.id, id);
    assert.equal(msg?.delivery, 'sent');
    assert.equal(msg?.sequence, 4);
    assert.equal(msg?.clientEventId, 'c1');
    assert.equal(msg?.timestamp, '2026-05-20T09:00:04Z');
  });
});

describe('echo matching', () => {
  it('matches identical texts by client_event_id, even when echoes come reversed', () => {
    let state = reduceTranscript(joined(), send('c1', 'same'));
    state = reduceTranscript(state, send('c2', 'same'));
    state = applyRaw(state, [wire.userEcho(5, 'same', 'c2'), wire.userEcho(4, 'same', 'c1')]);
    assert.deepEqual(
      state.messages.map((m) => [m.clientEventId, m.sequence, m.delivery]),
      [
        ['c1', 4, 'sent'],
        ['c2', 5, 'sent'],
      ],
    );
  });

  it('matches echoes without metadata by text, oldest pending first, one echo per message', () => {
    let state = joined();
    for (const id of ['c1', 'c2', 'c3']) state = reduceTranscript(reduceTranscript(state, send(id, 'burst')), transmitted(id));
    state = reduceTranscript(reduceTranscript(state, send('c4', 'other')), transmitted('c4'));
    state = applyRaw(state, [wire.userEcho(4, 'burst'), wire.userEcho(5, 'burst')]);
    assert.deepEqual(
      state.messages.map((m) => [m.clientEventId, m.delivery]),
      [
        ['c1', 'sent'],
        ['c2', 'sent'],
        ['c3', 'sending'],
        ['c4', 'sending'],
      ],
    );
    state = applyRaw(state, [wire.userEcho(6, 'burst'), wire.userEcho(7, 'other')]);
    assert.equal(unconfirmed(state).length, 0);
    assert.equal(state.messages.length, 4);
  });

  it('never takes an echo without metadata for a message that has not gone out yet (typed while connecting)', () => {
    // A reload: the visitor says "yes" again before the replay is in; the replay holds the first "yes".
    let state = reduceTranscript(joined(), send('c-new', 'yes'));
    state = applyRaw(state, [wire.userEcho(4, 'yes')]);
    assert.deepEqual(
      state.messages.map((m) => [m.role, m.text, m.clientEventId, m.delivery]),
      [
        ['user', 'yes', undefined, 'sent'],
        ['user', 'yes', 'c-new', 'sending'],
      ],
    );
    // Once it has gone out, its own echo (no metadata either) confirms it, after the older one.
    assert.equal(reduceTranscript(state, transmitted('c-new')) === state, false);
    state = applyRaw(reduceTranscript(state, transmitted('c-new')), [wire.userEcho(5, 'yes')]);
    assert.deepEqual(
      state.messages.map((m) => [m.text, m.sequence, m.delivery]),
      [
        ['yes', 4, 'sent'],
        ['yes', 5, 'sent'],
      ],
    );
    assert.equal(state.messages[1]?.clientEventId, 'c-new');
  });

  it('local-transmitted changes the state once, and nothing for a message it does not know', () => {
    const sent = reduceTranscript(joined(), send('c1', 'hi'));
    const once = reduceTranscript(sent, transmitted('c1'));
    assert.notEqual(once, sent);
    assert.deepEqual(once.messages, sent.messages);
    assert.equal(reduceTranscript(once, transmitted('c1')), once);
    assert.equal(reduceTranscript(once, transmitted('nobody')), once);
  });

  it('shows an echo that matches nothing as a user message (another tab, before a reload)', () => {
    const state = applyRaw(joined(), [wire.userEcho(4, 'from elsewhere', 'unknown-id'), wire.userEcho(5, 'no metadata')]);
    assert.deepEqual(summary(state), ['user:from elsewhere', 'user:no metadata']);
    assert.equal(state.messages[0]?.delivery, 'sent');
  });

  it('does not text-match an echo that carries a foreign client_event_id', () => {
    let state = reduceTranscript(joined(), send('mine', 'hi'));
    state = applyRaw(state, [wire.userEcho(4, 'hi', 'other-tab')]);
    assert.deepEqual(summary(state), ['user:hi', 'user:hi [sending]']);
  });

  it('absorbs a second echo of the same client_event_id (server-side duplicate of a retry)', () => {
    let state = reduceTranscript(joined(), send('c1', 'hi'));
    state = applyRaw(state, [wire.userEcho(4, 'hi', 'c1'), wire.agentMessage(5, 'm', 'reply'), wire.userEcho(6, 'hi', 'c1')]);
    assert.deepEqual(summary(state), ['user:hi', 'agent:reply']);
    assert.equal(state.messages[0]?.sequence, 4);
  });

  it('adopts an echo that arrived before the local-send (replay after a reload)', () => {
    let state = applyRaw(joined(), [wire.userEcho(4, 'hi', 'c1')]);
    state = reduceTranscript(state, send('c1', 'hi'));
    assert.deepEqual(
      state.messages.map((m) => [m.id, m.delivery, m.sequence]),
      [['c:c1', 'sent', 4]],
    );
  });

  it('never shows echoes of join, heartbeat and end session', () => {
    const state = applyRaw(createTranscript(), [wire.sessionStart(1), wire.joinEcho(2), wire.heartbeat({sequence: 3}), wire.endEcho(4)]);
    assert.equal(state.messages.length, 0);
    assert.equal(state.joined, true);
  });
});

describe('local delivery', () => {
  it('fails a sending message, ignores a second failure, and a late echo still confirms it', () => {
    let state = reduceTranscript(joined(), send('c1', 'hi'));
    const failed = reduceTranscript(state, {type: 'local-failed', clientEventId: 'c1'});
    assert.equal(failed.messages[0]?.delivery, 'failed');
    assert.equal(reduceTranscript(failed, {type: 'local-failed', clientEventId: 'c1'}), failed);
    state = applyRaw(failed, [wire.userEcho(4, 'hi', 'c1')]);
    assert.equal(state.messages[0]?.delivery, 'sent');
    assert.equal(reduceTranscript(state, {type: 'local-failed', clientEventId: 'c1'}), state);
  });

  it('retry puts a failed message back to sending at the end', () => {
    let state = reduceTranscript(joined(), send('c1', 'first'));
    state = reduceTranscript(state, {type: 'local-failed', clientEventId: 'c1'});
    state = reduceTranscript(state, send('c2', 'second'));
    state = reduceTranscript(state, {type: 'local-retry', clientEventId: 'c1'});
    assert.deepEqual(summary(state), ['user:second [sending]', 'user:first [sending]']);
    assert.equal(reduceTranscript(state, {type: 'local-retry', clientEventId: 'c1'}), state);
    assert.equal(reduceTranscript(state, {type: 'local-retry', clientEventId: 'nope'}), state);
  });

  it('lists unconfirmed messages for re-sending after a replay', () => {
    let state = reduceTranscript(joined(), send('c1', 'a'));
    state = reduceTranscript(state, send('c2', 'b'));
    state = applyRaw(state, [wire.userEcho(4, 'a', 'c1')]);
    assert.deepEqual(
      unconfirmed(state).map((m) => m.clientEventId),
      ['c2'],
    );
    assert.equal(state.messages.find((m) => m.id === 'c:c2')?.text, 'b');
  });

  it('a duplicate local-send changes nothing', () => {
    const state = reduceTranscript(joined(), send('c1', 'a'));
    assert.equal(reduceTranscript(state, send('c1', 'a')), state);
  });
});

describe('streaming', () => {
  for (const base of [0, 1]) {
    it(`assembles chunks in chunk_index order with a ${base}-based index`, () => {
      const state = applyRaw(joined(), [
        wire.chunk(6, 'm', base + 2, 'world', true),
        wire.chunk(4, 'm', base, 'Hello'),
        wire.chunk(5, 'm', base + 1, ', '),
      ]);
      assert.deepEqual(summary(state), ['agent:Hello, world']);
      assert.equal(state.messages[0]?.sequence, 4);
    });
  }

  it('buffers a chunk after a gap and completes only when the gap fills', () => {
    let state = applyRaw(joined(), [wire.chunk(4, 'm', 1, 'A'), wire.chunk(6, 'm', 3, 'C', true)]);
    assert.deepEqual(summary(state), ['agent:A …']);
    state = applyRaw(state, [wire.chunk(5, 'm', 2, 'B')]);
    assert.deepEqual(summary(state), ['agent:ABC']);
  });

  it('a gap in chunk_index with consecutive sequences is numbering, not a missing chunk (Q17)', () => {
    const state = applyRaw(joined(), [wire.chunk(4, 'm', 1, 'A'), wire.chunk(5, 'm', 3, 'C'), wire.chunk(6, 'm', 4, 'D', true)]);
    assert.deepEqual(summary(state), ['agent:ACD']);
    assert.equal(state.messages[0]?.complete, true);
  });

  it('never appends a (message_id, chunk_index) twice, even under another event id', () => {
    const state = applyRaw(joined(), [wire.chunk(4, 'm', 0, 'Hi'), wire.chunk(5, 'm', 0, 'Hi'), wire.chunk(6, 'm', 1, '!', true), wire.chunk(7, 'm', 1, '!', true)]);
    assert.deepEqual(summary(state), ['agent:Hi!']);
  });

  it('two events claiming the same chunk index: the lower sequence wins in any arrival order', () => {
    const a = wire.chunk(5, 'm', 0, 'later', true);
    const b = wire.chunk(4, 'm', 0, 'earlier', true);
    assert.deepEqual(texts(applyRaw(joined(), [a, b])), ['earlier']);
    assert.deepEqual(texts(applyRaw(joined(), [b, a])), ['earlier']);
  });

  it('completes on an empty final chunk that carries suggestions and attachments', () => {
    const state = applyRaw(joined(), [
      wire.chunk(4, 'm', 1, 'Pick one', false, {response_suggestions: [{message_text: 'A'}]}),
      wire.chunk(5, 'm', 2, '', true, {response_suggestions: [{message_text: 'B'}], attachments: [{content_type: 'ATTACHMENT_CONTENT_TYPE_IMAGE', content_url: 'i.png'}]}),
    ]);
    const msg = state.messages[0];
    assert.equal(msg?.complete, true);
    assert.deepEqual(msg?.suggestions, ['A', 'B']);
    assert.deepEqual(msg?.attachments, [{contentType: 'image', contentUrl: 'i.png'}]);
  });

  it('finalises an unfinished reply as-is when a newer reply starts', () => {
    const events = [wire.chunk(4, 'a', 1, 'cut '), wire.chunk(6, 'a', 3, 'off'), wire.userEcho(7, 'hm'), wire.chunk(8, 'b', 1, 'next')];
    assert.deepEqual(summary(applyEach(joined(), events)), ['agent:cut off', 'user:hm', 'agent:next …']);
    assert.deepEqual(summary(applyRaw(joined(), events)), ['agent:cut off', 'user:hm', 'agent:next …']);
  });

  it('a late older reply does not finalise a newer stream', () => {
    const state = applyRaw(joined(), [wire.chunk(8, 'new', 1, 'streaming'), wire.agentMessage(4, 'old', 'older')]);
    assert.deepEqual(summary(state), ['agent:older', 'agent:streaming …']);
  });

  it('an older stream arriving after a newer reply is finalised at once', () => {
    const state = applyRaw(joined(), [wire.agentMessage(8, 'new', 'newer'), wire.chunk(4, 'old', 1, 'partial')]);
    assert.deepEqual(summary(state), ['agent:partial', 'agent:newer']);
  });

  it('a whole message with the same message_id replaces the chunks, before or after them', () => {
    const chunks = [wire.chunk(4, 'm', 1, 'Hel'), wire.chunk(5, 'm', 2, 'lo', true)];
    const whole = wire.agentMessage(9, 'm', 'Hello (consolidated)', {response_suggestions: [{message_text: 'ok'}]});
    const after = applyEach(joined(), [...chunks, whole]);
    const before = applyEach(joined(), [whole, ...chunks]);
    assert.deepEqual(summary(after), ['agent:Hello (consolidated)']);
    assert.deepEqual(after.messages, before.messages);
    assert.equal(after.messages[0]?.sequence, 4);
  });

  it('hides empty completed replies', () => {
    const state = applyRaw(joined(), [wire.chunk(4, 'm', 0, '', true), wire.agentMessage(5, 'w', '')]);
    assert.equal(state.messages.length, 0);
  });

  it('keeps an unfinished stream incomplete when nothing newer comes (error mid-stream)', () => {
    const state = applyRaw(joined(), [wire.chunk(4, 'm', 1, 'partial'), wire.system(5, 'Sorry, I encountered an error. Please try again.')]);
    assert.deepEqual(summary(state), ['agent:partial …', 'system:Sorry, I encountered an error. Please try again.']);
    assert.equal(state.messages[1]?.level, 'error');
  });
});

describe('authors', () => {
  it('names agent replies after the latest join before them, whatever the arrival order', () => {
    const inOrder = applyRaw(createTranscript(), [wire.agentJoined(3, 'Poly'), wire.agentMessage(4, 'm', 'hi')]);
    const late = applyRaw(createTranscript(), [wire.agentMessage(4, 'm', 'hi'), wire.agentJoined(3, 'Poly')]);
    assert.equal(inOrder.messages[0]?.author, 'Poly');
    assert.deepEqual(late.messages, inOrder.messages);
    assert.equal(inOrder.messages[0]?.avatarUrl, 'https://cdn.example.com/poly.png');
  });

  it('updates an already shown reply when its join arrives late', () => {
    const shown = applyRaw(createTranscript(), [wire.agentMessage(4, 'm', 'hi')]);
    assert.equal(shown.messages[0]?.author, undefined);
    assert.equal(applyRaw(shown, [wire.agentJoined(3, 'Poly')]).messages[0]?.author, 'Poly');
  });

  it('prefers the name on the message itself', () => {
    const state = applyRaw(joined(), [wire.agentMessage(4, 'm', 'hi', {agent_name: 'Special'})]);
    assert.equal(state.messages[0]?.author, 'Special');
  });

  it('names live-agent messages from LIVE_AGENT_JOINED by agent id', () => {
    const state = applyRaw(joined(), [
      wire.liveMessage(9, 'l2', 'from B', 'b'),
      wire.liveJoined(5, {id: 'a', name: 'Ann'}),
      wire.liveMessage(6, 'l1', 'from A', 'a'),
      wire.liveJoined(7, {id: 'b', name: 'Bob'}),
    ]);
    assert.deepEqual(
      state.messages.filter((m) => m.role === 'live-agent').map((m) => [m.text, m.author]),
      [
        ['from A', 'Ann'],
        ['from B', 'Bob'],
      ],
    );
  });
});

describe('system messages and notices', () => {
  it('shows SYSTEM_MESSAGE as a system message with its level', () => {
    const state = applyRaw(joined(), [wire.system(4, 'Our system is experiencing high load. Please try again in a moment.', 'SYSTEM_MESSAGE_LEVEL_WARNING')]);
    assert.deepEqual(
      state.messages.map((m) => [m.role, m.level, m.sequence]),
      [['system', 'warning', 4]],
    );
  });

  it('adds a client notice once, with key, params and level', () => {
    const action: TranscriptAction = {type: 'notice', key: 'session-expired', text: 'Your session expired.', level: 'warning', params: {minutes: '10'}, now: 1000};
    const state = reduceTranscript(joined(), action);
    assert.equal(reduceTranscript(state, action), state);
    const msg = state.messages[0];
    assert.deepEqual([msg?.role, msg?.noticeKey, msg?.noticeParams, msg?.level, msg?.text], ['system', 'session-expired', {minutes: '10'}, 'warning', 'Your session expired.']);
    assert.equal(msg?.timestamp, '1970-01-01T00:00:01.000Z');
  });
});

describe('handoff', () => {
  it('walks requested → queued → connected → agent-left with notices', () => {
    let state = applyRaw(joined(), [wire.triggered(4), wire.agentLeft(5)]);
    assert.equal(state.handoff.phase, 'requested');
    state = applyRaw(state, [wire.accepted(6, 'billing')]);
    assert.deepEqual(state.handoff, {phase: 'queued', queueName: 'billing'});
    state = applyRaw(state, [wire.queueStatus(7, {position: 3, estimated_wait_seconds: 60, display_message: 'You are #3'})]);
    assert.deepEqual(state.handoff, {phase: 'queued', positionInQueue: 3, estimatedWaitSeconds: 60, displayMessage: 'You are #3', queueName: 'billing'});
    state = applyRaw(state, [wire.liveJoined(8, {id: 'agent_17', name: 'Priya', avatar_url: 'p.png'})]);
    assert.deepEqual([state.handoff.phase, state.liveAgent], ['connected', {id: 'agent_17', name: 'Priya', avatarUrl: 'p.png'}]);
    state = applyRaw(state, [wire.liveMessage(9, 'l1', 'Hi, Priya here'), wire.liveLeft(10)]);
    assert.equal(state.handoff.phase, 'agent-left');
    assert.deepEqual(
      state.messages.map((m) => [m.role, m.noticeKey ?? m.text, m.noticeParams?.['name'] ?? m.author]),
      [
        ['system', 'handoff-requested', undefined],
        ['system', 'live-agent-joined', 'Priya'],
        ['live-agent', 'Hi, Priya here', 'Priya'],
        ['system', 'live-agent-left', 'Priya'],
      ],
    );
    assert.equal(state.messages[3]?.text, 'Priya left the chat.');
  });

  for (const [event, phase] of [
    [wire.handoffFailed(7), 'failed'],
    [wire.handoffTimeout(7), 'timeout'],
  ] as const) {
    it(`HANDOFF_${phase.toUpperCase()} after queueing sets phase ${phase} with a notice`, () => {
      const state = applyRaw(joined(), [wire.triggered(4), wire.accepted(5), event]);
      assert.equal(state.handoff.phase, phase);
      assert.equal(state.messages.at(-1)?.noticeKey, `handoff-${phase}`);
      assert.equal(state.endReason, null);
    });
  }

  it('CLIENT_HANDOFF_REQUIRED carries route, reason and queue', () => {
    const state = applyRaw(joined(), [wire.triggered(4), wire.clientHandoff(5, {reason: 'POLICY', queue_name: 'zendesk', route: 'https://help.example.com'})]);
    assert.deepEqual(state.handoff, {phase: 'client-required', reason: 'POLICY', route: 'https://help.example.com', queueName: 'zendesk'});
    assert.deepEqual(state.messages.at(-1)?.noticeParams, {route: 'https://help.example.com'});
  });

  it('the PolyAI agent joining again after a client-managed handoff ends the handoff, in any arrival order', () => {
    const events = [wire.triggered(4), wire.clientHandoff(5, {route: 'https://help.example.com'}), wire.agentJoined(7, 'Poly')];
    assert.equal(applyRaw(joined(), events).handoff.phase, 'none');
    assert.equal(applyRaw(joined(), [...events].reverse()).handoff.phase, 'none');
    // Its first join (before the handoff) does not end a later handoff.
    assert.equal(applyRaw(joined(), [wire.triggered(4), wire.clientHandoff(5, {})]).handoff.phase, 'client-required');
  });

  it('an older handoff event arriving late does not override a newer phase', () => {
    const state = applyRaw(joined(), [wire.liveJoined(8, {id: 'a', name: 'Ann'}), wire.queueStatus(7, {position: 2}), wire.accepted(6, 'q')]);
    assert.deepEqual(state.handoff, {phase: 'connected', queueName: 'q'});
  });
});

describe('session state', () => {
  it('keeps capabilities from the first SESSION_START and tells when the agent joined', () => {
    let state = applyRaw(createTranscript(), [wire.sessionStart(1, {heartbeat_interval_seconds: 0, streaming: true})]);
    assert.deepEqual(state.capabilities, {streaming: true, maxMessageSizeBytes: 131072, maxReconnectAttempts: null, heartbeatIntervalSeconds: 0});
    assert.equal(state.joined, false);
    state = applyRaw(state, [wire.agentJoined(3)]);
    assert.equal(state.joined, true);
    assert.deepEqual(state.agent, {name: 'Poly', avatarUrl: 'https://cdn.example.com/poly.png'});
  });

  it('the session’s first SESSION_START (lowest sequence) decides the capabilities, in any arrival order', () => {
    const first = wire.sessionStart(1, {heartbeat_interval_seconds: 10});
    const second = wire.sessionStart(7, {heartbeat_interval_seconds: 20});
    assert.equal(applyRaw(createTranscript(), [first, second]).capabilities?.heartbeatIntervalSeconds, 10);
    assert.equal(applyRaw(createTranscript(), [second, first]).capabilities?.heartbeatIntervalSeconds, 10);
  });

  it('a replay holding the join echo alone also counts as joined', () => {
    assert.equal(applyRaw(createTranscript(), [wire.sessionStart(1), wire.joinEcho(2)]).joined, true);
  });

  it('SESSION_END keeps the reason verbatim (its meaning read for the notice), adds a notice and clears typing', () => {
    let state = applyRaw(joined(), [wire.thinking()], 0);
    assert.notEqual(state.typing, null);
    state = applyRaw(state, [wire.sessionEnd(9, 'user_ended')], 1);
    assert.deepEqual([state.endReason, state.typing, state.messages.at(-1)?.noticeKey, state.messages.at(-1)?.text], ['user_ended', null, 'session-ended', 'You ended the chat.']);
  });

  it('LANGUAGE_CHANGED: the latest by sequence wins', () => {
    const state = applyRaw(joined(), [wire.language(9, 'fr-FR'), wire.language(5, 'de-DE')]);
    assert.equal(state.language, 'fr-FR');
  });

  it('end_conversation on an agent message is reported', () => {
    assert.equal(applyRaw(joined(), [wire.agentMessage(4, 'm', 'bye', {end_conversation: true})]).endConversation, true);
  });
});

describe('typing', () => {
  it('THINKING shows the agent typing until the message arrives', () => {
    let state = applyRaw(joined(), [wire.thinking()], 1000);
    assert.deepEqual(state.typing, {role: 'agent', name: 'Poly', expiresAt: 1000 + AGENT_TYPING_TTL_MS});
    state = applyRaw(state, [wire.agentMessage(4, 'm', 'hi')], 2000);
    assert.equal(state.typing, null);
  });

  it('streaming keeps it until the complete chunk', () => {
    let state = applyRaw(joined(), [wire.thinking()], 0);
    state = applyRaw(state, [wire.chunk(4, 'm', 1, 'a')], 5000);
    assert.equal(state.typing?.expiresAt, 5000 + AGENT_TYPING_TTL_MS);
    state = applyRaw(state, [wire.chunk(5, 'm', 2, '', true)], 6000);
    assert.equal(state.typing, null);
  });

  it('expires by time on tick or any later action, and a tick before expiry changes nothing', () => {
    const typing = applyRaw(joined(), [wire.thinking()], 0);
    assert.equal(reduceTranscript(typing, {type: 'tick', now: AGENT_TYPING_TTL_MS - 1}), typing);
    assert.equal(reduceTranscript(typing, {type: 'tick', now: AGENT_TYPING_TTL_MS}).typing, null);
    assert.equal(reduceTranscript(typing, send('c', 'x', AGENT_TYPING_TTL_MS + 5)).typing, null);
    assert.equal(selectTyping(typing, AGENT_TYPING_TTL_MS - 1)?.role, 'agent');
    assert.equal(selectTyping(typing, AGENT_TYPING_TTL_MS), null);
  });

  it('live-agent typing: missing state = started, STOPPED clears, a message clears', () => {
    const state = applyRaw(joined(), [wire.liveJoined(4, {id: 'agent_17', name: 'Priya'}), wire.liveTyping(undefined)], 0);
    assert.deepEqual(state.typing, {role: 'live-agent', name: 'Priya', expiresAt: LIVE_TYPING_TTL_MS});
    assert.equal(applyRaw(state, [wire.liveTyping('TYPING_STATE_STOPPED')]).typing, null);
    assert.equal(applyRaw(state, [wire.liveMessage(5, 'l', 'hi')]).typing, null);
  });

  it('an old sequenced THINKING replayed after its reply does not show typing', () => {
    const state = applyRaw(joined(), [wire.agentMessage(5, 'm', 'hi'), wire.thinking({sequence: 4})]);
    assert.equal(state.typing, null);
  });
});

describe('new session in the same transcript', () => {
  it('keeps old messages and sorts the new session after them, with fresh session state', () => {
    let state = reduceTranscript(createTranscript(), {type: 'new-session', sessionId: 's1'});
    assert.equal(state.segment, 0);
    state = applyRaw(state, [wire.sessionStart(1, {}, {id: 'start'}), wire.agentJoined(2), wire.agentMessage(30, 'm1', 'old'), wire.triggered(31), wire.language(32, 'fr-FR')]);
    state = reduceTranscript(state, send('c-pending', 'unsent'));
    state = reduceTranscript(state, {type: 'notice', key: 'session-expired', text: 'expired', level: 'info', now: 1});
    state = reduceTranscript(state, {type: 'new-session', sessionId: 's2'});
    assert.deepEqual(
      [state.segment, state.lastSequence, state.joined, state.started, state.handoff.phase, state.agent, state.language, state.sessionId],
      [1, 0, false, false, 'none', null, null, 's2'],
    );
    // Same event id as in the old session: dedup memory is per session.
    state = applyRaw(state, [wire.sessionStart(1, {}, {id: 'start'}), wire.agentMessage(2, 'm1', 'new')]);
    assert.deepEqual(summary(state), ['agent:old', 'system:Connecting you to a person…', 'system:expired', 'agent:new', 'user:unsent [sending]']);
    state = applyRaw(state, [wire.userEcho(3, 'unsent', 'c-pending')]);
    assert.deepEqual(summary(state).slice(-2), ['agent:new', 'user:unsent']);
    assert.equal(new Set(state.messages.map((m) => m.id)).size, state.messages.length);
    assertValidState(state, false);
  });

  it('the same session id again changes nothing', () => {
    const state = reduceTranscript(createTranscript(), {type: 'new-session', sessionId: 's1'});
    assert.equal(reduceTranscript(state, {type: 'new-session', sessionId: 's1'}), state);
  });

  it('finalises the old session’s unfinished stream', () => {
    let state = applyRaw(joined(), [wire.chunk(4, 'm', 1, 'half')]);
    state = reduceTranscript(reduceTranscript(state, {type: 'new-session', sessionId: 'a'}), {type: 'new-session', sessionId: 'b'});
    assert.deepEqual(summary(state), ['agent:half']);
  });
});

describe('purity and idempotence', () => {
  const base = (): TranscriptState => applyRaw(reduceTranscript(joined(), send('c1', 'hi')), [wire.thinking()], 0);
  const actions: ReadonlyArray<readonly [string, TranscriptAction]> = [
    ['server', {type: 'server', events: [], now: 1}],
    ['local-send', send('c2', 'yo', 2)],
    ['local-failed', {type: 'local-failed', clientEventId: 'c1'}],
    ['local-retry', {type: 'local-retry', clientEventId: 'c1'}],
    ['notice', {type: 'notice', key: 'k', text: 't', level: 'info', now: 3}],
    ['new-session', {type: 'new-session', sessionId: 'x'}],
    ['tick', {type: 'tick', now: 20_000}],
  ];
  for (const [name, action] of actions) {
    it(`${name}: reduce(reduce(s, a), a) === reduce(s, a)`, () => {
      const once = reduceTranscript(base(), action);
      assert.equal(reduceTranscript(once, action), once);
    });
  }

  it('reducing an older state again (branching) gives the same result as a fresh run', () => {
    const s0 = applyRaw(joined(), [wire.agentMessage(4, 'a', 'A')]);
    const left = applyRaw(s0, [wire.agentMessage(5, 'b', 'B')]);
    const right = applyRaw(s0, [wire.agentMessage(5, 'c', 'C')]);
    assert.deepEqual(texts(left), ['A', 'B']);
    assert.deepEqual(texts(right), ['A', 'C']);
    assert.deepEqual(texts(s0), ['A']);
    // And the left branch keeps going correctly after the right one moved on.
    assert.deepEqual(texts(applyRaw(left, [wire.agentMessage(6, 'd', 'D')])), ['A', 'B', 'D']);
    assert.deepEqual(texts(applyRaw(left, [wire.agentMessage(5, 'c', 'C')])), ['A', 'B', 'C']);
  });

  it('branching replays local actions and server frames in their original order', () => {
    const build = (): TranscriptState => {
      let s = applyRaw(joined(), [wire.agentMessage(4, 'a', 'A')]);
      s = reduceTranscript(s, {type: 'local-send', clientEventId: 'c1', text: 'hi', now: 1});
      s = reduceTranscript(s, {type: 'notice', key: 'k', text: 'note', level: 'info', now: 2});
      return applyRaw(s, [wire.agentMessage(5, 'b', 'B'), wire.agentMessage(6, 'c', 'C')]);
    };
    const mid = build();
    applyRaw(mid, [wire.agentMessage(7, 'd', 'D')]); // moves the shared store on
    const branched = applyRaw(mid, [wire.agentMessage(8, 'e', 'E')]);
    assert.deepEqual(texts(branched), texts(applyRaw(build(), [wire.agentMessage(8, 'e', 'E')])));
    assert.deepEqual(texts(branched), ['A', 'note', 'B', 'C', 'E', 'hi']);
  });

  it('an intermediate state read only later still shows its own messages', () => {
    const states: TranscriptState[] = [joined()];
    for (let i = 0; i < 5; i++) states.push(applyRawLazily(states[states.length - 1] as TranscriptState, [wire.agentMessage(4 + i, `m${i}`, `t${i}`)]));
    assert.deepEqual(texts(states[5] as TranscriptState), ['t0', 't1', 't2', 't3', 't4']);
    assert.deepEqual(texts(states[2] as TranscriptState), ['t0', 't1']);
    assert.deepEqual(texts(states[0] as TranscriptState), []);
  });

  it('messages arrays and objects are never mutated by later actions', () => {
    const s1 = applyRaw(joined(), [wire.chunk(4, 'm', 1, 'He', false, {response_suggestions: [{message_text: 'a'}]})]);
    const snapshot = structuredClone(s1.messages);
    const frozenRef = s1.messages;
    applyRaw(s1, [wire.chunk(5, 'm', 2, 'llo', true, {response_suggestions: [{message_text: 'b'}]}), wire.agentMessage(6, 'x', 'more')]);
    assert.equal(s1.messages, frozenRef);
    assert.deepEqual(s1.messages, snapshot);
  });

  it('shares the messages array when an action does not touch messages', () => {
    const s1 = applyRaw(joined(), [wire.agentMessage(4, 'm', 'hi')]);
    const messages = s1.messages;
    const s2 = applyRaw(s1, [wire.thinking()], 0);
    assert.notEqual(s2, s1);
    assert.equal(s2.messages, messages);
  });

  it('spreads, JSON and deepEqual see messages like a plain field', () => {
    const state = applyRaw(joined(), [wire.agentMessage(4, 'm', 'hi')]);
    assert.deepEqual({...state}.messages, state.messages);
    assert.equal((JSON.parse(JSON.stringify(state)) as {messages: unknown[]}).messages.length, 1);
  });

  it('adopts a state object it did not make (a spread copy) best-effort', () => {
    const state = applyRaw(reduceTranscript(joined(), send('c1', 'hi')), [wire.agentMessage(4, 'm', 'A')]);
    const copy: TranscriptState = {...state};
    let next = applyRaw(copy, [wire.agentMessage(5, 'n', 'B'), wire.userEcho(6, 'hi', 'c1')]);
    next = applyRaw(next, [wire.agentMessage(4, 'm', 'A')]);
    assert.deepEqual(summary(next), ['agent:A', 'agent:B', 'user:hi']);
  });

  it('ignores unknown action types', () => {
    const state = joined();
    assert.equal(reduceTranscript(state, {type: 'bogus'} as unknown as TranscriptAction), state);
  });

  it('applies batches and single events alike', () => {
    const events = [wire.agentMessage(4, 'a', 'A'), wire.chunk(5, 'b', 0, 'B'), wire.chunk(6, 'b', 1, 'b', true), raw('EVENT_TYPE_SYSTEM_MESSAGE', {message: 'S'}, {sequence: 7})];
    assert.deepEqual(applyEach(joined(), events).messages, applyRaw(joined(), events).messages);
  });
});
