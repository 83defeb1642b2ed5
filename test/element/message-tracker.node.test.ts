import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {MessageTracker} from '../../src/element/message-tracker.js';
import type {PolyChatMessage} from '../../src/protocol/message.js';

const msg = (id: string, role: PolyChatMessage['role'] = 'agent', complete = true): PolyChatMessage => ({
  id,
  role,
  text: id,
  complete,
  attachments: [],
  suggestions: [],
});
const ids = (messages: readonly PolyChatMessage[]): string[] => messages.map((message) => message.id);

describe('MessageTracker', () => {
  it('treats the first observation as history', () => {
    const tracker = new MessageTracker();
    assert.deepEqual(ids(tracker.observe([msg('a'), msg('b')]).completed), []);
    assert.deepEqual(ids(tracker.observe([msg('a'), msg('b'), msg('c')]).completed), ['c']);
  });

  it('treats a batch of three or more new messages as a replay', () => {
    const tracker = new MessageTracker();
    tracker.observe([]);
    const replay = tracker.observe([msg('a'), msg('b', 'user'), msg('c')]);
    assert.deepEqual([ids(replay.completed), ids(replay.arrived)], [[], []]);
    const next = tracker.observe([msg('a'), msg('b', 'user'), msg('c'), msg('d')]);
    assert.deepEqual(ids(next.completed), ['d']);
  });

  it('treats the older part of a replay applied newest first as history, however few its messages', () => {
    const tracker = new MessageTracker();
    tracker.observe([]);
    const newest = tracker.observe([msg('c'), msg('d'), msg('e')], true);
    assert.deepEqual([ids(newest.completed), ids(newest.arrived)], [[], []]);
    const older = tracker.observe([msg('a'), msg('c'), msg('d'), msg('e')], true);
    assert.deepEqual([ids(older.completed), ids(older.arrived)], [[], []]);
    const live = tracker.observe([msg('a'), msg('c'), msg('d'), msg('e'), msg('f')]);
    assert.deepEqual(ids(live.completed), ['f']);
  });

  it('announces a streamed message once, when it completes', () => {
    const tracker = new MessageTracker();
    tracker.observe([]);
    const started = tracker.observe([msg('s', 'agent', false)]);
    assert.deepEqual([ids(started.completed), ids(started.arrived)], [[], ['s']]);
    assert.deepEqual(ids(tracker.observe([{...msg('s', 'agent', false), text: 'more'}]).completed), []);
    assert.deepEqual(ids(tracker.observe([msg('s')]).completed), ['s']);
    assert.deepEqual(ids(tracker.observe([msg('s'), msg('u', 'user')]).completed), []);
  });

  it("never reports the user's own messages; system notices are announced but not unread", () => {
    const tracker = new MessageTracker();
    tracker.observe([]);
    const changes = tracker.observe([msg('u', 'user'), msg('n', 'system')]);
    assert.deepEqual([ids(changes.completed), ids(changes.arrived)], [['n'], []]);
  });

  it('ignores the same array twice and forgets pending messages that vanished', () => {
    const tracker = new MessageTracker();
    tracker.observe([]);
    const list = [msg('x', 'agent', false)];
    tracker.observe(list);
    assert.deepEqual(tracker.observe(list).completed, []);
    tracker.observe([]);
    assert.deepEqual(ids(tracker.observe([msg('x')]).completed), []);
  });
});
