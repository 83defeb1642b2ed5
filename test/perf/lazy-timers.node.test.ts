// LazyTimers (runtime/lazy-timers.ts): restarting a timer to a later deadline moves the deadline
// without a new timeout; the callback still runs exactly once, at the latest deadline.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {LazyTimers} from '../../src/runtime/lazy-timers.js';
import {FakeClock} from '../helpers/node/fake-clock.js';

function setup(): {
  clock: FakeClock;
  timers: LazyTimers<string>;
  fired: string[];
} {
  const clock = new FakeClock(1_000);
  const timers = new LazyTimers<string>({
    now: clock.now,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
  });
  return {clock, timers, fired: []};
}

describe('LazyTimers', () => {
  it('a later restart moves the deadline: one timeout, one call, at the last deadline', () => {
    const {clock, timers, fired} = setup();
    timers.start('t', 100, () => fired.push('first'));
    for (let i = 1; i <= 50; i++) {
      clock.advance(10);
      timers.start('t', 100, () => fired.push(`restart ${i}`));
    }
    assert.equal(clock.pendingCount, 1, 'restarts reuse the armed timeout');
    clock.advance(99);
    assert.deepEqual(fired, []);
    clock.advance(1);
    assert.deepEqual(fired, ['restart 50']);
    assert.equal(timers.size, 0);
  });

  it('an earlier restart re-arms for real, cancel and clear stop it', () => {
    const {clock, timers, fired} = setup();
    timers.start('a', 1_000, () => fired.push('a late'));
    timers.start('a', 10, () => fired.push('a early'));
    clock.advance(10);
    assert.deepEqual(fired, ['a early']);
    timers.start('b', 10, () => fired.push('b'));
    timers.cancel('b');
    timers.start('c', 10, () => fired.push('c'));
    timers.clear();
    clock.advance(1_000);
    assert.deepEqual(fired, ['a early']);
    assert.equal(clock.pendingCount, 0);
  });

  it('never fires with a zero or negative delay before 1 ms', () => {
    const {clock, timers, fired} = setup();
    timers.start('z', 0, () => fired.push('z'));
    assert.deepEqual(fired, []);
    clock.advance(1);
    assert.deepEqual(fired, ['z']);
  });
});
