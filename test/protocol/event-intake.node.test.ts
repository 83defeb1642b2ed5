// EventIntake: the one owner of "is this event new" and of the reconnect cursor.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {EventIntake} from '../../src/protocol/event-intake.js';
import type {ServerEvent} from '../../src/protocol/wire.js';

const thinking = (id: string, sequence: number | null): ServerEvent => ({type: 'EVENT_TYPE_POLY_AGENT_THINKING', id, sequence});
const heartbeat = (sequence: number | null): ServerEvent => ({type: 'EVENT_TYPE_HEARTBEAT', id: 'synthetic:heartbeat', sequence});

describe('EventIntake', () => {
  test('lets each id through once per session, in order; all new gives the same array', () => {
    const intake = new EventIntake();
    intake.socketOpened('s1');
    const first = [thinking('a', 1), thinking('b', 2)];
    assert.equal(intake.accept(first), first);
    assert.deepEqual(intake.accept([thinking('b', 2), thinking('c', 3), thinking('a', 1)]).map((e) => e.id), ['c']);
    intake.socketOpened('s2');
    assert.deepEqual(intake.accept([thinking('a', 1)]).map((e) => e.id), ['a'], 'another session starts afresh');
  });

  test('never deduplicates heartbeat echoes: each is proof of life', () => {
    const intake = new EventIntake();
    intake.socketOpened('s1');
    assert.equal(intake.accept([heartbeat(null), heartbeat(null)]).length, 2);
    assert.equal(intake.accept([heartbeat(null)]).length, 1);
  });

  test('the cursor is the highest sequence applied: gaps never hold it back, transient events never move it', () => {
    const intake = new EventIntake();
    intake.socketOpened('s1');
    intake.applied([thinking('a', 3), thinking('b', 9), thinking('c', null), thinking('d', 5)], false);
    assert.equal(intake.cursor, 9);
    intake.applied([thinking('e', 4)], false);
    assert.equal(intake.cursor, 9, 'never lowered');
    intake.socketOpened('s2');
    assert.equal(intake.cursor, 0, 'another session starts at 0');
  });

  test('live events count once the socket\'s replay is complete', () => {
    const intake = new EventIntake();
    intake.socketOpened('s1');
    intake.applied([thinking('a', 2)], false);
    intake.applied([thinking('b', 7)], true);
    assert.equal(intake.cursor, 2, 'the replay may still hold 3–6');
    intake.replayComplete();
    assert.equal(intake.cursor, 7);
    intake.applied([thinking('c', 8)], true);
    assert.equal(intake.cursor, 8, 'after the replay, live events count at once');
    intake.socketOpened('s1');
    intake.applied([thinking('d', 12)], true);
    assert.equal(intake.cursor, 8, 'a new socket of the same session: its replay first');
  });
});
