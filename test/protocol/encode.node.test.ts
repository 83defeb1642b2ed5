// Client event builders (§5) and UTF-8 length.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {
  encodeClientEvent,
  endSessionEvent,
  heartbeatEvent,
  joinEvent,
  typingEvent,
  userMessageEvent,
} from '../../src/protocol/encode.js';
import {utf8ByteLength} from '../../src/protocol/utf8.js';

describe('client event builders', () => {
  const cases = [
    ['join', joinEvent(), {type: 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN', payload: {}}],
    [
      'user message with client_event_id',
      userMessageEvent('Table for two?', 'c-1'),
      {type: 'EVENT_TYPE_USER_MESSAGE', payload: {text: 'Table for two?'}, metadata: {custom: {client_event_id: 'c-1'}}},
    ],
    ['typing started', typingEvent('TYPING_STATE_STARTED'), {type: 'EVENT_TYPE_USER_TYPING', payload: {state: 'TYPING_STATE_STARTED'}}],
    ['typing stopped', typingEvent('TYPING_STATE_STOPPED'), {type: 'EVENT_TYPE_USER_TYPING', payload: {state: 'TYPING_STATE_STOPPED'}}],
    ['end session', endSessionEvent(), {type: 'EVENT_TYPE_USER_END_SESSION', payload: {}}],
    ['heartbeat', heartbeatEvent(), {type: 'EVENT_TYPE_HEARTBEAT', payload: {}}],
  ] as const;
  for (const [name, event, expected] of cases) {
    it(`builds ${name} with a payload object and no id/sequence/timestamp`, () => {
      const wire = JSON.parse(encodeClientEvent(event)) as Record<string, unknown>;
      assert.deepEqual(wire, expected);
      for (const forbidden of ['id', 'sequence', 'timestamp']) assert.equal(forbidden in wire, false);
    });
  }
});

describe('utf8ByteLength', () => {
  const samples = ['', 'hello', 'é', 'ß€', '漢字', '😀', 'a😀b', '\ud83d', '\ude00', 'x\ud83dy', '\u07ff\u0800', 'mixed é 漢 😀 text'];
  for (const sample of samples) {
    it(`matches Buffer.byteLength for ${JSON.stringify(sample)}`, () => {
      assert.equal(utf8ByteLength(sample), Buffer.byteLength(sample, 'utf8'));
    });
  }
  it('measures a whole encoded frame', () => {
    const frame = encodeClientEvent(userMessageEvent('😀'.repeat(1000), 'c'));
    assert.equal(utf8ByteLength(frame), Buffer.byteLength(frame));
  });
});
