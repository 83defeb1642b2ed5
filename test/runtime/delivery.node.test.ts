// The pure delivery transition, as a table: outbox state × event → effects and the message's fate.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {EMPTY_OUTBOX, FAIL_AFTER_MS, MAX_SENDS, RESEND_AFTER_MS, deliver} from '../../src/runtime/delivery.js';
import type {DeliveryEvent, Outbox, Outgoing} from '../../src/runtime/delivery.js';

const T0 = 1_000_000;

function entry(over: Partial<Outgoing> = {}): Outgoing {
  return {clientEventId: 'a', text: 'hi', sends: 1, sentOn: 7, waitingSince: T0, framesAtSend: 3, failed: false, wentOut: true, ...over};
}
const box = (over: Partial<Outgoing> = {}, connection: number | null = 7): Outbox => ({entries: [entry(over)], connection});
const stamp = {at: T0, frames: 3};

type Row = readonly [name: string, outbox: Outbox, event: DeliveryEvent, effects: string, after: Partial<Outgoing> | 'gone'];

// Effects as tokens: send, wait:<ms>, stop, failed, probe.
const ROWS: readonly Row[] = [
  ['queued, connected: sent at once', {entries: [], connection: 7}, {type: 'queued', clientEventId: 'a', text: 'hi', ...stamp}, `send wait:${RESEND_AFTER_MS}`, {sends: 1, sentOn: 7, waitingSince: T0, wentOut: true}],
  ['queued, no connection: waits', EMPTY_OUTBOX, {type: 'queued', clientEventId: 'a', text: 'hi', ...stamp}, '', {sends: 0, sentOn: null, wentOut: false}],
  ['restored: waits for the replay', {entries: [], connection: 7}, {type: 'restored', clientEventId: 'a', text: 'hi', failed: false, wentOut: true, ...stamp}, '', {sends: 0, sentOn: null, wentOut: true}],
  ['restored, never sent by its page: stays so', {entries: [], connection: 7}, {type: 'restored', clientEventId: 'a', text: 'hi', failed: false, wentOut: false, ...stamp}, '', {sends: 0, wentOut: false}],
  ['connected: a waiting message goes out', box({sends: 0, sentOn: null, waitingSince: null}, null), {type: 'connected', connection: 8, ...stamp}, `send wait:${RESEND_AFTER_MS}`, {sends: 1, sentOn: 8}],
  ['connected: a message whose sends are spent has failed', box({sends: MAX_SENDS, sentOn: null, waitingSince: null}, null), {type: 'connected', connection: 8, ...stamp}, 'stop failed', {failed: true}],
  ['connected: a failed message stays failed', box({failed: true, sentOn: null}, null), {type: 'connected', connection: 8, ...stamp}, '', {failed: true}],
  ['disconnected: off the wire, timer stopped', box(), {type: 'disconnected', ...stamp}, 'stop', {sentOn: null, waitingSince: null}],
  ['confirmed: gone, timer stopped', box(), {type: 'confirmed', clientEventIds: ['a'], ...stamp}, 'stop', 'gone'],
  ['due, frames since: sent again', box(), {type: 'due', clientEventId: 'a', at: T0 + RESEND_AFTER_MS, frames: 5}, `send wait:${RESEND_AFTER_MS}`, {sends: 2, framesAtSend: 5, waitingSince: T0}],
  ['due, nothing since: probe, no send', box(), {type: 'due', clientEventId: 'a', at: T0 + RESEND_AFTER_MS, frames: 3}, `probe wait:${RESEND_AFTER_MS}`, {sends: 1}],
  ['due, sends spent: wait out the deadline', box({sends: MAX_SENDS}), {type: 'due', clientEventId: 'a', at: T0 + 16_000, frames: 9}, `wait:${FAIL_AFTER_MS - 16_000}`, {sends: MAX_SENDS}],
  ['due near the deadline: the last wait ends on it', box({sends: 3}), {type: 'due', clientEventId: 'a', at: T0 + 15_000, frames: 9}, `send wait:${FAIL_AFTER_MS - 15_000}`, {sends: 4}],
  ['due at the deadline: failed', box({sends: 2}), {type: 'due', clientEventId: 'a', at: T0 + FAIL_AFTER_MS, frames: 9}, 'stop failed', {failed: true, sentOn: null}],
  ['due on an old connection: ignored', box({sentOn: 6}), {type: 'due', clientEventId: 'a', at: T0 + FAIL_AFTER_MS, frames: 9}, '', {sentOn: 6}],
  ['retried while connected: a fresh start, sent', box({failed: true, sends: 4, sentOn: null, waitingSince: null}), {type: 'retried', clientEventId: 'a', ...stamp}, `send wait:${RESEND_AFTER_MS}`, {failed: false, sends: 1}],
  ['retried, not connected: it went out before all the same', box({failed: true, sends: 4, sentOn: null, waitingSince: null}, null), {type: 'retried', clientEventId: 'a', ...stamp}, '', {failed: false, sends: 0, wentOut: true}],
  ['retried while not failed: nothing', box(), {type: 'retried', clientEventId: 'a', ...stamp}, '', {sends: 1}],
];

function tokens(outbox: Outbox, event: DeliveryEvent): string {
  return deliver(outbox, event)
    .effects.map((effect) => (effect.type === 'wait' ? `wait:${effect.delayMs}` : effect.type === 'stop-waiting' ? 'stop' : effect.type))
    .join(' ');
}

describe('delivery transition table', () => {
  for (const [name, outbox, event, effects, after] of ROWS) {
    test(name, () => {
      assert.equal(tokens(outbox, event), effects);
      const next = deliver(outbox, event).outbox.entries.find((e) => e.clientEventId === 'a');
      if (after === 'gone') assert.equal(next, undefined);
      else {
        assert.ok(next);
        for (const [key, value] of Object.entries(after)) assert.deepEqual(next[key as keyof Outgoing], value, key);
      }
    });
  }

  test('an event that changes nothing returns the same outbox', () => {
    const outbox = box();
    assert.equal(deliver(outbox, {type: 'confirmed', clientEventIds: ['other'], ...stamp}).outbox, outbox);
    assert.equal(deliver(outbox, {type: 'due', clientEventId: 'missing', ...stamp}).outbox, outbox);
  });

  test('a message on a healthy connection is sent at most MAX_SENDS times and fails within 20 s', () => {
    let outbox: Outbox = {entries: [], connection: 1};
    let at = T0;
    let sends = 0;
    let failedAt: number | null = null;
    let timer: number | null = null;
    const run = (event: DeliveryEvent): void => {
      const result = deliver(outbox, event);
      outbox = result.outbox;
      for (const effect of result.effects) {
        if (effect.type === 'send') sends++;
        if (effect.type === 'wait') timer = at + effect.delayMs;
        if (effect.type === 'stop-waiting') timer = null;
        if (effect.type === 'failed') failedAt = at;
      }
    };
    run({type: 'queued', clientEventId: 'a', text: 'hi', at, frames: 0});
    for (let frames = 1; failedAt === null && timer !== null; frames++) {
      at = timer;
      run({type: 'due', clientEventId: 'a', at, frames});
    }
    assert.equal(sends, MAX_SENDS);
    assert.ok(failedAt !== null && failedAt - T0 <= 20_000);
  });
});
