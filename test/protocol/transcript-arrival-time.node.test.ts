// A server event without a timestamp (protocol §12 allows it) is dated when it arrived, so every
// message can show its time; a duplicate arriving later keeps the first time, and a timestamp the
// server did send is never replaced.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {createTranscript, reduceTranscript} from '../../src/protocol/transcript.js';
import {raw, wire} from '../helpers/node/protocol-wire.js';
import {applyRaw} from '../helpers/node/protocol-transcript.js';

const ARRIVED = Date.UTC(2026, 11, 5, 10, 42);

function withoutTimestamp(event: Record<string, unknown>): Record<string, unknown> {
  const copy = {...event};
  delete copy['timestamp'];
  return copy;
}

describe('message times', () => {
  it('a message without a server timestamp carries the time it arrived, kept when it comes again', () => {
    const reply = withoutTimestamp(raw('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: 'm1', text: 'Hello'}, {id: 'e1', sequence: 3}));
    const first = applyRaw(createTranscript(), [reply], ARRIVED);
    assert.equal(first.messages[0]?.timestamp, new Date(ARRIVED).toISOString());
    const again = applyRaw(first, [reply], ARRIVED + 60_000);
    assert.equal(again.messages[0]?.timestamp, new Date(ARRIVED).toISOString());
  });

  it("the server's timestamp wins over the arrival time", () => {
    const reply = raw('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: 'm1', text: 'Hello'}, {sequence: 3, timestamp: '2026-12-04T08:00:00Z'});
    const state = applyRaw(createTranscript(), [reply], ARRIVED);
    assert.equal(state.messages[0]?.timestamp, '2026-12-04T08:00:00Z');
  });

  it("an echo without a timestamp keeps the user's own send time (it was typed offline, echoed later)", () => {
    const sent = reduceTranscript(createTranscript(), {type: 'local-send', clientEventId: 'c1', text: 'hello', now: ARRIVED});
    const echoed = applyRaw(sent, [withoutTimestamp(wire.userEcho(4, 'hello', 'c1'))], ARRIVED + 30 * 60_000);
    assert.equal(echoed.messages[0]?.delivery, 'sent');
    assert.equal(echoed.messages[0]?.timestamp, new Date(ARRIVED).toISOString());
  });

  it('a late chunk that sorts earlier does not move the reply to its arrival time', () => {
    const second = withoutTimestamp(wire.chunk(5, 'm1', 2, ' world'));
    const first = withoutTimestamp(wire.chunk(4, 'm1', 1, 'Hello'));
    const once = applyRaw(createTranscript(), [second], ARRIVED);
    const both = applyRaw(once, [first], ARRIVED + 60_000);
    assert.equal(both.messages[0]?.text, 'Hello world');
    assert.equal(both.messages[0]?.timestamp, new Date(ARRIVED).toISOString());
  });
});
