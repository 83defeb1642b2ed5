import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {backoffDelay} from '../../src/machine/backoff-delay.js';

describe('backoffDelay', () => {
  it('follows 1, 2, 4, 8, 16, 30, 30 s at the nominal jitter (0.5)', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((attempt) => backoffDelay(attempt, 0.5));
    assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
  });

  it('spreads each delay by ±20 %, inside the protocol bounds of 1 s and 30 s, jitter included', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffDelay(attempt, 0)),
      [1000, 1600, 3200, 6400, 12800, 24000, 24000],
    );
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffDelay(attempt, 0.999999)),
      [1200, 2400, 4800, 9600, 19200, 30000, 30000],
    );
    assert.equal(backoffDelay(1, 0.25), 1000);
    assert.equal(backoffDelay(2, 0.25), 1800);
    assert.equal(backoffDelay(6, 0.75), 30000);
    assert.equal(backoffDelay(5, 0.75), 17600);
  });

  it('stays within the bounds for any jitter draw', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const nominal = Math.min(30000, 1000 * 2 ** (attempt - 1));
      for (let i = 0; i < 100; i++) {
        const delay = backoffDelay(attempt, i / 100);
        assert.ok(delay >= nominal * 0.8 && delay <= nominal * 1.2, `attempt ${attempt}: ${delay}`);
        assert.ok(delay >= 1000 && delay <= 30000, `attempt ${attempt}: ${delay} outside 1–30 s`);
        assert.ok(Number.isInteger(delay));
      }
    }
  });

  it('clamps nonsense input to a positive delay', () => {
    assert.equal(backoffDelay(0, 0.5), 1000);
    assert.equal(backoffDelay(-3, 0.5), 1000);
    assert.equal(backoffDelay(Number.NaN, 0.5), 1000);
    assert.equal(backoffDelay(1, Number.NaN), 1000);
    assert.equal(backoffDelay(1, -1), 1000);
    assert.equal(backoffDelay(1, 7), 1200);
    assert.equal(backoffDelay(Number.POSITIVE_INFINITY, 0.5), 1000);
    assert.equal(backoffDelay(1000, 0.5), 30000);
  });
});
