// The one timer behind "Today"/"Yesterday": set for the next local midnight, it moves `today` and
// asks for one render when the day changes, and is cleared when the element leaves the page.
import assert from 'node:assert/strict';
import {afterEach, beforeEach, describe, mock, test} from 'node:test';
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {DayController} from '../../src/element/day-controller.js';
import {startOfDay} from '../../src/view/timestamps.js';

function fakeHost(): ReactiveControllerHost & {updates: number; controllers: ReactiveController[]} {
  const host = {
    updates: 0,
    controllers: [] as ReactiveController[],
    addController(controller: ReactiveController) {
      host.controllers.push(controller);
    },
    removeController() {},
    requestUpdate() {
      host.updates++;
    },
    updateComplete: Promise.resolve(true),
  };
  return host;
}

describe('DayController', () => {
  beforeEach(() => mock.timers.enable({apis: ['setTimeout', 'Date'], now: new Date(2026, 11, 5, 23, 58).getTime()}));
  afterEach(() => mock.timers.reset());

  test('today moves at midnight, with one render and nothing before', () => {
    const host = fakeHost();
    const day = new DayController(host);
    day.hostConnected();
    assert.equal(day.today, new Date(2026, 11, 5).getTime());
    mock.timers.tick(60_000);
    assert.equal(host.updates, 0, 'nothing ticks every minute');
    mock.timers.tick(2 * 60_000);
    assert.equal(day.today, new Date(2026, 11, 6).getTime());
    assert.equal(host.updates, 1);
    mock.timers.tick(24 * 3_600_000);
    assert.equal(day.today, new Date(2026, 11, 7).getTime());
    assert.equal(host.updates, 2);
  });

  test('disconnected: no timer left; connected again on a later day: today is current at once', () => {
    const host = fakeHost();
    const day = new DayController(host);
    day.hostConnected();
    day.hostDisconnected();
    mock.timers.tick(3 * 24 * 3_600_000);
    assert.equal(host.updates, 0, 'the cleared timer never fired');
    day.hostConnected();
    assert.equal(day.today, startOfDay(Date.now()));
    assert.equal(host.updates, 1);
  });
});
