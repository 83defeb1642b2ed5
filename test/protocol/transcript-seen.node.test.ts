// The id table behind dedup and reply lookup: exact answers whatever the ids look like, including
// ids that hash alike (only the edges of an id are hashed) and tables that grow many times.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {addId, createSeen, findId, firstSight, seenNothing} from '../../src/protocol/transcript-seen.js';

/** Ids of many shapes: UUID-like, counters at either end, and ones differing only in the middle. */
function idsOfEveryShape(count: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(`0190a1b4-5c6d-7e8f-9a0b-${i.toString(16).padStart(12, '0')}`);
    ids.push(`${i}-evt`);
    ids.push(`evt-${i}`);
    ids.push(`session-aaaaaaaa-${i}-bbbbbbbb-tail`); // same first and last 8 characters
  }
  ids.push('', 'a', 'é', '😀');
  return ids;
}

describe('transcript id table', () => {
  it('sees each id once and finds every one at its position, across growth', () => {
    const seen = createSeen();
    assert.equal(seenNothing(seen), true);
    const ids = idsOfEveryShape(3000);
    ids.forEach((id, index) => {
      assert.equal(findId(seen, id), -1, `${id} is not there yet`);
      assert.equal(firstSight(seen, id), true, `${id} is new`);
      assert.equal(findId(seen, id), index);
    });
    assert.equal(seenNothing(seen), false);
    for (const id of ids) assert.equal(firstSight(seen, id), false, `${id} was seen`);
    ids.forEach((id, index) => assert.equal(findId(seen, id), index));
    assert.equal(findId(seen, 'session-aaaaaaaa-3000-bbbbbbbb-tail'), -1);
  });

  it('addId returns the position findId gives back', () => {
    const seen = createSeen();
    assert.equal(addId(seen, 'm-1'), 0);
    assert.equal(addId(seen, 'm-2'), 1);
    assert.equal(findId(seen, 'm-2'), 1);
    assert.equal(findId(seen, 'm-3'), -1);
  });
});
