// decodeFrame: every server event type, every [S] variant, every malformed class; never throws.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {decodeBatchElements, decodeFrame, decodeValue, SYNTHETIC_HEARTBEAT_ID} from '../../src/protocol/decode-frame.js';
import type {DecodeResult} from '../../src/protocol/decode-frame.js';
import type {ServerEvent} from '../../src/protocol/wire.js';
import {batch, raw, wire} from '../helpers/node/protocol-wire.js';
import type {RawEvent} from '../helpers/node/protocol-wire.js';
import {PROTOCOL_ECHOED_CLIENT_TYPES, PROTOCOL_NOT_SENT_YET_TYPES, PROTOCOL_SERVER_EVENT_TYPES} from '../helpers/node/protocol-text.js';

function decodeJson(value: unknown, maxBytes?: number): DecodeResult {
  return decodeFrame(JSON.stringify(value), maxBytes === undefined ? undefined : {maxBytes});
}

function only(value: unknown): ServerEvent {
  const result = decodeJson(value);
  assert.ok(result.ok, `expected ok, got ${JSON.stringify(result)}`);
  assert.equal(result.events.length, 1);
  return result.events[0] as ServerEvent;
}

function body(event: ServerEvent): Record<string, unknown> {
  const {id: _id, sequence: _sequence, timestamp: _timestamp, metadata: _metadata, synthetic: _synthetic, ...rest} = event;
  return rest;
}

function problemOf(result: DecodeResult): string {
  assert.equal(result.ok, false);
  return result.ok ? '' : result.problem.code;
}

describe('decodeFrame: every server event type', () => {
  const attachment = {
    title: 'Opening hours',
    preview_image_url: 'https://cdn.example.com/thumb.jpg',
    content_url: 'https://www.example.com/hours',
    content_type: 'ATTACHMENT_CONTENT_TYPE_URL',
    call_to_action_text: 'See hours',
  };
  const cases: ReadonlyArray<readonly [string, RawEvent, Record<string, unknown>]> = [
    [
      'SESSION_START with capabilities',
      wire.sessionStart(1, {streaming: true, max_message_size_bytes: 131072, max_reconnect_attempts: 5, heartbeat_interval_seconds: 30}),
      {type: 'EVENT_TYPE_SESSION_START', capabilities: {streaming: true, maxMessageSizeBytes: 131072, maxReconnectAttempts: 5, heartbeatIntervalSeconds: 30}},
    ],
    ['SESSION_END', wire.sessionEnd(9, 'REASON_USER_END'), {type: 'EVENT_TYPE_SESSION_END', reason: 'REASON_USER_END'}],
    [
      'SYSTEM_MESSAGE',
      wire.system(3, 'Event type not allowed: EVENT_TYPE_POLY_AGENT_MESSAGE', 'SYSTEM_MESSAGE_LEVEL_ERROR'),
      {type: 'EVENT_TYPE_SYSTEM_MESSAGE', level: 'error', message: 'Event type not allowed: EVENT_TYPE_POLY_AGENT_MESSAGE'},
    ],
    ['LANGUAGE_CHANGED', wire.language(4, 'fr-FR'), {type: 'EVENT_TYPE_LANGUAGE_CHANGED', languageCode: 'fr-FR'}],
    ['POLY_AGENT_JOINED', wire.agentJoined(3, 'Poly'), {type: 'EVENT_TYPE_POLY_AGENT_JOINED', agentName: 'Poly', avatarUrl: 'https://cdn.example.com/poly.png'}],
    ['POLY_AGENT_JOINED avatar_url fallback', raw('EVENT_TYPE_POLY_AGENT_JOINED', {avatar_url: 'key'}), {type: 'EVENT_TYPE_POLY_AGENT_JOINED', avatarUrl: 'key'}],
    ['POLY_AGENT_THINKING', wire.thinking(), {type: 'EVENT_TYPE_POLY_AGENT_THINKING'}],
    [
      'POLY_AGENT_MESSAGE with everything',
      wire.agentMessage(7, 'm1', 'Hello', {
        attachments: [attachment],
        response_suggestions: [{message_text: 'Yes', payload: 'p'}, {message_text: 'No'}],
        chat_call_actions: [{title: 'Call us', contact_number: '+441234'}],
        agent_name: 'Poly',
        avatar_url: 'a.png',
        end_conversation: true,
      }),
      {
        type: 'EVENT_TYPE_POLY_AGENT_MESSAGE',
        messageId: 'm1',
        text: 'Hello',
        attachments: [{title: 'Opening hours', previewImageUrl: 'https://cdn.example.com/thumb.jpg', contentUrl: 'https://www.example.com/hours', contentType: 'url', callToActionText: 'See hours'}],
        suggestions: ['Yes', 'No'],
        callActions: [{title: 'Call us', contactNumber: '+441234'}],
        agentName: 'Poly',
        avatarUrl: 'a.png',
        endConversation: true,
      },
    ],
    [
      'POLY_AGENT_MESSAGE minimal (missing lists/text default)',
      raw('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: 'm2'}, {sequence: 2}),
      {type: 'EVENT_TYPE_POLY_AGENT_MESSAGE', messageId: 'm2', text: '', attachments: [], suggestions: [], callActions: [], endConversation: false},
    ],
    [
      'POLY_AGENT_MESSAGE_CHUNK',
      wire.chunk(11, 'm3', 1, 'Hel', false, {response_suggestions: [{message_text: 'ok'}]}),
      {type: 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK', messageId: 'm3', chunkIndex: 1, isComplete: false, text: 'Hel', attachments: [], suggestions: ['ok']},
    ],
    [
      'POLY_AGENT_MESSAGE_CHUNK final, empty, index 0',
      raw('EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK', {message_id: 'm3', chunk_index: 0, is_complete: true}, {sequence: 12}),
      {type: 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK', messageId: 'm3', chunkIndex: 0, isComplete: true, text: '', attachments: [], suggestions: []},
    ],
    ['POLY_AGENT_LEFT', raw('EVENT_TYPE_POLY_AGENT_LEFT', {reason: 'handoff'}), {type: 'EVENT_TYPE_POLY_AGENT_LEFT', reason: 'handoff'}],
    ['POLY_AGENT_TRIGGERED_HANDOFF', wire.triggered(5), {type: 'EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF'}],
    [
      'LIVE_AGENT_JOINED nested agent',
      wire.liveJoined(6, {id: 'agent_17', name: 'Priya', avatar_url: 'p.png'}),
      {type: 'EVENT_TYPE_LIVE_AGENT_JOINED', agentId: 'agent_17', agentName: 'Priya', avatarUrl: 'p.png'},
    ],
    [
      'LIVE_AGENT_TYPING',
      wire.liveTyping('TYPING_STATE_STOPPED', 'agent_17'),
      {type: 'EVENT_TYPE_LIVE_AGENT_TYPING', state: 'TYPING_STATE_STOPPED', agentId: 'agent_17'},
    ],
    [
      'LIVE_AGENT_MESSAGE',
      wire.liveMessage(8, 'l1', 'Hi', 'agent_17'),
      {type: 'EVENT_TYPE_LIVE_AGENT_MESSAGE', messageId: 'l1', agentId: 'agent_17', text: 'Hi', attachments: [], suggestions: [], callActions: [], endConversation: false},
    ],
    [
      'LIVE_AGENT_LEFT with [S] fields',
      wire.liveLeft(9, {agent_id: 'agent_17', agent_name: 'Priya', reason: 'shift over'}),
      {type: 'EVENT_TYPE_LIVE_AGENT_LEFT', agentId: 'agent_17', agentName: 'Priya', reason: 'shift over'},
    ],
    ['HANDOFF_ACCEPTED', wire.accepted(5, 'billing'), {type: 'EVENT_TYPE_HANDOFF_ACCEPTED', queueName: 'billing'}],
    [
      'HANDOFF_QUEUE_STATUS',
      wire.queueStatus(6, {queue_name: 'billing', position_in_queue: 3, estimated_wait_seconds: 90, display_message: 'You are #3'}),
      {type: 'EVENT_TYPE_HANDOFF_QUEUE_STATUS', queueName: 'billing', positionInQueue: 3, estimatedWaitSeconds: 90, displayMessage: 'You are #3'},
    ],
    ['HANDOFF_QUEUE_STATUS all optional', wire.queueStatus(6, {}), {type: 'EVENT_TYPE_HANDOFF_QUEUE_STATUS'}],
    [
      'CLIENT_HANDOFF_REQUIRED',
      wire.clientHandoff(7, {reason: 'POLICY', queue_name: 'zendesk', route: 'https://help.example.com'}),
      {type: 'EVENT_TYPE_CLIENT_HANDOFF_REQUIRED', reason: 'POLICY', queueName: 'zendesk', route: 'https://help.example.com'},
    ],
    ['HANDOFF_FAILED', raw('EVENT_TYPE_HANDOFF_FAILED', {reason: 'no agents'}), {type: 'EVENT_TYPE_HANDOFF_FAILED', reason: 'no agents'}],
    ['HANDOFF_TIMEOUT', wire.handoffTimeout(8), {type: 'EVENT_TYPE_HANDOFF_TIMEOUT'}],
    ['USER_MESSAGE echo', raw('EVENT_TYPE_USER_MESSAGE', {text: 'hi', message_id: 'u1'}, {sequence: 4}), {type: 'EVENT_TYPE_USER_MESSAGE', text: 'hi', messageId: 'u1'}],
    ['USER_END_SESSION echo', wire.endEcho(10), {type: 'EVENT_TYPE_USER_END_SESSION'}],
    ['HEARTBEAT echo', wire.heartbeat({id: 'hb1'}), {type: 'EVENT_TYPE_HEARTBEAT'}],
    ['REQUEST_POLY_AGENT_JOIN echo', wire.joinEcho(2), {type: 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN'}],
  ];
  for (const [name, input, expected] of cases) {
    it(`decodes ${name}`, () => {
      const event = only(input);
      assert.deepEqual(body(event), expected);
      assert.equal(event.id, input['id']);
      assert.equal(event.sequence, input['sequence']);
      assert.equal(event.timestamp, input['timestamp']);
    });
  }

  it('keeps metadata.custom (echo correlation) and stringifies scalar values', () => {
    const event = only(raw('EVENT_TYPE_USER_MESSAGE', {text: 'x'}, {sequence: 3, metadata: {custom: {client_event_id: 'c1', n: 5, ok: true, nested: {a: 1}, nil: null}}}));
    assert.deepEqual(event.metadata, {custom: {client_event_id: 'c1', n: '5', ok: 'true'}});
  });
});

describe('decodeFrame: [S] variants are normalised', () => {
  it('accepts a oneof-style data key instead of payload (top level and in a batch)', () => {
    const oneof = {id: 'e1', sequence: 4, timestamp: 't', type: 'EVENT_TYPE_POLY_AGENT_MESSAGE', poly_agent_message: {message_id: 'm1', text: 'hi'}};
    assert.equal((only(oneof) as {text: string}).text, 'hi');
    const result = decodeJson({type: 'EVENT_TYPE_EVENT_BATCH', event_batch: {events: [oneof]}});
    assert.ok(result.ok);
    assert.equal(result.events.length, 1);
  });

  it('prefers flat live-agent fields, then the nested agent object, field by field', () => {
    const event = only(raw('EVENT_TYPE_LIVE_AGENT_JOINED', {agent_name: 'Flat', agent: {id: 'nested-id', name: 'Nested', avatar_url: 'n.png'}}, {sequence: 5}));
    assert.deepEqual(body(event), {type: 'EVENT_TYPE_LIVE_AGENT_JOINED', agentId: 'nested-id', agentName: 'Flat', avatarUrl: 'n.png'});
    const flat = only(raw('EVENT_TYPE_LIVE_AGENT_JOINED', {agent_id: 'a1', agent_name: 'Priya', avatar_url: 'p.png'}, {sequence: 5}));
    assert.deepEqual(body(flat), {type: 'EVENT_TYPE_LIVE_AGENT_JOINED', agentId: 'a1', agentName: 'Priya', avatarUrl: 'p.png'});
  });

  it('reads the legacy queue `position` when position_in_queue is absent', () => {
    assert.equal((only(wire.queueStatus(6, {position: 2})) as {positionInQueue?: number}).positionInQueue, 2);
    assert.equal((only(wire.queueStatus(6, {position: 2, position_in_queue: 4})) as {positionInQueue?: number}).positionInQueue, 4);
    assert.equal((only(wire.queueStatus(6, {position: -1})) as {positionInQueue?: number}).positionInQueue, undefined);
  });

  for (const [state, expected] of [
    [undefined, 'TYPING_STATE_STARTED'],
    ['TYPING_STATE_STARTED', 'TYPING_STATE_STARTED'],
    ['TYPING_STATE_STOPPED', 'TYPING_STATE_STOPPED'],
    ['stopped', 'TYPING_STATE_STOPPED'],
    ['TYPING_STATE_UNSPECIFIED', 'TYPING_STATE_STARTED'],
    [42, 'TYPING_STATE_STARTED'],
  ] as const) {
    it(`typing state ${String(state)} → ${expected}`, () => {
      const payload: Record<string, unknown> = {agent_id: 'a'};
      if (state !== undefined) payload['state'] = state;
      assert.equal((only(raw('EVENT_TYPE_LIVE_AGENT_TYPING', payload)) as {state: string}).state, expected);
    });
  }

  // Verbatim (poly-chat-end carries what the server said; end-reason.ts reads the meaning).
  for (const [reason, expected] of [
    ['REASON_NATURAL_END', 'REASON_NATURAL_END'],
    ['reason_user_end', 'reason_user_end'],
    ['user_ended', 'user_ended'],
    ['agent_ended', 'agent_ended'],
    ['server_restart', 'server_restart'],
    ['', 'REASON_UNSPECIFIED'],
    [undefined, 'REASON_UNSPECIFIED'],
    [7, 'REASON_UNSPECIFIED'],
  ] as const) {
    it(`SESSION_END reason ${JSON.stringify(reason)} → ${expected}`, () => {
      const payload = reason === undefined ? {} : {reason};
      assert.equal((only(raw('EVENT_TYPE_SESSION_END', payload, {sequence: 9})) as {reason: string}).reason, expected);
    });
  }

  for (const [level, expected] of [
    ['SYSTEM_MESSAGE_LEVEL_INFO', 'info'],
    ['SYSTEM_MESSAGE_LEVEL_WARNING', 'warning'],
    ['SYSTEM_MESSAGE_LEVEL_ERROR', 'error'],
    ['error', 'error'],
    ['SYSTEM_MESSAGE_LEVEL_FATAL', 'info'],
    [undefined, 'info'],
    [3, 'info'],
  ] as const) {
    it(`system level ${String(level)} → ${expected}`, () => {
      const payload = level === undefined ? {message: 'x'} : {message: 'x', level};
      assert.equal((only(raw('EVENT_TYPE_SYSTEM_MESSAGE', payload, {sequence: 3})) as {level: string}).level, expected);
    });
  }

  for (const [contentType, expected] of [
    ['ATTACHMENT_CONTENT_TYPE_URL', 'url'],
    ['ATTACHMENT_CONTENT_TYPE_IMAGE', 'image'],
    ['image', 'image'],
    ['ATTACHMENT_CONTENT_TYPE_VIDEO', 'unknown'],
    [undefined, 'unknown'],
    [1, 'unknown'],
  ] as const) {
    it(`attachment content_type ${String(contentType)} → ${expected}`, () => {
      const event = only(wire.agentMessage(3, 'm', '', {attachments: [{content_type: contentType, title: 7}, 'junk', null]}));
      assert.deepEqual((event as {attachments: unknown}).attachments, [{contentType: expected}]);
    });
  }

  it('accepts a bare heartbeat echo without id/timestamp (synthetic id, sequence null)', () => {
    const event = only({type: 'EVENT_TYPE_HEARTBEAT', payload: {}, sequence: 12});
    assert.equal(event.id, SYNTHETIC_HEARTBEAT_ID);
    assert.equal(event.sequence, null);
    assert.equal(event.synthetic, true);
    assert.equal(event.timestamp, undefined);
    const inBatch = decodeJson(batch([{type: 'EVENT_TYPE_HEARTBEAT'}]));
    assert.ok(inBatch.ok);
    assert.equal(inBatch.events[0]?.type, 'EVENT_TYPE_HEARTBEAT');
  });

  const capabilityCases: ReadonlyArray<readonly [string, Record<string, unknown> | undefined, Record<string, unknown>]> = [
    ['documented values', {streaming: true, max_message_size_bytes: 131072, max_reconnect_attempts: 5, heartbeat_interval_seconds: 30}, {streaming: true, maxMessageSizeBytes: 131072, maxReconnectAttempts: 5, heartbeatIntervalSeconds: 30}],
    ['heartbeat 0 = off', {heartbeat_interval_seconds: 0}, {heartbeatIntervalSeconds: 0}],
    ['heartbeat missing = 30', {}, {heartbeatIntervalSeconds: 30}],
    ['heartbeat negative = 30', {heartbeat_interval_seconds: -5}, {heartbeatIntervalSeconds: 30}],
    ['heartbeat non-numeric = 30', {heartbeat_interval_seconds: '10'}, {heartbeatIntervalSeconds: 30}],
    ['heartbeat null = 30', {heartbeat_interval_seconds: null}, {heartbeatIntervalSeconds: 30}],
    ['reconnect 0 = null', {max_reconnect_attempts: 0}, {maxReconnectAttempts: null}],
    ['reconnect missing = null', {}, {maxReconnectAttempts: null}],
    ['reconnect invalid = null', {max_reconnect_attempts: 2.5}, {maxReconnectAttempts: null}],
    ['max size missing = 131072', {}, {maxMessageSizeBytes: 131072}],
    ['max size invalid = 131072', {max_message_size_bytes: -1}, {maxMessageSizeBytes: 131072}],
    ['max size 1 MiB kept', {max_message_size_bytes: 1048576}, {maxMessageSizeBytes: 1048576}],
    ['streaming only when true', {streaming: 'yes'}, {streaming: false}],
    ['no capabilities object at all', undefined, {streaming: false, maxMessageSizeBytes: 131072, maxReconnectAttempts: null, heartbeatIntervalSeconds: 30}],
  ];
  for (const [name, caps, expected] of capabilityCases) {
    it(`capabilities: ${name}`, () => {
      const event = only(raw('EVENT_TYPE_SESSION_START', caps === undefined ? {} : {capabilities: caps}, {sequence: 1}));
      if (event.type !== 'EVENT_TYPE_SESSION_START') return assert.fail(`decoded as ${event.type}`);
      const got: Record<string, unknown> = {...event.capabilities};
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(got[key], value, key);
    });
  }
});

describe('decodeFrame: envelope rules', () => {
  for (const [sequence, expected] of [
    [7, 7],
    [0, 0],
    [-0, 0],
    [null, null],
    [undefined, null],
    [-3, null],
    [2.5, null],
    ['7', null],
    [Number.MAX_SAFE_INTEGER + 2, null],
  ] as const) {
    it(`sequence ${String(sequence)} → ${String(expected)} (non-integer/negative = transient)`, () => {
      const input: Record<string, unknown> = {id: 'e', type: 'EVENT_TYPE_SYSTEM_MESSAGE', payload: {message: 'x'}};
      if (sequence !== undefined) input['sequence'] = sequence;
      assert.equal(only(input).sequence, expected);
    });
  }

  for (const chunkIndex of [-1, 1.5, '2', null, undefined]) {
    it(`drops a chunk whose chunk_index is ${String(chunkIndex)}`, () => {
      const payload: Record<string, unknown> = {message_id: 'm', text: 'x', is_complete: false};
      if (chunkIndex !== undefined) payload['chunk_index'] = chunkIndex;
      assert.equal(problemOf(decodeJson(raw('EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK', payload, {sequence: 3}))), 'bad-event');
      const inBatch = decodeJson(batch([raw('EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK', payload, {sequence: 3}), wire.system(4, 'kept')]));
      assert.ok(inBatch.ok);
      assert.equal(inBatch.events.length, 1);
      assert.equal(inBatch.dropped[0]?.index, 0);
    });
  }

  it('keeps events without a usable id: a sequence names them, else a fresh id each time (liberal in what we accept)', () => {
    const noId = only({sequence: 1, type: 'EVENT_TYPE_POLY_AGENT_MESSAGE', payload: {message_id: 'm', text: 'no id'}});
    assert.equal(noId.id, 'synthetic:seq:1');
    assert.equal(noId.synthetic, true);
    assert.equal(only({id: null, sequence: 2, type: 'EVENT_TYPE_POLY_AGENT_MESSAGE', payload: {}}).id, 'synthetic:seq:2');
    assert.equal(problemOf(decodeJson({id: 42, sequence: 2, type: 'EVENT_TYPE_POLY_AGENT_MESSAGE', payload: {}})), 'bad-event', 'an id of the wrong type is broken');
    assert.equal(only({id: '', sequence: 3, type: 'EVENT_TYPE_SESSION_END', payload: {}}).id, 'synthetic:seq:3');
    const a = only({id: '', sequence: null, type: 'EVENT_TYPE_SYSTEM_MESSAGE', payload: {message: 'a'}});
    const b = only({id: '', sequence: null, type: 'EVENT_TYPE_SYSTEM_MESSAGE', payload: {message: 'a'}});
    assert.match(a.id, /^synthetic:[a-z0-9]+:\d+$/);
    assert.notEqual(a.id, b.id, 'nothing could tell a repeat: never deduplicated');
    const element = {id: '', type: 'EVENT_TYPE_SYSTEM_MESSAGE', payload: {message: 'once'}};
    const twice = [decodeBatchElements([element]), decodeBatchElements([element])].map((result) => (result.ok ? result.events[0]?.id : undefined));
    assert.equal(twice[0], twice[1], 'the same element decoded twice (a long batch) keeps its id');
  });

  it('falls back to the event id when a whole message has no message_id', () => {
    assert.equal((only(raw('EVENT_TYPE_POLY_AGENT_MESSAGE', {text: 'x'}, {id: 'evt-9', sequence: 3})) as {messageId: string}).messageId, 'evt-9');
  });

  it('treats a non-object payload as empty', () => {
    const event = only({id: 'e', sequence: 3, type: 'EVENT_TYPE_USER_MESSAGE', payload: 'not an object'});
    assert.deepEqual(body(event), {type: 'EVENT_TYPE_USER_MESSAGE', text: ''});
  });

  it('requires language_code on LANGUAGE_CHANGED', () => {
    assert.equal(problemOf(decodeJson(raw('EVENT_TYPE_LANGUAGE_CHANGED', {language_code: 5}, {sequence: 3}))), 'bad-event');
  });
});

describe('decodeFrame: batches', () => {
  it('flattens in order, drops a malformed element alone, reports ignored types', () => {
    const result = decodeJson(
      batch([wire.sessionStart(1), 'garbage', {type: 'EVENT_TYPE_FROM_THE_FUTURE', id: 'x'}, wire.joinEcho(2), {id: 'noType'}, batch([wire.joinEcho(3)]), {type: 'EVENT_TYPE_CSAT_RESPONSE'}, wire.agentJoined(4)]),
    );
    assert.ok(result.ok);
    assert.deepEqual(
      result.events.map((e) => e.type),
      ['EVENT_TYPE_SESSION_START', 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN', 'EVENT_TYPE_POLY_AGENT_JOINED'],
    );
    assert.deepEqual(
      result.dropped.map((p) => [p.index, p.code]),
      [
        [1, 'not-an-event'],
        [4, 'not-an-event'],
        [5, 'bad-event'],
      ],
    );
    assert.deepEqual(
      result.ignored.map((p) => [p.index, p.code]),
      [
        [2, 'unknown-type'],
        [6, 'ignored-type'],
      ],
    );
  });

  it('puts events without a sequence after the sequenced ones, each group in its own order (§3.4, nulls last)', () => {
    const result = decodeJson(
      batch([
        {id: 'n1', sequence: null, type: 'EVENT_TYPE_SYSTEM_MESSAGE', payload: {message: 'first null'}},
        wire.sessionStart(1),
        {id: 'n2', type: 'EVENT_TYPE_SYSTEM_MESSAGE', payload: {message: 'second null'}},
        wire.joinEcho(2),
        wire.agentJoined(3),
      ]),
    );
    assert.ok(result.ok);
    assert.deepEqual(
      result.events.map((e) => e.id),
      [result.events[0]?.id, result.events[1]?.id, result.events[2]?.id, 'n1', 'n2'],
    );
    assert.deepEqual(
      result.events.map((e) => e.sequence),
      [1, 2, 3, null, null],
    );
  });

  it('accepts an empty batch and refuses a batch without an events array', () => {
    const empty = decodeJson(batch([]));
    assert.ok(empty.ok);
    assert.equal(empty.events.length, 0);
    assert.equal(problemOf(decodeJson({type: 'EVENT_TYPE_EVENT_BATCH', payload: {events: 'nope'}})), 'bad-event');
    assert.equal(problemOf(decodeJson({type: 'EVENT_TYPE_EVENT_BATCH'})), 'bad-event');
  });
});

describe('decodeFrame: unknown and not-yet-sent types are ignored, not errors', () => {
  it('reports an unknown top-level type as ignored', () => {
    const result = decodeJson({id: 'x', sequence: null, type: 'EVENT_TYPE_FROM_THE_FUTURE', payload: {}});
    assert.ok(result.ok);
    assert.deepEqual([result.events.length, result.ignored[0]?.code], [0, 'unknown-type']);
  });
  for (const type of PROTOCOL_NOT_SENT_YET_TYPES) {
    it(`ignores ${type} (§6.5)`, () => {
      const result = decodeJson({id: 'x', sequence: 4, type, payload: {}});
      assert.ok(result.ok);
      assert.deepEqual([result.events.length, result.ignored[0]?.code], [0, 'ignored-type']);
    });
  }
  it('knows every server event type of §6 and every echo (none reported unknown or ignored)', () => {
    for (const type of [...PROTOCOL_SERVER_EVENT_TYPES, ...PROTOCOL_ECHOED_CLIENT_TYPES]) {
      const payload = type === 'EVENT_TYPE_EVENT_BATCH' ? {events: []} : {};
      const result = decodeJson({id: 'x', sequence: 4, type, payload});
      const codes = result.ok ? result.ignored.map((problem) => problem.code) : [result.problem.code];
      assert.ok(!codes.includes('unknown-type') && !codes.includes('ignored-type'), `${type}: ${codes.join(', ')}`);
    }
  });
  it('ignores client-only USER_TYPING coming from the server', () => {
    const result = decodeJson({id: 'x', sequence: 4, type: 'EVENT_TYPE_USER_TYPING', payload: {state: 'TYPING_STATE_STARTED'}});
    assert.ok(result.ok);
    assert.equal(result.events.length, 0);
  });
});

describe('decodeFrame: malformed frames never throw', () => {
  const blobLike = {size: 3, type: '', arrayBuffer: async () => new ArrayBuffer(3), slice: () => null};
  const cases: ReadonlyArray<readonly [string, unknown, string]> = [
    ['ArrayBuffer', new ArrayBuffer(8), 'binary'],
    ['Uint8Array', new Uint8Array([0x7b, 0x7d]), 'binary'],
    ['Buffer', Buffer.from('{}'), 'binary'],
    ['DataView', new DataView(new ArrayBuffer(2)), 'binary'],
    ['Blob-like', blobLike, 'binary'],
    ['number', 42, 'not-text'],
    ['null', null, 'not-text'],
    ['undefined', undefined, 'not-text'],
    ['plain object', {type: 'EVENT_TYPE_HEARTBEAT'}, 'not-text'],
    ['truncated JSON', '{"type":"EVENT_TYPE_POLY_AGENT_MESSAGE","payload":{"text":"never clos', 'bad-json'],
    ['empty string', '', 'bad-json'],
    ['JSON array', '[1,2]', 'not-an-event'],
    ['JSON string', '"EVENT_TYPE_HEARTBEAT"', 'not-an-event'],
    ['JSON null', 'null', 'not-an-event'],
    ['no type', '{"id":"x","payload":{}}', 'not-an-event'],
    ['type not a string', '{"id":"x","type":7}', 'not-an-event'],
    ['deep nesting (200k levels)', '['.repeat(200_000) + ']'.repeat(200_000), 'not-an-event'],
  ];
  for (const [name, data, code] of cases) {
    it(`${name} → ${code}`, () => {
      const result = decodeFrame(data);
      // Deep nesting may also be refused by the parser itself; both are fine, throwing is not.
      if (name.startsWith('deep')) assert.ok(!result.ok);
      else assert.equal(problemOf(result), code);
    });
  }

  it('deeply nested payload values are skipped, the event kept', () => {
    const deep = `{"id":"e","sequence":3,"type":"EVENT_TYPE_POLY_AGENT_MESSAGE","payload":{"message_id":"m","text":${'['.repeat(50_000)}${']'.repeat(50_000)},"attachments":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}}`;
    const result = decodeFrame(deep);
    assert.ok(result.ok);
    assert.equal((result.events[0] as {text: string}).text, '');
  });

  it('refuses frames over maxBytes, counting UTF-8 bytes', () => {
    const event = JSON.stringify(wire.agentMessage(3, 'm', 'é'.repeat(100)));
    const bytes = Buffer.byteLength(event);
    assert.ok(decodeFrame(event, {maxBytes: bytes}).ok);
    assert.equal(problemOf(decodeFrame(event, {maxBytes: bytes - 1})), 'too-large');
    assert.equal(problemOf(decodeFrame('x'.repeat(9 * 1024 * 1024))), 'too-large');
  });

  it('huge strings within the limit are kept as they are', () => {
    const event = only(wire.agentMessage(3, 'm', 'x'.repeat(1_000_000)));
    assert.equal((event as {text: string}).text.length, 1_000_000);
  });

  it('prototype-pollution keys change nothing', () => {
    const frame =
      '{"id":"e","sequence":3,"type":"EVENT_TYPE_USER_MESSAGE","__proto__":{"polluted":1},"payload":{"text":"hi","__proto__":{"text":"evil"}},' +
      '"metadata":{"custom":{"__proto__":{"client_event_id":"evil"},"constructor":"c","client_event_id":"c1"}}}';
    const event = only(JSON.parse(frame));
    assert.equal((event as {text: string}).text, 'hi');
    assert.equal(event.metadata?.custom['client_event_id'], 'c1');
    assert.equal(Object.getPrototypeOf(event.metadata?.custom), Object.prototype);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    const viaFrame = decodeFrame(frame);
    assert.ok(viaFrame.ok);
    assert.equal(({} as Record<string, unknown>)['client_event_id'], undefined);
    // A type whose oneof key would be "__proto__" is just unknown.
    const proto = decodeFrame('{"id":"e","type":"EVENT_TYPE___PROTO__","__proto__":{}}');
    assert.ok(proto.ok);
    assert.equal(proto.ignored[0]?.code, 'unknown-type');
  });

  it('decodeValue survives hostile objects (throwing getters, proxies)', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
        has() {
          throw new Error('boom');
        },
        getOwnPropertyDescriptor() {
          throw new Error('boom');
        },
      },
    );
    assert.equal(decodeValue(hostile).ok, false);
    const getter = {type: 'EVENT_TYPE_EVENT_BATCH', get payload(): unknown {
      throw new Error('boom');
    }};
    assert.equal(decodeValue(getter).ok, false);
  });
});
