// Helpers for transcript tests: apply raw frames, summarise messages, check state invariants.
import assert from 'node:assert/strict';
import {reduceTranscript} from '../../../src/protocol/transcript.js';
import type {TranscriptAction, TranscriptState} from '../../../src/protocol/transcript-types.js';
import type {PolyChatMessage} from '../../../src/protocol/message.js';
import {decodeAll} from './protocol-wire.js';
import type {RawEvent} from './protocol-wire.js';

/**
 * Reduces and then reads `messages`, as a runtime does after every action. Rendering is lazy, so a
 * test that only read at the end would not notice a change that forgot to mark its message dirty.
 */
export function observe(state: TranscriptState, action: TranscriptAction): TranscriptState {
  const next = reduceTranscript(state, action);
  void next.messages;
  return next;
}

/** Applies raw wire events as one 'server' action (and observes the result). */
export function applyRaw(state: TranscriptState, events: readonly RawEvent[], now = 0): TranscriptState {
  return observe(state, {type: 'server', events: decodeAll(events), now});
}

/** Like applyRaw, without reading messages (exercises the lazy path). */
export function applyRawLazily(state: TranscriptState, events: readonly RawEvent[], now = 0): TranscriptState {
  return reduceTranscript(state, {type: 'server', events: decodeAll(events), now});
}

/** Applies raw wire events one action each. */
export function applyEach(state: TranscriptState, events: readonly RawEvent[], now = 0): TranscriptState {
  let next = state;
  for (const event of events) next = applyRaw(next, [event], now);
  return next;
}

export function texts(state: TranscriptState): string[] {
  return state.messages.map((m) => m.text);
}

/** "role:text" per message, with flags for incomplete / delivery. */
export function summary(state: TranscriptState): string[] {
  return state.messages.map((m) => `${m.role}:${m.text}${m.complete ? '' : ' …'}${m.delivery !== undefined && m.delivery !== 'sent' ? ` [${m.delivery}]` : ''}`);
}

/**
 * Invariants every state must keep: unique ids, strings where strings belong, sequenced messages in
 * sequence order (within one segment), user messages with a delivery.
 */
export function assertValidState(state: TranscriptState, singleSegment = true): void {
  const ids = new Set<string>();
  let lastSequence = -1;
  for (const msg of state.messages as readonly PolyChatMessage[]) {
    assert.equal(typeof msg.id, 'string');
    assert.ok(!ids.has(msg.id), `duplicate id ${msg.id}`);
    ids.add(msg.id);
    assert.equal(typeof msg.text, 'string');
    assert.equal(typeof msg.complete, 'boolean');
    assert.ok(Array.isArray(msg.attachments) && Array.isArray(msg.suggestions));
    for (const suggestion of msg.suggestions) assert.equal(typeof suggestion, 'string');
    assert.ok(['user', 'agent', 'live-agent', 'system'].includes(msg.role));
    if (msg.role === 'user') assert.ok(msg.delivery !== undefined);
    if (singleSegment && msg.sequence !== undefined) {
      assert.ok(msg.sequence >= lastSequence, `sequence ${msg.sequence} after ${lastSequence}`);
      lastSequence = msg.sequence;
    }
  }
  assert.ok(Number.isSafeInteger(state.lastSequence) && state.lastSequence >= 0);
}
