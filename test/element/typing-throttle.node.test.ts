import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {TypingThrottle} from '../../src/element/typing-throttle.js';
import type {TypingClock} from '../../src/element/typing-throttle.js';

/** A manual clock: timers fire only when the test advances time. */
function fakeClock(): TypingClock & {advance(ms: number): void; pending(): number} {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, {at: number; callback: () => void}>();
  return {
    now: () => now,
    setTimeout: (callback, ms) => {
      const id = nextId++;
      timers.set(id, {at: now + ms, callback});
      return id;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
    advance(ms) {
      now += ms;
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at <= now) {
          timers.delete(id);
          timer.callback();
        }
      }
    },
    pending: () => timers.size,
  };
}

describe('TypingThrottle', () => {
  it('sends STARTED once per burst and STOPPED after 5 s of silence', () => {
    const clock = fakeClock();
    const signals: boolean[] = [];
    const throttle = new TypingThrottle((active) => signals.push(active), {clock});
    for (let i = 0; i < 10; i++) {
      clock.advance(300);
      throttle.input(true);
    }
    assert.deepEqual(signals, [true]);
    clock.advance(4_999);
    assert.deepEqual(signals, [true]);
    clock.advance(1);
    assert.deepEqual(signals, [true, false]);
    assert.equal(clock.pending(), 0);
  });

  it('refreshes STARTED at most every 10 s while typing continues', () => {
    const clock = fakeClock();
    const signals: boolean[] = [];
    const throttle = new TypingThrottle((active) => signals.push(active), {clock});
    for (let i = 0; i < 25; i++) {
      throttle.input(true);
      clock.advance(1_000);
    }
    assert.deepEqual(signals, [true, true, true]);
  });

  it('sends STOPPED when the draft is emptied or on stop(), and nothing when not typing', () => {
    const clock = fakeClock();
    const signals: boolean[] = [];
    const throttle = new TypingThrottle((active) => signals.push(active), {clock});
    throttle.stop();
    throttle.input(false);
    assert.deepEqual(signals, []);
    throttle.input(true);
    throttle.input(false);
    throttle.input(true);
    throttle.stop();
    assert.deepEqual(signals, [true, false, true, false]);
    assert.equal(clock.pending(), 0);
  });

  it('dispose() clears the timer silently', () => {
    const clock = fakeClock();
    const signals: boolean[] = [];
    const throttle = new TypingThrottle((active) => signals.push(active), {clock});
    throttle.input(true);
    throttle.dispose();
    clock.advance(10_000);
    assert.deepEqual(signals, [true]);
    assert.equal(clock.pending(), 0);
  });
});
