import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {backoffDelay} from '../../src/machine/backoff-delay.js';

describe('backoffDelay', () => {
  it('follows 1, 2, 4, 8, 16, 30, 30 s at the nominal jitter (0.5)', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((attempt) => backoffDelay(attempt, 0.5));
    assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
  });

  it('spreads each delay by exactly ±20 % across the jitter range', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffDelay(attempt, 0)),
      [800, 1600, 3200, 6400, 12800, 24000, 24000],
    );
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffDelay(attempt, 0.999999)),
      [1200, 2400, 4800, 9600, 19200, 36000, 36000],
    );
    assert.equal(backoffDelay(1, 0.25), 900);
    assert.equal(backoffDelay(6, 0.75), 33000);
  });

  it('stays within the bounds for any jitter draw', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const nominal = Math.min(30000, 1000 * 2 ** (attempt - 1));
      for (let i = 0; i < 100; i++) {
        const delay = backoffDelay(attempt, i / 100);
        assert.ok(delay >= nominal * 0.8 && delay <= nominal * 1.2, `attempt ${attempt}: ${delay}`);
        assert.ok(Number.isInteger(delay));
      }
    }
  });

  it('clamps nonsense input to a positive delay', () => {
    assert.equal(backoffDelay(0, 0.5), 1000);
    assert.equal(backoffDelay(-3, 0.5), 1000);
    assert.equal(backoffDelay(Number.NaN, 0.5), 1000);
    assert.equal(backoffDelay(1, Number.NaN), 1000);
    assert.equal(backoffDelay(1, -1), 800);
    assert.equal(backoffDelay(1, 7), 1200);
    assert.equal(backoffDelay(Number.POSITIVE_INFINITY, 0.5), 1000);
    assert.equal(backoffDelay(1000, 0.5), 30000);
  });
});
