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

  test('the cursor stops below a hole until the hole is filled; transient events never move it', () => {
    const intake = new EventIntake();
    intake.socketOpened('s1');
    intake.applied([thinking('a', 1), thinking('b', 2), thinking('c', null), thinking('d', 4)], true);
    assert.equal(intake.cursor, 2, '3 may still be on its way');
    assert.equal(intake.top, 0, 'live events during the replay count later');
    intake.applied([thinking('e', 3)], true);
    assert.equal(intake.cursor, 4, 'the hole filled: on to the highest that follows');
    intake.socketOpened('s2');
    assert.equal(intake.cursor, 0, 'another session starts at 0');
  });

  test('a history batch proves the holes below its newest event are gaps in the numbering', () => {
    const intake = new EventIntake();
    intake.socketOpened('s1');
    intake.applied([thinking('a', 1), thinking('b', 3)], false);
    assert.equal(intake.cursor, 3, 'the server replays all it has after the cursor, in order: 2 does not exist');
    intake.applied([thinking('c', 12)], true);
    intake.applied([thinking('d', 9), thinking('e', 6)], false);
    assert.equal(intake.cursor, 9, 'a later batch: 4–5 and 7–8 do not exist; 10 and 11 may still come');
    intake.replayComplete();
    assert.equal(intake.top, 12);
    intake.applied([thinking('f', 11), thinking('g', 10)], true);
    assert.equal(intake.cursor, 12, 'filled out of order, then on through 12');
    intake.applied([thinking('h', 5)], true);
    assert.equal(intake.cursor, 12, 'never lowered');
  });

  test('live events count in `top` once the socket\'s replay is complete', () => {
    const intake = new EventIntake();
    intake.socketOpened('s1');
    intake.applied([thinking('a', 2)], false);
    intake.applied([thinking('b', 7)], true);
    assert.equal(intake.top, 2, 'the replay may still hold 3–6');
    intake.replayComplete();
    assert.equal(intake.top, 7);
    assert.equal(intake.cursor, 2, '3–6 may still come: 7 came live');
    intake.applied([thinking('c', 8)], true);
    assert.equal(intake.top, 8, 'after the replay, live events count at once');
    intake.socketOpened('s1');
    intake.applied([thinking('d', 12)], true);
    assert.equal(intake.top, 8, 'a new socket of the same session: its replay first');
    intake.applied([thinking('e', 3), thinking('f', 12)], false);
    assert.equal(intake.cursor, 12, 'its replay proved 4–6 and 9–11 are gaps');
  });
});
