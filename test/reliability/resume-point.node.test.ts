// The reconnect cursor never skips an event that a drop cut out of a reordered stream.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {START_POINT, closeGapsThrough, noteSequence, resumeCursor} from '../../src/protocol/resume-point.js';
import type {ResumePoint} from '../../src/protocol/resume-point.js';
import {createRng} from '../helpers/node/protocol-prng.js';

const note = (point: ResumePoint, ...sequences: number[]): ResumePoint => sequences.reduce(noteSequence, point);

describe('resume point', () => {
  it('follows an in-order stream: the cursor is the highest sequence', () => {
    assert.equal(resumeCursor(note(START_POINT, 1, 2, 3, 4)), 4);
  });

  it('stays below a hole: 5 arrived before 4, then the drop — 4 must be replayed', () => {
    const point = note(START_POINT, 1, 2, 3, 5);
    assert.equal(resumeCursor(point), 3);
    assert.equal(resumeCursor(noteSequence(point, 4)), 5, 'the late event fills the hole');
  });

  it('ignores duplicates, old sequences and nonsense', () => {
    const point = note(START_POINT, 1, 2, 2, 1, 4, 4, -3, 1.5, Number.NaN, Number.MAX_VALUE);
    assert.deepEqual(point, {floor: 2, above: [4]});
  });

  it('a replay that ran past a hole without filling it shows a gap in the numbering', () => {
    const point = note(START_POINT, 1, 2, 5, 9);
    // The replay (cursor 2) brought 5..7 in order: 3 and 4 do not exist; 8 is still a hole.
    const replayed = closeGapsThrough(note(point, 5, 6, 7), 7);
    assert.deepEqual(replayed, {floor: 7, above: [9]});
    assert.equal(resumeCursor(replayed), 7);
  });

  it('never goes back and never passes an unreplayed hole, whatever the arrival order (property)', () => {
    const rng = createRng(7);
    for (let run = 0; run < 500; run++) {
      const total = rng.int(1, 40);
      const all = Array.from({length: total}, (_, i) => i + 1);
      const arrived = rng.shuffle([...all]).slice(0, rng.int(0, total));
      let point = START_POINT;
      let previous = 0;
      for (const sequence of arrived) {
        point = noteSequence(point, sequence);
        assert.ok(resumeCursor(point) >= previous, 'the cursor went back');
        previous = resumeCursor(point);
      }
      const missing = all.filter((sequence) => !arrived.includes(sequence));
      const expected = missing.length === 0 ? Math.max(0, ...arrived) : Math.min(...missing) - 1;
      assert.equal(resumeCursor(point), expected, `arrived ${arrived.join(',')}`);
    }
  });
});
