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
    intake.useSession('s1');
    const first = [thinking('a', 1), thinking('b', 2)];
    assert.equal(intake.accept(first), first);
    assert.deepEqual(intake.accept([thinking('b', 2), thinking('c', 3), thinking('a', 1)]).map((e) => e.id), ['c']);
    intake.useSession('s2');
    assert.deepEqual(intake.accept([thinking('a', 1)]).map((e) => e.id), ['a'], 'another session starts afresh');
  });

  test('never deduplicates heartbeat echoes: each is proof of life', () => {
    const intake = new EventIntake();
    intake.useSession('s1');
    assert.equal(intake.accept([heartbeat(null), heartbeat(null)]).length, 2);
    assert.equal(intake.accept([heartbeat(null)]).length, 1);
  });

  test('the cursor waits below a hole until a replay runs past it; transient events never move it', () => {
    const intake = new EventIntake();
    intake.useSession('s1');
    intake.applied([thinking('a', 1), thinking('b', 3), thinking('c', null)]);
    assert.equal(intake.cursor, 1, '2 may still be on its way');
    intake.applied([thinking('d', 3), thinking('e', 5)], true);
    assert.equal(intake.cursor, 5, 'the replay ran past 2 and 4: gaps in the numbering');
    intake.useSession('s2');
    assert.equal(intake.cursor, 0);
  });
});
