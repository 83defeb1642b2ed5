// The environment knobs of the test suite (PROPERTY_SEEDS, FUZZ_SEED, CHAOS_SEED, CHAOS_SEEDS):
// a value that is set but not understood is a clear error, never a run of zero iterations.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {countKnob, seedKnob, seedRangeKnob} from '../helpers/env-knobs.js';

describe('test environment knobs', () => {
  it('unset gives the default; a whole number is taken', () => {
    assert.equal(countKnob('PROPERTY_SEEDS', undefined, 400), 400);
    assert.equal(countKnob('PROPERTY_SEEDS', '25', 400), 25);
    assert.equal(seedKnob('FUZZ_SEED', undefined, 7), 7);
    assert.equal(seedKnob('FUZZ_SEED', '0', 7), 0);
    assert.deepEqual(seedRangeKnob('CHAOS_SEEDS', undefined, 1000, 3), [1000, 1001, 1002]);
    assert.deepEqual(seedRangeKnob('CHAOS_SEEDS', '2', 1000, 200), [1000, 1001]);
    assert.deepEqual(seedRangeKnob('CHAOS_SEEDS', '5000-5002', 1000, 200), [5000, 5001, 5002]);
    assert.deepEqual(seedRangeKnob('CHAOS_SEEDS', '7-7', 1000, 200), [7]);
  });

  it('NaN, negative, zero, fractional, empty or a reversed range is an error naming the knob', () => {
    for (const raw of ['', ' ', 'abc', 'NaN', '-3', '0', '2.5', '1e3', 'Infinity']) {
      assert.throws(() => countKnob('PROPERTY_SEEDS', raw, 400), /PROPERTY_SEEDS=.* is not understood/, `count ${JSON.stringify(raw)}`);
    }
    for (const raw of ['', 'abc', '-1', '1.5']) {
      assert.throws(() => seedKnob('CHAOS_SEED', raw, 1000), /CHAOS_SEED=.* is not understood/, `seed ${JSON.stringify(raw)}`);
    }
    for (const raw of ['', 'x', '0', '-5', '5-3', '1-', '-', '1-2-3', 'a-b']) {
      assert.throws(() => seedRangeKnob('CHAOS_SEEDS', raw, 1000, 200), /CHAOS_SEEDS=.* is not understood/, `range ${JSON.stringify(raw)}`);
    }
  });
});
